// Pulling a connected recipient's invoices from the real Chorus Pro (the msw fake): every page, into the hub's
// lifecycle; the hub's decisions go back with traiter/recue; the public accountant's statuses come in.
import type { Client } from '@temporalio/client';
import { and, eq } from 'drizzle-orm';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { chorusConnections, chorusDecisionPushes, chorusPulledInvoices } from '../../db/schema/chorus.ts';
import { auditEvents } from '../../db/schema/audit.ts';
import { deposits, invoices } from '../../db/schema/invoices.ts';
import { chorusCredentialReport } from '../../src/chorus/index.ts';
import { invoicesToPush } from '../../src/chorus/sync/pending-pushes.ts';
import { pollPushedFlux } from '../../src/chorus/sync/follow-push.ts';
import { pullStructure } from '../../src/chorus/sync/pull-structure.ts';
import { pushInvoice } from '../../src/chorus/sync/push-invoice.ts';
import { decideInvoice } from '../../src/invoices/index.ts';
import type { AppDeps } from '../../src/platform/http.ts';
import {
  CHORUS_PULL_ALL_WORKFLOW_TYPE,
  CHORUS_PULL_WORKFLOW_TYPE,
  chorusPullWorkflowId,
} from '../../src/chorus/domain/workflow-contract.ts';
import { personActing, uniqueInvoiceNumber } from '../helpers/invoices.ts';
import { testDeps, testTemporalClient } from '../helpers/test-deps.ts';
import { useTestDatabase } from '../helpers/use-database.ts';
import { FakeChorus } from './fake-chorus.ts';
import {
  depositForRennes,
  parties,
  rennesInvoiceFile,
  startSyncWorker,
  syncSettings,
  waitFor,
} from './sync-harness.ts';

const RENNES_LOGIN = 'TECH_1_RENNES_PROD@cpro.fr';
const RENNES_PASSWORD = 'Rennes-Prod-2026';
const RENNES_CPP_ID = 26_073;

const t = useTestDatabase();
const server = setupServer();
const fake = new FakeChorus({ accounts: { 'TECH_1_HUB@cpro.fr': 'Hub-Tech-2026', [RENNES_LOGIN]: RENNES_PASSWORD } });
const timing = { retryInitialMs: 50, retryMaxMs: 200 };
const settings = syncSettings(fake, { secrets: { CHORUS_RENNES_PASSWORD: RENNES_PASSWORD }, pullPageSize: 2 });
let temporal: Client;
let deps: AppDeps;
let worker: Awaited<ReturnType<typeof startSyncWorker>>;
let rennesId: string;

beforeAll(async () => {
  server.listen({ onUnhandledRequest: 'error' });
  temporal = await testTemporalClient();
  deps = testDeps(t.handle, { temporal, taskQueue: `chorus-pull-${Date.now()}` });
  worker = await startSyncWorker(deps, settings);
  rennesId = (await parties(t.handle.db)).rennes.id;
  await t.handle.db.insert(chorusConnections).values({
    structureId: rennesId,
    login: RENNES_LOGIN,
    passwordEnv: 'CHORUS_RENNES_PASSWORD',
    remoteStructureId: RENNES_CPP_ID,
  });
});
beforeEach(() => server.use(...fake.handlers));
afterEach(() => server.resetHandlers());
afterAll(async () => {
  await worker?.stop();
  await temporal?.connection.close();
  server.close();
});

const pulledRow = async (remoteInvoiceId: number) =>
  (
    await t.handle.db
      .select()
      .from(chorusPulledInvoices)
      .where(
        and(eq(chorusPulledInvoices.structureId, rennesId), eq(chorusPulledInvoices.remoteInvoiceId, remoteInvoiceId)),
      )
  )[0];
const hubStatus = async (invoiceId: string) =>
  (await t.handle.db.select({ status: invoices.status }).from(invoices).where(eq(invoices.id, invoiceId)))[0]?.status;
const runPull = () =>
  temporal.workflow.execute(CHORUS_PULL_WORKFLOW_TYPE, {
    taskQueue: deps.taskQueue as string,
    workflowId: `${chorusPullWorkflowId(rennesId)}-${Date.now()}`,
    args: [{ structureId: rennesId, timing }],
  });

describe('pull from Chorus Pro', () => {
  it('brings every page of a recipient’s invoices into the hub, then sends the hub’s decisions back and takes the payment', async () => {
    const received = [];
    for (let i = 0; i < 3; i += 1) {
      const numeroFacture = uniqueInvoiceNumber('PULL');
      received.push(
        fake.addReceivedInvoice({
          numeroFacture,
          codeDestinataire: '21350238800019',
          idDestinataire: RENNES_CPP_ID,
          fournisseur: '81234567600017',
          fichier: await rennesInvoiceFile(t.handle.db, numeroFacture),
        }),
      );
    }
    const first = await runPull();
    expect(first).toMatchObject({ seen: 3, imported: 3, sent: 0 });
    expect(
      fake.calls
        .filter((c) => c.path === '/cpro/factures/v1/rechercher/recipiendaire')
        .map(
          (c) => (c.body as { paramRecherche: { pageResultatDemandee: number } }).paramRecherche.pageResultatDemandee,
        ),
    ).toEqual([1, 2]);

    const [one] = received;
    const row = await pulledRow(one?.identifiantFactureCPP as number);
    const invoiceId = row?.invoiceId as string;
    expect(invoiceId).toBeTruthy();
    const [deposit] = await t.handle.db
      .select({ channel: deposits.channel })
      .from(deposits)
      .where(eq(deposits.invoiceId, invoiceId));
    expect(deposit?.channel).toBe('chorus_sync');
    expect(await invoicesToPush(deps)).not.toContain(invoiceId);
    // The sync deposits as the platform's own job, not as an API client nor an operator in disguise.
    const [depositAudit] = await t.handle.db
      .select({ kind: auditEvents.actorKind, id: auditEvents.actorId })
      .from(auditEvents)
      .where(and(eq(auditEvents.subjectId, invoiceId), eq(auditEvents.action, 'invoice.deposee')));
    expect(depositAudit).toEqual({ kind: 'system', id: 'chorus-sync' });

    await waitFor(async () => ((await hubStatus(invoiceId)) === 'MISE_A_DISPOSITION' ? true : undefined));
    await decideInvoice({
      ctx: { deps: deps, actor: personActing('accountant', rennesId) },
      input: { invoiceId: invoiceId, action: { kind: 'SERVICE_FAIT' } },
    });

    const second = await runPull();
    expect(second.sent).toBe(1);
    expect(fake.invoices.find((i) => i.identifiantFactureCPP === one?.identifiantFactureCPP)?.statut).toBe(
      'SERVICE_FAIT',
    );
    const pushed = await t.handle.db
      .select()
      .from(chorusDecisionPushes)
      .where(eq(chorusDecisionPushes.invoiceId, invoiceId));
    expect(pushed).toEqual([expect.objectContaining({ status: 'SERVICE_FAIT', lastError: null })]);

    // Hélios pushes the payment on Chorus Pro: the hub takes it, and does not send it back.
    fake.setStatus(one?.identifiantFactureCPP as number, 'MISE_EN_PAIEMENT');
    const third = await runPull();
    expect(third.sent).toBe(0);
    await waitFor(async () => ((await hubStatus(invoiceId)) === 'MISE_EN_PAIEMENT' ? true : undefined));
    expect(fake.calls.filter((c) => c.path === '/cpro/factures/v1/traiter/recue')).toHaveLength(1);
  });

  it('links an invoice the hub pushed when it comes back from Chorus, and sends the hub’s decision on it', async () => {
    const { invoiceId, number } = await depositForRennes(deps);
    const activityDeps = { ...deps, chorusSync: settings };
    await pushInvoice(activityDeps, invoiceId);
    const polled = await waitFor(async () => {
      const outcome = await pollPushedFlux(activityDeps, invoiceId);
      return outcome.final ? outcome : undefined;
    });
    expect(polled.state).toBe('integrated');
    const remote = fake.invoices.find((i) => i.identifiantFactureCPP === polled.remoteInvoiceId);
    if (!remote) throw new Error('pushed invoice absent from the fake');
    remote.idDestinataire = RENNES_CPP_ID; // Chorus puts it in Rennes's inbox

    await runPull();
    expect((await pulledRow(remote.identifiantFactureCPP))?.invoiceId).toBe(invoiceId);
    expect(
      await t.handle.db.select({ id: invoices.id }).from(invoices).where(eq(invoices.number, number)),
    ).toHaveLength(1);

    await waitFor(async () => ((await hubStatus(invoiceId)) === 'MISE_A_DISPOSITION' ? true : undefined));
    await decideInvoice({
      ctx: { deps: deps, actor: personActing('accountant', rennesId) },
      input: {
        invoiceId: invoiceId,
        action: {
          kind: 'SUSPENDUE',
          motive: 'Bon de commande manquant',
        },
      },
    });
    expect((await runPull()).sent).toBe(1);
    expect(remote.statut).toBe('SUSPENDUE');
    expect(fake.calls.filter((c) => c.path === '/cpro/factures/v1/traiter/recue').at(-1)?.body).toMatchObject({
      idFacture: remote.identifiantFactureCPP,
      nouveauStatut: 'SUSPENDUE',
      motif: 'Bon de commande manquant',
    });
  });

  it('starts one pull per connected structure from the scheduled workflow', async () => {
    const result = await temporal.workflow.execute(CHORUS_PULL_ALL_WORKFLOW_TYPE, {
      taskQueue: deps.taskQueue as string,
      workflowId: `chorus-pull-all-${Date.now()}`,
      args: [{ timing }],
    });
    expect(result.started).toBe(1);
    await temporal.workflow.getHandle(chorusPullWorkflowId(rennesId)).result();
  });

  it('reads an empty search as nothing to pull', async () => {
    const empty = new FakeChorus({ accounts: { [RENNES_LOGIN]: RENNES_PASSWORD } });
    server.use(...empty.handlers);
    expect(
      await pullStructure({ ...deps, chorusSync: syncSettings(empty, { secrets: settings.secrets }) }, rennesId),
    ).toEqual({ seen: 0, imported: 0, updated: 0, failed: 0 });
  });

  it('warns of a technical password that expires within 30 days', async () => {
    const now = new Date();
    await t.handle.db
      .update(chorusConnections)
      .set({ passwordExpiresAt: new Date(now.getTime() + 10 * 86_400_000) })
      .where(eq(chorusConnections.structureId, rennesId));
    const report = await chorusCredentialReport(t.handle.db, now);
    expect(report.ok).toBe(false);
    expect(report.problems).toEqual([expect.objectContaining({ subject: RENNES_LOGIN, problem: 'password_expiring' })]);
    await t.handle.db
      .update(chorusConnections)
      .set({ passwordExpiresAt: new Date(now.getTime() + 200 * 86_400_000) })
      .where(eq(chorusConnections.structureId, rennesId));
    expect(await chorusCredentialReport(t.handle.db, now)).toEqual({ ok: true, problems: [] });
  });
});
