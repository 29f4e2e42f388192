CREATE TYPE "public"."stored_file_backend" AS ENUM('disk', 's3');--> statement-breakpoint
CREATE TYPE "public"."stored_file_kind" AS ENUM('act', 'accounting_flow', 'tender_document', 'bid', 'attachment');--> statement-breakpoint
CREATE TABLE "stored_files" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"kind" "stored_file_kind" NOT NULL,
	"sha256" text NOT NULL,
	"size" bigint NOT NULL,
	"media_type" text NOT NULL,
	"file_name" text NOT NULL,
	"backend" "stored_file_backend" NOT NULL,
	"object_key" text NOT NULL,
	"owning_structure_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "stored_files_sha256_format" CHECK ("stored_files"."sha256" ~ '^[0-9a-f]{64}$'),
	CONSTRAINT "stored_files_size_not_negative" CHECK ("stored_files"."size" >= 0)
);
--> statement-breakpoint
ALTER TABLE "stored_files" ADD CONSTRAINT "stored_files_owning_structure_id_structures_id_fk" FOREIGN KEY ("owning_structure_id") REFERENCES "public"."structures"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "stored_files_content_idx" ON "stored_files" USING btree ("backend","sha256");--> statement-breakpoint
CREATE INDEX "stored_files_object_idx" ON "stored_files" USING btree ("backend","object_key");--> statement-breakpoint
CREATE INDEX "stored_files_structure_idx" ON "stored_files" USING btree ("owning_structure_id") WHERE "stored_files"."owning_structure_id" is not null;