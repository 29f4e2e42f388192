import { ApplicationFailure } from '@temporalio/common';
import { beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../platform/clock.ts';
import { createLogger } from '../../platform/logging.ts';
import {
  eventsOf,
  insertDepositedInvoice,
  invoiceRow,
  lifecycleParties,
} from '../../../test/invoices/lifecycle-fixtures.ts';
import { useTestDatabase } from '../../../test/helpers/use-database.ts';
import { recordTransition, type LifecycleDeps } from './record-transition.ts';

const t = useTestDatabase();
const clock = fixedClock(new Date('2026-03-02T14:30:00Z')); // 15:30 in Paris
let deps: LifecycleDeps;
let parties: Awaited<ReturnType<typeof lifecycleParties>>;

beforeAll(async () => {
  deps = { db: t.handle.db, clock, logger: createLogger('silent') };
  parties = await lifecycleParties(t.handle.db);
});

const newInvoice = (amountDue?: string) =>
  insertDepositedInvoice(
    t.handle.db,
    { supplier: parties.supplier.party, buyer: parties.accountant.party },
    amountDue ? { amountDue } : {},
  );
const system = { actor: 'system', actorName: 'Plateforme' };

describe('recordTransition', () => {
  it('appends the event and moves the status together, and a retry of the same step changes nothing', async () => {
    const { invoiceId } = await newInvoice();
    const first = await recordTransition(deps, {
      invoiceId,
      sequence: 2,
      from: 'DEPOSEE',
      to: 'EN_COURS_ACHEMINEMENT',
      ...system,
    });
    expect(first).toMatchObject({ sequence: 2, status: 'EN_COURS_ACHEMINEMENT', replayed: false });
    clock.advance(1000);
    const again = await recordTransition(deps, {
      invoiceId,
      sequence: 2,
      from: 'DEPOSEE',
      to: 'EN_COURS_ACHEMINEMENT',
      ...system,
    });
    expect(again).toMatchObject({ sequence: 2, replayed: true, occurredAt: first.occurredAt });
    expect((await eventsOf(t.handle.db, invoiceId)).map((e) => e.toStatus)).toEqual([
      'DEPOSEE',
      'EN_COURS_ACHEMINEMENT',
    ]);
    expect(await invoiceRow(t.handle.db, invoiceId)).toMatchObject({ status: 'EN_COURS_ACHEMINEMENT', eventCount: 2 });
  });

  it('starts the legal clock on MISE_A_DISPOSITION: due at the end of the 30th day after receipt, Paris time', async () => {
    const { invoiceId } = await newInvoice();
    clock.set(new Date('2026-03-02T14:30:00Z'));
    await recordTransition(deps, { invoiceId, sequence: 2, from: 'DEPOSEE', to: 'EN_COURS_ACHEMINEMENT', ...system });
    const made = await recordTransition(deps, {
      invoiceId,
      sequence: 3,
      from: 'EN_COURS_ACHEMINEMENT',
      to: 'MISE_A_DISPOSITION',
      ...system,
      startClock: { dayMs: 86_400_000, delayDays: 30 },
    });
    expect(made.receipt).toEqual({
      madeAvailableAt: Date.parse('2026-03-02T14:30:00Z'),
      dayZero: '2026-03-02',
      msSinceMidnight: 15.5 * 3_600_000,
    });
    const row = await invoiceRow(t.handle.db, invoiceId);
    expect(row.madeAvailableAt?.toISOString()).toBe('2026-03-02T14:30:00.000Z');
    // 1 April 2026, 23:59:59.999 in Paris (summer time from 29 March: UTC+2).
    expect(row.legalDueAt?.toISOString()).toBe('2026-04-01T21:59:59.999Z');
  });

  it('refuses, without retry, a step that does not follow the invoice as it is', async () => {
    const { invoiceId } = await newInvoice();
    const skipped = await recordTransition(deps, {
      invoiceId,
      sequence: 3,
      from: 'DEPOSEE',
      to: 'EN_COURS_ACHEMINEMENT',
      ...system,
    }).catch((e: unknown) => e);
    expect(skipped).toBeInstanceOf(ApplicationFailure);
    expect(skipped).toMatchObject({ type: 'SEQUENCE_CONFLICT', nonRetryable: true });
    await recordTransition(deps, { invoiceId, sequence: 2, from: 'DEPOSEE', to: 'EN_COURS_ACHEMINEMENT', ...system });
    const other = await recordTransition(deps, {
      invoiceId,
      sequence: 2,
      from: 'DEPOSEE',
      to: 'REJETEE',
      ...system,
    }).catch((e: unknown) => e);
    expect(other).toMatchObject({ type: 'SEQUENCE_CONFLICT' });
    expect((await eventsOf(t.handle.db, invoiceId)).length).toBe(2);
  });

  it('stores late interest and the indemnity on MISE_EN_PAIEMENT after the due date', async () => {
    const { invoiceId } = await newInvoice('10000.00');
    await recordTransition(deps, { invoiceId, sequence: 2, from: 'DEPOSEE', to: 'EN_COURS_ACHEMINEMENT', ...system });
    await recordTransition(deps, {
      invoiceId,
      sequence: 3,
      from: 'EN_COURS_ACHEMINEMENT',
      to: 'MISE_A_DISPOSITION',
      ...system,
    });
    const paid = await recordTransition(deps, {
      invoiceId,
      sequence: 4,
      from: 'MISE_A_DISPOSITION',
      to: 'MISE_EN_PAIEMENT',
      actor: 'person:x',
      actorName: 'Comptable',
      payment: { dueDate: '2024-03-10', paymentDate: '2024-04-09' },
    });
    expect(paid.late).toMatchObject({ lateDays: 30, interest: '102.74', indemnity: '40.00' });
    expect(await invoiceRow(t.handle.db, invoiceId)).toMatchObject({
      paidOn: '2024-04-09',
      lateDays: 30,
      lateInterest: '102.74',
      lateIndemnity: '40.00',
    });
  });
});
