// With SMTP configured, the workflow sends each notification e-mail and marks it sent in the outbox.
import type { Client } from '@temporalio/client';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emailOutbox } from '../../db/schema/invoices.ts';
import { decideInvoice } from '../../src/invoices/decisions.ts';
import type { AppDeps } from '../../src/platform/http.ts';
import { createSmtpMailer } from '../../src/platform/mail/smtp.ts';
import { testDeps, testTemporalClient } from '../helpers/test-deps.ts';
import { useTestDatabase } from '../helpers/use-database.ts';
import { startFakeSmtpServer, type FakeSmtpServer } from './fake-smtp-server.ts';
import { eventually, insertDepositedInvoice, lifecycleParties, startLifecycle, startWorker, uniqueQueue, waitForStatus, type RunningWorker } from './lifecycle-fixtures.ts';

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
  worker = await startWorker({ ...deps, mailer: createSmtpMailer({ url: smtp.url, from: 'factures@megalis.example' }) }, taskQueue);
});
afterAll(async () => {
  await worker?.stop();
  await smtp?.close();
  await client?.connection.close();
});

describe('notification e-mails over SMTP', () => {
  it('sends the supplier an e-mail for the accountant decision, once', async () => {
    const parties = await lifecycleParties(t.handle.db);
    const invoice = await insertDepositedInvoice(t.handle.db, { supplier: parties.supplier.party, buyer: parties.accountant.party });
    await startLifecycle(client, deps.taskQueue!, invoice, { dayMs: 60_000, delayDays: 30, reminderDaysBefore: [] });
    await waitForStatus(t.handle.db, invoice.invoiceId, 'MISE_A_DISPOSITION');
    await decideInvoice(deps, parties.accountant.actor, invoice.invoiceId, { kind: 'SERVICE_FAIT' });

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
