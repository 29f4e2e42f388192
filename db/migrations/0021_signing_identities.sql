CREATE TABLE "accounting_signing_identities" (
	"structure_id" uuid PRIMARY KEY NOT NULL,
	"sealed" text NOT NULL,
	"subject" text NOT NULL,
	"issuer" text NOT NULL,
	"serial_number" text NOT NULL,
	"fingerprint_sha256" text NOT NULL,
	"valid_from" timestamp with time zone NOT NULL,
	"valid_to" timestamp with time zone NOT NULL,
	"set_by" text NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "pes_flows" ADD COLUMN "hub_signed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "accounting_signing_identities" ADD CONSTRAINT "accounting_signing_identities_structure_id_structures_id_fk" FOREIGN KEY ("structure_id") REFERENCES "public"."structures"("id") ON DELETE no action ON UPDATE no action;