CREATE TYPE "public"."act_status" AS ENUM('EN_ATTENTE_TRANSMISSION', 'TRANSMIS', 'ACQUITTE', 'ERREUR', 'ANNULATION_DEMANDEE', 'ANNULE', 'DEFERE', 'VALIDE');--> statement-breakpoint
CREATE TABLE "act_classifications" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"structure_id" uuid NOT NULL,
	"classification_date" date NOT NULL,
	"tree" jsonb NOT NULL,
	"received_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "act_envelope_serials" (
	"structure_id" uuid PRIMARY KEY NOT NULL,
	"last" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "act_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"act_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"status" "act_status" NOT NULL,
	"label" text NOT NULL,
	"detail" jsonb,
	"dedupe_key" text,
	"at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "act_letters" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"act_id" uuid NOT NULL,
	"code" text NOT NULL,
	"letter_date" date NOT NULL,
	"text" text NOT NULL,
	"file_id" uuid,
	"received_at" timestamp with time zone NOT NULL,
	"read_at" timestamp with time zone,
	"reply_code" text,
	"reply_requested_at" timestamp with time zone,
	"replied_at" timestamp with time zone,
	"reply_archive_name" text,
	"dedupe_key" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "act_mails" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"message_id" text NOT NULL,
	"subject" text NOT NULL,
	"raw_file_id" uuid,
	"outcome" text NOT NULL,
	"problem" text,
	"received_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "act_notifications" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"act_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"message" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"read_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "act_pieces" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"act_id" uuid NOT NULL,
	"reply_id" uuid,
	"position" integer NOT NULL,
	"file_id" uuid NOT NULL,
	"typology" text NOT NULL,
	"extension" text NOT NULL,
	"archive_name" text NOT NULL,
	"original_name" text NOT NULL,
	"signature_file_id" uuid
);
--> statement-breakpoint
CREATE TABLE "acts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"structure_id" uuid NOT NULL,
	"nature" integer NOT NULL,
	"classification" text NOT NULL,
	"classification_date" date NOT NULL,
	"number" text NOT NULL,
	"decision_date" date NOT NULL,
	"object" text NOT NULL,
	"status" "act_status" NOT NULL,
	"id_acte" text,
	"received_on" date,
	"window_ends_on" date,
	"window_suspended" integer DEFAULT 0 NOT NULL,
	"archive_name" text,
	"envelope_name" text,
	"archive_file_id" uuid,
	"sent_at" timestamp with time zone,
	"cancellation_archive_name" text,
	"error" text,
	"published_at" timestamp with time zone,
	"created_by" text NOT NULL,
	"created_by_person_id" uuid,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "acts_nature_range" CHECK ("acts"."nature" between 1 and 6)
);
--> statement-breakpoint
ALTER TABLE "act_classifications" ADD CONSTRAINT "act_classifications_structure_id_structures_id_fk" FOREIGN KEY ("structure_id") REFERENCES "public"."structures"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "act_envelope_serials" ADD CONSTRAINT "act_envelope_serials_structure_id_structures_id_fk" FOREIGN KEY ("structure_id") REFERENCES "public"."structures"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "act_events" ADD CONSTRAINT "act_events_act_id_acts_id_fk" FOREIGN KEY ("act_id") REFERENCES "public"."acts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "act_letters" ADD CONSTRAINT "act_letters_act_id_acts_id_fk" FOREIGN KEY ("act_id") REFERENCES "public"."acts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "act_letters" ADD CONSTRAINT "act_letters_file_id_stored_files_id_fk" FOREIGN KEY ("file_id") REFERENCES "public"."stored_files"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "act_mails" ADD CONSTRAINT "act_mails_raw_file_id_stored_files_id_fk" FOREIGN KEY ("raw_file_id") REFERENCES "public"."stored_files"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "act_notifications" ADD CONSTRAINT "act_notifications_act_id_acts_id_fk" FOREIGN KEY ("act_id") REFERENCES "public"."acts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "act_notifications" ADD CONSTRAINT "act_notifications_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "act_pieces" ADD CONSTRAINT "act_pieces_act_id_acts_id_fk" FOREIGN KEY ("act_id") REFERENCES "public"."acts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "act_pieces" ADD CONSTRAINT "act_pieces_file_id_stored_files_id_fk" FOREIGN KEY ("file_id") REFERENCES "public"."stored_files"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "act_pieces" ADD CONSTRAINT "act_pieces_signature_file_id_stored_files_id_fk" FOREIGN KEY ("signature_file_id") REFERENCES "public"."stored_files"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "acts" ADD CONSTRAINT "acts_structure_id_structures_id_fk" FOREIGN KEY ("structure_id") REFERENCES "public"."structures"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "acts" ADD CONSTRAINT "acts_archive_file_id_stored_files_id_fk" FOREIGN KEY ("archive_file_id") REFERENCES "public"."stored_files"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "acts" ADD CONSTRAINT "acts_created_by_person_id_people_id_fk" FOREIGN KEY ("created_by_person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "act_classifications_structure_date_uq" ON "act_classifications" USING btree ("structure_id","classification_date");--> statement-breakpoint
CREATE INDEX "act_events_act_idx" ON "act_events" USING btree ("act_id","id");--> statement-breakpoint
CREATE UNIQUE INDEX "act_events_dedupe_uq" ON "act_events" USING btree ("act_id","dedupe_key");--> statement-breakpoint
CREATE UNIQUE INDEX "act_letters_dedupe_uq" ON "act_letters" USING btree ("dedupe_key");--> statement-breakpoint
CREATE INDEX "act_letters_act_idx" ON "act_letters" USING btree ("act_id");--> statement-breakpoint
CREATE UNIQUE INDEX "act_mails_message_id_uq" ON "act_mails" USING btree ("message_id");--> statement-breakpoint
CREATE INDEX "act_mails_outcome_idx" ON "act_mails" USING btree ("outcome");--> statement-breakpoint
CREATE INDEX "act_notifications_person_idx" ON "act_notifications" USING btree ("person_id","created_at");--> statement-breakpoint
CREATE INDEX "act_pieces_act_idx" ON "act_pieces" USING btree ("act_id");--> statement-breakpoint
CREATE UNIQUE INDEX "acts_structure_number_uq" ON "acts" USING btree ("structure_id","number");--> statement-breakpoint
CREATE INDEX "acts_structure_created_idx" ON "acts" USING btree ("structure_id","created_at");--> statement-breakpoint
CREATE INDEX "acts_status_idx" ON "acts" USING btree ("status");--> statement-breakpoint
CREATE INDEX "acts_published_idx" ON "acts" USING btree ("structure_id","published_at");--> statement-breakpoint
CREATE UNIQUE INDEX "acts_envelope_name_uq" ON "acts" USING btree ("envelope_name");