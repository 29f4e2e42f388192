CREATE TABLE "tender_upload_segments" (
	"session_id" uuid NOT NULL,
	"index" integer NOT NULL,
	"plain_size" integer NOT NULL,
	"stored_file_id" uuid NOT NULL
);
--> statement-breakpoint
CREATE TABLE "tender_upload_sessions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"consultation_id" uuid NOT NULL,
	"lot_id" uuid NOT NULL,
	"company_id" uuid NOT NULL,
	"part" "tender_bid_part" NOT NULL,
	"file_name" text NOT NULL,
	"media_type" text NOT NULL,
	"length" bigint NOT NULL,
	"stored_bytes" bigint DEFAULT 0 NOT NULL,
	"segment_count" integer DEFAULT 0 NOT NULL,
	"wrapped_key" text NOT NULL,
	"sealed_data_key" text,
	"resumed" boolean DEFAULT false NOT NULL,
	"sha256" text,
	"scan_verdict" jsonb,
	"stored_file_id" uuid,
	"created_at" timestamp with time zone NOT NULL,
	"completed_at" timestamp with time zone,
	"expires_at" timestamp with time zone NOT NULL,
	"deposit_id" uuid,
	CONSTRAINT "tender_upload_sessions_offset" CHECK ("tender_upload_sessions"."stored_bytes" >= 0 and "tender_upload_sessions"."stored_bytes" <= "tender_upload_sessions"."length")
);
--> statement-breakpoint
ALTER TABLE "tender_deposit_files" ADD COLUMN "cipher" text DEFAULT 'aes-256-gcm' NOT NULL;--> statement-breakpoint
ALTER TABLE "tender_upload_segments" ADD CONSTRAINT "tender_upload_segments_session_id_tender_upload_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."tender_upload_sessions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tender_upload_segments" ADD CONSTRAINT "tender_upload_segments_stored_file_id_stored_files_id_fk" FOREIGN KEY ("stored_file_id") REFERENCES "public"."stored_files"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tender_upload_sessions" ADD CONSTRAINT "tender_upload_sessions_consultation_id_tender_consultations_id_fk" FOREIGN KEY ("consultation_id") REFERENCES "public"."tender_consultations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tender_upload_sessions" ADD CONSTRAINT "tender_upload_sessions_lot_id_tender_lots_id_fk" FOREIGN KEY ("lot_id") REFERENCES "public"."tender_lots"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tender_upload_sessions" ADD CONSTRAINT "tender_upload_sessions_company_id_structures_id_fk" FOREIGN KEY ("company_id") REFERENCES "public"."structures"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tender_upload_sessions" ADD CONSTRAINT "tender_upload_sessions_stored_file_id_stored_files_id_fk" FOREIGN KEY ("stored_file_id") REFERENCES "public"."stored_files"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tender_upload_sessions" ADD CONSTRAINT "tender_upload_sessions_deposit_id_tender_deposits_id_fk" FOREIGN KEY ("deposit_id") REFERENCES "public"."tender_deposits"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "tender_upload_segments_uq" ON "tender_upload_segments" USING btree ("session_id","index");--> statement-breakpoint
CREATE INDEX "tender_upload_sessions_company_idx" ON "tender_upload_sessions" USING btree ("company_id","lot_id");--> statement-breakpoint
CREATE INDEX "tender_upload_sessions_expires_idx" ON "tender_upload_sessions" USING btree ("expires_at");--> statement-breakpoint
ALTER TABLE "tender_deposit_files" ADD CONSTRAINT "tender_deposit_files_cipher" CHECK ("tender_deposit_files"."cipher" in ('aes-256-gcm', 'aes-256-gcm-segments'));