ALTER TYPE "public"."pes_deposit_channel" ADD VALUE 'billing';--> statement-breakpoint
ALTER TABLE "billing_pes_files" ADD COLUMN "pes_flow_id" uuid;--> statement-breakpoint
ALTER TABLE "billing_pes_files" ADD CONSTRAINT "billing_pes_files_pes_flow_id_pes_flows_id_fk" FOREIGN KEY ("pes_flow_id") REFERENCES "public"."pes_flows"("id") ON DELETE no action ON UPDATE no action;