export { notifyInvoice, noticeKey, type InvoiceNotice, type NotifyResult, type Side } from './notify.ts';
export { sendPendingEmails, unsentEmails, type MailDeps, type SendResult } from './send-emails.ts';
export { expiredMessage, reminderMessage, transitionMessage, type InvoiceFacts, type Message } from './messages.ts';
export { retryUnsentEmails, type EmailRetryOptions, type EmailRetryResult } from './retry-emails.ts';
