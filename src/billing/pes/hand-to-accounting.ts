// The PES Aller of a run's titles, handed to the accounting module as the syndicat's own finance software would
// deposit it: the stored bytes go to the file store, the accounting deposit checks them (structure, code lists,
// IdColl = the syndicat's SIRET, totals) and starts their transmission to the treasury. Idempotent per PES file:
// the flow's id is kept on the file, and a retry after a crash finds the flow by its NomFic.
import { Readable } from 'node:stream';
import { and, eq } from 'drizzle-orm';
import { billingPesFiles } from '../../../db/schema/billing.ts';
import { pesFlows } from '../../../db/schema/accounting.ts';
import { depositPes } from '../../accounting/index.ts';
import { systemActor } from '../../platform/auth/index.ts';
import { databaseBlobStore } from '../../platform/blob-store.ts';
import { AppError } from '../../platform/errors.ts';
import { syndicatIssuer } from '../runs/syndicat.ts';
import type { BillingDeps } from '../settings.ts';

export interface HandedPes {
  bordereau: number;
  flowId: string;
  /** False when the accounting checks refused the file (its issues are on the flow, shown to the accountant). */
  accepted: boolean;
}

export async function handRunPesToAccounting(deps: BillingDeps, runId: string): Promise<HandedPes | null> {
  const [file] = await deps.db.select().from(billingPesFiles).where(eq(billingPesFiles.runId, runId));
  if (!file) return null;
  if (file.pesFlowId) return { bordereau: file.bordereau, flowId: file.pesFlowId, accepted: true };
  const issuer = await syndicatIssuer(deps.db);
  const flowId = (await existingFlow(deps, issuer.structureId, file.nomFic)) ?? (await deposit(deps, file, issuer));
  await deps.db
    .update(billingPesFiles)
    .set({ pesFlowId: flowId.id })
    .where(and(eq(billingPesFiles.year, file.year), eq(billingPesFiles.bordereau, file.bordereau)));
  return { bordereau: file.bordereau, flowId: flowId.id, accepted: flowId.accepted };
}

async function existingFlow(
  deps: BillingDeps,
  structureId: string,
  nomFic: string,
): Promise<{ id: string; accepted: boolean } | undefined> {
  const [row] = await deps.db
    .select({ id: pesFlows.id, status: pesFlows.status })
    .from(pesFlows)
    .where(and(eq(pesFlows.structureId, structureId), eq(pesFlows.nomFic, nomFic)));
  return row ? { id: row.id, accepted: row.status !== 'NON_CONFORME' } : undefined;
}

async function deposit(
  deps: BillingDeps,
  file: typeof billingPesFiles.$inferSelect,
  issuer: { structureId: string },
): Promise<{ id: string; accepted: boolean }> {
  if (!deps.files) throw new AppError('FILE_STORAGE_UNAVAILABLE', 'Le stockage des fichiers est indisponible.', 503);
  const blob = await databaseBlobStore(deps.db).get(file.sha256);
  if (!blob) throw new Error(`PES file ${file.nomFic}: blob ${file.sha256} missing`);
  const stored = await deps.files.put(Readable.from([Buffer.from(blob.bytes)]), {
    kind: 'accounting_flow',
    mediaType: 'application/xml',
    fileName: `${file.nomFic}.xml`,
    owningStructureId: issuer.structureId,
  });
  // The billing job deposits for the syndicat only, as its accountant would.
  const actor = systemActor('billing-run', [{ role: 'accountant', structureId: issuer.structureId }]);
  const result = await depositPes({
    ctx: { deps, actor },
    input: { fileId: stored.id, structureId: issuer.structureId, channel: 'billing' },
  });
  if (!result.accepted)
    deps.logger.warn(
      { nomFic: file.nomFic, refusal: result.refusal, issues: result.issues.slice(0, 5) },
      'billing PES refused by the accounting checks',
    );
  return { id: result.flowId, accepted: result.accepted };
}
