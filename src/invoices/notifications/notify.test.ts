import { ApplicationFailure } from '@temporalio/common';
import { and, eq, like } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { people, roleGrants } from '../../../db/schema/auth.ts';
import { emailOutbox, notifications } from '../../../db/schema/invoices.ts';
import { startFakeSmtpServer, type FakeSmtpServer } from '../../../test/invoices/fake-smtp-server.ts';
import { insertDepositedInvoice, lifecycleParties, personFor } from '../../../test/invoices/lifecycle-fixtures.ts';
import { useTestDatabase } from '../../../test/helpers/use-database.ts';
import { systemClock } from '../../platform/clock.ts';
import { createLogger } from '../../platform/logging.ts';
import { createSmtpMailer } from '../../platform/mail/smtp.ts';
import { recordTransition, type LifecycleDeps } from '../lifecycle/record-transition.ts';
import { notifyInvoice } from './notify.ts';
import { sendPendingEmails } from './send-emails.ts';

const t = useTestDatabase();
let deps: LifecycleDeps;
let parties: Awaited<ReturnType<typeof lifecycleParties>>;
let smtp: FakeSmtpServer;

beforeAll(async () => {
  deps = { db: t.handle.db, clock: systemClock, logger: createLogger('silent') };
  parties = await lifecycleParties(t.handle.db);
  smtp = await startFakeSmtpServer();
});
afterAll(async () => {
  await smtp?.close();
});

async function availableInvoice() {
  const invoice = await insertDepositedInvoice(t.handle.db, {
    supplier: parties.supplier.party,
    buyer: parties.accountant.party,
  });
  const system = { actor: 'system', actorName: 'Plateforme' };
  await recordTransition(deps, {
    invoiceId: invoice.invoiceId,
    sequence: 2,
    from: 'DEPOSEE',
    to: 'EN_COURS_ACHEMINEMENT',
    ...system,
  });
  await recordTransition(deps, {
    invoiceId: invoice.invoiceId,
    sequence: 3,
    from: 'EN_COURS_ACHEMINEMENT',
    to: 'MISE_A_DISPOSITION',
    ...system,
    startClock: { dayMs: 86_400_000, delayDays: 30 },
  });
  return invoice;
}

/** E-mail addresses of the people holding `role` for a structure (the template may seed demo accounts). */
async function peopleOf(structureId: string, role: 'accountant' | 'supplier'): Promise<string[]> {
  const rows = await t.handle.db
    .select({ email: people.email })
    .from(roleGrants)
    .innerJoin(people, eq(people.id, roleGrants.personId))
    .where(and(eq(roleGrants.structureId, structureId), eq(roleGrants.role, role)));
  return rows.map((r) => r.email);
}

const rowsOf = (eventKey: string) =>
  t.handle.db.select().from(notifications).where(eq(notifications.eventKey, eventKey));
const mailsOf = (eventKey: string) => t.handle.db.select().from(emailOutbox).where(eq(emailOutbox.eventKey, eventKey));

describe('notifyInvoice', () => {
  it('tells both sides when the invoice reaches its recipient, once however often it is called', async () => {
    const invoice = await availableInvoice();
    const notice = { kind: 'transition' as const, invoiceId: invoice.invoiceId, sequence: 3 };
    const first = await notifyInvoice(deps, notice);
    const people = [
      ...(await peopleOf(parties.accountant.party.id, 'accountant')),
      ...(await peopleOf(parties.supplier.party.id, 'supplier')),
    ];
    expect(people).toEqual(expect.arrayContaining([parties.accountant.actor.email, parties.supplier.actor.email]));
    expect(first).toEqual({
      eventKey: `invoice:${invoice.invoiceId}:event:3`,
      sides: ['buyer', 'supplier'],
      emails: people.length,
    });
    expect(await notifyInvoice(deps, notice)).toMatchObject({ emails: 0 });

    const rows = await rowsOf(first.eventKey);
    expect(rows.map((r) => r.structureId).sort()).toEqual(
      [parties.accountant.party.id, parties.supplier.party.id].sort(),
    );
    expect(rows[0]?.title).toBe(`Facture ${invoice.number} : Mise à disposition`);
    expect(rows[0]?.body).toMatch(/Délai légal de paiement : jusqu’au \d{2}\/\d{2}\/\d{4}\./);
    expect((await mailsOf(first.eventKey)).map((m) => m.toAddress).sort()).toEqual(people.sort());
  });

  it('tells only the supplier of an accountant decision, with its motive', async () => {
    const invoice = await availableInvoice();
    await recordTransition(deps, {
      invoiceId: invoice.invoiceId,
      sequence: 4,
      from: 'MISE_A_DISPOSITION',
      to: 'SUSPENDUE',
      actor: `person:${parties.accountant.actor.personId}`,
      actorName: parties.accountant.actor.displayName,
      motive: 'Bon de commande absent',
    });
    const result = await notifyInvoice(deps, { kind: 'transition', invoiceId: invoice.invoiceId, sequence: 4 });
    expect(result.sides).toEqual(['supplier']);
    const [row] = await rowsOf(result.eventKey);
    expect(row?.structureId).toBe(parties.supplier.party.id);
    expect(row?.body).toContain('Motif : Bon de commande absent');
    expect(row?.body).toContain('Le délai de paiement est suspendu');
  });

  it('sends the outbox through SMTP once, and keeps a refused address with its error for a later attempt', async () => {
    const invoice = await availableInvoice();
    const refused = await personFor(t.handle.db, 'supplier', parties.supplier.party, 'refuse');
    const { eventKey } = await notifyInvoice(deps, {
      kind: 'reminder',
      invoiceId: invoice.invoiceId,
      dueDate: '2026-12-01',
      daysBefore: 3,
    });
    const mailer = createSmtpMailer({ url: smtp.url, from: 'hub@megalis.example' });
    const accountants = await peopleOf(parties.accountant.party.id, 'accountant');
    expect(await sendPendingEmails({ ...deps, mailer }, eventKey)).toEqual({ sent: accountants.length, failed: 0 });
    expect(
      smtp.received
        .slice(-accountants.length)
        .flatMap((m) => m.to)
        .sort(),
    ).toEqual(accountants.sort());

    const expired = await notifyInvoice(deps, { kind: 'expired', invoiceId: invoice.invoiceId, dueDate: '2026-12-01' });
    expect(expired.sides).toEqual(['buyer', 'supplier']);
    const failure = await sendPendingEmails({ ...deps, mailer }, expired.eventKey).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(ApplicationFailure);
    const mails = await mailsOf(expired.eventKey);
    const bad = mails.find((m) => m.toAddress === refused.actor.email);
    expect(bad).toMatchObject({ sentAt: null, attempts: 1 });
    expect(bad?.lastError).toContain('550');
    expect(mails.filter((m) => m.sentAt !== null)).toHaveLength(mails.length - 1);

    // Without SMTP nothing is sent and everything waits in the outbox.
    expect(await sendPendingEmails(deps, expired.eventKey)).toEqual({ sent: 0, failed: 0 });
    const before = smtp.received.length;
    await sendPendingEmails({ ...deps, mailer }, eventKey);
    expect(smtp.received.length).toBe(before);
    await t.handle.db.delete(emailOutbox).where(like(emailOutbox.toAddress, 'refuse-%'));
  });
});
