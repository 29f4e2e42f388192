// A worker killed outright (SIGKILL) while invoices are routed and decided; another worker takes over.
// Every invoice must end in its status with each event recorded exactly once, and each notification once.
import type { ChildProcess } from 'node:child_process';
import type { Client } from '@temporalio/client';
import { eq, inArray, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { invoiceEvents, notifications, type InvoiceStatus } from '../../db/schema/invoices.ts';
import { decideInvoice } from '../../src/invoices/decisions.ts';
import { parisDay } from '../../src/invoices/domain/payment-delay/paris-day.ts';
import type { AppError } from '../../src/platform/errors.ts';
import type { AppDeps } from '../../src/platform/http.ts';
import type { AccountantAction } from '../../src/invoices/domain/contract.ts';
import { urlForDatabase } from '../helpers/test-database.ts';
import { testDeps, testTemporalClient } from '../helpers/test-deps.ts';
import { useTestDatabase } from '../helpers/use-database.ts';
import {
  eventsOf,
  eventually,
  insertDepositedInvoice,
  invoiceRow,
  lifecycleParties,
  startLifecycle,
  startWorker,
  uniqueQueue,
  waitForStatus,
  type DepositedInvoice,
  type RunningWorker,
} from './lifecycle-fixtures.ts';
import { skipUnlessCi } from '../helpers/required-under-ci.ts';
import { spawnWorker } from '../helpers/spawn-worker.ts';

const INVOICES = 30;
const t = useTestDatabase();
const source = inject('testDatabase');
let client: Client;
let deps: AppDeps;
let child: ChildProcess | undefined;
let replacement: RunningWorker | undefined;

beforeAll(async () => {
  client = await testTemporalClient();
  deps = testDeps(t.handle, { temporal: client, taskQueue: uniqueQueue('crash') });
});
afterAll(async () => {
  child?.kill('SIGKILL');
  await replacement?.stop();
  await client?.connection.close();
});

const STEPS: AccountantAction[] = [
  { kind: 'SERVICE_FAIT' },
  { kind: 'MANDATEE', mandateNumber: 'M-CRASH' },
  { kind: 'MISE_EN_PAIEMENT', paymentDate: '' },
];

/** What an accountant does: each step until it is done, retrying when the hub answers it is unavailable. */
async function drive(
  invoice: DepositedInvoice,
  actor: Parameters<typeof decideInvoice>[0]['ctx']['actor'],
  paymentDate: string,
): Promise<number> {
  let retries = 0;
  await waitForStatus(t.handle.db, invoice.invoiceId, 'MISE_A_DISPOSITION', 90_000);
  for (const step of STEPS) {
    const action = step.kind === 'MISE_EN_PAIEMENT' ? { ...step, paymentDate } : step;
    for (;;) {
      try {
        await decideInvoice({
          ctx: { deps: deps, actor: actor },
          input: { invoiceId: invoice.invoiceId, action: action },
        });
        break;
      } catch (error) {
        // An answer lost with the worker: the step may have been recorded all the same.
        if ((await invoiceRow(t.handle.db, invoice.invoiceId)).status === (action.kind as InvoiceStatus)) break;
        if ((error as AppError).code !== 'WORKFLOW_UNAVAILABLE') throw error;
        retries += 1;
        await new Promise((r) => setTimeout(r, 200));
      }
    }
  }
  return retries;
}

describe('worker killed with invoices in flight', () => {
  it.skipIf(skipUnlessCi(source.mode !== 'postgres', 'base de test PostgreSQL'))(
    'brings every invoice to its status exactly once after another worker takes over',
    async () => {
      const [{ name }] = (await t.handle.db.execute(sql`select current_database() as name`)) as unknown as [
        { name: string },
      ];
      const dbUrl = urlForDatabase((source as { adminUrl: string }).adminUrl, name);
      const parties = await lifecycleParties(t.handle.db);
      child = await spawnWorker({ dbUrl, taskQueue: deps.taskQueue! });

      const timing = { dayMs: 60_000, delayDays: 30, reminderDaysBefore: [] };
      const invoices: DepositedInvoice[] = [];
      for (let i = 0; i < INVOICES; i++) {
        const invoice = await insertDepositedInvoice(t.handle.db, {
          supplier: parties.supplier.party,
          buyer: parties.accountant.party,
        });
        await startLifecycle(client, deps.taskQueue!, invoice, timing);
        invoices.push(invoice);
      }
      const paymentDate = parisDay(new Date()).date;
      const drivers = invoices.map((invoice) => drive(invoice, parties.accountant.actor, paymentDate));

      // Kill the first worker once part of the work is done, part still to do.
      await eventually(
        async () => {
          const [row] = await t.handle.db
            .select({ n: sql<number>`count(*)::int` })
            .from(invoiceEvents)
            .where(
              inArray(
                invoiceEvents.invoiceId,
                invoices.map((i) => i.invoiceId),
              ),
            );
          return (row?.n ?? 0) >= INVOICES * 3 ? true : undefined;
        },
        60_000,
        'some progress',
      );
      child.kill('SIGKILL');
      const killedAt = Date.now();
      const eventsAtKill = await t.handle.db
        .select({ n: sql<number>`count(*)::int` })
        .from(invoiceEvents)
        .where(
          inArray(
            invoiceEvents.invoiceId,
            invoices.map((i) => i.invoiceId),
          ),
        );
      replacement = await startWorker(deps, deps.taskQueue!);

      const retries = (await Promise.all(drivers)).reduce((a, b) => a + b, 0);
      const recoveredInMs = Date.now() - killedAt;
      for (const invoice of invoices) await client.workflow.getHandle(invoice.workflowId).result();
      console.info(
        `[crash] ${INVOICES} invoices; ${eventsAtKill[0]?.n} of ${INVOICES * 6} events written at the kill; all paid ${recoveredInMs} ms after it; ${retries} retried decisions`,
      );
      expect(eventsAtKill[0]!.n).toBeLessThan(INVOICES * 6);

      for (const invoice of invoices) {
        const events = await eventsOf(t.handle.db, invoice.invoiceId);
        expect(events.map((e) => [e.sequence, e.toStatus])).toEqual([
          [1, 'DEPOSEE'],
          [2, 'EN_COURS_ACHEMINEMENT'],
          [3, 'MISE_A_DISPOSITION'],
          [4, 'SERVICE_FAIT'],
          [5, 'MANDATEE'],
          [6, 'MISE_EN_PAIEMENT'],
        ]);
        expect(await invoiceRow(t.handle.db, invoice.invoiceId)).toMatchObject({
          status: 'MISE_EN_PAIEMENT',
          eventCount: 6,
          mandateNumber: 'M-CRASH',
        });
        const notes = await t.handle.db
          .select()
          .from(notifications)
          .where(eq(notifications.invoiceId, invoice.invoiceId));
        // Made available: both sides; each decision: the supplier.
        expect(notes.map((n) => n.kind).sort()).toEqual(
          [
            'status:MISE_A_DISPOSITION',
            'status:MISE_A_DISPOSITION',
            'status:MANDATEE',
            'status:MISE_EN_PAIEMENT',
            'status:SERVICE_FAIT',
          ].sort(),
        );
      }
    },
    180_000,
  );
});
