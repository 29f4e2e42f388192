// With SMTP configured, the workflow sends each notification e-mail and marks it sent in the outbox.
import type { Client } from '@temporalio/client';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emailOutbox } from '../../db/schema/invoices.ts';
import { decideInvoice } from '../../src/invoices/decisions.ts';
import type { AppDeps } from '../../src/platform/http.ts';
import { retryUnsentEmails } from '../../src/invoices/notifications/index.ts';
import { createSmtpMailer } from '../../src/platform/mail/smtp.ts';
import { testDeps, testTemporalClient } from '../helpers/test-deps.ts';
import { useTestDatabase } from '../helpers/use-database.ts';
import { startFakeSmtpServer, type FakeSmtpServer } from './fake-smtp-server.ts';
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

const t = useTestDatabase();
let client: Client;
let deps: AppDeps;
let worker: RunningWorker;
let smtp: FakeSmtpServer;

beforeAll(async () => {
  client = await testTemporalClient();
  smtp = await startFakeSmtpServer();
  const taskQueue = uniqueQueue('mail');
  deps = testDeps(t.handle, { temporal: client, taskQueue });
  worker = await startWorker(
    { ...deps, mailer: createSmtpMailer({ url: smtp.url, from: 'factures@megalis.example' }) },
    taskQueue,
  );
});
afterAll(async () => {
  await worker?.stop();
  await smtp?.close();
  await client?.connection.close();
});

describe('notification e-mails over SMTP', () => {
  it('sends the supplier an e-mail for the accountant decision, once', async () => {
    const parties = await lifecycleParties(t.handle.db);
    const invoice = await insertDepositedInvoice(t.handle.db, {
      supplier: parties.supplier.party,
      buyer: parties.accountant.party,
    });
    await startLifecycle(client, deps.taskQueue!, invoice, { dayMs: 60_000, delayDays: 30, reminderDaysBefore: [] });
    await waitForStatus(t.handle.db, invoice.invoiceId, 'MISE_A_DISPOSITION');
    await decideInvoice({
      ctx: { deps: deps, actor: parties.accountant.actor },
      input: { invoiceId: invoice.invoiceId, action: { kind: 'SERVICE_FAIT' } },
    });

    const eventKey = `invoice:${invoice.invoiceId}:event:4`;
    const sent = await eventually(async () => {
      const rows = await t.handle.db.select().from(emailOutbox).where(eq(emailOutbox.eventKey, eventKey));
      return rows.length > 0 && rows.every((r) => r.sentAt !== null) ? rows : undefined;
    });
    expect(sent.map((r) => r.toAddress)).toContain(parties.supplier.actor.email);
    expect(sent.every((r) => r.attempts === 1)).toBe(true);
    // Made available, then the decision: one message each (each sent by its own activity, in any order).
    const delivered = await eventually(async () => {
      const mine = smtp.received.filter((m) => m.to.includes(parties.supplier.actor.email));
      return mine.length >= 2 ? mine : undefined;
    });
    expect(delivered).toHaveLength(2);
    expect(delivered.every((m) => m.from === 'factures@megalis.example')).toBe(true);
  });
});

describe('notification e-mails left unsent', () => {
  it("are tried again by the schedule's activity, once each, within a week, while under the attempt limit", async () => {
    const mailer = createSmtpMailer({ url: smtp.url, from: 'factures@megalis.example' });
    const now = Date.now();
    const key = (name: string) => `invoice:${crypto.randomUUID()}:event:${name}`;
    const rows = {
      gaveUp: {
        eventKey: key('gave-up'),
        toAddress: 'comptable.a@test.hub.bzh',
        attempts: 5,
        createdAt: new Date(now - 40 * 60_000),
      },
      tooRecent: {
        eventKey: key('recent'),
        toAddress: 'comptable.b@test.hub.bzh',
        attempts: 1,
        createdAt: new Date(now - 60_000),
      },
      tooOld: {
        eventKey: key('old'),
        toAddress: 'comptable.c@test.hub.bzh',
        attempts: 5,
        createdAt: new Date(now - 8 * 86_400_000),
      },
      exhausted: {
        eventKey: key('exhausted'),
        toAddress: 'comptable.d@test.hub.bzh',
        attempts: 12,
        createdAt: new Date(now - 40 * 60_000),
      },
    };
    await t.handle.db.insert(emailOutbox).values(
      Object.values(rows).map((r) => ({
        ...r,
        subject: 'Facture F-1 : Mise à disposition',
        body: 'Corps',
        lastError: 'connect ECONNREFUSED',
      })),
    );
    const before = smtp.received.length;

    expect(await retryUnsentEmails({ ...deps, mailer }, { limit: 1000 })).toMatchObject({ failed: 0 });
    const delivered = smtp.received.slice(before).flatMap((m) => m.to);
    expect(delivered).toContain(rows.gaveUp.toAddress);
    for (const r of [rows.tooRecent, rows.tooOld, rows.exhausted]) expect(delivered).not.toContain(r.toAddress);
    const [gaveUp] = await t.handle.db.select().from(emailOutbox).where(eq(emailOutbox.eventKey, rows.gaveUp.eventKey));
    expect(gaveUp).toMatchObject({ attempts: 6, lastError: null });
    expect(gaveUp?.sentAt).not.toBeNull();

    // A second run sends nothing more; without a mailer, nothing at all.
    const after = smtp.received.length;
    await retryUnsentEmails({ ...deps, mailer }, { limit: 1000 });
    expect(smtp.received.slice(after).flatMap((m) => m.to)).not.toContain(rows.gaveUp.toAddress);
    expect(await retryUnsentEmails(deps)).toEqual({ events: 0, sent: 0, failed: 0 });
  });
});
