// The life of one invoice, from deposit to payment or rejection, and its legal payment clock (décret 2013-269).
// Deterministic: every effect goes through an activity; time comes from the SDK.
import {
  ActivityFailure,
  allHandlersFinished,
  ApplicationFailure,
  condition,
  log,
  proxyActivities,
  proxyLocalActivities,
  setHandler,
  sleep,
} from '@temporalio/workflow';
import type { InvoiceActivities, InvoiceNotice, RecordTransitionInput } from '../src/invoices/activities.ts';
import {
  accountantDecision,
  invoiceState,
  PLATFORM_ACTOR,
  supplierAction,
  type AccountantAction,
  type ActingParty,
  type InvoiceStatus,
  type InvoiceWorkflowInput,
  type InvoiceWorkflowState,
  type SupplierAction,
  type TransitionResult,
} from '../src/invoices/domain/contract.ts';
import {
  checkAccountantAction,
  checkSupplierAction,
  isTerminal,
  type TransitionRefusal,
} from '../src/invoices/domain/transitions.ts';
import {
  anchorClock,
  dueDayAfterCompletion,
  expiryInstant,
  legalDate,
  legalDayAt,
  NEW_DELAY_AFTER_SUSPENSION_DAYS,
  remainingDays,
  startOfLegalDay,
  type ClockAnchor,
} from '../src/invoices/domain/payment-delay/payment-clock.ts';

/** Before delivery v2, the deposit started this workflow just before committing: the row got this long to appear. */
const INVOICE_VISIBILITY_WAITS = [100, 200, 400, 800, 1600, 3200];

const { recordInvoiceTransition, resolveInvoiceRecipient, loadLifecycleInvoice } = proxyActivities<InvoiceActivities>({
  // One short transaction: a worker lost mid-call is noticed quickly, and the retry finds the event if it was written.
  startToCloseTimeout: '10 seconds',
  retry: { initialInterval: '500 milliseconds', maximumInterval: '1 minute' },
});

const { deliverInvoiceToRecipient } = proxyLocalActivities<InvoiceActivities>({
  // One transaction of a few statements, run by the worker holding the workflow task: no task of its own.
  startToCloseTimeout: '10 seconds',
  retry: { initialInterval: '500 milliseconds', maximumInterval: '1 minute' },
});

const { notifyInvoice } = proxyActivities<InvoiceActivities>({
  // A few inserts; the e-mails themselves go out in sendInvoiceEmails.
  startToCloseTimeout: '10 seconds',
  retry: { initialInterval: '5 seconds', backoffCoefficient: 2, maximumAttempts: 6 },
});

const { sendInvoiceEmails } = proxyActivities<InvoiceActivities>({
  startToCloseTimeout: '2 minutes',
  retry: { initialInterval: '30 seconds', backoffCoefficient: 2, maximumAttempts: 5 },
});

type ClockEvent =
  { at: number; kind: 'reminder'; daysBefore: number; key: string } | { at: number; kind: 'expired'; key: string };

export async function invoiceLifecycleWorkflow(input: InvoiceWorkflowInput): Promise<InvoiceWorkflowState> {
  const { invoiceId, timing } = input;
  /** The recipient's legal delay in days: the deposit's recipient first, a corrected one after re-routing. */
  let delayDays = timing.delayDays;
  let status: InvoiceStatus | undefined;
  let sequence = 0;
  let buyerId = '';
  let supplierId = '';
  let anchor: ClockAnchor | undefined;
  let dueDay: number | undefined;
  /** Days left when the first suspension stopped the clock; undefined otherwise. */
  let suspendedRemaining: number | undefined;
  let suspensionsUsed = 0;
  let clockRunning = false;
  /** When the current due day was set: reminders before that instant are not sent. */
  let dueSetAt = 0;
  const fired = new Set<string>();
  const notices: InvoiceNotice[] = [];
  /** E-mails being sent: they never hold the clock back, and the workflow waits for them before ending. */
  const sending: Promise<void>[] = [];
  let busy = false;

  const state = (): InvoiceWorkflowState => ({
    invoiceId,
    status: status ?? 'DEPOSEE',
    legalDueAt:
      anchor && dueDay !== undefined && suspendedRemaining === undefined && status !== 'A_RECYCLER'
        ? expiryInstant(anchor, dueDay)
        : undefined,
    remainingMs: suspendedRemaining !== undefined ? suspendedRemaining * timing.dayMs : undefined,
    suspensionsUsed,
    dueDate: anchor && dueDay !== undefined ? legalDate(anchor, dueDay) : undefined,
    madeAvailableOn: anchor?.dayZero,
    sequence,
  });
  const subject = () => ({ status: status ?? 'DEPOSEE', buyerId, supplierId, madeAvailableOn: anchor?.dayZero });
  /** Until it is loaded and made available, the invoice is on its way to MISE_A_DISPOSITION, which nothing stops. */
  const settling = () => status === undefined || status === 'DEPOSEE' || status === 'EN_COURS_ACHEMINEMENT';
  /** Validators judge an action against the status the invoice is about to reach; handlers re-check once there. */
  const prospect = () => ({
    ...subject(),
    status: settling() ? ('MISE_A_DISPOSITION' as const) : (status ?? 'DEPOSEE'),
  });

  async function exclusive<T>(fn: () => Promise<T>): Promise<T> {
    // Every promise costs the SDK a stack trace: wait only when someone else holds the turn.
    if (busy) await condition(() => !busy);
    busy = true;
    try {
      return await fn();
    } finally {
      busy = false;
    }
  }

  async function record(transition: Omit<RecordTransitionInput, 'invoiceId' | 'sequence' | 'from'>) {
    const from = status ?? 'DEPOSEE';
    const result = await recordInvoiceTransition({ invoiceId, sequence: sequence + 1, from, ...transition }).catch(
      rethrowCause,
    );
    sequence = result.sequence;
    status = result.status;
    notices.push({ kind: 'transition', invoiceId, sequence });
    return result;
  }

  /** Update handlers act once the invoice has settled and no other transition is being recorded. */
  async function settled<T>(fn: () => Promise<T>): Promise<T> {
    await condition(() => !settling() && !busy);
    return exclusive(fn);
  }

  setHandler(invoiceState, state);

  setHandler(
    accountantDecision,
    (party: ActingParty, action: AccountantAction) =>
      settled(async (): Promise<TransitionResult> => {
        refuseIf(checkAccountantAction(subject(), party, action));
        const now = Date.now();
        const transition: Omit<RecordTransitionInput, 'invoiceId' | 'sequence' | 'from'> = {
          to: action.kind,
          actor: party.actor,
          actorName: party.actorName,
          ...requestOf(party),
        };
        let suspendWith: number | undefined;
        if (action.kind === 'SUSPENDUE' || action.kind === 'REJETEE' || action.kind === 'A_RECYCLER')
          transition.motive = action.motive.trim();
        if (action.kind === 'SUSPENDUE' && suspensionsUsed === 0 && clockRunning && anchor && dueDay !== undefined) {
          const suspendedOnDay = legalDayAt(anchor, now);
          suspendWith = remainingDays(dueDay, suspendedOnDay);
          transition.legalDueAt = null;
          transition.data = { clock: 'suspended', suspendedOnDay, dueDay, remainingDays: suspendWith };
        }
        if (action.kind === 'A_RECYCLER') transition.legalDueAt = null;
        if (action.kind === 'MANDATEE') {
          transition.mandateNumber = action.mandateNumber.trim();
          transition.data = { mandateNumber: transition.mandateNumber };
        }
        if (action.kind === 'MISE_EN_PAIEMENT' && anchor && dueDay !== undefined) {
          transition.payment = { paymentDate: action.paymentDate, dueDate: legalDate(anchor, dueDay) };
        }
        await record(transition);
        if (action.kind === 'SUSPENDUE') {
          suspensionsUsed += 1;
          if (suspendWith !== undefined) {
            suspendedRemaining = suspendWith;
            clockRunning = false;
          }
        }
        if (action.kind === 'A_RECYCLER' || isTerminal(action.kind)) clockRunning = false;
        return { invoiceId, status: action.kind, sequence };
      }),
    {
      validator: (party: ActingParty, action: AccountantAction) => {
        if (status !== undefined) refuseIf(checkAccountantAction(prospect(), party, action));
      },
    },
  );

  setHandler(
    supplierAction,
    (party: ActingParty, action: SupplierAction) =>
      settled(async (): Promise<TransitionResult> => {
        refuseIf(checkSupplierAction(subject(), party, action));
        if (action.kind === 'COMPLETEE') {
          const transition: Omit<RecordTransitionInput, 'invoiceId' | 'sequence' | 'from'> = {
            to: 'COMPLETEE',
            actor: party.actor,
            actorName: party.actorName,
            ...requestOf(party),
            data: { attachments: action.attachments },
          };
          const comment = action.comment.trim();
          if (comment !== '') transition.motive = comment;
          let newDueDay: number | undefined;
          if (suspendedRemaining !== undefined && anchor) {
            const completedOnDay = legalDayAt(anchor, Date.now());
            const newDelayDays = timing.newDelayAfterSuspensionDays ?? NEW_DELAY_AFTER_SUSPENSION_DAYS;
            newDueDay = dueDayAfterCompletion(completedOnDay, suspendedRemaining, newDelayDays);
            transition.legalDueAt = expiryInstant(anchor, newDueDay);
            transition.data = {
              ...transition.data,
              clock: 'restarted',
              completedOnDay,
              remainingDays: suspendedRemaining,
              newDelayDays,
              dueDay: newDueDay,
              dueDate: legalDate(anchor, newDueDay),
            };
          }
          await record(transition);
          if (newDueDay !== undefined) {
            dueDay = newDueDay;
            dueSetAt = Date.now();
            suspendedRemaining = undefined;
            clockRunning = true;
          }
          return { invoiceId, status: 'COMPLETEE', sequence };
        }
        const { paymentDelayDays, ...recipient } = await resolveInvoiceRecipient({
          buyerSiret: action.buyerSiret,
          ...(action.serviceCode !== undefined ? { serviceCode: action.serviceCode } : {}),
          ...(action.engagementNumber !== undefined ? { engagementNumber: action.engagementNumber } : {}),
        }).catch(rethrowCause);
        await record({ to: 'DEPOSEE', actor: party.actor, actorName: party.actorName, ...requestOf(party), recipient });
        buyerId = recipient.buyerId;
        // The new recipient's own legal delay (30 days, 50 for a public hospital), unless the deployment fixed it.
        if (!timing.delayFixed && paymentDelayDays !== undefined) delayDays = paymentDelayDays;
        anchor = undefined;
        dueDay = undefined;
        suspendedRemaining = undefined;
        suspensionsUsed = 0;
        clockRunning = false;
        return { invoiceId, status: 'DEPOSEE', sequence };
      }),
    {
      validator: (party: ActingParty, action: SupplierAction) => {
        if (status !== undefined) refuseIf(checkSupplierAction(prospect(), party, action));
      },
    },
  );

  // Chosen by the input, not by `patched()`: a patch marker would cost every new run a search-attribute update.
  const deliversLocally = (input.delivery ?? 1) >= 2;

  function startClockOn(receipt: { madeAvailableAt: number; msSinceMidnight: number; dayZero: string }): void {
    anchor = anchorClock(receipt.madeAvailableAt, receipt.msSinceMidnight, receipt.dayZero, timing.dayMs);
    dueDay = delayDays;
    dueSetAt = receipt.madeAvailableAt;
    clockRunning = true;
  }

  /** E-mails go out in their own activity: they never hold the clock back. */
  function sendLater(eventKey: string): void {
    sending.push(
      sendInvoiceEmails(eventKey).then(
        () => undefined,
        (error: unknown) =>
          log.warn('invoice e-mails not sent; they stay in the outbox', { invoiceId, eventKey, error: String(error) }),
      ),
    );
  }

  /** DEPOSEE → EN_COURS_ACHEMINEMENT → MISE_A_DISPOSITION and their notifications in one local activity. */
  async function deliver(): Promise<boolean> {
    return exclusive(async () => {
      const delivery = await deliverInvoiceToRecipient({ invoiceId, startClock: { dayMs: timing.dayMs, delayDays } });
      if (!delivery) return false;
      ({ sequence, status, buyerId, supplierId } = delivery);
      if (status === 'MISE_A_DISPOSITION' && delivery.receipt) startClockOn(delivery.receipt);
      for (const eventKey of delivery.emailsToSend) sendLater(eventKey);
      return true;
    });
  }

  /** Delivery v1, kept for the histories recorded before v2: the same steps as `deliver`, one activity each. */
  async function routeToRecipient(): Promise<void> {
    await exclusive(async () => {
      if (status === 'DEPOSEE') await record({ to: 'EN_COURS_ACHEMINEMENT', ...PLATFORM_ACTOR });
      if (status === 'EN_COURS_ACHEMINEMENT') {
        const result = await record({
          to: 'MISE_A_DISPOSITION',
          ...PLATFORM_ACTOR,
          startClock: { dayMs: timing.dayMs, delayDays },
        });
        if (result.receipt) startClockOn(result.receipt);
      }
    });
  }

  if (deliversLocally) {
    // Started after the deposit committed: the row is there.
    if (!(await deliver())) {
      log.warn('invoice row absent', { invoiceId });
      return state();
    }
  } else {
    let loaded = await loadLifecycleInvoice(invoiceId);
    for (const wait of INVOICE_VISIBILITY_WAITS) {
      if (loaded) break;
      await sleep(wait);
      loaded = await loadLifecycleInvoice(invoiceId);
    }
    if (!loaded) {
      log.info('invoice row absent: its deposit was rolled back', { invoiceId });
      return state();
    }
    sequence = loaded.eventCount;
    buyerId = loaded.buyerId;
    supplierId = loaded.supplierId;
    status = loaded.status;
  }

  function nextClockEvent(): ClockEvent | undefined {
    if (!clockRunning || !anchor || dueDay === undefined) return undefined;
    const events: ClockEvent[] = [];
    for (const daysBefore of timing.reminderDaysBefore) {
      const key = `reminder:${dueDay}:${daysBefore}`;
      const at = startOfLegalDay(anchor, dueDay - daysBefore);
      if (daysBefore > 0 && at >= dueSetAt && !fired.has(key)) events.push({ at, kind: 'reminder', daysBefore, key });
    }
    const expiredKey = `expired:${dueDay}`;
    if (!fired.has(expiredKey))
      events.push({ at: expiryInstant(anchor, dueDay) + 1, kind: 'expired', key: expiredKey });
    return events.sort((a, b) => a.at - b.at)[0];
  }

  async function drainNotices(): Promise<void> {
    while (notices.length > 0) {
      const notice = notices.shift();
      if (!notice) break;
      try {
        const { eventKey, toSend } = await notifyInvoice(notice);
        if (toSend > 0) sendLater(eventKey);
      } catch (error) {
        // The transition stands; the outbox keeps what could not be sent.
        log.warn('invoice notification failed', { invoiceId, notice: notice.kind, error: String(error) });
      }
    }
  }

  for (;;) {
    if (settling()) {
      if (!deliversLocally) await routeToRecipient();
      else if (!(await deliver())) break;
      continue;
    }
    if (notices.length > 0) await drainNotices();
    if (status !== undefined && isTerminal(status)) break;
    const next = nextClockEvent();
    // Whatever happened while notifying is already reflected in `next`; wake on anything after, or on a re-routing.
    const seen = sequence;
    const woken = () => sequence !== seen || notices.length > 0 || settling();
    const changed = next
      ? next.at > Date.now() && (await condition(woken, next.at - Date.now()))
      : (await condition(woken), true);
    if (changed || !next || !anchor || dueDay === undefined) continue;
    fired.add(next.key);
    const dueDate = legalDate(anchor, dueDay);
    notices.push(
      next.kind === 'reminder'
        ? { kind: 'reminder', invoiceId, dueDate, daysBefore: next.daysBefore }
        : { kind: 'expired', invoiceId, dueDate },
    );
  }

  await condition(allHandlersFinished);
  await drainNotices();
  await Promise.all(sending);
  return state();
}

function refuseIf(refusal: TransitionRefusal | undefined): void {
  if (refusal) throw ApplicationFailure.create({ type: refusal.code, message: refusal.message, nonRetryable: true });
}

/** An activity's own failure (e.g. a routing refusal) is what the update's caller must see. */
function rethrowCause(error: unknown): never {
  if (error instanceof ActivityFailure && error.cause instanceof ApplicationFailure) {
    throw ApplicationFailure.create({
      type: error.cause.type ?? 'ACTIVITY_FAILED',
      message: error.cause.message,
      nonRetryable: true,
    });
  }
  throw error;
}

/** The request behind a party's action, passed on to the audit log when there was one. */
function requestOf(party: ActingParty): { requestId?: string } {
  return party.requestId === undefined ? {} : { requestId: party.requestId };
}
