CREATE TYPE "public"."pes_deposit_channel" AS ENUM('page', 'api', 's2low');--> statement-breakpoint
CREATE TYPE "public"."pes_flow_status" AS ENUM('NON_CONFORME', 'POSTE', 'ATTENTE', 'TRANSMIS', 'ACQUITTE', 'INFORMATION_DISPONIBLE', 'REFUSE', 'ERREUR');--> statement-breakpoint
CREATE TYPE "public"."pes_return_kind" AS ENUM('ACQUIT', 'NON_ACQUIT', 'RETOUR', 'INCONNU');--> statement-breakpoint
CREATE TYPE "public"."treasury_transport" AS ENUM('ftp', 'ftps', 'sftp');--> statement-breakpoint
CREATE TABLE "pes_flows" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"transaction_number" bigserial NOT NULL,
	"structure_id" uuid NOT NULL,
	"nom_fic" text NOT NULL,
	"status" "pes_flow_status" NOT NULL,
	"channel" "pes_deposit_channel" NOT NULL,
	"original_file_id" uuid NOT NULL,
	"sent_file_id" uuid,
	"wire_name" text,
	"id_coll" text DEFAULT '' NOT NULL,
	"id_post" text DEFAULT '' NOT NULL,
	"cod_col" text DEFAULT '' NOT NULL,
	"cod_bud" text DEFAULT '' NOT NULL,
	"summary" jsonb,
	"issues" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"unmatched" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"sign_requested" boolean DEFAULT false NOT NULL,
	"workflow_id" text NOT NULL,
	"ack_return_id" uuid,
	"deposited_by" text NOT NULL,
	"alarm_raised_at" timestamp with time zone,
	"transmitted_at" timestamp with time zone,
	"acknowledged_at" timestamp with time zone,
	"status_changed_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "pes_invoice_links" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"flow_id" uuid NOT NULL,
	"invoice_id" uuid NOT NULL,
	"structure_id" uuid NOT NULL,
	"exer" text NOT NULL,
	"id_bord" text NOT NULL,
	"id_pce" text NOT NULL,
	"id_ligne" text NOT NULL,
	"pj_id_unique" text,
	"embedded" boolean DEFAULT false NOT NULL,
	"mandated_at" timestamp with time zone,
	"paid_on" text,
	"note" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "pes_returns" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"number" bigserial NOT NULL,
	"kind" "pes_return_kind" NOT NULL,
	"remote_name" text NOT NULL,
	"sha256" text NOT NULL,
	"file_id" uuid NOT NULL,
	"flow_id" uuid,
	"structure_id" uuid,
	"nom_fic" text DEFAULT '' NOT NULL,
	"id_coll" text DEFAULT '' NOT NULL,
	"summary" jsonb,
	"problem" text,
	"read_at" timestamp with time zone,
	"acknowledged_at" timestamp with time zone,
	"ack_wire_name" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "pes_wire_counters" (
	"siret" text NOT NULL,
	"day" text NOT NULL,
	"last" integer NOT NULL,
	CONSTRAINT "pes_wire_counters_siret_day_pk" PRIMARY KEY("siret","day")
);
--> statement-breakpoint
CREATE TABLE "treasury_accounts" (
	"structure_id" uuid PRIMARY KEY NOT NULL,
	"p_dest" text,
	"transport" "treasury_transport" DEFAULT 'ftp' NOT NULL,
	"signing_certificate_pem" text,
	"signing_key_pem" text,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "pes_flows" ADD CONSTRAINT "pes_flows_structure_id_structures_id_fk" FOREIGN KEY ("structure_id") REFERENCES "public"."structures"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pes_flows" ADD CONSTRAINT "pes_flows_original_file_id_stored_files_id_fk" FOREIGN KEY ("original_file_id") REFERENCES "public"."stored_files"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pes_flows" ADD CONSTRAINT "pes_flows_sent_file_id_stored_files_id_fk" FOREIGN KEY ("sent_file_id") REFERENCES "public"."stored_files"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pes_invoice_links" ADD CONSTRAINT "pes_invoice_links_flow_id_pes_flows_id_fk" FOREIGN KEY ("flow_id") REFERENCES "public"."pes_flows"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pes_invoice_links" ADD CONSTRAINT "pes_invoice_links_invoice_id_invoices_id_fk" FOREIGN KEY ("invoice_id") REFERENCES "public"."invoices"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pes_invoice_links" ADD CONSTRAINT "pes_invoice_links_structure_id_structures_id_fk" FOREIGN KEY ("structure_id") REFERENCES "public"."structures"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pes_returns" ADD CONSTRAINT "pes_returns_file_id_stored_files_id_fk" FOREIGN KEY ("file_id") REFERENCES "public"."stored_files"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pes_returns" ADD CONSTRAINT "pes_returns_flow_id_pes_flows_id_fk" FOREIGN KEY ("flow_id") REFERENCES "public"."pes_flows"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pes_returns" ADD CONSTRAINT "pes_returns_structure_id_structures_id_fk" FOREIGN KEY ("structure_id") REFERENCES "public"."structures"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "treasury_accounts" ADD CONSTRAINT "treasury_accounts_structure_id_structures_id_fk" FOREIGN KEY ("structure_id") REFERENCES "public"."structures"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "pes_flows_transaction_uq" ON "pes_flows" USING btree ("transaction_number");--> statement-breakpoint
CREATE UNIQUE INDEX "pes_flows_nom_fic_uq" ON "pes_flows" USING btree ("structure_id","nom_fic") WHERE "pes_flows"."status" <> 'NON_CONFORME';--> statement-breakpoint
CREATE UNIQUE INDEX "pes_flows_wire_name_uq" ON "pes_flows" USING btree ("wire_name");--> statement-breakpoint
CREATE INDEX "pes_flows_structure_idx" ON "pes_flows" USING btree ("structure_id","created_at");--> statement-breakpoint
CREATE INDEX "pes_flows_status_idx" ON "pes_flows" USING btree ("status","status_changed_at");--> statement-breakpoint
CREATE UNIQUE INDEX "pes_invoice_links_line_uq" ON "pes_invoice_links" USING btree ("flow_id","exer","id_bord","id_pce","id_ligne");--> statement-breakpoint
CREATE INDEX "pes_invoice_links_invoice_idx" ON "pes_invoice_links" USING btree ("invoice_id");--> statement-breakpoint
CREATE INDEX "pes_invoice_links_mandate_idx" ON "pes_invoice_links" USING btree ("structure_id","exer","id_bord","id_pce");--> statement-breakpoint
CREATE UNIQUE INDEX "pes_returns_number_uq" ON "pes_returns" USING btree ("number");--> statement-breakpoint
CREATE UNIQUE INDEX "pes_returns_remote_uq" ON "pes_returns" USING btree ("remote_name","sha256");--> statement-breakpoint
CREATE INDEX "pes_returns_flow_idx" ON "pes_returns" USING btree ("flow_id");--> statement-breakpoint
CREATE INDEX "pes_returns_structure_idx" ON "pes_returns" USING btree ("structure_id","kind","created_at");