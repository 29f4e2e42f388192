// Pushing hub invoices to the real Chorus Pro (the msw fake): the outbox starts one push per invoice, the flux is
// followed to its final state, statuses follow; a crash between deposit and record deposits nothing twice.
import type { Client } from '@temporalio/client';
import { eq } from 'drizzle-orm';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { chorusPushes } from '../../db/schema/chorus.ts';
import type { ChorusClient } from '../../src/chorus/index.ts';
import { chorusCredentialReport } from '../../src/chorus/sync/credential-health.ts';
import { invoicesToPush } from '../../src/chorus/sync/pending-pushes.ts';
import { pushInvoice } from '../../src/chorus/sync/push-invoice.ts';
import type { AppDeps } from '../../src/platform/http.ts';
import {
  chorusPushWorkflowId,
  CHORUS_OUTBOX_WORKFLOW_TYPE,
  CHORUS_PUSH_WORKFLOW_TYPE,
} from '../../src/chorus/domain/workflow-contract.ts';
import { testDeps, testTemporalClient } from '../helpers/test-deps.ts';
import { useTestDatabase } from '../helpers/use-database.ts';
import { FakeChorus } from './fake-chorus.ts';
import { depositForRennes, startSyncWorker, syncSettings, testClient, waitFor } from './sync-harness.ts';

const t = useTestDatabase();
const server = setupServer();
const fake = new FakeChorus();
const timing = { fluxPollMs: 50, statusPollMs: 100, retryInitialMs: 50, retryMaxMs: 200 };
let temporal: Client;
let deps: AppDeps;
let worker: Awaited<ReturnType<typeof startSyncWorker>>;
/** Set by a test: the next deposit reaches Chorus, then the worker "dies" before recording it. */
let crashAfterNextDeposit = false;

beforeAll(async () => {
  server.listen({ onUnhandledRequest: 'error' });
  temporal = await testTemporalClient();
  deps = testDeps(t.handle, { temporal, taskQueue: `chorus-push-${Date.now()}` });
  const real = testClient(fake);
  const crashing: ChorusClient = {
    ...real,
    deposerFlux: async (account, request) => {
      const answer = await real.deposerFlux(account, request);
      if (crashAfterNextDeposit) {
        crashAfterNextDeposit = false;
        throw new Error('worker lost between the deposit and its record');
      }
      return answer;
    },
  };
  worker = await startSyncWorker(deps, syncSettings(fake, { client: crashing }));
});
beforeEach(() => server.use(...fake.handlers));
afterEach(() => server.resetHandlers());
afterAll(async () => {
  await worker?.stop();
  await temporal?.connection.close();
  server.close();
});

const pushRow = async (invoiceId: string) =>
  (await t.handle.db.select().from(chorusPushes).where(eq(chorusPushes.invoiceId, invoiceId)))[0];
const fluxesOf = (number: string) =>
  fake.calls.filter(
    (c) =>
      c.path === '/cpro/factures/v1/deposer/flux' &&
      Buffer.from(String((c.body as { fichierFlux: string }).fichierFlux), 'base64')
        .toString('utf8')
        .includes(`<cbc:ID>${number}</cbc:ID>`),
  );

describe('push to Chorus Pro', () => {
  it('pushes a pending invoice from the outbox, follows its flux to IN_INTEGRE and its status to payment', async () => {
    const { invoiceId, number } = await depositForRennes(deps);
    expect(await invoicesToPush(deps)).toContain(invoiceId);

    const outbox = await temporal.workflow.execute(CHORUS_OUTBOX_WORKFLOW_TYPE, {
      taskQueue: deps.taskQueue as string,
      workflowId: `chorus-outbox-${invoiceId}`,
      args: [{ timing }],
    });
    expect(outbox.started).toBeGreaterThanOrEqual(1);
    const integrated = await waitFor(async () => {
      const row = await pushRow(invoiceId);
      return row?.state === 'integrated' ? row : undefined;
    });
    expect(integrated).toMatchObject({ fluxState: 'IN_INTEGRE', attempts: 1 });
    const remote = fake.invoices.find((i) => i.numeroFacture === number);
    expect(integrated.remoteInvoiceId).toBe(remote?.identifiantFactureCPP);
    expect(integrated.numeroFluxDepot).toMatch(/^CPP\d{22}$/);
    expect(await invoicesToPush(deps)).not.toContain(invoiceId);

    fake.setStatus(remote?.identifiantFactureCPP as number, 'MISE_EN_PAIEMENT');
    const result = await temporal.workflow.getHandle(chorusPushWorkflowId(invoiceId)).result();
    expect(result).toEqual({ state: 'integrated', remoteStatus: 'MISE_EN_PAIEMENT' });
    expect(fluxesOf(number)).toHaveLength(1);
  });

  it('deposits exactly one flux when the worker dies between the deposit and its record', async () => {
    const { invoiceId, number } = await depositForRennes(deps);
    crashAfterNextDeposit = true;
    const handle = await temporal.workflow.start(CHORUS_PUSH_WORKFLOW_TYPE, {
      taskQueue: deps.taskQueue as string,
      workflowId: chorusPushWorkflowId(invoiceId),
      args: [{ invoiceId, timing }],
    });
    const row = await waitFor(async () => {
      const r = await pushRow(invoiceId);
      return r?.state === 'integrated' ? r : undefined;
    });
    expect(crashAfterNextDeposit).toBe(false);
    expect(fluxesOf(number)).toHaveLength(1);
    expect(row.attempts).toBe(1);
    expect(row.numeroFluxDepot).toBe(fake.invoices.find((i) => i.numeroFacture === number)?.numeroFluxDepot);
    // The retry searched by supplier and number before anything else.
    const search = fake.calls.find(
      (c) =>
        c.path === '/cpro/factures/v1/rechercher/fournisseur' &&
        (c.body as { numeroFacture?: string }).numeroFacture === number,
    );
    expect(search).toBeDefined();
    await handle.terminate();
  });

  it('does not deposit again while an unrecorded deposit may still appear on Chorus', async () => {
    const { invoiceId, number } = await depositForRennes(deps);
    fake.refuseNumbers.add(number); // the flux holds no invoice: a search finds nothing
    let crash = true;
    const real = testClient(fake);
    const crashing: ChorusClient = {
      ...real,
      deposerFlux: async (account, request) => {
        const answer = await real.deposerFlux(account, request);
        if (crash) {
          crash = false;
          throw new Error('lost');
        }
        return answer;
      },
    };
    const activityDeps = { ...deps, chorusSync: syncSettings(fake, { client: crashing, reconcileGraceMs: 60_000 }) };
    await expect(pushInvoice(activityDeps, invoiceId)).rejects.toThrow('lost');
    await expect(pushInvoice(activityDeps, invoiceId)).rejects.toMatchObject({ type: 'CHORUS_RECONCILING' });
    expect(fluxesOf(number)).toHaveLength(1);
    expect((await pushRow(invoiceId))?.state).toBe('intent');
  });

  it('records a flux whose invoice Chorus refused, with its reason', async () => {
    const { invoiceId, number } = await depositForRennes(deps);
    fake.refuseNumbers.add(number);
    const result = await temporal.workflow.execute(CHORUS_PUSH_WORKFLOW_TYPE, {
      taskQueue: deps.taskQueue as string,
      workflowId: chorusPushWorkflowId(invoiceId),
      args: [{ invoiceId, timing }],
    });
    expect(result).toEqual({ state: 'rejected', remoteStatus: null });
    expect(await pushRow(invoiceId)).toMatchObject({
      state: 'rejected',
      fluxState: 'IN_REJETE',
      lastError: 'Le code service est obligatoire',
    });
  });

  it('survives 429 (Retry-After), 500 and a timeout on the way', async () => {
    const { invoiceId, number } = await depositForRennes(deps);
    fake.inject('/cpro/factures/v1/deposer/flux', { kind: '429', retryAfterSeconds: 0 }, { kind: '500' });
    fake.inject('/cpro/transverses/v1/consulterCRDetaille', { kind: 'timeout', ms: 3000 });
    const handle = await temporal.workflow.start(CHORUS_PUSH_WORKFLOW_TYPE, {
      taskQueue: deps.taskQueue as string,
      workflowId: chorusPushWorkflowId(invoiceId),
      args: [{ invoiceId, timing }],
    });
    await waitFor(async () => ((await pushRow(invoiceId))?.state === 'integrated' ? true : undefined));
    expect(fluxesOf(number)).toHaveLength(3);
    expect(fake.invoices.filter((i) => i.numeroFacture === number)).toHaveLength(1);
    await handle.terminate();
  });

  it('shows a refused technical account and a PISTE 403 in the credential health', async () => {
    const { invoiceId } = await depositForRennes(deps);
    const wrong = {
      ...deps,
      chorusSync: syncSettings(fake, { depositAccount: { login: 'TECH_1_HUB@cpro.fr', password: 'expired' } }),
    };
    await expect(pushInvoice(wrong, invoiceId)).rejects.toMatchObject({ kind: 'unauthorized' });
    fake.inject('/cpro/factures/v1/rechercher/fournisseur', { kind: '403' });
    await expect(pushInvoice({ ...deps, chorusSync: syncSettings(fake) }, invoiceId)).rejects.toMatchObject({
      kind: 'forbidden',
    });
    const report = await chorusCredentialReport(t.handle.db, new Date());
    expect(report.ok).toBe(false);
    expect(report.problems).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ subject: 'TECH_1_HUB@cpro.fr', problem: 'account_refused' }),
        expect.objectContaining({ subject: 'piste', problem: 'api_forbidden' }),
      ]),
    );
  });
});
