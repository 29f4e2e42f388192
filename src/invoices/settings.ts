// Settings of the invoice module that deployments and tests tune: legal timing, upload size, Temporal deadlines,
// the quota of refused originals.
import type { Profile } from '../../formats/index.ts';
import type { AppDeps } from '../platform/http.ts';
import type { PaymentTiming } from './domain/contract.ts';

export interface InvoiceSettings {
  /** Workflow timing; `delayDays` defaults to the recipient structure's legal delay. Tests shorten `dayMs`. */
  timing?: Partial<PaymentTiming>;
  /** Largest deposited file, in bytes (default 20 MB). */
  maxDepositBytes?: number;
  /** How long a decision waits for the workflow to record it before answering that it is still pending (30 s). */
  decisionTimeoutMs?: number;
  /** How long a deposit waits for Temporal to accept the workflow start before refusing (default 10 s). */
  workflowStartTimeoutMs?: number;
  /**
   * Validation profile of the deployment (default 'b2g': EN 16931 and the Chorus rules block, the reform's BR-FR
   * rules are warnings; 'fr': the strict profile, BR-FR rules block for every recipient). A recipient structure
   * may choose the strict profile for itself (directory flag `strictReformRules`). Tests may set 'en16931' to
   * check the norm alone.
   */
  profile?: Profile;
  /** How many refused originals a supplier may leave in the file store (DEFAULT_REFUSED_ORIGINALS_QUOTA). */
  refusedOriginalsQuota?: Partial<RefusedOriginalsQuota>;
}

/** Refused deposits' originals kept per supplier over a rolling window; past either limit they are not kept. */
export interface RefusedOriginalsQuota {
  maxFiles: number;
  maxBytes: number;
  windowMs: number;
}

/** The hub's dependencies, optionally carrying invoice settings. */
export type InvoiceDeps = AppDeps & { invoices?: InvoiceSettings };

export const DEFAULT_MAX_DEPOSIT_BYTES = 20 * 1024 * 1024;
export const DEFAULT_WORKFLOW_START_TIMEOUT_MS = 10_000;
export const DAY_MS = 86_400_000;
export const DEFAULT_REMINDER_DAYS_BEFORE: readonly number[] = [10, 3, 1];

/** The timing a new invoice workflow runs with, for a recipient whose legal delay is `paymentDelayDays`. */
export function paymentTimingFor(deps: Pick<InvoiceDeps, 'invoices'>, paymentDelayDays: number): PaymentTiming {
  const timing = deps.invoices?.timing;
  return {
    dayMs: timing?.dayMs ?? DAY_MS,
    delayDays: timing?.delayDays ?? paymentDelayDays,
    ...(timing?.delayDays !== undefined ? { delayFixed: true } : {}),
    reminderDaysBefore: [...(timing?.reminderDaysBefore ?? DEFAULT_REMINDER_DAYS_BEFORE)],
  };
}

export const maxDepositBytes = (deps: InvoiceDeps): number =>
  deps.invoices?.maxDepositBytes ?? DEFAULT_MAX_DEPOSIT_BYTES;
export const workflowStartTimeoutMs = (deps: Pick<InvoiceDeps, 'invoices'>): number =>
  deps.invoices?.workflowStartTimeoutMs ?? DEFAULT_WORKFLOW_START_TIMEOUT_MS;
export const DEFAULT_DECISION_TIMEOUT_MS = 30_000;
export const decisionTimeoutMs = (deps: Pick<InvoiceDeps, 'invoices'>): number =>
  deps.invoices?.decisionTimeoutMs ?? DEFAULT_DECISION_TIMEOUT_MS;
export const depositProfile = (deps: InvoiceDeps): Profile => deps.invoices?.profile ?? 'b2g';

/**
 * 500 files: one full Chorus Pro flux (500 invoices) refused for one systematic error is still kept whole, and a
 * supplier fixing its software rarely fails more in a day. 200 MiB: 500 files of ~400 KB (a Factur-X PDF; a UBL is
 * ~20 KB), or ten files at the 20 MB upload limit, so one supplier adds at most that to the store per day.
 */
export const DEFAULT_REFUSED_ORIGINALS_QUOTA: RefusedOriginalsQuota = {
  maxFiles: 500,
  maxBytes: 200 * 1024 * 1024,
  windowMs: DAY_MS,
};
export const refusedOriginalsQuota = (deps: Pick<InvoiceDeps, 'invoices'>): RefusedOriginalsQuota => ({
  ...DEFAULT_REFUSED_ORIGINALS_QUOTA,
  ...deps.invoices?.refusedOriginalsQuota,
});
