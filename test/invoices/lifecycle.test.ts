import { randomUUID } from 'node:crypto';
import { WorkflowUpdateFailedError, type Client, type WorkflowHandle } from '@temporalio/client';
import type { ApplicationFailure } from '@temporalio/common';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { structures } from '../../db/schema/directory.ts';
import { emailOutbox, notifications } from '../../db/schema/invoices.ts';
import { actingParty, decideInvoice, supplierActOnInvoice } from '../../src/invoices/decisions.ts';
import { parisDay } from '../../src/invoices/domain/payment-delay/paris-day.ts';
import type { AppDeps } from '../../src/platform/http.ts';
import { accountantDecision, invoiceState, type PaymentTiming } from '../../src/invoices/domain/contract.ts';
import { daysBetween } from '../../src/invoices/domain/payment-delay/payment-clock.ts';
import { testDeps, testTemporalClient } from '../helpers/test-deps.ts';
import { useTestDatabase } from '../helpers/use-database.ts';
import {
  eventually,
  eventsOf,
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
const timing: PaymentTiming = { dayMs: 200, delayDays: 5, reminderDaysBefore: [2] };
let client: Client;
let deps: AppDeps;
let worker: RunningWorker;
let parties: Awaited<ReturnType<typeof lifecycleParties>>;

beforeAll(async () => {
  client = await testTemporalClient();
  const taskQueue = uniqueQueue('lifecycle');
  deps = testDeps(t.handle, { temporal: client, taskQueue });
  worker = await startWorker(deps, taskQueue);
  parties = await lifecycleParties(t.handle.db);
});
afterAll(async () => {
  await worker?.stop();
  await client?.connection.close();
});

const deposit = (amountDue?: string) =>
  insertDepositedInvoice(
    t.handle.db,
    { supplier: parties.supplier.party, buyer: parties.accountant.party },
    amountDue ? { amountDue } : {},
  );

describe('invoice lifecycle: the full path', () => {
  it('routes, then follows every accountant step to payment, one event per step, in order', async () => {
    const invoice = await deposit();
    const handle = await startLifecycle(client, deps.taskQueue!, invoice, timing);
    const available = await waitForStatus(t.handle.db, invoice.invoiceId, 'MISE_A_DISPOSITION');
    expect(available.madeAvailableAt).not.toBeNull();
    expect(available.legalDueAt).not.toBeNull();

    const accountant = parties.accountant.actor;
    const today = parisDay(new Date()).date;
    const steps = [
      { kind: 'SERVICE_FAIT' as const },
      { kind: 'MANDATEE' as const, mandateNumber: 'M-2026-0042' },
      { kind: 'MISE_A_DISPOSITION_COMPTABLE' as const },
      { kind: 'COMPTABILISEE' as const },
      { kind: 'MISE_EN_PAIEMENT' as const, paymentDate: today },
    ];
    const results = [];
    const latencies: number[] = [];
    for (const step of steps) {
      const started = performance.now();
      results.push(
        await decideInvoice({
          ctx: { deps: deps, actor: accountant },
          input: { invoiceId: invoice.invoiceId, action: step },
        }),
      );
      latencies.push(performance.now() - started);
    }
    console.info(
      `[lifecycle] decision round trips (verb → update → activity → answer): ${latencies.map((l) => l.toFixed(0)).join(', ')} ms`,
    );
    expect(results.map((r) => [r.status, r.sequence])).toEqual([
      ['SERVICE_FAIT', 4],
      ['MANDATEE', 5],
      ['MISE_A_DISPOSITION_COMPTABLE', 6],
      ['COMPTABILISEE', 7],
      ['MISE_EN_PAIEMENT', 8],
    ]);

    const final = await handle.result();
    expect(final).toMatchObject({ status: 'MISE_EN_PAIEMENT', sequence: 8, suspensionsUsed: 0 });
    const events = await eventsOf(t.handle.db, invoice.invoiceId);
    expect(events.map((e) => [e.sequence, e.fromStatus, e.toStatus])).toEqual([
      [1, null, 'DEPOSEE'],
      [2, 'DEPOSEE', 'EN_COURS_ACHEMINEMENT'],
      [3, 'EN_COURS_ACHEMINEMENT', 'MISE_A_DISPOSITION'],
      [4, 'MISE_A_DISPOSITION', 'SERVICE_FAIT'],
      [5, 'SERVICE_FAIT', 'MANDATEE'],
      [6, 'MANDATEE', 'MISE_A_DISPOSITION_COMPTABLE'],
      [7, 'MISE_A_DISPOSITION_COMPTABLE', 'COMPTABILISEE'],
      [8, 'COMPTABILISEE', 'MISE_EN_PAIEMENT'],
    ]);
    expect(events[4]?.actor).toBe(`person:${accountant.personId}`);
    const row = await invoiceRow(t.handle.db, invoice.invoiceId);
    expect(row).toMatchObject({
      status: 'MISE_EN_PAIEMENT',
      eventCount: 8,
      mandateNumber: 'M-2026-0042',
      paidOn: today,
      lateDays: 0,
      lateInterest: '0.00',
      lateIndemnity: '0.00',
    });

    // The supplier side heard of each accountant step; the buyer side of the arrival.
    const supplierNotes = await t.handle.db
      .select()
      .from(notifications)
      .where(
        and(eq(notifications.invoiceId, invoice.invoiceId), eq(notifications.structureId, parties.supplier.party.id)),
      );
    expect(supplierNotes.map((n) => n.kind).sort()).toEqual(
      [
        'status:COMPTABILISEE',
        'status:MANDATEE',
        'status:MISE_A_DISPOSITION',
        'status:MISE_A_DISPOSITION_COMPTABLE',
        'status:MISE_EN_PAIEMENT',
        'status:SERVICE_FAIT',
      ].sort(),
    );
    const mails = await t.handle.db
      .select()
      .from(emailOutbox)
      .where(eq(emailOutbox.toAddress, parties.supplier.actor.email));
    expect(mails.filter((m) => m.eventKey.startsWith(`invoice:${invoice.invoiceId}:`))).toHaveLength(6);
  });
});

/** The AppError a verb threw, as code/status/message. */
async function refusal(promise: Promise<unknown>) {
  try {
    await promise;
  } catch (error) {
    const e = error as { code?: string; status?: number; message: string };
    return { code: e.code, status: e.status, message: e.message };
  }
  throw new Error('the verb did not refuse');
}

/** Updates the workflow accepted (a validator's refusal is not recorded in the history). */
async function acceptedUpdates(handle: WorkflowHandle): Promise<number> {
  const history = await handle.fetchHistory();
  return (history.events ?? []).filter((e) => e.workflowExecutionUpdateAcceptedEventAttributes).length;
}

async function availableInvoice() {
  const invoice = await deposit();
  const handle = await startLifecycle(client, deps.taskQueue!, invoice, { ...timing, delayDays: 30 });
  await waitForStatus(t.handle.db, invoice.invoiceId, 'MISE_A_DISPOSITION');
  return { invoice, handle };
}

describe('invoice lifecycle: refusals', () => {
  it('refuses an illegal transition in French, leaving status and events untouched', async () => {
    const { invoice, handle } = await availableInvoice();
    const accountant = parties.accountant.actor;
    await decideInvoice({
      ctx: { deps: deps, actor: accountant },
      input: { invoiceId: invoice.invoiceId, action: { kind: 'MANDATEE', mandateNumber: 'M-1' } },
    });
    const before = await eventsOf(t.handle.db, invoice.invoiceId);

    // Suspension only before the payment order; certifying the service after mandating goes backwards.
    expect(
      await refusal(
        decideInvoice({
          ctx: { deps: deps, actor: accountant },
          input: { invoiceId: invoice.invoiceId, action: { kind: 'SUSPENDUE', motive: 'Pièce manquante' } },
        }),
      ),
    ).toEqual({
      code: 'ILLEGAL_TRANSITION',
      status: 409,
      message:
        'Action impossible : la facture est au statut « Mandatée » et ne peut pas passer au statut « Suspendue ».',
    });
    expect(
      (
        await refusal(
          decideInvoice({
            ctx: { deps: deps, actor: accountant },
            input: { invoiceId: invoice.invoiceId, action: { kind: 'SERVICE_FAIT' } },
          }),
        )
      ).code,
    ).toBe('ILLEGAL_TRANSITION');
    // The supplier cannot complete an invoice that is not suspended.
    const completion = supplierActOnInvoice({
      ctx: { deps: deps, actor: parties.supplier.actor },
      input: {
        invoiceId: invoice.invoiceId,
        action: {
          kind: 'COMPLETEE',
          comment: 'Voici',
          attachments: [],
        },
      },
    });
    expect((await refusal(completion)).code).toBe('ILLEGAL_TRANSITION');

    expect((await invoiceRow(t.handle.db, invoice.invoiceId)).status).toBe('MANDATEE');
    expect(await eventsOf(t.handle.db, invoice.invoiceId)).toEqual(before);
    expect(await acceptedUpdates(handle)).toBe(1);
  });

  it('requires a motive of at most 255 characters to suspend, reject or recycle', async () => {
    const { invoice } = await availableInvoice();
    const accountant = parties.accountant.actor;
    expect(
      await refusal(
        decideInvoice({
          ctx: { deps: deps, actor: accountant },
          input: { invoiceId: invoice.invoiceId, action: { kind: 'REJETEE', motive: '   ' } },
        }),
      ),
    ).toEqual({
      code: 'MOTIVE_REQUIRED',
      status: 400,
      message: 'Le motif est obligatoire pour rejeter une facture.',
    });
    expect(
      await refusal(
        decideInvoice({
          ctx: { deps: deps, actor: accountant },
          input: { invoiceId: invoice.invoiceId, action: { kind: 'SUSPENDUE', motive: 'é'.repeat(256) } },
        }),
      ),
    ).toEqual({
      code: 'MOTIVE_TOO_LONG',
      status: 400,
      message: 'Le motif ne doit pas dépasser 255 caractères (256 saisis).',
    });
    expect(
      (
        await refusal(
          decideInvoice({
            ctx: { deps: deps, actor: accountant },
            input: { invoiceId: invoice.invoiceId, action: { kind: 'A_RECYCLER' } as never },
          }),
        )
      ).code,
    ).toBe('MOTIVE_REQUIRED');
    expect(
      (
        await refusal(
          decideInvoice({
            ctx: { deps: deps, actor: accountant },
            input: { invoiceId: invoice.invoiceId, action: { kind: 'MANDATEE', mandateNumber: ' ' } },
          }),
        )
      ).code,
    ).toBe('MANDATE_NUMBER_REQUIRED');
    expect(
      (
        await refusal(
          decideInvoice({
            ctx: { deps: deps, actor: accountant },
            input: { invoiceId: invoice.invoiceId, action: { kind: 'MISE_EN_PAIEMENT', paymentDate: '2026-02-30' } },
          }),
        )
      ).code,
    ).toBe('PAYMENT_DATE_INVALID');
    expect((await eventsOf(t.handle.db, invoice.invoiceId)).length).toBe(3);

    const motive = 'é'.repeat(255);
    await decideInvoice({
      ctx: { deps: deps, actor: accountant },
      input: { invoiceId: invoice.invoiceId, action: { kind: 'SUSPENDUE', motive } },
    });
    const row = await invoiceRow(t.handle.db, invoice.invoiceId);
    expect(row).toMatchObject({ status: 'SUSPENDUE', lastMotive: motive });
    expect((await eventsOf(t.handle.db, invoice.invoiceId)).at(-1)?.motive).toBe(motive);
  });

  it('refuses a person who does not act for the right structure, in the verb and in the workflow validator', async () => {
    const { invoice, handle } = await availableInvoice();
    expect(
      await refusal(
        decideInvoice({
          ctx: { deps: deps, actor: parties.otherAccountant.actor },
          input: { invoiceId: invoice.invoiceId, action: { kind: 'SERVICE_FAIT' } },
        }),
      ),
    ).toEqual({
      code: 'FORBIDDEN',
      status: 403,
      message: 'Seul un comptable de la structure destinataire peut traiter cette facture.',
    });
    expect(
      (
        await refusal(
          decideInvoice({
            ctx: { deps: deps, actor: parties.supplier.actor },
            input: { invoiceId: invoice.invoiceId, action: { kind: 'SERVICE_FAIT' } },
          }),
        )
      ).code,
    ).toBe('FORBIDDEN');
    expect(
      (
        await refusal(
          supplierActOnInvoice({
            ctx: { deps: deps, actor: parties.accountant.actor },
            input: {
              invoiceId: invoice.invoiceId,
              action: {
                kind: 'REROUTE',
                buyerSiret: parties.otherBuyer.siret,
              },
            },
          }),
        )
      ).code,
    ).toBe('FORBIDDEN');

    // Straight to the workflow, bypassing the verb: the validator refuses too.
    const outsider = actingParty(parties.otherAccountant.actor, 'accountant');
    const direct = await handle
      .executeUpdate(accountantDecision, { args: [outsider, { kind: 'SERVICE_FAIT' }] })
      .catch((e: unknown) => e);
    expect(direct).toBeInstanceOf(WorkflowUpdateFailedError);
    expect(((direct as WorkflowUpdateFailedError).cause as ApplicationFailure).type).toBe('WRONG_STRUCTURE');
    const wrongRole = { ...actingParty(parties.accountant.actor, 'accountant'), role: 'agent' as const };
    const asAgent = await handle
      .executeUpdate(accountantDecision, { args: [wrongRole, { kind: 'SERVICE_FAIT' }] })
      .catch((e: unknown) => e);
    expect(((asAgent as WorkflowUpdateFailedError).cause as ApplicationFailure).type).toBe('WRONG_ROLE');

    expect((await invoiceRow(t.handle.db, invoice.invoiceId)).status).toBe('MISE_A_DISPOSITION');
    expect((await eventsOf(t.handle.db, invoice.invoiceId)).length).toBe(3);
    // Rejected by the validator, the updates left no trace in the workflow history.
    expect(await acceptedUpdates(handle)).toBe(0);
  });

  it('refuses any action on a rejected invoice', async () => {
    const { invoice, handle } = await availableInvoice();
    await decideInvoice({
      ctx: { deps: deps, actor: parties.accountant.actor },
      input: {
        invoiceId: invoice.invoiceId,
        action: {
          kind: 'REJETEE',
          motive: 'Facture en double',
        },
      },
    });
    expect(await handle.result()).toMatchObject({ status: 'REJETEE', sequence: 4 });
    const late = await refusal(
      decideInvoice({
        ctx: { deps: deps, actor: parties.accountant.actor },
        input: {
          invoiceId: invoice.invoiceId,
          action: {
            kind: 'MISE_EN_PAIEMENT',
            paymentDate: '2026-12-01',
          },
        },
      }),
    );
    expect(late).toMatchObject({ code: 'ILLEGAL_TRANSITION', status: 409 });
    expect(late.message).toContain('« Rejetée »');
  });
});

describe('invoice lifecycle: routing error and re-routing', () => {
  it('goes back to DEPOSEE with the corrected recipient, is routed again, and the new recipient takes over', async () => {
    const { invoice } = await availableInvoice();
    await decideInvoice({
      ctx: { deps: deps, actor: parties.accountant.actor },
      input: {
        invoiceId: invoice.invoiceId,
        action: {
          kind: 'A_RECYCLER',
          motive: 'Facture destinée à la commune de Quimper',
        },
      },
    });
    expect((await invoiceRow(t.handle.db, invoice.invoiceId)).legalDueAt).toBeNull();

    // Quimper requires an engagement number: the routing rules refuse the correction without one.
    const refused = await refusal(
      supplierActOnInvoice({
        ctx: { deps: deps, actor: parties.supplier.actor },
        input: {
          invoiceId: invoice.invoiceId,
          action: {
            kind: 'REROUTE',
            buyerSiret: parties.otherBuyer.siret,
          },
        },
      }),
    );
    expect(refused.code).toBe('ROUTING_REFUSED');
    expect(refused.status).toBe(422);
    expect(refused.message).toMatch(/engagement/i);
    expect((await invoiceRow(t.handle.db, invoice.invoiceId)).status).toBe('A_RECYCLER');

    const result = await supplierActOnInvoice({
      ctx: { deps: deps, actor: parties.supplier.actor },
      input: {
        invoiceId: invoice.invoiceId,
        action: {
          kind: 'REROUTE',
          buyerSiret: parties.otherBuyer.siret,
          engagementNumber: 'EJ-2026-77',
        },
      },
    });
    expect(result).toMatchObject({ status: 'DEPOSEE', sequence: 5 });
    const routed = await waitForStatus(t.handle.db, invoice.invoiceId, 'MISE_A_DISPOSITION');
    expect(routed).toMatchObject({
      buyerId: parties.otherBuyer.id,
      buyerSiret: parties.otherBuyer.siret,
      engagementNumber: 'EJ-2026-77',
      eventCount: 7,
    });
    expect(routed.legalDueAt).not.toBeNull();
    expect((await eventsOf(t.handle.db, invoice.invoiceId)).map((e) => e.toStatus)).toEqual([
      'DEPOSEE',
      'EN_COURS_ACHEMINEMENT',
      'MISE_A_DISPOSITION',
      'A_RECYCLER',
      'DEPOSEE',
      'EN_COURS_ACHEMINEMENT',
      'MISE_A_DISPOSITION',
    ]);

    expect(
      (
        await refusal(
          decideInvoice({
            ctx: { deps: deps, actor: parties.accountant.actor },
            input: { invoiceId: invoice.invoiceId, action: { kind: 'SERVICE_FAIT' } },
          }),
        )
      ).code,
    ).toBe('FORBIDDEN');
    expect(
      await decideInvoice({
        ctx: { deps: deps, actor: parties.otherAccountant.actor },
        input: { invoiceId: invoice.invoiceId, action: { kind: 'SERVICE_FAIT' } },
      }),
    ).toMatchObject({ status: 'SERVICE_FAIT', sequence: 8 });
  });
});

describe('invoice lifecycle: re-routed to a recipient with another legal delay', () => {
  it("runs the new recipient's delay (50 days for a public hospital) from its receipt", async () => {
    const invoice = await deposit();
    const handle = await startLifecycle(client, deps.taskQueue!, invoice, {
      ...timing,
      delayDays: 30,
      delayFixed: false,
    });
    await waitForStatus(t.handle.db, invoice.invoiceId, 'MISE_A_DISPOSITION');
    await decideInvoice({
      ctx: { deps: deps, actor: parties.accountant.actor },
      input: {
        invoiceId: invoice.invoiceId,
        action: {
          kind: 'A_RECYCLER',
          motive: 'Facture destinée au centre hospitalier',
        },
      },
    });
    const [before] = await t.handle.db
      .select({ days: structures.paymentDelayDays })
      .from(structures)
      .where(eq(structures.id, parties.otherBuyer.id));
    await t.handle.db.update(structures).set({ paymentDelayDays: 50 }).where(eq(structures.id, parties.otherBuyer.id));
    try {
      await supplierActOnInvoice({
        ctx: { deps: deps, actor: parties.supplier.actor },
        input: {
          invoiceId: invoice.invoiceId,
          action: {
            kind: 'REROUTE',
            buyerSiret: parties.otherBuyer.siret,
            engagementNumber: 'EJ-2026-78',
          },
        },
      });
      await waitForStatus(t.handle.db, invoice.invoiceId, 'MISE_A_DISPOSITION');
      const state = await eventually(async () => {
        const s = await handle.query(invoiceState);
        return s.status === 'MISE_A_DISPOSITION' && s.dueDate ? s : undefined;
      });
      expect(daysBetween(state.madeAvailableOn!, state.dueDate!)).toBe(50);
    } finally {
      await t.handle.db
        .update(structures)
        .set({ paymentDelayDays: before?.days ?? 30 })
        .where(eq(structures.id, parties.otherBuyer.id));
    }
  });
});

describe('invoice lifecycle: no invoice row', () => {
  it('ends quietly when its invoice does not exist', async () => {
    const ghost = { invoiceId: randomUUID(), workflowId: `invoice-test/ghost-${randomUUID()}`, number: 'GHOST' };
    const handle = await startLifecycle(client, deps.taskQueue!, ghost, timing);
    expect(await handle.result()).toMatchObject({ invoiceId: ghost.invoiceId, sequence: 0 });
  }, 30_000);
});
