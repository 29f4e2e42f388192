// Verbs by which the accountant of the recipient and the supplier move an invoice. Authorization is checked here,
// then again by the workflow's update validator, which alone knows the current status for sure.
import type { VerbCall } from '../platform/verb.ts';
import { WorkflowUpdateFailedError } from '@temporalio/client';
import { ApplicationFailure, WorkflowNotFoundError } from '@temporalio/common';
import { eq } from 'drizzle-orm';
import { invoices } from '../../db/schema/invoices.ts';
import { requireActorPresent, requireRole, structuresWithRole, type Actor, type Role } from '../platform/auth/index.ts';
import { AppError, forbidden, invalidInput, notFound } from '../platform/errors.ts';
import type { AppDeps } from '../platform/http.ts';
import {
  accountantDecision,
  supplierAction,
  type AccountantAction,
  type ActingParty,
  type SupplierAction,
  type TransitionResult,
} from './domain/contract.ts';
import { ACTION_LABELS, isTerminal, STATUS_LABELS } from './domain/transitions.ts';
import { currentRequestId } from '../platform/request-context.ts';
import { actorRef } from './deposit/actor-ref.ts';
import { decisionTimeoutMs, type InvoiceDeps } from './settings.ts';

export type DecisionDeps = Pick<AppDeps, 'db' | 'temporal'> & Pick<InvoiceDeps, 'invoices'>;

const ACCOUNTANT_KINDS = new Set<string>([
  'SERVICE_FAIT',
  'SUSPENDUE',
  'REJETEE',
  'A_RECYCLER',
  'MANDATEE',
  'MISE_A_DISPOSITION_COMPTABLE',
  'COMPTABILISEE',
  'MISE_EN_PAIEMENT',
]);
const SUPPLIER_KINDS = new Set<string>(['COMPLETEE', 'REROUTE']);

/** HTTP status of each refusal the workflow may answer with. */
const STATUS_OF: Record<string, 400 | 403 | 409 | 422> = {
  ILLEGAL_TRANSITION: 409,
  WRONG_ROLE: 403,
  WRONG_STRUCTURE: 403,
  ROUTING_REFUSED: 422,
  SEQUENCE_CONFLICT: 409,
};

/** The accountant of the recipient structure decides on an invoice (certify, suspend, reject, mandate, pay…). */
export async function decideInvoice({
  ctx,
  input,
}: VerbCall<DecisionDeps, { invoiceId: string; action: AccountantAction }>): Promise<TransitionResult> {
  const { deps, actor: who } = ctx;
  const { invoiceId, action } = input;
  const actor = requireActorPresent(who);
  if (!ACCOUNTANT_KINDS.has(action?.kind)) throw invalidInput('Action inconnue pour un comptable.');
  const invoice = await loadInvoice(deps, invoiceId);
  requireSide(
    actor,
    'accountant',
    invoice.buyerId,
    'Seul un comptable de la structure destinataire peut traiter cette facture.',
  );
  refuseWhenClosed(invoice.status, action.kind);
  const party = actingParty(actor, 'accountant');
  return update(deps, invoice.workflowId, () =>
    handleOf(deps, invoice.workflowId).executeUpdate(accountantDecision, { args: [party, action] }),
  );
}

/** The supplier acts on its invoice: completes it after a suspension, or corrects its recipient after A_RECYCLER. */
export async function supplierActOnInvoice({
  ctx,
  input,
}: VerbCall<DecisionDeps, { invoiceId: string; action: SupplierAction }>): Promise<TransitionResult> {
  const { deps, actor: who } = ctx;
  const { invoiceId, action } = input;
  const actor = requireActorPresent(who);
  if (!SUPPLIER_KINDS.has(action?.kind)) throw invalidInput('Action inconnue pour un fournisseur.');
  const invoice = await loadInvoice(deps, invoiceId);
  requireSide(actor, 'supplier', invoice.supplierId, 'Seul le fournisseur de la facture peut effectuer cette action.');
  refuseWhenClosed(invoice.status, action.kind);
  const party = actingParty(actor, 'supplier');
  return update(deps, invoice.workflowId, () =>
    handleOf(deps, invoice.workflowId).executeUpdate(supplierAction, { args: [party, action] }),
  );
}

async function loadInvoice(deps: DecisionDeps, invoiceId: string) {
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(invoiceId)) throw notFound('Facture');
  const [invoice] = await deps.db
    .select({
      buyerId: invoices.buyerId,
      supplierId: invoices.supplierId,
      workflowId: invoices.workflowId,
      status: invoices.status,
    })
    .from(invoices)
    .where(eq(invoices.id, invoiceId));
  if (!invoice) throw notFound('Facture');
  return invoice;
}

function requireSide(actor: Actor, role: Role, structureId: string, message: string): void {
  try {
    requireRole(actor, role, structureId);
  } catch {
    throw forbidden(message);
  }
}

function refuseWhenClosed(status: (typeof invoices.$inferSelect)['status'], kind: keyof typeof ACTION_LABELS): void {
  if (isTerminal(status)) {
    throw new AppError(
      'ILLEGAL_TRANSITION',
      `Action « ${ACTION_LABELS[kind]} » impossible : la facture est au statut « ${STATUS_LABELS[status]} », plus aucune action n’est possible.`,
      409,
    );
  }
}

export function actingParty(actor: Actor, role: Role): ActingParty {
  const requestId = currentRequestId();
  return {
    ...actorRef(actor),
    role,
    structureIds: structuresWithRole(actor, role),
    ...(requestId === undefined ? {} : { requestId }),
  };
}

function handleOf(deps: DecisionDeps, workflowId: string) {
  if (!deps.temporal)
    throw new AppError(
      'WORKFLOW_UNAVAILABLE',
      'Le traitement des factures est momentanément indisponible, réessayez plus tard.',
      503,
    );
  return deps.temporal.workflow.getHandle(workflowId);
}

/**
 * Runs the update and turns its refusal into a French AppError. The caller never waits more than the decision
 * timeout: a workflow that cannot record the decision then (worker down, database retried) gets a clear answer.
 */
async function update(
  deps: DecisionDeps,
  workflowId: string,
  run: () => Promise<TransitionResult>,
): Promise<TransitionResult> {
  const timeoutMs = decisionTimeoutMs(deps);
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(decisionPending(timeoutMs)), timeoutMs);
  });
  try {
    return await Promise.race([run(), late]);
  } catch (error) {
    throw toAppError(error, workflowId);
  } finally {
    clearTimeout(timer);
  }
}

const decisionPending = (timeoutMs: number): AppError =>
  new AppError(
    'DECISION_PENDING',
    `Le traitement de la facture n’a pas confirmé l’action en ${Math.round(timeoutMs / 1000)} s : elle peut encore être appliquée. Consultez la facture avant de la renouveler.`,
    503,
  );

export function toAppError(error: unknown, workflowId: string): AppError {
  if (error instanceof AppError) return error;
  if (error instanceof WorkflowUpdateFailedError && error.cause instanceof ApplicationFailure) {
    const code = error.cause.type ?? 'TRANSITION_REFUSED';
    return new AppError(code, error.cause.message, STATUS_OF[code] ?? 400);
  }
  if (error instanceof WorkflowNotFoundError) {
    return new AppError(
      'ILLEGAL_TRANSITION',
      'Cette facture n’est plus en cours de traitement : aucune action n’est possible.',
      409,
      { workflowId },
    );
  }
  return new AppError(
    'WORKFLOW_UNAVAILABLE',
    'Le traitement des factures est momentanément indisponible, réessayez plus tard.',
    503,
  );
}
