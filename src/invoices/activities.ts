// Activities of the invoice lifecycle workflow, built from the hub's dependencies.
import type { Mailer } from '../platform/mail/smtp.ts';
import type { InvoiceDeps } from './settings.ts';
import { deliverToRecipient, type DeliveryInput } from './lifecycle/deliver.ts';
import { loadLifecycleInvoice } from './lifecycle/load-invoice.ts';
import { recordRefusedTransition } from './lifecycle/record-failure.ts';
import { failFastOnBadData } from '../platform/temporal/failure-class.ts';
import { recordTransition, type LifecycleDeps, type RecordTransitionInput } from './lifecycle/record-transition.ts';
import { startUnlaunchedInvoiceWorkflows, type RelayOptions } from './lifecycle/start-relay.ts';
import { resolveRecipient, type RecipientReferences } from './lifecycle/resolve-recipient.ts';
import { notifyInvoice, type InvoiceNotice } from './notifications/notify.ts';
import { retryUnsentEmails, type EmailRetryOptions } from './notifications/retry-emails.ts';
import { sendPendingEmails, unsentEmails } from './notifications/send-emails.ts';

export type InvoiceActivityDeps = LifecycleDeps &
  Partial<Pick<InvoiceDeps, 'temporal' | 'taskQueue' | 'invoices'>> & { mailer?: Mailer | undefined };

export function createInvoiceActivities(deps: InvoiceActivityDeps) {
  return {
    /** Run as a local activity: DEPOSEE → EN_COURS_ACHEMINEMENT → MISE_A_DISPOSITION with its notifications. */
    deliverInvoiceToRecipient: (input: DeliveryInput) => deliverToRecipient(deps, input),
    /** Histories recorded before deliverInvoiceToRecipient still call this one. */
    loadLifecycleInvoice: (invoiceId: string) => loadLifecycleInvoice(deps, invoiceId),
    /** Bad data (refused by the database) ends the attempt, recorded for the operator; outages are retried. */
    recordInvoiceTransition: (input: RecordTransitionInput) =>
      failFastOnBadData(
        () => recordTransition(deps, input),
        (reason) => recordRefusedTransition(deps, input, reason),
      ),
    resolveInvoiceRecipient: (references: RecipientReferences) =>
      failFastOnBadData(() => resolveRecipient(deps, references)),
    /** Writes the notifications of an event; `toSend` says how many of its e-mails a mailer could send now. */
    notifyInvoice: async (notice: InvoiceNotice) => {
      const result = await notifyInvoice(deps, notice);
      return { ...result, toSend: await unsentEmails(deps, result.eventKey) };
    },
    sendInvoiceEmails: (eventKey: string) => sendPendingEmails(deps, eventKey),
    /** Scheduled: e-mails the workflow gave up on (SMTP down for long) are tried again, for a week. */
    retryUnsentInvoiceEmails: (options?: EmailRetryOptions) => retryUnsentEmails(deps, options),
    /** The relay: starts the workflow of invoices stored without one (a start that failed after the deposit). */
    startUnlaunchedInvoiceWorkflows: (options?: RelayOptions) => startUnlaunchedInvoiceWorkflows(deps, options),
  };
}

export type InvoiceActivities = ReturnType<typeof createInvoiceActivities>;

// The shapes the lifecycle workflow passes to these activities, named for it (workflows import activity types only).
export type { RecordTransitionInput } from './lifecycle/record-transition.ts';
export type { InvoiceNotice } from './notifications/notify.ts';
