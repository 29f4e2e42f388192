CREATE TYPE "public"."auth_throttle_kind" AS ENUM('login', 'client_secret', 'technical_account');--> statement-breakpoint
CREATE TABLE "auth_throttles" (
	"kind" "auth_throttle_kind" NOT NULL,
	"identity_key" text NOT NULL,
	"source_key" text NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"last_attempt_at" timestamp with time zone NOT NULL,
	"blocked_until" timestamp with time zone,
	CONSTRAINT "auth_throttles_kind_identity_key_source_key_pk" PRIMARY KEY("kind","identity_key","source_key"),
	CONSTRAINT "auth_throttles_attempts_positive" CHECK ("auth_throttles"."attempts" >= 0)
);
--> statement-breakpoint
CREATE TABLE "login_unlocks" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"token_hash" text NOT NULL,
	"person_id" uuid NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"used_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "chorus_technical_account_clients" (
	"technical_account_id" uuid NOT NULL,
	"api_client_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "chorus_technical_account_clients_technical_account_id_api_client_id_pk" PRIMARY KEY("technical_account_id","api_client_id")
);
--> statement-breakpoint
DROP TABLE "login_throttles" CASCADE;--> statement-breakpoint
ALTER TABLE "login_unlocks" ADD CONSTRAINT "login_unlocks_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "chorus_technical_account_clients" ADD CONSTRAINT "chorus_technical_account_clients_technical_account_id_chorus_technical_accounts_id_fk" FOREIGN KEY ("technical_account_id") REFERENCES "public"."chorus_technical_accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "chorus_technical_account_clients" ADD CONSTRAINT "chorus_technical_account_clients_api_client_id_api_clients_id_fk" FOREIGN KEY ("api_client_id") REFERENCES "public"."api_clients"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "login_unlocks_token_hash_uq" ON "login_unlocks" USING btree ("token_hash");--> statement-breakpoint
CREATE INDEX "login_unlocks_person_idx" ON "login_unlocks" USING btree ("person_id");--> statement-breakpoint
CREATE INDEX "chorus_technical_account_clients_client_idx" ON "chorus_technical_account_clients" USING btree ("api_client_id");--> statement-breakpoint
-- Hand-written: technical accounts that exist stay usable by the API clients registered for their own structure.
INSERT INTO "chorus_technical_account_clients" ("technical_account_id", "api_client_id") SELECT ta."id", c."id" FROM "chorus_technical_accounts" ta JOIN "api_clients" c ON c."structure_id" = ta."structure_id";
