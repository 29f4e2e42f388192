ALTER TYPE "public"."structure_kind" ADD VALUE 'ccas_cias' BEFORE 'supplier';--> statement-breakpoint
ALTER TYPE "public"."structure_kind" ADD VALUE 'etablissement_public_sante' BEFORE 'supplier';--> statement-breakpoint
ALTER TYPE "public"."structure_kind" ADD VALUE 'ehpad_public' BEFORE 'supplier';--> statement-breakpoint
ALTER TYPE "public"."structure_kind" ADD VALUE 'oph' BEFORE 'supplier';--> statement-breakpoint
ALTER TYPE "public"."structure_kind" ADD VALUE 'etablissement_public' BEFORE 'supplier';--> statement-breakpoint
ALTER TABLE "structures" ADD COLUMN "payment_delay_override_days" integer;--> statement-breakpoint
ALTER TABLE "structures" ADD CONSTRAINT "structures_payment_delay_override_range" CHECK ("structures"."payment_delay_override_days" is null or "structures"."payment_delay_override_days" between 1 and 60);