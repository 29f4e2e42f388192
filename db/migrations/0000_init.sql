CREATE TYPE "public"."epci_nature" AS ENUM('CC', 'CA', 'CU', 'METRO');--> statement-breakpoint
CREATE TYPE "public"."structure_kind" AS ENUM('region', 'departement', 'epci', 'commune', 'syndicat', 'supplier');--> statement-breakpoint
CREATE TYPE "public"."auth_role" AS ENUM('supplier', 'accountant', 'agent', 'operator');--> statement-breakpoint
CREATE TYPE "public"."deposit_channel" AS ENUM('api', 'web', 'import', 'chorus_mirror', 'chorus_sync', 'billing');--> statement-breakpoint
CREATE TYPE "public"."deposit_outcome" AS ENUM('accepted', 'refused');--> statement-breakpoint
CREATE TYPE "public"."invoice_status" AS ENUM('DEPOSEE', 'EN_COURS_ACHEMINEMENT', 'MISE_A_DISPOSITION', 'SERVICE_FAIT', 'SUSPENDUE', 'COMPLETEE', 'A_RECYCLER', 'REJETEE', 'MANDATEE', 'MISE_A_DISPOSITION_COMPTABLE', 'COMPTABILISEE', 'MISE_EN_PAIEMENT');--> statement-breakpoint
CREATE TYPE "public"."invoice_syntax" AS ENUM('UBL', 'CII', 'FACTURX');--> statement-breakpoint
CREATE TYPE "public"."chorus_account_role" AS ENUM('supplier', 'accountant');--> statement-breakpoint
CREATE TYPE "public"."chorus_id_kind" AS ENUM('structure', 'service', 'invoice');--> statement-breakpoint
CREATE TYPE "public"."chorus_push_state" AS ENUM('intent', 'deposited', 'integrated', 'rejected');--> statement-breakpoint
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
	"payment_delay_days" integer DEFAULT 30 NOT NULL,
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
CREATE TABLE "blobs" (
	"sha256" text PRIMARY KEY NOT NULL,
	"size" bigint NOT NULL,
	"media_type" text NOT NULL,
	"content" "bytea",
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "deposits" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"supplier_id" uuid NOT NULL,
	"original_sha256" text NOT NULL,
	"file_name" text,
	"channel" "deposit_channel" NOT NULL,
	"outcome" "deposit_outcome" NOT NULL,
	"refusal_code" text,
	"refusal_message" text,
	"violations" jsonb,
	"invoice_id" uuid,
	"deposited_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "email_outbox" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"event_key" text NOT NULL,
	"to_address" text NOT NULL,
	"subject" text NOT NULL,
	"body" text NOT NULL,
	"sent_at" timestamp with time zone,
	"last_error" text,
	"attempts" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "invoice_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"invoice_id" uuid NOT NULL,
	"sequence" integer NOT NULL,
	"from_status" "invoice_status",
	"to_status" "invoice_status" NOT NULL,
	"actor" text NOT NULL,
	"actor_name" text NOT NULL,
	"motive" text,
	"data" jsonb,
	"occurred_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "invoice_events_motive_length" CHECK ("invoice_events"."motive" is null or char_length("invoice_events"."motive") <= 255)
);
--> statement-breakpoint
CREATE TABLE "invoices" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"supplier_id" uuid NOT NULL,
	"number" text NOT NULL,
	"year" integer NOT NULL,
	"type_code" text NOT NULL,
	"issue_date" date NOT NULL,
	"currency" text NOT NULL,
	"total_without_vat" numeric(19, 2) NOT NULL,
	"total_vat" numeric(19, 2) NOT NULL,
	"total_with_vat" numeric(19, 2) NOT NULL,
	"amount_due" numeric(19, 2) NOT NULL,
	"supplier_name" text NOT NULL,
	"supplier_identifier" text,
	"buyer_id" uuid NOT NULL,
	"buyer_siret" text NOT NULL,
	"service_id" uuid,
	"service_code" text,
	"engagement_number" text,
	"status" "invoice_status" DEFAULT 'DEPOSEE' NOT NULL,
	"status_changed_at" timestamp with time zone DEFAULT now() NOT NULL,
	"event_count" integer DEFAULT 0 NOT NULL,
	"syntax" "invoice_syntax" NOT NULL,
	"original_sha256" text NOT NULL,
	"validation_report" jsonb NOT NULL,
	"workflow_id" text NOT NULL,
	"made_available_at" timestamp with time zone,
	"legal_due_at" timestamp with time zone,
	"paid_on" date,
	"mandate_number" text,
	"late_days" integer,
	"late_interest" numeric(19, 2),
	"late_indemnity" numeric(19, 2),
	"last_motive" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "invoices_motive_length" CHECK ("invoices"."last_motive" is null or char_length("invoices"."last_motive") <= 255)
);
--> statement-breakpoint
CREATE TABLE "notifications" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"structure_id" uuid NOT NULL,
	"invoice_id" uuid,
	"event_key" text NOT NULL,
	"kind" text NOT NULL,
	"title" text NOT NULL,
	"body" text NOT NULL,
	"read_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "chorus_connections" (
	"structure_id" uuid PRIMARY KEY NOT NULL,
	"login" text NOT NULL,
	"password_env" text NOT NULL,
	"remote_structure_id" integer,
	"password_expires_at" timestamp with time zone,
	"pulled_until" text,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "chorus_credential_health" (
	"subject" text PRIMARY KEY NOT NULL,
	"ok" boolean NOT NULL,
	"problem" text,
	"detail" text,
	"checked_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "chorus_decision_pushes" (
	"invoice_id" uuid NOT NULL,
	"event_sequence" integer NOT NULL,
	"status" text NOT NULL,
	"sent_at" timestamp with time zone,
	"last_error" text
);
--> statement-breakpoint
CREATE TABLE "chorus_ids" (
	"cpp_id" integer PRIMARY KEY GENERATED BY DEFAULT AS IDENTITY (sequence name "chorus_ids_cpp_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1000 CACHE 1),
	"kind" "chorus_id_kind" NOT NULL,
	"hub_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "chorus_mirror_downloads" (
	"invoice_id" uuid NOT NULL,
	"structure_id" uuid NOT NULL,
	"downloaded_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "chorus_mirror_flux_items" (
	"flux_sequence" bigint NOT NULL,
	"position" integer NOT NULL,
	"file_name" text NOT NULL,
	"deposit_id" uuid,
	"invoice_id" uuid,
	"invoice_number" text,
	"refusal_message" text
);
--> statement-breakpoint
CREATE TABLE "chorus_mirror_fluxes" (
	"sequence" bigint PRIMARY KEY GENERATED BY DEFAULT AS IDENTITY (sequence name "chorus_mirror_fluxes_sequence_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 11110000000001 CACHE 1),
	"supplier_id" uuid NOT NULL,
	"account_id" uuid NOT NULL,
	"syntaxe_flux" text NOT NULL,
	"file_name" text NOT NULL,
	"technical_errors" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"deposited_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "chorus_pulled_invoices" (
	"structure_id" uuid NOT NULL,
	"remote_invoice_id" integer NOT NULL,
	"numero_facture" text NOT NULL,
	"remote_status" text NOT NULL,
	"remote_changed_at" text,
	"invoice_id" uuid,
	"service_id" uuid,
	"last_error" text,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "chorus_pushes" (
	"invoice_id" uuid PRIMARY KEY NOT NULL,
	"state" "chorus_push_state" DEFAULT 'intent' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"numero_flux_depot" text,
	"flux_state" text,
	"remote_invoice_id" integer,
	"remote_status" text,
	"last_error" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "chorus_pushes_flux_format" CHECK ("chorus_pushes"."numero_flux_depot" is null or "chorus_pushes"."numero_flux_depot" ~ '^CPP[0-9]{22}$')
);
--> statement-breakpoint
CREATE TABLE "chorus_technical_accounts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"login" text NOT NULL,
	"password_hash" text NOT NULL,
	"structure_id" uuid NOT NULL,
	"role" "chorus_account_role" NOT NULL,
	"api_enabled" boolean DEFAULT true NOT NULL,
	"password_expires_at" timestamp with time zone NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
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
ALTER TABLE "deposits" ADD CONSTRAINT "deposits_supplier_id_structures_id_fk" FOREIGN KEY ("supplier_id") REFERENCES "public"."structures"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deposits" ADD CONSTRAINT "deposits_original_sha256_blobs_sha256_fk" FOREIGN KEY ("original_sha256") REFERENCES "public"."blobs"("sha256") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "invoice_events" ADD CONSTRAINT "invoice_events_invoice_id_invoices_id_fk" FOREIGN KEY ("invoice_id") REFERENCES "public"."invoices"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "invoices" ADD CONSTRAINT "invoices_supplier_id_structures_id_fk" FOREIGN KEY ("supplier_id") REFERENCES "public"."structures"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "invoices" ADD CONSTRAINT "invoices_buyer_id_structures_id_fk" FOREIGN KEY ("buyer_id") REFERENCES "public"."structures"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "invoices" ADD CONSTRAINT "invoices_service_id_services_id_fk" FOREIGN KEY ("service_id") REFERENCES "public"."services"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "invoices" ADD CONSTRAINT "invoices_original_sha256_blobs_sha256_fk" FOREIGN KEY ("original_sha256") REFERENCES "public"."blobs"("sha256") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_structure_id_structures_id_fk" FOREIGN KEY ("structure_id") REFERENCES "public"."structures"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_invoice_id_invoices_id_fk" FOREIGN KEY ("invoice_id") REFERENCES "public"."invoices"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "chorus_connections" ADD CONSTRAINT "chorus_connections_structure_id_structures_id_fk" FOREIGN KEY ("structure_id") REFERENCES "public"."structures"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "chorus_decision_pushes" ADD CONSTRAINT "chorus_decision_pushes_invoice_id_invoices_id_fk" FOREIGN KEY ("invoice_id") REFERENCES "public"."invoices"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "chorus_mirror_downloads" ADD CONSTRAINT "chorus_mirror_downloads_invoice_id_invoices_id_fk" FOREIGN KEY ("invoice_id") REFERENCES "public"."invoices"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "chorus_mirror_downloads" ADD CONSTRAINT "chorus_mirror_downloads_structure_id_structures_id_fk" FOREIGN KEY ("structure_id") REFERENCES "public"."structures"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "chorus_mirror_flux_items" ADD CONSTRAINT "chorus_mirror_flux_items_flux_sequence_chorus_mirror_fluxes_sequence_fk" FOREIGN KEY ("flux_sequence") REFERENCES "public"."chorus_mirror_fluxes"("sequence") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "chorus_mirror_flux_items" ADD CONSTRAINT "chorus_mirror_flux_items_deposit_id_deposits_id_fk" FOREIGN KEY ("deposit_id") REFERENCES "public"."deposits"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "chorus_mirror_flux_items" ADD CONSTRAINT "chorus_mirror_flux_items_invoice_id_invoices_id_fk" FOREIGN KEY ("invoice_id") REFERENCES "public"."invoices"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "chorus_mirror_fluxes" ADD CONSTRAINT "chorus_mirror_fluxes_supplier_id_structures_id_fk" FOREIGN KEY ("supplier_id") REFERENCES "public"."structures"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "chorus_mirror_fluxes" ADD CONSTRAINT "chorus_mirror_fluxes_account_id_chorus_technical_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."chorus_technical_accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "chorus_pulled_invoices" ADD CONSTRAINT "chorus_pulled_invoices_structure_id_structures_id_fk" FOREIGN KEY ("structure_id") REFERENCES "public"."structures"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "chorus_pulled_invoices" ADD CONSTRAINT "chorus_pulled_invoices_invoice_id_invoices_id_fk" FOREIGN KEY ("invoice_id") REFERENCES "public"."invoices"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "chorus_pulled_invoices" ADD CONSTRAINT "chorus_pulled_invoices_service_id_services_id_fk" FOREIGN KEY ("service_id") REFERENCES "public"."services"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "chorus_pushes" ADD CONSTRAINT "chorus_pushes_invoice_id_invoices_id_fk" FOREIGN KEY ("invoice_id") REFERENCES "public"."invoices"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "chorus_technical_accounts" ADD CONSTRAINT "chorus_technical_accounts_structure_id_structures_id_fk" FOREIGN KEY ("structure_id") REFERENCES "public"."structures"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
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
CREATE INDEX "sessions_expires_at_idx" ON "sessions" USING btree ("expires_at");--> statement-breakpoint
CREATE INDEX "deposits_supplier_sha_idx" ON "deposits" USING btree ("supplier_id","original_sha256");--> statement-breakpoint
CREATE INDEX "deposits_invoice_idx" ON "deposits" USING btree ("invoice_id");--> statement-breakpoint
CREATE UNIQUE INDEX "email_outbox_event_to_uq" ON "email_outbox" USING btree ("event_key","to_address");--> statement-breakpoint
CREATE UNIQUE INDEX "invoice_events_invoice_sequence_uq" ON "invoice_events" USING btree ("invoice_id","sequence");--> statement-breakpoint
CREATE UNIQUE INDEX "invoices_supplier_number_year_uq" ON "invoices" USING btree ("supplier_id","number","year");--> statement-breakpoint
CREATE UNIQUE INDEX "invoices_workflow_id_uq" ON "invoices" USING btree ("workflow_id");--> statement-breakpoint
CREATE INDEX "invoices_buyer_status_due_idx" ON "invoices" USING btree ("buyer_id","status","legal_due_at");--> statement-breakpoint
CREATE INDEX "invoices_buyer_service_idx" ON "invoices" USING btree ("buyer_id","service_id");--> statement-breakpoint
CREATE INDEX "invoices_supplier_created_idx" ON "invoices" USING btree ("supplier_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "notifications_event_structure_uq" ON "notifications" USING btree ("event_key","structure_id");--> statement-breakpoint
CREATE INDEX "notifications_structure_created_idx" ON "notifications" USING btree ("structure_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "chorus_decision_pushes_uq" ON "chorus_decision_pushes" USING btree ("invoice_id","event_sequence");--> statement-breakpoint
CREATE UNIQUE INDEX "chorus_ids_kind_hub_uq" ON "chorus_ids" USING btree ("kind","hub_id");--> statement-breakpoint
CREATE UNIQUE INDEX "chorus_mirror_downloads_uq" ON "chorus_mirror_downloads" USING btree ("invoice_id","structure_id");--> statement-breakpoint
CREATE UNIQUE INDEX "chorus_mirror_flux_items_uq" ON "chorus_mirror_flux_items" USING btree ("flux_sequence","position");--> statement-breakpoint
CREATE INDEX "chorus_mirror_flux_items_invoice_idx" ON "chorus_mirror_flux_items" USING btree ("invoice_id");--> statement-breakpoint
CREATE INDEX "chorus_mirror_fluxes_supplier_idx" ON "chorus_mirror_fluxes" USING btree ("supplier_id","deposited_at");--> statement-breakpoint
CREATE UNIQUE INDEX "chorus_pulled_invoices_uq" ON "chorus_pulled_invoices" USING btree ("structure_id","remote_invoice_id");--> statement-breakpoint
CREATE UNIQUE INDEX "chorus_pushes_flux_uq" ON "chorus_pushes" USING btree ("numero_flux_depot");--> statement-breakpoint
CREATE UNIQUE INDEX "chorus_technical_accounts_login_uq" ON "chorus_technical_accounts" USING btree (lower("login"));--> statement-breakpoint
CREATE INDEX "chorus_technical_accounts_structure_idx" ON "chorus_technical_accounts" USING btree ("structure_id");