import { eq, like } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { emailOutbox, notifications } from '../../../db/schema/invoices.ts';
import {
  eventsOf,
  insertDepositedInvoice,
  invoiceRow,
  lifecycleParties,
} from '../../../test/invoices/lifecycle-fixtures.ts';
import { useTestDatabase } from '../../../test/helpers/use-database.ts';
import { fixedClock } from '../../platform/clock.ts';
import { createLogger } from '../../platform/logging.ts';
import type { Mailer } from '../../platform/mail/smtp.ts';
import { deliverToRecipient, type DeliveryDeps } from './deliver.ts';

const t = useTestDatabase();
const clock = fixedClock(new Date('2026-03-02T14:30:00Z')); // 15:30 in Paris
let deps: DeliveryDeps;
let parties: Awaited<ReturnType<typeof lifecycleParties>>;
const mailer: Mailer = { send: async () => {} };
const MONTH = { dayMs: 86_400_000, delayDays: 30 };

beforeAll(async () => {
  deps = { db: t.handle.db, clock, logger: createLogger('silent') };
  parties = await lifecycleParties(t.handle.db);
});

const newInvoice = () =>
  insertDepositedInvoice(t.handle.db, { supplier: parties.supplier.party, buyer: parties.accountant.party });
const noticesOf = (invoiceId: string) =>
  t.handle.db.select().from(notifications).where(eq(notifications.invoiceId, invoiceId));
const emailsOf = (invoiceId: string) =>
  t.handle.db
    .select()
    .from(emailOutbox)
    .where(like(emailOutbox.eventKey, `invoice:${invoiceId}:%`));

describe('deliverToRecipient', () => {
  it('records EN_COURS_ACHEMINEMENT then MISE_A_DISPOSITION, starts the legal clock and tells both sides, in one go', async () => {
    const { invoiceId } = await newInvoice();
    const delivery = await deliverToRecipient(deps, { invoiceId, startClock: MONTH });
    expect(delivery).toMatchObject({
      status: 'MISE_A_DISPOSITION',
      sequence: 3,
      buyerId: parties.accountant.party.id,
      supplierId: parties.supplier.party.id,
      receipt: {
        madeAvailableAt: Date.parse('2026-03-02T14:30:00Z'),
        dayZero: '2026-03-02',
        msSinceMidnight: 15.5 * 3_600_000,
      },
      emailsToSend: [],
    });
    const events = await eventsOf(t.handle.db, invoiceId);
    expect(events.map((e) => [e.sequence, e.fromStatus, e.toStatus, e.actor])).toEqual([
      [1, null, 'DEPOSEE', expect.any(String)],
      [2, 'DEPOSEE', 'EN_COURS_ACHEMINEMENT', 'system'],
      [3, 'EN_COURS_ACHEMINEMENT', 'MISE_A_DISPOSITION', 'system'],
    ]);
    const row = await invoiceRow(t.handle.db, invoiceId);
    expect(row).toMatchObject({ status: 'MISE_A_DISPOSITION', eventCount: 3 });
    // 1 April 2026, 23:59:59.999 in Paris (summer time from 29 March: UTC+2).
    expect(row.legalDueAt?.toISOString()).toBe('2026-04-01T21:59:59.999Z');
    expect(events[2]?.data).toEqual({ legalDueAt: '2026-04-01T21:59:59.999Z' });

    // Receipt is told to the buyer's accountants and to the supplier; the routing step is told to nobody.
    const notices = await noticesOf(invoiceId);
    expect(notices.map((n) => [n.structureId, n.eventKey, n.kind]).sort()).toEqual(
      [
        [parties.accountant.party.id, `invoice:${invoiceId}:event:3`, 'status:MISE_A_DISPOSITION'],
        [parties.supplier.party.id, `invoice:${invoiceId}:event:3`, 'status:MISE_A_DISPOSITION'],
      ].sort(),
    );
    expect(notices[0]?.body).toContain('Délai légal de paiement : jusqu’au 01/04/2026.');
    const emails = await emailsOf(invoiceId);
    expect(emails.map((e) => e.toAddress)).toEqual(
      expect.arrayContaining([parties.accountant.actor.email, parties.supplier.actor.email]),
    );
    expect(emails.map((e) => e.toAddress)).not.toContain(parties.otherAccountant.actor.email);
    expect(new Set(emails.map((e) => e.eventKey))).toEqual(new Set([`invoice:${invoiceId}:event:3`]));
  });

  it('is idempotent: a retry after the commit records and notifies nothing more, and returns the same receipt', async () => {
    const { invoiceId } = await newInvoice();
    const first = await deliverToRecipient(deps, { invoiceId, startClock: MONTH });
    const emailsBefore = (await emailsOf(invoiceId)).length;
    clock.advance(60_000);
    const again = await deliverToRecipient({ ...deps, mailer }, { invoiceId, startClock: MONTH });
    expect(again).toMatchObject({ status: 'MISE_A_DISPOSITION', sequence: 3, receipt: first?.receipt });
    // The receipt's e-mails are still unsent: the retry hands them to the mailer.
    expect(again?.emailsToSend).toEqual([`invoice:${invoiceId}:event:3`]);
    expect(await eventsOf(t.handle.db, invoiceId)).toHaveLength(3);
    expect(await noticesOf(invoiceId)).toHaveLength(2);
    expect(await emailsOf(invoiceId)).toHaveLength(emailsBefore);
  });

  it('with a mailer, names the events whose e-mails wait in the outbox; once sent, none', async () => {
    const { invoiceId } = await newInvoice();
    const delivery = await deliverToRecipient({ ...deps, mailer }, { invoiceId, startClock: MONTH });
    expect(delivery?.emailsToSend).toEqual([`invoice:${invoiceId}:event:3`]);
    await t.handle.db
      .update(emailOutbox)
      .set({ sentAt: clock.now() })
      .where(eq(emailOutbox.eventKey, `invoice:${invoiceId}:event:3`));
    expect((await deliverToRecipient({ ...deps, mailer }, { invoiceId, startClock: MONTH }))?.emailsToSend).toEqual([]);
  });

  it('answers null for an invoice that does not exist', async () => {
    expect(await deliverToRecipient(deps, { invoiceId: crypto.randomUUID(), startClock: MONTH })).toBeNull();
  });
});
