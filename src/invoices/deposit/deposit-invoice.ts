// The deposit verb: a supplier hands over one invoice file (UBL, CII or Factur-X PDF).
import type { VerbCall } from '../../platform/verb.ts';
import { looksLikePdf } from '../../../formats/index.ts';
import type { InvoiceStatus } from '../../../db/schema/invoices.ts';
import { invoiceWorkflowId } from '../domain/contract.ts';
import { requireRole, type Actor } from '../../platform/auth/index.ts';
import { databaseBlobStore, sha256HexOffLoop } from '../../platform/blob-store.ts';
import { auditActorRef } from '../../platform/audit/index.ts';
import { cpuPoolOf } from '../../platform/cpu-pool/index.ts';
import { AppError } from '../../platform/errors.ts';
import { recipientLabel, routeInvoice, type RecipientServices } from '../routing.ts';
import {
  depositProfile,
  maxDepositBytes,
  paymentTimingFor,
  refusedOriginalsQuota,
  workflowStartTimeoutMs,
  type InvoiceDeps,
} from '../settings.ts';
import { actorRef } from './actor-ref.ts';
import { databaseUnavailable, isDatabaseUnavailable } from './database-unavailable.ts';
import { essentialsOf } from './essentials.ts';
import { formatMegabytes } from './megabytes.ts';
import { readAndValidate } from './read-and-validate.ts';
import { launcherFor } from '../lifecycle/launcher.ts';
import {
  embeddedAttachments,
  recordAcceptedInvoice,
  recordRefusedDeposit,
  type DepositChannel,
  type DepositContext,
} from './record.ts';
import { routingReferencesOf } from './references.ts';
import { DUPLICATE_MESSAGE, type DepositRefusal, type DepositRefusalCode, type ReportedViolation } from './refusal.ts';
import { keepingAnswer } from './refused-quota.ts';
import { checkSeller } from './seller.ts';
import { supplierIdentity } from './supplier.ts';

export interface DepositInput {
  /** The supplier structure the invoice is deposited for. */
  supplierId: string;
  bytes: Uint8Array;
  fileName?: string | undefined;
  channel: DepositChannel;
}

export type DepositResult =
  | {
      outcome: 'accepted';
      depositId: string;
      invoiceId: string;
      status: InvoiceStatus;
      number: string;
      year: number;
      issueDate: string;
      syntax: 'UBL' | 'CII' | 'FACTURX';
      buyer: { id: string; name: string; siret: string };
      serviceCode: string | null;
      engagementNumber: string | null;
      originalSha256: string;
      workflowId: string;
      /** Non-blocking findings of the validation. */
      warnings: ReportedViolation[];
    }
  | {
      outcome: 'refused';
      depositId: string;
      code: DepositRefusalCode;
      message: string;
      originalSha256: string;
      violations?: ReportedViolation[];
      /** DUPLICATE_INVOICE: the invoice already deposited under this number and year. */
      existingInvoiceId?: string;
      /** False past the supplier's quota of refused originals (refused-quota.ts), with the French reason. */
      originalKept: boolean;
      originalNotKept?: { code: string; message: string };
      /** A service code missing, unknown or inactive: the recipient's active services. */
      recipientServices?: RecipientServices;
    };

/**
 * Deposits one invoice. Every attempt, accepted or refused, is recorded in `deposits` with the SHA-256 and size of
 * its file; the original is stored with the record, always for an accepted deposit, within the supplier's quota
 * for a refused one (refused-quota.ts). Throws only for what is not a deposit at all: no right to deposit for
 * this supplier (401/403), a file over the size limit (413), a database out of reach (503).
 */
export async function depositInvoice({ ctx, input }: VerbCall<InvoiceDeps, DepositInput>): Promise<DepositResult> {
  const { deps, actor } = ctx;
  try {
    return await deposit(deps, actor, input);
  } catch (error) {
    // Postgres down or restarting: a clear, retryable answer; nothing half-stored (the invoice writes are one transaction).
    if (isDatabaseUnavailable(error)) {
      deps.logger.error({ err: error }, 'database unavailable during a deposit');
      throw databaseUnavailable();
    }
    throw error;
  }
}

async function deposit(deps: InvoiceDeps, actor: Actor | undefined, input: DepositInput): Promise<DepositResult> {
  const present = requireRole(actor, 'supplier', input.supplierId);
  const limit = maxDepositBytes(deps);
  if (input.bytes.length > limit) {
    throw new AppError(
      'FILE_TOO_LARGE',
      `Le fichier fait ${formatMegabytes(input.bytes.length)} ; la taille maximale d’une facture déposée est ${formatMegabytes(limit)}.`,
      413,
    );
  }
  const supplier = await supplierIdentity(deps.db, input.supplierId);
  // The syndicat issues its members' yearly contributions (src/billing) through this same deposit.
  if (!supplier || (supplier.kind !== 'supplier' && supplier.kind !== 'syndicat'))
    throw new AppError('FORBIDDEN', 'Cette structure n’est pas un fournisseur.', 403);

  const mediaType = looksLikePdf(input.bytes) ? 'application/pdf' : 'application/xml';
  const originalSha256 = await sha256HexOffLoop(input.bytes);
  const context: DepositContext = {
    supplierId: input.supplierId,
    originalSha256,
    originalSize: input.bytes.length,
    fileName: cleanFileName(input.fileName),
    channel: input.channel,
    ...actorRef(present),
    auditActor: auditActorRef(present),
    at: deps.clock.now(),
  };
  const refused = async (refusal: DepositRefusal): Promise<DepositResult> => {
    const original = { bytes: input.bytes, mediaType, quota: refusedOriginalsQuota(deps), pool: cpuPoolOf(deps) };
    const { depositId, keeping } = await recordRefusedDeposit(deps.db, context, refusal, original);
    return { outcome: 'refused', depositId, originalSha256, ...refusal, ...keepingAnswer(keeping) };
  };

  let profile = depositProfile(deps);
  const checked = await readAndValidate(input.bytes, { profile, maxBytes: limit, pool: cpuPoolOf(deps) });
  if (!checked.ok) return refused(checked.refusal);
  const { read } = checked;
  let warnings = checked.warnings;
  const facts = essentialsOf(read.invoice);
  if (!facts.ok) return refused(facts.refusal);
  const seller = checkSeller(read.invoice, supplier);
  if (!seller.ok) return refused({ code: 'SELLER_MISMATCH', message: seller.message });

  const references = routingReferencesOf(read.invoice);
  if (references.buyerSiret === null && references.buyerSiren !== null) {
    return refused({
      code: 'MISSING_RECIPIENT',
      message: `Le destinataire n’est identifié que par son SIREN ${references.buyerSiren} (BT-47) ; les factures publiques sont adressées au SIRET de l’établissement destinataire (code destinataire Chorus Pro) : renseignez-le en BT-47 (schéma 0009) ou en BT-46.`,
    });
  }
  const routing = await routeInvoice(deps.db, references);
  if (routing.outcome === 'refused') {
    const { outcome: _, ...refusal } = routing; // keeps the recipient's services of a service-code refusal
    return refused(refusal);
  }
  const { route } = routing;
  // A recipient that chose the strict profile makes the reform's rules blocking for the invoices it receives.
  if (profile !== 'fr' && route.buyer.strictReformRules) {
    const strict = await readAndValidate(input.bytes, {
      profile: 'fr',
      maxBytes: limit,
      pool: cpuPoolOf(deps),
      strictBy: recipientLabel(route.buyer),
    });
    if (!strict.ok) return refused(strict.refusal);
    profile = 'fr';
    warnings = strict.warnings;
  }

  const { essentials } = facts;
  const workflowId = invoiceWorkflowId(
    supplier.siren ?? supplier.vatNumber ?? supplier.id,
    essentials.year,
    essentials.number,
  );
  await databaseBlobStore(deps.db, { pool: cpuPoolOf(deps) }).put(input.bytes, mediaType);
  const recorded = await recordAcceptedInvoice(deps.db, context, {
    essentials,
    syntax: read.syntax,
    route,
    warnings,
    profile,
    workflowId,
    attachments: embeddedAttachments(read.invoice.additionalDocuments),
  });
  if (recorded.kind === 'duplicate') {
    return refused({
      code: 'DUPLICATE_INVOICE',
      message: `${DUPLICATE_MESSAGE} (facture ${essentials.number}, année ${essentials.year}).`,
      ...(recorded.existingInvoiceId === undefined ? {} : { existingInvoiceId: recorded.existingInvoiceId }),
    });
  }
  // Stored and committed: accepted whatever happens to the start, which runs on its own (the relay retries a failed one).
  launcherFor(
    { temporal: deps.temporal, taskQueue: deps.taskQueue, timeoutMs: workflowStartTimeoutMs(deps) },
    deps.logger,
  ).launch(workflowId, {
    invoiceId: recorded.invoiceId,
    timing: paymentTimingFor(deps, route.buyer.paymentDelayDays),
  });
  return {
    outcome: 'accepted',
    depositId: recorded.depositId,
    invoiceId: recorded.invoiceId,
    status: recorded.status,
    number: essentials.number,
    year: essentials.year,
    issueDate: essentials.issueDate,
    syntax: read.syntax,
    buyer: { id: route.buyer.id, name: route.buyer.name, siret: route.buyer.siret },
    serviceCode: route.serviceCode,
    engagementNumber: route.engagementNumber,
    originalSha256,
    workflowId,
    warnings,
  };
}

/** Keeps the base name, without control characters, at most 200 characters (as Chorus Pro). */
function cleanFileName(name: string | undefined): string | null {
  if (!name) return null;
  const base = name.split(/[\\/]/).pop() ?? '';
  const cleaned = base.replace(/[\u0000-\u001f\u007f]/g, '').trim();
  return cleaned ? cleaned.slice(-200) : null;
}
