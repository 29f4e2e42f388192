CREATE TYPE "public"."epci_nature" AS ENUM('CC', 'CA', 'CU', 'METRO');--> statement-breakpoint
CREATE TYPE "public"."structure_kind" AS ENUM('region', 'departement', 'epci', 'commune', 'syndicat', 'supplier');--> statement-breakpoint
CREATE TYPE "public"."auth_role" AS ENUM('supplier', 'accountant', 'agent', 'operator');--> statement-breakpoint
CREATE TABLE "epci_members" (
	"epci_id" uuid NOT NULL,
	"commune_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "epci_members_epci_id_commune_id_pk" PRIMARY KEY("epci_id","commune_id")
);
--> statement-breakpoint
CREATE TABLE "establishments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"structure_id" uuid NOT NULL,
	"siret" text NOT NULL,
	"main" boolean DEFAULT false NOT NULL,
	"derived" boolean DEFAULT false NOT NULL,
	"label" text,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "establishments_siret_format" CHECK ("establishments"."siret" ~ '^[0-9]{14}$')
);
--> statement-breakpoint
CREATE TABLE "services" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"structure_id" uuid NOT NULL,
	"code" text NOT NULL,
	"label" text NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"engagement_number_required" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "structures" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"kind" "structure_kind" NOT NULL,
	"name" text NOT NULL,
	"search_name" text NOT NULL,
	"siren" text,
	"vat_number" text,
	"insee_code" text,
	"departement_code" text,
	"population" integer,
	"epci_nature" "epci_nature",
	"service_code_required" boolean DEFAULT false NOT NULL,
	"engagement_number_required" boolean DEFAULT false NOT NULL,
	"service_code_or_engagement_required" boolean DEFAULT false NOT NULL,
	"receives_through_chorus" boolean DEFAULT false NOT NULL,
	"demo" boolean DEFAULT false NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "structures_siren_format" CHECK ("structures"."siren" is null or "structures"."siren" ~ '^[0-9]{9}$'),
	CONSTRAINT "structures_epci_nature_only_for_epci" CHECK ("structures"."epci_nature" is null or "structures"."kind" = 'epci'),
	CONSTRAINT "structures_identified" CHECK ("structures"."siren" is not null or "structures"."vat_number" is not null)
);
--> statement-breakpoint
CREATE TABLE "access_tokens" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"token_hash" text NOT NULL,
	"api_client_id" uuid NOT NULL,
	"scope" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"expires_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "api_client_grants" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"api_client_id" uuid NOT NULL,
	"role" "auth_role" NOT NULL,
	"structure_id" uuid NOT NULL
);
--> statement-breakpoint
CREATE TABLE "api_clients" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"client_id" text NOT NULL,
	"secret_hash" text NOT NULL,
	"name" text NOT NULL,
	"structure_id" uuid NOT NULL,
	"scopes" text[] DEFAULT array['openid']::text[] NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "login_throttles" (
	"email_key" text PRIMARY KEY NOT NULL,
	"consecutive_failures" integer DEFAULT 0 NOT NULL,
	"last_failure_at" timestamp with time zone NOT NULL,
	"blocked_until" timestamp with time zone,
	CONSTRAINT "login_throttles_failures_positive" CHECK ("login_throttles"."consecutive_failures" >= 0)
);
--> statement-breakpoint
CREATE TABLE "people" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"email" text NOT NULL,
	"display_name" text NOT NULL,
	"password_hash" text NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "role_grants" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"person_id" uuid NOT NULL,
	"role" "auth_role" NOT NULL,
	"structure_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sessions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"token_hash" text NOT NULL,
	"person_id" uuid NOT NULL,
	"csrf_token" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"last_seen_at" timestamp with time zone NOT NULL,
	"revoked_at" timestamp with time zone,
	"ip" text,
	"user_agent" text
);
--> statement-breakpoint
ALTER TABLE "epci_members" ADD CONSTRAINT "epci_members_epci_id_structures_id_fk" FOREIGN KEY ("epci_id") REFERENCES "public"."structures"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "epci_members" ADD CONSTRAINT "epci_members_commune_id_structures_id_fk" FOREIGN KEY ("commune_id") REFERENCES "public"."structures"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "establishments" ADD CONSTRAINT "establishments_structure_id_structures_id_fk" FOREIGN KEY ("structure_id") REFERENCES "public"."structures"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "services" ADD CONSTRAINT "services_structure_id_structures_id_fk" FOREIGN KEY ("structure_id") REFERENCES "public"."structures"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "access_tokens" ADD CONSTRAINT "access_tokens_api_client_id_api_clients_id_fk" FOREIGN KEY ("api_client_id") REFERENCES "public"."api_clients"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "api_client_grants" ADD CONSTRAINT "api_client_grants_api_client_id_api_clients_id_fk" FOREIGN KEY ("api_client_id") REFERENCES "public"."api_clients"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "api_client_grants" ADD CONSTRAINT "api_client_grants_structure_id_structures_id_fk" FOREIGN KEY ("structure_id") REFERENCES "public"."structures"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "api_clients" ADD CONSTRAINT "api_clients_structure_id_structures_id_fk" FOREIGN KEY ("structure_id") REFERENCES "public"."structures"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "role_grants" ADD CONSTRAINT "role_grants_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "role_grants" ADD CONSTRAINT "role_grants_structure_id_structures_id_fk" FOREIGN KEY ("structure_id") REFERENCES "public"."structures"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sessions" ADD CONSTRAINT "sessions_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "epci_members_commune_uq" ON "epci_members" USING btree ("commune_id");--> statement-breakpoint
CREATE UNIQUE INDEX "establishments_siret_uq" ON "establishments" USING btree ("siret");--> statement-breakpoint
CREATE INDEX "establishments_structure_idx" ON "establishments" USING btree ("structure_id");--> statement-breakpoint
CREATE UNIQUE INDEX "establishments_one_main_uq" ON "establishments" USING btree ("structure_id") WHERE "establishments"."main";--> statement-breakpoint
CREATE UNIQUE INDEX "services_structure_code_uq" ON "services" USING btree ("structure_id","code");--> statement-breakpoint
CREATE UNIQUE INDEX "structures_kind_siren_uq" ON "structures" USING btree ("kind","siren");--> statement-breakpoint
CREATE INDEX "structures_siren_idx" ON "structures" USING btree ("siren");--> statement-breakpoint
CREATE INDEX "structures_search_name_idx" ON "structures" USING btree ("search_name" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "structures_kind_departement_idx" ON "structures" USING btree ("kind","departement_code");--> statement-breakpoint
CREATE INDEX "structures_insee_code_idx" ON "structures" USING btree ("insee_code");--> statement-breakpoint
CREATE UNIQUE INDEX "access_tokens_token_hash_uq" ON "access_tokens" USING btree ("token_hash");--> statement-breakpoint
CREATE INDEX "access_tokens_expires_at_idx" ON "access_tokens" USING btree ("expires_at");--> statement-breakpoint
CREATE UNIQUE INDEX "api_client_grants_client_role_structure_uq" ON "api_client_grants" USING btree ("api_client_id","role","structure_id");--> statement-breakpoint
CREATE UNIQUE INDEX "api_clients_client_id_uq" ON "api_clients" USING btree ("client_id");--> statement-breakpoint
CREATE INDEX "api_clients_structure_idx" ON "api_clients" USING btree ("structure_id");--> statement-breakpoint
CREATE UNIQUE INDEX "people_email_lower_uq" ON "people" USING btree (lower("email"));--> statement-breakpoint
CREATE UNIQUE INDEX "role_grants_person_role_structure_uq" ON "role_grants" USING btree ("person_id","role","structure_id");--> statement-breakpoint
CREATE INDEX "role_grants_structure_idx" ON "role_grants" USING btree ("structure_id");--> statement-breakpoint
CREATE UNIQUE INDEX "sessions_token_hash_uq" ON "sessions" USING btree ("token_hash");--> statement-breakpoint
CREATE INDEX "sessions_person_idx" ON "sessions" USING btree ("person_id");--> statement-breakpoint
CREATE INDEX "sessions_expires_at_idx" ON "sessions" USING btree ("expires_at");