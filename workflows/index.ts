// Every workflow of the hub; the worker bundles this file.
export { purgeExpiredCredentialsWorkflow } from './purge-expired-credentials.ts';
export { invoiceLifecycleWorkflow } from './invoice-lifecycle.ts';
export { chorusPushInvoiceWorkflow } from './chorus-push-invoice.ts';
export { chorusOutboxWorkflow } from './chorus-outbox.ts';
export { chorusPullWorkflow, chorusPullAllWorkflow } from './chorus-pull.ts';
export { invoiceStartRelayWorkflow } from './invoice-start-relay.ts';
export { invoiceEmailRetryWorkflow } from './invoice-email-retry.ts';
export { outboxEmailsWorkflow } from './outbox-emails.ts';
export { billingRunWorkflow } from './billing-run.ts';
export { billingRemindersWorkflow } from './billing-reminders.ts';
export { tenderConsultationWorkflow } from './tender-consultation.ts';
export { pesTransmissionWorkflow } from './pes-transmission.ts';
export { pesReturnsPollWorkflow } from './pes-returns-poll.ts';
export { actTransmissionWorkflow } from './act-transmission.ts';
export { actsMailboxPollWorkflow } from './acts-mailbox-poll.ts';
export { actClassificationRequestWorkflow } from './act-classification-request.ts';
export { actsRequestRelayWorkflow } from './acts-request-relay.ts';
