// Every workflow of the hub; the worker bundles this file.
export { purgeExpiredCredentialsWorkflow } from './purge-expired-credentials.ts';
export { invoiceLifecycleWorkflow } from './invoice-lifecycle.ts';
export { chorusPushInvoiceWorkflow } from './chorus-push-invoice.ts';
export { chorusOutboxWorkflow } from './chorus-outbox.ts';
export { chorusPullWorkflow, chorusPullAllWorkflow } from './chorus-pull.ts';
export { invoiceStartRelayWorkflow } from './invoice-start-relay.ts';
export { invoiceEmailRetryWorkflow } from './invoice-email-retry.ts';
export { outboxEmailsWorkflow } from './outbox-emails.ts';
export { actTransmissionWorkflow } from './act-transmission.ts';
