// The contract between the hub and the invoice lifecycle workflow: input, updates, query, ids.
// Deterministic definitions only: imported by the workflow bundle and by the hub's verbs alike.
import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type { InvoiceStatus } from './statuses.ts';

export type { InvoiceStatus };

export const INVOICE_WORKFLOW_TYPE = 'invoiceLifecycleWorkflow';

/**
 * Temporal workflow id derived from the invoice key (supplier + year + number), so a second start
 * for the same key finds the first. The database's unique key stays the source of truth.
 */
export function invoiceWorkflowId(supplierKey: string, year: number, invoiceNumber: string): string {
  return `invoice/${supplierKey}/${year}/${encodeURIComponent(invoiceNumber)}`;
}

/** Legal delays are inputs: days in production, seconds in tests (no time-skipping server offline). */
export interface PaymentTiming {
  /** Length of one "day" in milliseconds (86,400,000 in production). */
  dayMs: number;
  /** Legal payment delay in days: 30 for collectivities, 50 for public hospitals. */
  delayDays: number;
  /** The deployment set `delayDays` for every invoice: a re-routed invoice keeps it instead of its new recipient's. */
  delayFixed?: boolean;
  /** Remind the accountants this many days before expiry (e.g. [10, 3, 1]). */
  reminderDaysBefore: number[];
  /** New delay opened when a suspended invoice is completed (art. 4 of the décret: 30 days, the default). */
  newDelayAfterSuspensionDays?: number;
}

export interface InvoiceWorkflowInput {
  invoiceId: string;
  timing: PaymentTiming;
  /**
   * How the workflow reaches the recipient. 1 (absent, histories recorded before v2): started inside the deposit's
   * transaction, it waits for the row, then records each step through its own activity. 2: started after the
   * commit, it delivers in one local activity.
   */
  delivery?: 1 | 2;
}

/** Who the events the platform records itself are signed by (routing, making available). */
export const PLATFORM_ACTOR = { actor: 'system', actorName: 'Plateforme' } as const;

/** The delivery every new run uses. */
export const CURRENT_DELIVERY = 2;

/** Who asks for a transition, as checked by the verb and re-checked by the update validator. */
export interface ActingParty {
  /** `person:<uuid>`, `client:<id>` or `system`. */
  actor: string;
  actorName: string;
  role: 'supplier' | 'accountant' | 'agent' | 'operator';
  /** Structures this party acts for with that role. */
  structureIds: string[];
  /** The HTTP request that asked, for the audit log. */
  requestId?: string;
}

export type AccountantAction =
  | { kind: 'SERVICE_FAIT' }
  | { kind: 'SUSPENDUE'; motive: string }
  | { kind: 'REJETEE'; motive: string }
  | { kind: 'A_RECYCLER'; motive: string }
  | { kind: 'MANDATEE'; mandateNumber: string }
  | { kind: 'MISE_A_DISPOSITION_COMPTABLE' }
  | { kind: 'COMPTABILISEE' }
  /** Payment date as YYYY-MM-DD. */
  | { kind: 'MISE_EN_PAIEMENT'; paymentDate: string };

export type SupplierAction =
  /** Answer to a suspension: a comment and the sha256 of attachments already stored. */
  | { kind: 'COMPLETEE'; comment: string; attachments: string[] }
  /** Answer to A_RECYCLER: the new recipient; the invoice returns to DEPOSEE and is routed again. */
  | { kind: 'REROUTE'; buyerSiret: string; serviceCode?: string; engagementNumber?: string };

export interface TransitionResult {
  invoiceId: string;
  status: InvoiceStatus;
  /** Sequence number of the event that recorded the transition. */
  sequence: number;
}

export interface InvoiceWorkflowState {
  invoiceId: string;
  status: InvoiceStatus;
  /** Epoch ms of the legal due date, when the clock runs or ran. */
  legalDueAt: number | undefined;
  /** Remaining legal delay in ms while suspended. */
  remainingMs: number | undefined;
  suspensionsUsed: number;
  /** Calendar due date (YYYY-MM-DD, Paris) while the clock runs or ran. */
  dueDate: string | undefined;
  /** Calendar date the invoice was made available to its recipient. */
  madeAvailableOn: string | undefined;
  /** Sequence of the last recorded event. */
  sequence: number;
}

export const accountantDecision = defineUpdate<TransitionResult, [ActingParty, AccountantAction]>('accountantDecision');
export const supplierAction = defineUpdate<TransitionResult, [ActingParty, SupplierAction]>('supplierAction');
export const invoiceState = defineQuery<InvoiceWorkflowState>('invoiceState');
