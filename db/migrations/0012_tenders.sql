CREATE TYPE "public"."tender_bid_part" AS ENUM('candidature', 'offre');--> statement-breakpoint
CREATE TYPE "public"."tender_consultation_status" AS ENUM('draft', 'published', 'closed', 'opened', 'awarded', 'notified');--> statement-breakpoint
CREATE TYPE "public"."tender_contract_nature" AS ENUM('works', 'supplies', 'services');--> statement-breakpoint
CREATE TABLE "tender_awards" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"consultation_id" uuid NOT NULL,
	"lot_id" uuid NOT NULL,
	"deposit_id" uuid NOT NULL,
	"amount" numeric(15, 2) NOT NULL,
	"reasons" text NOT NULL,
	"decp" jsonb NOT NULL,
	"offers_received" integer NOT NULL,
	"decided_at" timestamp with time zone NOT NULL,
	"letters_sent_at" timestamp with time zone,
	"standstill_ends_at" timestamp with time zone,
	"signed_at" timestamp with time zone,
	"notified_at" timestamp with time zone,
	"decp_published_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "tender_consultations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"buyer_id" uuid NOT NULL,
	"reference" text NOT NULL,
	"title" text NOT NULL,
	"object" text NOT NULL,
	"procedure" text NOT NULL,
	"nature" "tender_contract_nature" NOT NULL,
	"cpv" text NOT NULL,
	"estimated_amount" numeric(15, 2) NOT NULL,
	"prior_information_notice" boolean DEFAULT false NOT NULL,
	"justified_urgency" boolean DEFAULT false NOT NULL,
	"backup_copy_allowed" boolean DEFAULT false NOT NULL,
	"signature_required" boolean DEFAULT false NOT NULL,
	"is_test" boolean DEFAULT false NOT NULL,
	"day_ms" bigint DEFAULT 86400000 NOT NULL,
	"place_code" text NOT NULL,
	"place_code_type" text DEFAULT 'Code commune' NOT NULL,
	"duration_months" integer DEFAULT 12 NOT NULL,
	"status" "tender_consultation_status" DEFAULT 'draft' NOT NULL,
	"public_key_pem" text,
	"sealed_private_key" text,
	"key_released_at" timestamp with time zone,
	"published_at" timestamp with time zone,
	"closed_at" timestamp with time zone,
	"opened_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "tender_consultations_reference_format" CHECK (char_length("tender_consultations"."reference") between 1 and 16),
	CONSTRAINT "tender_consultations_cpv_format" CHECK ("tender_consultations"."cpv" ~ '^[0-9]{8}$'),
	CONSTRAINT "tender_consultations_day_ms_positive" CHECK ("tender_consultations"."day_ms" > 0)
);
--> statement-breakpoint
CREATE TABLE "tender_deposit_files" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"deposit_id" uuid NOT NULL,
	"part" "tender_bid_part" NOT NULL,
	"file_name" text NOT NULL,
	"media_type" text NOT NULL,
	"size" bigint NOT NULL,
	"sha256" text NOT NULL,
	"stored_file_id" uuid NOT NULL,
	"iv" text NOT NULL,
	"auth_tag" text NOT NULL,
	"wrapped_key" text NOT NULL,
	"scan_verdict" text DEFAULT 'not_scanned' NOT NULL,
	"integrity" text,
	CONSTRAINT "tender_deposit_files_sha256_format" CHECK ("tender_deposit_files"."sha256" ~ '^[0-9a-f]{64}$')
);
--> statement-breakpoint
CREATE TABLE "tender_deposits" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"consultation_id" uuid NOT NULL,
	"lot_id" uuid NOT NULL,
	"company_id" uuid NOT NULL,
	"upload_started_at" timestamp with time zone NOT NULL,
	"received_at" timestamp with time zone NOT NULL,
	"late" boolean NOT NULL,
	"superseded_at" timestamp with time zone,
	"receipt_json" text NOT NULL,
	"time_stamp_token" text NOT NULL,
	"opened_at" timestamp with time zone,
	"integrity" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "tender_deposits_integrity" CHECK ("tender_deposits"."integrity" is null or "tender_deposits"."integrity" in ('intact', 'altere'))
);
--> statement-breakpoint
CREATE TABLE "tender_documents" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"consultation_id" uuid NOT NULL,
	"file_id" uuid NOT NULL,
	"name" text NOT NULL,
	"version" integer NOT NULL,
	"significant" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "tender_letters" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"award_id" uuid NOT NULL,
	"company_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"file_id" uuid NOT NULL,
	"sent_at" timestamp with time zone NOT NULL,
	"read_at" timestamp with time zone,
	CONSTRAINT "tender_letters_kind" CHECK ("tender_letters"."kind" in ('rejet', 'attribution'))
);
--> statement-breakpoint
CREATE TABLE "tender_lots" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"consultation_id" uuid NOT NULL,
	"number" integer NOT NULL,
	"title" text NOT NULL,
	"cpv" text NOT NULL,
	"estimated_amount" numeric(15, 2) NOT NULL,
	"deadline" timestamp with time zone NOT NULL,
	"closed_at" timestamp with time zone,
	CONSTRAINT "tender_lots_cpv_format" CHECK ("tender_lots"."cpv" ~ '^[0-9]{8}$')
);
--> statement-breakpoint
CREATE TABLE "tender_questions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"consultation_id" uuid NOT NULL,
	"company_id" uuid,
	"asker_email" text,
	"question" text NOT NULL,
	"asked_at" timestamp with time zone NOT NULL,
	"answer" text,
	"answered_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "tender_registrations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"consultation_id" uuid NOT NULL,
	"email" text NOT NULL,
	"company_name" text NOT NULL,
	"company_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "tender_time_stamp_authority" (
	"id" text PRIMARY KEY NOT NULL,
	"root_certificate_pem" text NOT NULL,
	"certificate_pem" text NOT NULL,
	"sealed_private_key" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "tender_withdrawals" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"consultation_id" uuid NOT NULL,
	"document_id" uuid NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"company_id" uuid,
	"email" text,
	"company_name" text
);
--> statement-breakpoint
ALTER TABLE "tender_awards" ADD CONSTRAINT "tender_awards_consultation_id_tender_consultations_id_fk" FOREIGN KEY ("consultation_id") REFERENCES "public"."tender_consultations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tender_awards" ADD CONSTRAINT "tender_awards_lot_id_tender_lots_id_fk" FOREIGN KEY ("lot_id") REFERENCES "public"."tender_lots"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tender_awards" ADD CONSTRAINT "tender_awards_deposit_id_tender_deposits_id_fk" FOREIGN KEY ("deposit_id") REFERENCES "public"."tender_deposits"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tender_consultations" ADD CONSTRAINT "tender_consultations_buyer_id_structures_id_fk" FOREIGN KEY ("buyer_id") REFERENCES "public"."structures"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tender_deposit_files" ADD CONSTRAINT "tender_deposit_files_deposit_id_tender_deposits_id_fk" FOREIGN KEY ("deposit_id") REFERENCES "public"."tender_deposits"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tender_deposit_files" ADD CONSTRAINT "tender_deposit_files_stored_file_id_stored_files_id_fk" FOREIGN KEY ("stored_file_id") REFERENCES "public"."stored_files"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tender_deposits" ADD CONSTRAINT "tender_deposits_consultation_id_tender_consultations_id_fk" FOREIGN KEY ("consultation_id") REFERENCES "public"."tender_consultations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tender_deposits" ADD CONSTRAINT "tender_deposits_lot_id_tender_lots_id_fk" FOREIGN KEY ("lot_id") REFERENCES "public"."tender_lots"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tender_deposits" ADD CONSTRAINT "tender_deposits_company_id_structures_id_fk" FOREIGN KEY ("company_id") REFERENCES "public"."structures"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tender_documents" ADD CONSTRAINT "tender_documents_consultation_id_tender_consultations_id_fk" FOREIGN KEY ("consultation_id") REFERENCES "public"."tender_consultations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tender_documents" ADD CONSTRAINT "tender_documents_file_id_stored_files_id_fk" FOREIGN KEY ("file_id") REFERENCES "public"."stored_files"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tender_letters" ADD CONSTRAINT "tender_letters_award_id_tender_awards_id_fk" FOREIGN KEY ("award_id") REFERENCES "public"."tender_awards"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tender_letters" ADD CONSTRAINT "tender_letters_company_id_structures_id_fk" FOREIGN KEY ("company_id") REFERENCES "public"."structures"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tender_letters" ADD CONSTRAINT "tender_letters_file_id_stored_files_id_fk" FOREIGN KEY ("file_id") REFERENCES "public"."stored_files"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tender_lots" ADD CONSTRAINT "tender_lots_consultation_id_tender_consultations_id_fk" FOREIGN KEY ("consultation_id") REFERENCES "public"."tender_consultations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tender_questions" ADD CONSTRAINT "tender_questions_consultation_id_tender_consultations_id_fk" FOREIGN KEY ("consultation_id") REFERENCES "public"."tender_consultations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tender_questions" ADD CONSTRAINT "tender_questions_company_id_structures_id_fk" FOREIGN KEY ("company_id") REFERENCES "public"."structures"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tender_registrations" ADD CONSTRAINT "tender_registrations_consultation_id_tender_consultations_id_fk" FOREIGN KEY ("consultation_id") REFERENCES "public"."tender_consultations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tender_registrations" ADD CONSTRAINT "tender_registrations_company_id_structures_id_fk" FOREIGN KEY ("company_id") REFERENCES "public"."structures"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tender_withdrawals" ADD CONSTRAINT "tender_withdrawals_consultation_id_tender_consultations_id_fk" FOREIGN KEY ("consultation_id") REFERENCES "public"."tender_consultations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tender_withdrawals" ADD CONSTRAINT "tender_withdrawals_document_id_tender_documents_id_fk" FOREIGN KEY ("document_id") REFERENCES "public"."tender_documents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tender_withdrawals" ADD CONSTRAINT "tender_withdrawals_company_id_structures_id_fk" FOREIGN KEY ("company_id") REFERENCES "public"."structures"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "tender_awards_lot_uq" ON "tender_awards" USING btree ("lot_id");--> statement-breakpoint
CREATE UNIQUE INDEX "tender_consultations_buyer_reference_uq" ON "tender_consultations" USING btree ("buyer_id","reference");--> statement-breakpoint
CREATE INDEX "tender_consultations_status_idx" ON "tender_consultations" USING btree ("status","published_at");--> statement-breakpoint
CREATE INDEX "tender_deposit_files_deposit_idx" ON "tender_deposit_files" USING btree ("deposit_id");--> statement-breakpoint
CREATE INDEX "tender_deposits_consultation_idx" ON "tender_deposits" USING btree ("consultation_id","lot_id","company_id");--> statement-breakpoint
CREATE UNIQUE INDEX "tender_documents_name_version_uq" ON "tender_documents" USING btree ("consultation_id","name","version");--> statement-breakpoint
CREATE UNIQUE INDEX "tender_letters_award_company_kind_uq" ON "tender_letters" USING btree ("award_id","company_id","kind");--> statement-breakpoint
CREATE UNIQUE INDEX "tender_lots_consultation_number_uq" ON "tender_lots" USING btree ("consultation_id","number");--> statement-breakpoint
CREATE INDEX "tender_questions_consultation_idx" ON "tender_questions" USING btree ("consultation_id","asked_at");--> statement-breakpoint
CREATE UNIQUE INDEX "tender_registrations_email_uq" ON "tender_registrations" USING btree ("consultation_id","email");--> statement-breakpoint
CREATE INDEX "tender_withdrawals_consultation_idx" ON "tender_withdrawals" USING btree ("consultation_id","at");