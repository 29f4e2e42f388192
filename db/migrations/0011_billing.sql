CREATE TYPE "public"."billing_line_outcome" AS ENUM('PLANNED', 'ISSUED', 'ALREADY_ISSUED', 'BLOCKED');--> statement-breakpoint
CREATE TYPE "public"."billing_run_status" AS ENUM('PENDING', 'RUNNING', 'DONE', 'FAILED');--> statement-breakpoint
CREATE TYPE "public"."billing_vat_regime" AS ENUM('HORS_CHAMP', 'TVA_20');--> statement-breakpoint
CREATE TABLE "billing_contributions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"year" integer NOT NULL,
	"structure_id" uuid NOT NULL,
	"run_id" uuid NOT NULL,
	"sequence" integer NOT NULL,
	"number" text NOT NULL,
	"issue_date" date NOT NULL,
	"due_date" date NOT NULL,
	"line" jsonb NOT NULL,
	"amount" numeric(14, 2) NOT NULL,
	"vat_amount" numeric(14, 2) NOT NULL,
	"total_amount" numeric(14, 2) NOT NULL,
	"vat_regime" "billing_vat_regime" NOT NULL,
	"tier_label" text,
	"ubl_sha256" text,
	"facturx_sha256" text,
	"invoice_id" uuid,
	"pes_bordereau" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "billing_members" (
	"structure_id" uuid PRIMARY KEY NOT NULL,
	"joined_on" date,
	"left_on" date,
	"amount" numeric(14, 2),
	"product_code" text DEFAULT 'COTISATION' NOT NULL,
	"service_code" text,
	"engagement_number" text,
	"member" boolean DEFAULT true NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "billing_members_dates" CHECK ("billing_members"."left_on" is null or "billing_members"."joined_on" is null or "billing_members"."left_on" >= "billing_members"."joined_on"),
	CONSTRAINT "billing_members_amount" CHECK ("billing_members"."amount" is null or "billing_members"."amount" >= 0)
);
--> statement-breakpoint
CREATE TABLE "billing_pes_files" (
	"year" integer NOT NULL,
	"bordereau" integer NOT NULL,
	"run_id" uuid NOT NULL,
	"nom_fic" text NOT NULL,
	"sha256" text NOT NULL,
	"titles" integer NOT NULL,
	"total_amount" numeric(14, 2) NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "billing_pes_files_year_bordereau_pk" PRIMARY KEY("year","bordereau")
);
--> statement-breakpoint
CREATE TABLE "billing_products" (
	"code" text PRIMARY KEY NOT NULL,
	"label" text NOT NULL,
	"vat_regime" "billing_vat_regime" NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "billing_reminders" (
	"contribution_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"sent_at" timestamp with time zone DEFAULT now() NOT NULL,
	"emails" integer NOT NULL,
	CONSTRAINT "billing_reminders_contribution_id_kind_pk" PRIMARY KEY("contribution_id","kind")
);
--> statement-breakpoint
CREATE TABLE "billing_run_lines" (
	"run_id" uuid NOT NULL,
	"structure_id" uuid NOT NULL,
	"member_name" text NOT NULL,
	"outcome" "billing_line_outcome" NOT NULL,
	"tier_label" text,
	"amount" numeric(14, 2),
	"total_amount" numeric(14, 2),
	"line" jsonb,
	"contribution_id" uuid,
	"message" text,
	CONSTRAINT "billing_run_lines_run_id_structure_id_pk" PRIMARY KEY("run_id","structure_id")
);
--> statement-breakpoint
CREATE TABLE "billing_runs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"year" integer NOT NULL,
	"dry_run" boolean NOT NULL,
	"status" "billing_run_status" DEFAULT 'PENDING' NOT NULL,
	"requested_by" text NOT NULL,
	"issue_date" date NOT NULL,
	"failure" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "billing_sequences" (
	"year" integer PRIMARY KEY NOT NULL,
	"last" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "billing_tiers" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"label" text NOT NULL,
	"min_population" integer NOT NULL,
	"max_population" integer,
	"amount" numeric(14, 2) NOT NULL,
	"valid_from" date NOT NULL,
	"valid_to" date,
	"is_default" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "billing_tiers_bounds" CHECK ("billing_tiers"."min_population" >= 0 and ("billing_tiers"."max_population" is null or "billing_tiers"."max_population" >= "billing_tiers"."min_population")),
	CONSTRAINT "billing_tiers_amount" CHECK ("billing_tiers"."amount" >= 0),
	CONSTRAINT "billing_tiers_validity" CHECK ("billing_tiers"."valid_to" is null or "billing_tiers"."valid_to" >= "billing_tiers"."valid_from")
);
--> statement-breakpoint
ALTER TABLE "billing_contributions" ADD CONSTRAINT "billing_contributions_structure_id_structures_id_fk" FOREIGN KEY ("structure_id") REFERENCES "public"."structures"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "billing_contributions" ADD CONSTRAINT "billing_contributions_run_id_billing_runs_id_fk" FOREIGN KEY ("run_id") REFERENCES "public"."billing_runs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "billing_contributions" ADD CONSTRAINT "billing_contributions_ubl_sha256_blobs_sha256_fk" FOREIGN KEY ("ubl_sha256") REFERENCES "public"."blobs"("sha256") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "billing_contributions" ADD CONSTRAINT "billing_contributions_facturx_sha256_blobs_sha256_fk" FOREIGN KEY ("facturx_sha256") REFERENCES "public"."blobs"("sha256") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "billing_contributions" ADD CONSTRAINT "billing_contributions_invoice_id_invoices_id_fk" FOREIGN KEY ("invoice_id") REFERENCES "public"."invoices"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "billing_members" ADD CONSTRAINT "billing_members_structure_id_structures_id_fk" FOREIGN KEY ("structure_id") REFERENCES "public"."structures"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "billing_members" ADD CONSTRAINT "billing_members_product_code_billing_products_code_fk" FOREIGN KEY ("product_code") REFERENCES "public"."billing_products"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "billing_pes_files" ADD CONSTRAINT "billing_pes_files_run_id_billing_runs_id_fk" FOREIGN KEY ("run_id") REFERENCES "public"."billing_runs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "billing_pes_files" ADD CONSTRAINT "billing_pes_files_sha256_blobs_sha256_fk" FOREIGN KEY ("sha256") REFERENCES "public"."blobs"("sha256") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "billing_reminders" ADD CONSTRAINT "billing_reminders_contribution_id_billing_contributions_id_fk" FOREIGN KEY ("contribution_id") REFERENCES "public"."billing_contributions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "billing_run_lines" ADD CONSTRAINT "billing_run_lines_run_id_billing_runs_id_fk" FOREIGN KEY ("run_id") REFERENCES "public"."billing_runs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "billing_run_lines" ADD CONSTRAINT "billing_run_lines_structure_id_structures_id_fk" FOREIGN KEY ("structure_id") REFERENCES "public"."structures"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "billing_run_lines" ADD CONSTRAINT "billing_run_lines_contribution_id_billing_contributions_id_fk" FOREIGN KEY ("contribution_id") REFERENCES "public"."billing_contributions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "billing_contributions_member_year_uq" ON "billing_contributions" USING btree ("structure_id","year");--> statement-breakpoint
CREATE UNIQUE INDEX "billing_contributions_number_uq" ON "billing_contributions" USING btree ("number");--> statement-breakpoint
CREATE UNIQUE INDEX "billing_contributions_year_sequence_uq" ON "billing_contributions" USING btree ("year","sequence");--> statement-breakpoint
CREATE UNIQUE INDEX "billing_pes_files_run_uq" ON "billing_pes_files" USING btree ("run_id");--> statement-breakpoint
CREATE INDEX "billing_runs_year_idx" ON "billing_runs" USING btree ("year","created_at");