// The relay: starts the lifecycle workflow of every invoice that was stored but never moved by one. The deposit
// commits first and starts the workflow after; if that start failed or never ran, this picks the invoice up.
import { and, asc, eq, lt } from 'drizzle-orm';
import { structures } from '../../../db/schema/directory.ts';
import { invoices } from '../../../db/schema/invoices.ts';
import { paymentTimingFor, workflowStartTimeoutMs, type InvoiceDeps } from '../settings.ts';
import { launchInvoiceWorkflow } from './launch.ts';

export interface RelayOptions {
  /** Invoices deposited more recently are left to their deposit's own start (default 60 s). */
  graceMs?: number;
  /** At most this many per run (default 1,000); the next run takes the rest. */
  limit?: number;
}

export interface RelayResult {
  found: number;
  started: number;
  failed: number;
}

const RELAY_CONCURRENCY = 8;

/** What the relay needs of the hub's dependencies. */
export type RelayDeps = Pick<InvoiceDeps, 'db' | 'clock' | 'logger' | 'temporal' | 'taskQueue' | 'invoices'>;

export async function startUnlaunchedInvoiceWorkflows(
  deps: RelayDeps,
  options: RelayOptions = {},
): Promise<RelayResult> {
  const before = new Date(deps.clock.now().getTime() - (options.graceMs ?? 60_000));
  // Still DEPOSEE at event 1: no workflow ever moved it (uses the partial index invoices_unlaunched_idx).
  const pending = await deps.db
    .select({ id: invoices.id, workflowId: invoices.workflowId, paymentDelayDays: structures.paymentDelayDays })
    .from(invoices)
    .innerJoin(structures, eq(structures.id, invoices.buyerId))
    .where(and(eq(invoices.status, 'DEPOSEE'), eq(invoices.eventCount, 1), lt(invoices.createdAt, before)))
    .orderBy(asc(invoices.createdAt))
    .limit(options.limit ?? 1000);

  const starter = { temporal: deps.temporal, taskQueue: deps.taskQueue, timeoutMs: workflowStartTimeoutMs(deps) };
  let started = 0;
  let failed = 0;
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(RELAY_CONCURRENCY, pending.length) }, async () => {
      for (let item = pending[next++]; item; item = pending[next++]) {
        try {
          await launchInvoiceWorkflow(starter, item.workflowId, {
            invoiceId: item.id,
            timing: paymentTimingFor(deps, item.paymentDelayDays),
          });
          started += 1;
        } catch (error) {
          failed += 1;
          deps.logger.warn(
            { err: error, invoiceId: item.id },
            'invoice workflow start failed; the next relay run tries again',
          );
        }
      }
    }),
  );
  if (pending.length > 0)
    deps.logger.info({ found: pending.length, started, failed }, 'invoice workflows started by the relay');
  return { found: pending.length, started, failed };
}
