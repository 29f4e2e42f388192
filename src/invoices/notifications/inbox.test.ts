import { beforeAll, describe, expect, it } from 'vitest';
import { notifications } from '../../../db/schema/invoices.ts';
import { insertDepositedInvoice, lifecycleParties } from '../../../test/invoices/lifecycle-fixtures.ts';
import { useTestDatabase } from '../../../test/helpers/use-database.ts';
import { fixedClock } from '../../platform/clock.ts';
import { listNotifications, markInvoiceNotificationsRead } from './inbox.ts';

const t = useTestDatabase();
let parties: Awaited<ReturnType<typeof lifecycleParties>>;

beforeAll(async () => {
  parties = await lifecycleParties(t.handle.db);
});

/** `count` notifications of one invoice for the supplier, a minute apart, the last one newest. */
async function notify(invoiceId: string | null, titles: string[], start: Date) {
  await t.handle.db.insert(notifications).values(
    titles.map((title, i) => ({
      structureId: parties.supplier.party.id,
      invoiceId,
      eventKey: `test:${invoiceId ?? 'none'}:${title}`,
      kind: 'test',
      title,
      body: `${title}\nligne 2`,
      createdAt: new Date(start.getTime() + i * 60_000),
    })),
  );
}

describe('a person’s notifications', () => {
  it('lists one item per invoice, its latest news with the count, and opening the invoice reads them', async () => {
    const parts = { supplier: parties.supplier.party, buyer: parties.accountant.party };
    const first = await insertDepositedInvoice(t.handle.db, parts);
    const second = await insertDepositedInvoice(t.handle.db, parts);
    await notify(
      first.invoiceId,
      ['A : Mise à disposition', 'A : Suspendue', 'A : Mandatée'],
      new Date('2026-05-01T08:00:00Z'),
    );
    await notify(second.invoiceId, ['B : Mise à disposition'], new Date('2026-05-01T09:00:00Z'));
    await notify(null, ['Sans facture'], new Date('2026-05-01T07:00:00Z'));
    const actor = parties.supplier.actor;

    const page = await listNotifications({ db: t.handle.db }, actor);
    expect(page.items.map((n) => [n.title, n.updates, n.unreadUpdates, n.read])).toEqual([
      ['B : Mise à disposition', 1, 1, false],
      ['A : Mandatée', 3, 3, false],
      ['Sans facture', 1, 1, false],
    ]);
    expect([page.total, page.unread]).toEqual([3, 3]);
    // The export lists every change.
    expect((await listNotifications({ db: t.handle.db }, actor, { perInvoice: false })).total).toBe(5);
    // Pages count items, not rows.
    const second2 = await listNotifications({ db: t.handle.db }, actor, { pageSize: 2, page: 2 });
    expect(second2.items.map((n) => n.title)).toEqual(['Sans facture']);

    const clock = fixedClock(new Date('2026-05-02T08:00:00Z'));
    expect(await markInvoiceNotificationsRead({ db: t.handle.db, clock }, actor, first.invoiceId)).toBe(3);
    expect(await markInvoiceNotificationsRead({ db: t.handle.db, clock }, actor, first.invoiceId)).toBe(0);
    const after = await listNotifications({ db: t.handle.db }, actor);
    expect(after.items.find((n) => n.invoiceId === first.invoiceId)).toMatchObject({ read: true, unreadUpdates: 0 });
    expect(after.unread).toBe(2);
    const unread = await listNotifications({ db: t.handle.db }, actor, { unreadOnly: true });
    expect(unread.items.map((n) => n.title)).toEqual(['B : Mise à disposition', 'Sans facture']);
    // Another person, of another structure, marks nothing of the supplier's.
    expect(
      await markInvoiceNotificationsRead({ db: t.handle.db, clock }, parties.accountant.actor, second.invoiceId),
    ).toBe(0);
  });
});
