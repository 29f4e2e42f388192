// The invoices module's public entry: a plain list of re-exports.
export { depositInvoice, type DepositInput, type DepositResult } from './deposit/deposit-invoice.ts';
export {
  DUPLICATE_MESSAGE,
  type DepositRefusal,
  type DepositRefusalCode,
  type ReportedViolation,
} from './deposit/refusal.ts';
export type { DepositChannel } from './deposit/record.ts';
export { routingReferencesOf, type InvoiceReferences } from './deposit/references.ts';
export {
  routeInvoice,
  recipientLabel,
  ROUTING_REFUSAL_CODES,
  type InvoiceRoute,
  type RoutingReferences,
  type RoutingRefusalCode,
  type RoutingResult,
} from './routing.ts';
export { actorRef } from './deposit/actor-ref.ts';
export {
  paymentTimingFor,
  DEFAULT_MAX_DEPOSIT_BYTES,
  maxDepositBytes,
  type InvoiceDeps,
  type InvoiceSettings,
} from './settings.ts';
export { MAX_ATTACHMENTS, MAX_ATTACHMENT_BYTES } from './attachments.ts';
export {
  listInvoices,
  INVOICE_SORTS,
  MAX_PAGE_SIZE,
  type InvoiceFilters,
  type InvoicePage,
  type InvoiceSort,
  type InvoiceSummary,
} from './queries/list-invoices.ts';
export { getInvoiceDetail, getInvoiceEvents, type InvoiceDetail, type InvoiceEvent } from './queries/invoice-detail.ts';
export { getInvoiceOriginal, getInvoicePdf, type InvoiceDocument } from './queries/documents.ts';
export { findVisibleInvoice } from './queries/find-visible.ts';
export { visibleInvoices } from './queries/visibility.ts';
export { invoiceRoutes } from './routes.ts';
export { decideInvoice, supplierActOnInvoice, actingParty, type DecisionDeps } from './decisions.ts';
export { createInvoiceActivities, type InvoiceActivities, type InvoiceActivityDeps } from './activities.ts';
export {
  REFORM_CODE_OF_STATUS,
  REFORM_LIFECYCLE_STATUSES,
  reformStatusOf,
  type ReformLifecycleStatus,
} from './domain/reform-codes.ts';
export {
  ACTION_LABELS,
  allowedActions,
  canTransition,
  isTerminal,
  MOTIVE_MAX_LENGTH,
  STATUS_LABELS,
  TERMINAL_STATUSES,
  TRANSITIONS,
  type AllowedAction,
  type Mover,
  type Transition,
} from './domain/transitions.ts';
export {
  computeLatePayment,
  ecbRateOn,
  ECB_MAIN_REFINANCING_RATES,
  ECB_RATE_SOURCE,
  ECB_RATES_CHECKED_THROUGH,
  legalDueDate,
  semesterStart,
  type LatePayment,
} from './domain/payment-delay/index.ts';
export { notifyInvoice, noticeKey, sendPendingEmails, type InvoiceNotice } from './notifications/index.ts';
export { INVOICE_SCHEDULES } from './schedules.ts';
export { drainLaunches } from './lifecycle/launcher.ts';
export { invoicePages } from './pages/routes.ts';
export {
  listNotifications,
  markNotificationsRead,
  type NotificationItem,
  type NotificationPage,
} from './notifications/inbox.ts';
export { INVOICE_STATUSES, OPEN_FOR_BUYER, isInvoiceStatus, type InvoiceStatus } from './domain/statuses.ts';
export {
  createProgress,
  findImportingPerson,
  findImportingSupplier,
  importInvoices,
  ImportSetupError,
  openInvoiceSource,
  resultLine,
  SourceError,
  summaryText,
} from './import/index.ts';
