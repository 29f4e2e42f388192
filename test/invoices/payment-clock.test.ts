// The legal payment clock in the workflow, on the real Temporal dev server: legal days last a few hundred ms.
import type { Client } from '@temporalio/client';
import { and, asc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emailOutbox, notifications } from '../../db/schema/invoices.ts';
import { decideInvoice, supplierActOnInvoice } from '../../src/invoices/decisions.ts';
import { addDays } from '../../src/invoices/domain/payment-delay/index.ts';
import type { AppDeps } from '../../src/platform/http.ts';
import { invoiceState, type PaymentTiming } from '../../src/invoices/domain/contract.ts';
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
  type RunningWorker,
} from './lifecycle-fixtures.ts';

const t = useTestDatabase();
let client: Client;
let deps: AppDeps;
let worker: RunningWorker;
let parties: Awaited<ReturnType<typeof lifecycleParties>>;

beforeAll(async () => {
  client = await testTemporalClient();
  const taskQueue = uniqueQueue('clock');
  deps = testDeps(t.handle, { temporal: client, taskQueue });
  worker = await startWorker(deps, taskQueue);
  parties = await lifecycleParties(t.handle.db);
});
afterAll(async () => {
  await worker?.stop();
  await client?.connection.close();
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function available(timing: PaymentTiming, amountDue?: string) {
  const invoice = await insertDepositedInvoice(
    t.handle.db,
    { supplier: parties.supplier.party, buyer: parties.accountant.party },
    amountDue ? { amountDue } : {},
  );
  const handle = await startLifecycle(client, deps.taskQueue!, invoice, timing);
  await waitForStatus(t.handle.db, invoice.invoiceId, 'MISE_A_DISPOSITION');
  return { invoice, handle };
}

const lastEvent = async (invoiceId: string) => (await eventsOf(t.handle.db, invoiceId)).at(-1)!;

const notesOf = (invoiceId: string, kind: string) =>
  t.handle.db
    .select()
    .from(notifications)
    .where(and(eq(notifications.invoiceId, invoiceId), eq(notifications.kind, kind)))
    .orderBy(asc(notifications.createdAt));

describe('suspension (décret 2013-269 art. 4)', () => {
  it('stops the clock, then restarts it with the remaining balance when it exceeds the new delay', async () => {
    const dayMs = 250;
    const { invoice, handle } = await available({
      dayMs,
      delayDays: 6,
      reminderDaysBefore: [],
      newDelayAfterSuspensionDays: 2,
    });
    const initial = await handle.query(invoiceState);
    expect(initial.dueDate).toBe(addDays(initial.madeAvailableOn!, 6));

    await decideInvoice({
      ctx: { deps: deps, actor: parties.accountant.actor },
      input: {
        invoiceId: invoice.invoiceId,
        action: {
          kind: 'SUSPENDUE',
          motive: 'Bon de livraison manquant',
        },
      },
    });
    const suspension = (await lastEvent(invoice.invoiceId)).data as { suspendedOnDay: number; remainingDays: number };
    expect(suspension.remainingDays).toBe(6 - suspension.suspendedOnDay);
    const suspended = await handle.query(invoiceState);
    // Over the wire, an absent value is a missing key.
    expect(suspended).toMatchObject({
      status: 'SUSPENDUE',
      remainingMs: suspension.remainingDays * dayMs,
      suspensionsUsed: 1,
    });
    expect(suspended.legalDueAt).toBeUndefined();
    expect((await invoiceRow(t.handle.db, invoice.invoiceId)).legalDueAt).toBeNull();

    await sleep(3 * dayMs);
    await supplierActOnInvoice({
      ctx: { deps: deps, actor: parties.supplier.actor },
      input: {
        invoiceId: invoice.invoiceId,
        action: {
          kind: 'COMPLETEE',
          comment: 'Bon de livraison joint',
          attachments: [],
        },
      },
    });
    const completion = await lastEvent(invoice.invoiceId);
    const restart = completion.data as {
      completedOnDay: number;
      remainingDays: number;
      dueDay: number;
      dueDate: string;
    };
    expect(restart.completedOnDay).toBeGreaterThanOrEqual(suspension.suspendedOnDay + 2);
    expect(restart.remainingDays).toBe(suspension.remainingDays);
    expect(restart.dueDay).toBe(restart.completedOnDay + suspension.remainingDays);
    expect(restart.dueDate).toBe(addDays(initial.madeAvailableOn!, restart.dueDay));
    const resumed = await handle.query(invoiceState);
    expect(resumed).toMatchObject({ status: 'COMPLETEE', dueDate: restart.dueDate });
    expect(resumed.remainingMs).toBeUndefined();
    expect((await invoiceRow(t.handle.db, invoice.invoiceId)).legalDueAt?.getTime()).toBe(resumed.legalDueAt);

    // The delay then runs out on the new due date, no earlier than the remaining balance after completion.
    const [expired] = await eventually(async () => {
      const notes = await notesOf(invoice.invoiceId, 'expired');
      return notes.length > 0 ? notes : undefined;
    }, 10_000);
    expect(expired?.eventKey).toBe(`invoice:${invoice.invoiceId}:expired:${restart.dueDate}`);
    expect(expired!.createdAt.getTime() - completion.occurredAt.getTime()).toBeGreaterThanOrEqual(
      suspension.remainingDays * dayMs - 20,
    );
  });

  it('opens the new delay when it exceeds the balance, and a second suspension no longer stops the clock', async () => {
    const { invoice, handle } = await available({
      dayMs: 200,
      delayDays: 3,
      reminderDaysBefore: [],
      newDelayAfterSuspensionDays: 5,
    });
    await decideInvoice({
      ctx: { deps: deps, actor: parties.accountant.actor },
      input: { invoiceId: invoice.invoiceId, action: { kind: 'SUSPENDUE', motive: 'RIB absent' } },
    });
    await supplierActOnInvoice({
      ctx: { deps: deps, actor: parties.supplier.actor },
      input: {
        invoiceId: invoice.invoiceId,
        action: {
          kind: 'COMPLETEE',
          comment: '',
          attachments: ['a'.repeat(64)],
        },
      },
    });
    const restart = (await lastEvent(invoice.invoiceId)).data as {
      completedOnDay: number;
      remainingDays: number;
      dueDay: number;
    };
    expect(restart.remainingDays).toBeLessThanOrEqual(3);
    expect(restart.dueDay).toBe(restart.completedOnDay + 5);
    const dueAt = (await invoiceRow(t.handle.db, invoice.invoiceId)).legalDueAt;
    expect(dueAt).not.toBeNull();

    await decideInvoice({
      ctx: { deps: deps, actor: parties.accountant.actor },
      input: {
        invoiceId: invoice.invoiceId,
        action: {
          kind: 'SUSPENDUE',
          motive: 'Autre pièce manquante',
        },
      },
    });
    const second = await lastEvent(invoice.invoiceId);
    expect(second.data).toBeNull();
    expect((await invoiceRow(t.handle.db, invoice.invoiceId)).legalDueAt).toEqual(dueAt);
    const suspendedAgain = await handle.query(invoiceState);
    expect(suspendedAgain).toMatchObject({ status: 'SUSPENDUE', suspensionsUsed: 2, legalDueAt: dueAt!.getTime() });
    expect(suspendedAgain.remainingMs).toBeUndefined();
    await supplierActOnInvoice({
      ctx: { deps: deps, actor: parties.supplier.actor },
      input: {
        invoiceId: invoice.invoiceId,
        action: {
          kind: 'COMPLETEE',
          comment: 'Pièce jointe',
          attachments: [],
        },
      },
    });
    expect((await invoiceRow(t.handle.db, invoice.invoiceId)).legalDueAt).toEqual(dueAt);
  });
});

describe('reminders, expiry and late payment', () => {
  it('reminds the accountants before expiry, tells both sides when it expires, and stores late interest when paid late', async () => {
    const { invoice, handle } = await available({ dayMs: 200, delayDays: 4, reminderDaysBefore: [3, 1] }, '123456.78');
    const { dueDate } = await handle.query(invoiceState);

    const expired = await eventually(async () => {
      const notes = await notesOf(invoice.invoiceId, 'expired');
      return notes.length === 2 ? notes : undefined;
    }, 10_000);
    expect(expired.map((n) => n.structureId).sort()).toEqual(
      [parties.accountant.party.id, parties.supplier.party.id].sort(),
    );
    const reminders = await notesOf(invoice.invoiceId, 'reminder');
    expect(reminders.map((n) => [n.eventKey, n.structureId, n.title])).toEqual([
      [
        `invoice:${invoice.invoiceId}:reminder:${dueDate}:3`,
        parties.accountant.party.id,
        `Facture ${invoice.number} : échéance dans 3 jours`,
      ],
      [
        `invoice:${invoice.invoiceId}:reminder:${dueDate}:1`,
        parties.accountant.party.id,
        `Facture ${invoice.number} : échéance dans 1 jour`,
      ],
    ]);
    expect(reminders[0]!.createdAt < reminders[1]!.createdAt && reminders[1]!.createdAt <= expired[0]!.createdAt).toBe(
      true,
    );
    const mails = await t.handle.db
      .select()
      .from(emailOutbox)
      .where(eq(emailOutbox.toAddress, parties.accountant.actor.email));
    expect(
      mails.filter((m) => m.eventKey.includes(':reminder:') && m.eventKey.includes(invoice.invoiceId)),
    ).toHaveLength(2);

    // Paid four days after the due date: 123,456.78 × (2.15 + 8) % × 4 / 365 = 137.3245… → 137.32, plus 40 €.
    const paymentDate = addDays(dueDate!, 4);
    await decideInvoice({
      ctx: { deps: deps, actor: parties.accountant.actor },
      input: { invoiceId: invoice.invoiceId, action: { kind: 'MISE_EN_PAIEMENT', paymentDate } },
    });
    expect(await handle.result()).toMatchObject({ status: 'MISE_EN_PAIEMENT' });
    const row = await invoiceRow(t.handle.db, invoice.invoiceId);
    expect(row).toMatchObject({ paidOn: paymentDate, lateDays: 4, lateInterest: '137.32', lateIndemnity: '40.00' });
    expect((await lastEvent(invoice.invoiceId)).data).toMatchObject({
      dueDate,
      lateDays: 4,
      ratePercent: '10.15',
      rateReferenceDate: '2026-07-01',
      interest: '137.32',
    });
    const [paid] = await notesOf(invoice.invoiceId, 'status:MISE_EN_PAIEMENT');
    expect(paid?.structureId).toBe(parties.supplier.party.id);
    expect(paid?.body).toContain('intérêts moratoires de 137,32 €');
  });
});
