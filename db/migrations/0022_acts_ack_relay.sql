CREATE TABLE "act_agent_requests" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"act_id" uuid NOT NULL,
	"request_key" text NOT NULL,
	"signal" jsonb NOT NULL,
	"committed_at" timestamp with time zone NOT NULL,
	"signalled_at" timestamp with time zone,
	"undeliverable" text
);
--> statement-breakpoint
ALTER TABLE "act_classification_requests" ADD COLUMN "started_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "act_letters" ADD COLUMN "ack_archive_name" text;--> statement-breakpoint
ALTER TABLE "act_letters" ADD COLUMN "ack_sent_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "act_agent_requests" ADD CONSTRAINT "act_agent_requests_act_id_acts_id_fk" FOREIGN KEY ("act_id") REFERENCES "public"."acts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "act_agent_requests_key_uq" ON "act_agent_requests" USING btree ("act_id","request_key");--> statement-breakpoint
CREATE INDEX "act_agent_requests_pending_idx" ON "act_agent_requests" USING btree ("committed_at") WHERE "act_agent_requests"."signalled_at" is null and "act_agent_requests"."undeliverable" is null;--> statement-breakpoint
-- hand-written:
-- Requests recorded before the outbox: replies asked and not sent, and cancellations asked and not sent, become
-- outbox rows not yet signalled, so the relay delivers those whose signal was lost (the workflow drops repeats).
INSERT INTO "act_agent_requests" ("act_id", "request_key", "signal", "committed_at") SELECT "act_id", 'reply:' || "id", jsonb_build_object('kind', 'reply', 'letterId', "id", 'code', "reply_code"), "reply_requested_at" FROM "act_letters" WHERE "reply_requested_at" IS NOT NULL AND "replied_at" IS NULL AND "reply_code" IS NOT NULL ON CONFLICT DO NOTHING;--> statement-breakpoint
INSERT INTO "act_agent_requests" ("act_id", "request_key", "signal", "committed_at") SELECT "act_id", 'cancel', jsonb_build_object('kind', 'cancel'), min("at") FROM "act_events" e WHERE "kind" = 'cancellation_requested' AND NOT EXISTS (SELECT 1 FROM "act_events" s WHERE s."act_id" = e."act_id" AND s."kind" = 'cancellation_sent') GROUP BY "act_id" ON CONFLICT DO NOTHING;--> statement-breakpoint
-- Classification requests already sent had their workflow started.
UPDATE "act_classification_requests" SET "started_at" = "sent_at" WHERE "sent_at" IS NOT NULL;
