CREATE TABLE "act_classification_requests" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"structure_id" uuid NOT NULL,
	"in_use_date" date,
	"requested_at" timestamp with time zone NOT NULL,
	"archive_name" text,
	"sent_at" timestamp with time zone,
	"answer_code" text,
	"answered_at" timestamp with time zone,
	"answer_date" date
);
--> statement-breakpoint
ALTER TABLE "act_letters" ADD COLUMN "reply_archive_file_id" uuid;--> statement-breakpoint
ALTER TABLE "act_classification_requests" ADD CONSTRAINT "act_classification_requests_structure_id_structures_id_fk" FOREIGN KEY ("structure_id") REFERENCES "public"."structures"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "act_classification_requests_structure_idx" ON "act_classification_requests" USING btree ("structure_id","requested_at");--> statement-breakpoint
ALTER TABLE "act_letters" ADD CONSTRAINT "act_letters_reply_archive_file_id_stored_files_id_fk" FOREIGN KEY ("reply_archive_file_id") REFERENCES "public"."stored_files"("id") ON DELETE no action ON UPDATE no action;