CREATE TABLE "tender_antivirus_verdicts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"consultation_id" uuid NOT NULL,
	"stored_file_id" uuid NOT NULL,
	"deposit_file_id" uuid,
	"document_id" uuid,
	"file_name" text NOT NULL,
	"stage" text NOT NULL,
	"result" text NOT NULL,
	"signature" text,
	"engine" text,
	"detail" text NOT NULL,
	"scanned_at" timestamp with time zone NOT NULL,
	CONSTRAINT "tender_antivirus_verdicts_stage" CHECK ("tender_antivirus_verdicts"."stage" in ('receipt', 'opening', 'document')),
	CONSTRAINT "tender_antivirus_verdicts_result" CHECK ("tender_antivirus_verdicts"."result" in ('clean', 'infected', 'not_scanned', 'failed'))
);
--> statement-breakpoint
ALTER TABLE "tender_antivirus_verdicts" ADD CONSTRAINT "tender_antivirus_verdicts_consultation_id_tender_consultations_id_fk" FOREIGN KEY ("consultation_id") REFERENCES "public"."tender_consultations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tender_antivirus_verdicts" ADD CONSTRAINT "tender_antivirus_verdicts_deposit_file_id_tender_deposit_files_id_fk" FOREIGN KEY ("deposit_file_id") REFERENCES "public"."tender_deposit_files"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tender_antivirus_verdicts" ADD CONSTRAINT "tender_antivirus_verdicts_document_id_tender_documents_id_fk" FOREIGN KEY ("document_id") REFERENCES "public"."tender_documents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "tender_antivirus_verdicts_consultation_idx" ON "tender_antivirus_verdicts" USING btree ("consultation_id","scanned_at");--> statement-breakpoint
CREATE INDEX "tender_antivirus_verdicts_file_idx" ON "tender_antivirus_verdicts" USING btree ("stored_file_id");--> statement-breakpoint
ALTER TABLE "tender_deposit_files" ADD CONSTRAINT "tender_deposit_files_scan_verdict" CHECK ("tender_deposit_files"."scan_verdict" in ('clean', 'infected', 'not_scanned', 'failed'));