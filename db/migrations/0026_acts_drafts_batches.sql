ALTER TYPE "public"."act_status" ADD VALUE 'BROUILLON' BEFORE 'EN_ATTENTE_TRANSMISSION';--> statement-breakpoint
CREATE TABLE "act_batches" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"structure_id" uuid NOT NULL,
	"acts_key" text NOT NULL,
	"act_count" integer NOT NULL,
	"created_by" text NOT NULL,
	"created_by_person_id" uuid,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "acts" ADD COLUMN "meeting_label" text;--> statement-breakpoint
ALTER TABLE "acts" ADD COLUMN "meeting_date" date;--> statement-breakpoint
ALTER TABLE "acts" ADD COLUMN "submitted_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "acts" ADD COLUMN "batch_id" uuid;--> statement-breakpoint
ALTER TABLE "act_batches" ADD CONSTRAINT "act_batches_structure_id_structures_id_fk" FOREIGN KEY ("structure_id") REFERENCES "public"."structures"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "act_batches" ADD CONSTRAINT "act_batches_created_by_person_id_people_id_fk" FOREIGN KEY ("created_by_person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "act_batches_structure_key_uq" ON "act_batches" USING btree ("structure_id","acts_key");--> statement-breakpoint
CREATE INDEX "act_batches_structure_created_idx" ON "act_batches" USING btree ("structure_id","created_at");--> statement-breakpoint
ALTER TABLE "acts" ADD CONSTRAINT "acts_batch_id_act_batches_id_fk" FOREIGN KEY ("batch_id") REFERENCES "public"."act_batches"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "acts_batch_idx" ON "acts" USING btree ("batch_id") WHERE "acts"."batch_id" is not null;