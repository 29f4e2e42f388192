// The stored PES Aller of a year's bordereau (the latest when none is named), for the operator and the accounting.
import { and, desc, eq } from 'drizzle-orm';
import { billingPesFiles } from '../../../db/schema/billing.ts';
import { requireOperator } from '../../platform/auth/index.ts';
import { databaseBlobStore } from '../../platform/blob-store.ts';
import { notFound } from '../../platform/errors.ts';
import type { VerbCall } from '../../platform/verb.ts';
import type { BillingDeps } from '../settings.ts';

export interface PesDocument {
  year: number;
  bordereau: number;
  nomFic: string;
  bytes: Uint8Array;
}

export async function getYearPes({
  ctx,
  input,
}: VerbCall<BillingDeps, { year: number; bordereau?: number | undefined }>): Promise<PesDocument> {
  requireOperator(ctx.actor);
  const [file] = await ctx.deps.db
    .select()
    .from(billingPesFiles)
    .where(
      and(
        eq(billingPesFiles.year, input.year),
        input.bordereau !== undefined ? eq(billingPesFiles.bordereau, input.bordereau) : undefined,
      ),
    )
    .orderBy(desc(billingPesFiles.bordereau))
    .limit(1);
  if (!file) throw notFound(`PES des titres de l’exercice ${input.year}`);
  const blob = await databaseBlobStore(ctx.deps.db).get(file.sha256);
  if (!blob) throw notFound(`Fichier PES ${file.nomFic}`);
  return { year: file.year, bordereau: file.bordereau, nomFic: file.nomFic, bytes: blob.bytes };
}
