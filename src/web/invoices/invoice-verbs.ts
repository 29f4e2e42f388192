// The invoice verbs and rules the portal's invoice pages use, gathered in one place.
export {
  ACTION_LABELS,
  allowedActions,
  computeLatePayment,
  decideInvoice,
  depositInvoice,
  getInvoiceDetail,
  getInvoiceOriginal,
  getInvoicePdf,
  isTerminal,
  listInvoices,
  supplierActOnInvoice,
  DEFAULT_MAX_DEPOSIT_BYTES,
  MAX_PAGE_SIZE,
  MOTIVE_MAX_LENGTH,
  STATUS_LABELS,
  type AllowedAction,
  type DepositResult,
  type InvoiceDetail,
  type InvoiceDeps,
  type InvoiceEvent,
  type InvoiceFilters,
  type InvoicePage,
  type InvoiceSort,
  type InvoiceSummary,
  type ReportedViolation,
} from '../../invoices/index.ts';
// Not yet re-exported by the invoices module's index.
export { storeAttachments } from '../../invoices/attachments.ts';
export type { AccountantAction, InvoiceStatus, SupplierAction } from '../../../workflows/shared/invoice-contract.ts';
