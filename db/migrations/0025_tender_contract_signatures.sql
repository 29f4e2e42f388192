CREATE TABLE "tender_contract_signatures" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"award_id" uuid NOT NULL,
	"file_id" uuid NOT NULL,
	"decision" text NOT NULL,
	"refusal_reason" text,
	"report" jsonb NOT NULL,
	"checked_at" timestamp with time zone NOT NULL,
	CONSTRAINT "tender_contract_signatures_decision" CHECK ("tender_contract_signatures"."decision" in ('accepte', 'refuse'))
);
--> statement-breakpoint
ALTER TABLE "tender_contract_signatures" ADD CONSTRAINT "tender_contract_signatures_award_id_tender_awards_id_fk" FOREIGN KEY ("award_id") REFERENCES "public"."tender_awards"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tender_contract_signatures" ADD CONSTRAINT "tender_contract_signatures_file_id_stored_files_id_fk" FOREIGN KEY ("file_id") REFERENCES "public"."stored_files"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "tender_contract_signatures_award_idx" ON "tender_contract_signatures" USING btree ("award_id");--> statement-breakpoint
CREATE UNIQUE INDEX "tender_contract_signatures_accepted_uq" ON "tender_contract_signatures" USING btree ("award_id") WHERE "tender_contract_signatures"."decision" = 'accepte';