// A deposit's acknowledgement, for the company that made it and for the buyer's agents: the exact JSON bytes the
// token covers, the RFC 3161 token, and the authority's chain to verify it with.
import { eq } from 'drizzle-orm';
import { createHash } from 'node:crypto';
import { tenderConsultations, tenderDeposits } from '../../../db/schema/tenders.ts';
import { hasRole, requireActorPresent, type Actor } from '../../platform/auth/index.ts';
import { notFound } from '../../platform/errors.ts';
import type { Receipt } from '../domain/index.ts';
import { sealSecret, type TenderDeps } from '../settings.ts';
import { timeStampAuthority } from '../timestamp/authority.ts';
import { receiptPdf } from './receipt-pdf.ts';

export interface StoredReceipt {
  json: Buffer;
  token: Buffer;
  receipt: Receipt;
}

export async function getReceipt(
  deps: TenderDeps,
  actorInput: Actor | undefined,
  depositId: string,
): Promise<StoredReceipt> {
  const actor = requireActorPresent(actorInput);
  if (!/^[0-9a-f-]{36}$/i.test(depositId)) throw notFound('Dépôt');
  const [row] = await deps.db
    .select({ deposit: tenderDeposits, buyerId: tenderConsultations.buyerId })
    .from(tenderDeposits)
    .innerJoin(tenderConsultations, eq(tenderConsultations.id, tenderDeposits.consultationId))
    .where(eq(tenderDeposits.id, depositId));
  if (!row || !(hasRole(actor, 'supplier', row.deposit.companyId) || hasRole(actor, 'agent', row.buyerId)))
    throw notFound('Dépôt');
  const json = Buffer.from(row.deposit.receiptJson, 'base64');
  return {
    json,
    token: Buffer.from(row.deposit.timeStampToken, 'base64'),
    receipt: JSON.parse(json.toString('utf8')) as Receipt,
  };
}

export async function getReceiptPdf(deps: TenderDeps, actor: Actor | undefined, depositId: string): Promise<Buffer> {
  const stored = await getReceipt(deps, actor, depositId);
  return receiptPdf(stored.receipt, createHash('sha256').update(stored.json).digest('hex'));
}

/** The time-stamping authority's chain (PEM), public: anyone verifies a token with it. */
export async function timeStampChain(deps: TenderDeps): Promise<string> {
  return (await timeStampAuthority(deps.db, sealSecret(deps), deps.clock.now())).chainPem;
}
