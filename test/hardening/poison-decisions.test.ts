// A NUL character must never jam an invoice: refused at the edge with a French message naming the field, and,
// should one reach the workflow by another path, ended at once as bad data (recorded for the operator) instead of
// an activity retried forever that holds every later decision. Real PostgreSQL and Temporal.
import { randomUUID } from 'node:crypto';
import { WorkflowUpdateFailedError, type Client } from '@temporalio/client';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents } from '../../db/schema/audit.ts';
import { invoices } from '../../db/schema/invoices.ts';
import { createApp } from '../../src/app.ts';
import { createApiClient, issueClientToken, type Role } from '../../src/platform/auth/index.ts';
import { accountantDecision, type ActingParty } from '../../src/invoices/domain/contract.ts';
import type { InvoiceDeps } from '../../src/invoices/index.ts';
import { testParties, ublInvoice, uniqueInvoiceNumber } from '../helpers/invoices.ts';
import { testDeps, testTemporalClient } from '../helpers/test-deps.ts';
import { useTestDatabase } from '../helpers/use-database.ts';
import { startWorker, waitForStatus, type RunningWorker } from '../invoices/lifecycle-fixtures.ts';

const t = useTestDatabase();
let temporal: Client;
let worker: RunningWorker | undefined;
let p: Awaited<ReturnType<typeof testParties>>;
let app: ReturnType<typeof createApp>;
let deps: InvoiceDeps;
const tokens: Record<string, string> = {};

async function bearer(role: Role, structureId: string): Promise<string> {
  const clientId = `poison-${role}-${randomUUID().slice(0, 8)}`;
  await createApiClient(deps, {
    clientId,
    clientSecret: 'secret-de-test',
    name: clientId,
    structureId,
    grants: [{ role, structureId }],
  });
  return (await issueClientToken(deps, { clientId, clientSecret: 'secret-de-test' })).access_token;
}

beforeAll(async () => {
  temporal = await testTemporalClient();
  p = await testParties(t.handle.db);
  deps = {
    ...testDeps(t.handle, { temporal }),
    invoices: { timing: { dayMs: 60_000, reminderDaysBefore: [] }, decisionTimeoutMs: 4_000 },
  };
  worker = await startWorker(deps, deps.taskQueue!);
  app = createApp(deps);
  tokens.armor = await bearer('supplier', p.armor.id);
  tokens.lorient = await bearer('accountant', p.lorient.id);
}, 120_000);
afterAll(async () => {
  await worker?.stop();
  await temporal?.connection.close();
});

const decide = (id: string, body: unknown) =>
  app.request(`/api/invoices/${id}/decisions`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${tokens.lorient}`, 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });

async function depositToLorient(): Promise<{ id: string; workflowId: string }> {
  const xml = ublInvoice({
    supplierSiret: p.armor.siret,
    supplierName: p.armor.name,
    buyerSiret: p.lorient.siret,
    number: uniqueInvoiceNumber('NUL'),
  });
  const res = await app.request('/api/invoices', {
    method: 'POST',
    headers: { Authorization: `Bearer ${tokens.armor}`, 'Content-Type': 'application/xml' },
    body: xml,
  });
  expect(res.status).toBe(201);
  const { invoiceId } = (await res.json()) as { invoiceId: string };
  const row = await waitForStatus(t.handle.db, invoiceId, 'MISE_A_DISPOSITION');
  return { id: invoiceId, workflowId: row.workflowId! };
}

describe('a NUL character in a decision', () => {
  it(
    'is refused at the edge in French naming the field, and the invoice still moves',
    { timeout: 90_000 },
    async () => {
      const { id } = await depositToLorient();
      const refused = await decide(id, { kind: 'SUSPENDUE', motive: 'Bon de livraison\u0000 manquant' });
      expect(refused.status).toBe(400);
      const body = (await refused.json()) as { code: string; message: string };
      expect(body.code).toBe('FORBIDDEN_CHARACTER');
      expect(body.message).toContain('« motive »');
      expect(body.message).toContain('U+0000');

      const suspended = await decide(id, { kind: 'SUSPENDUE', motive: 'Bon de livraison manquant' });
      expect(suspended.status).toBe(200);
      expect(await suspended.json()).toMatchObject({ invoiceId: id, status: 'SUSPENDUE' });
    },
  );

  it(
    'reaching the workflow, ends the activity as bad data at once, recorded, and later decisions pass',
    { timeout: 90_000 },
    async () => {
      const { id, workflowId } = await depositToLorient();
      const party: ActingParty = {
        actor: 'client:poison-direct',
        actorName: 'Appel direct',
        role: 'accountant',
        structureIds: [p.lorient.id],
      };
      // Straight to Temporal, as a client that skipped the HTTP edge would.
      const started = Date.now();
      const failure = await temporal.workflow
        .getHandle(workflowId)
        .executeUpdate(accountantDecision, { args: [party, { kind: 'REJETEE', motive: 'Motif\u0000empoisonné' }] })
        .then(
          () => undefined,
          (error: unknown) => error,
        );
      expect(failure).toBeInstanceOf(WorkflowUpdateFailedError);
      expect((failure as WorkflowUpdateFailedError).cause).toMatchObject({ type: 'INVALID_DATA' });
      expect((failure as WorkflowUpdateFailedError).cause?.message).toMatch(/base de données refuse une valeur/);
      // One attempt, not a retry every minute: well under the first retry interval's growth.
      expect(Date.now() - started).toBeLessThan(20_000);

      const [audit] = await t.handle.db
        .select()
        .from(auditEvents)
        .where(and(eq(auditEvents.subjectId, id), eq(auditEvents.action, 'invoice.transition_refused')));
      expect(audit).toMatchObject({
        structureId: p.lorient.id,
        after: expect.objectContaining({ code: 'INVALID_DATA' }),
      });

      const [row] = await t.handle.db.select({ status: invoices.status }).from(invoices).where(eq(invoices.id, id));
      expect(row?.status).toBe('MISE_A_DISPOSITION');
      const certified = await decide(id, { kind: 'SERVICE_FAIT' });
      expect(certified.status).toBe(200);
      expect(await certified.json()).toMatchObject({ status: 'SERVICE_FAIT' });
    },
  );

  it(
    'a decision that the workflow cannot record in time is answered, not left hanging',
    { timeout: 90_000 },
    async () => {
      const { id } = await depositToLorient();
      await worker?.stop();
      worker = undefined;
      const started = Date.now();
      const pending = await decide(id, { kind: 'SERVICE_FAIT' });
      expect(pending.status).toBe(503);
      expect(await pending.json()).toMatchObject({ code: 'DECISION_PENDING', message: expect.stringMatching(/4 s/) });
      expect(Date.now() - started).toBeLessThan(30_000);
    },
  );
});
