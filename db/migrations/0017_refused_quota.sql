ALTER TABLE "deposits" DROP CONSTRAINT "deposits_original_sha256_blobs_sha256_fk";
--> statement-breakpoint
ALTER TABLE "deposits" ADD COLUMN "original_size" bigint;--> statement-breakpoint
ALTER TABLE "deposits" ADD COLUMN "original_kept" boolean DEFAULT true NOT NULL;--> statement-breakpoint
ALTER TABLE "deposits" ADD COLUMN "original_not_kept_reason" text;--> statement-breakpoint
ALTER TABLE "deposits" ADD COLUMN "kept_original_sha256" text GENERATED ALWAYS AS (case when original_kept then original_sha256 end) STORED;--> statement-breakpoint
ALTER TABLE "deposits" ADD CONSTRAINT "deposits_kept_original_sha256_blobs_sha256_fk" FOREIGN KEY ("kept_original_sha256") REFERENCES "public"."blobs"("sha256") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "deposits_refused_kept_idx" ON "deposits" USING btree ("supplier_id","created_at") WHERE "deposits"."outcome" = 'refused' and "deposits"."original_kept";--> statement-breakpoint
ALTER TABLE "deposits" ADD CONSTRAINT "deposits_original_not_kept_reason" CHECK ("deposits"."original_kept" = ("deposits"."original_not_kept_reason" is null));--> statement-breakpoint
ALTER TABLE "deposits" ADD CONSTRAINT "deposits_accepted_original_kept" CHECK ("deposits"."outcome" = 'refused' or "deposits"."original_kept");--> statement-breakpoint
-- hand-written:
-- Sizes of the deposits recorded before the column, from their blobs (every one was kept until now).
UPDATE "deposits" SET "original_size" = "blobs"."size" FROM "blobs" WHERE "blobs"."sha256" = "deposits"."original_sha256" AND "deposits"."original_size" IS NULL;
