// Determinism: the workflow replays the histories recorded from real runs, kept in test/histories/: one of delivery
// v1 (before the one-local-activity delivery) and one of the current delivery. RECORD_HISTORIES=1 rewrites the
// current one from the run of this test.
import { readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { Client } from '@temporalio/client';
import { historyToJSON } from '@temporalio/common/lib/proto-utils';
import { Worker } from '@temporalio/worker';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decideInvoice, supplierActOnInvoice } from '../../src/invoices/decisions.ts';
import { addDays } from '../../src/invoices/domain/payment-delay/index.ts';
import type { AppDeps } from '../../src/platform/http.ts';
import { workflowBundle } from '../../src/platform/temporal/worker.ts';
import { invoiceState } from '../../src/invoices/domain/contract.ts';
import { testDeps, testTemporalClient } from '../helpers/test-deps.ts';
import { useTestDatabase } from '../helpers/use-database.ts';
import {
  eventually,
  insertDepositedInvoice,
  lifecycleParties,
  startLifecycle,
  startWorker,
  uniqueQueue,
  waitForStatus,
  type RunningWorker,
} from './lifecycle-fixtures.ts';

const KEPT_V1 = fileURLToPath(new URL('../histories/invoice-lifecycle-full.json', import.meta.url));
const KEPT = fileURLToPath(new URL('../histories/invoice-lifecycle-v2-full.json', import.meta.url));

const t = useTestDatabase();
let client: Client;
let deps: AppDeps;
let worker: RunningWorker;

beforeAll(async () => {
  client = await testTemporalClient();
  const taskQueue = uniqueQueue('replay');
  deps = testDeps(t.handle, { temporal: client, taskQueue });
  worker = await startWorker(deps, taskQueue);
});
afterAll(async () => {
  await worker?.stop();
  await client?.connection.close();
});

const replayOptions = async () => ({ workflowBundle: await workflowBundle() });

describe('replay', () => {
  it('replays the kept history of a full run of delivery v1 (suspension, completion, recycling, reminders, expiry, late payment)', async () => {
    const history = JSON.parse(await readFile(KEPT_V1, 'utf8')) as unknown;
    await Worker.runReplayHistory(await replayOptions(), history);
  });

  it('replays the kept history of a full run of the current delivery (one local activity to the recipient)', async () => {
    const history = JSON.parse(await readFile(KEPT, 'utf8')) as {
      events: { eventType: string; markerRecordedEventAttributes?: { markerName?: string } }[];
    };
    expect(history.events.some((e) => e.markerRecordedEventAttributes?.markerName === 'core_local_activity')).toBe(
      true,
    );
    await Worker.runReplayHistory(await replayOptions(), history);
  });

  it('replays the history of a run made now, through every kind of step', async () => {
    const parties = await lifecycleParties(t.handle.db);
    const invoice = await insertDepositedInvoice(t.handle.db, {
      supplier: parties.supplier.party,
      buyer: parties.accountant.party,
    });
    const handle = await startLifecycle(client, deps.taskQueue!, invoice, {
      dayMs: 150,
      delayDays: 3,
      reminderDaysBefore: [2, 1],
      newDelayAfterSuspensionDays: 2,
    });
    await waitForStatus(t.handle.db, invoice.invoiceId, 'MISE_A_DISPOSITION');
    const accountant = parties.accountant.actor;
    const supplier = parties.supplier.actor;
    await decideInvoice({
      ctx: { deps: deps, actor: accountant },
      input: { invoiceId: invoice.invoiceId, action: { kind: 'SUSPENDUE', motive: 'Attestation manquante' } },
    });
    await supplierActOnInvoice({
      ctx: { deps: deps, actor: supplier },
      input: {
        invoiceId: invoice.invoiceId,
        action: {
          kind: 'COMPLETEE',
          comment: 'Attestation jointe',
          attachments: [],
        },
      },
    });
    await decideInvoice({
      ctx: { deps: deps, actor: accountant },
      input: { invoiceId: invoice.invoiceId, action: { kind: 'A_RECYCLER', motive: 'Mauvais service' } },
    });
    await supplierActOnInvoice({
      ctx: { deps: deps, actor: supplier },
      input: {
        invoiceId: invoice.invoiceId,
        action: {
          kind: 'REROUTE',
          buyerSiret: parties.accountant.party.siret,
        },
      },
    });
    await waitForStatus(t.handle.db, invoice.invoiceId, 'MISE_A_DISPOSITION');
    await decideInvoice({
      ctx: { deps: deps, actor: accountant },
      input: { invoiceId: invoice.invoiceId, action: { kind: 'SERVICE_FAIT' } },
    });
    const { dueDate } = await eventually(async () => {
      const state = await handle.query(invoiceState);
      return state.dueDate ? state : undefined;
    });
    await new Promise((r) => setTimeout(r, 5 * 150));
    await decideInvoice({
      ctx: { deps: deps, actor: accountant },
      input: {
        invoiceId: invoice.invoiceId,
        action: {
          kind: 'MISE_EN_PAIEMENT',
          paymentDate: addDays(dueDate!, 2),
        },
      },
    });
    await handle.result();

    const history = await handle.fetchHistory();
    const kinds = new Set(history.events?.map((e) => e.eventType));
    expect(kinds.size).toBeGreaterThan(5);
    await Worker.runReplayHistory(await replayOptions(), history);
    if (process.env.RECORD_HISTORIES === '1') await writeFile(KEPT, historyToJSON(history));
  });
});
