ALTER TABLE "deposits" ADD COLUMN "refusal_details" jsonb;--> statement-breakpoint
CREATE INDEX "deposits_supplier_created_idx" ON "deposits" USING btree ("supplier_id","created_at" DESC NULLS LAST);