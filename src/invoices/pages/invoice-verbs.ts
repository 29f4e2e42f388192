// The invoice verbs and rules the module's own pages use, gathered in one place (from their files, not from the
// module's index.ts, which exports these pages in turn).
export { depositInvoice, type DepositResult } from '../deposit/deposit-invoice.ts';
export type { ReportedViolation } from '../deposit/refusal.ts';
export { DEFAULT_MAX_DEPOSIT_BYTES, type InvoiceDeps } from '../settings.ts';
export {
  listInvoices,
  MAX_PAGE_SIZE,
  type InvoiceFilters,
  type InvoicePage,
  type InvoiceSort,
  type InvoiceSummary,
} from '../queries/list-invoices.ts';
export { getInvoiceDetail, type InvoiceDetail, type InvoiceEvent } from '../queries/invoice-detail.ts';
export { getInvoiceOriginal, getInvoicePdf } from '../queries/documents.ts';
export { getInvoiceLines, type InvoiceLineView } from '../queries/invoice-lines.ts';
export { decideInvoice, supplierActOnInvoice } from '../decisions.ts';
export {
  ACTION_LABELS,
  allowedActions,
  isTerminal,
  MOTIVE_MAX_LENGTH,
  STATUS_LABELS,
  type AllowedAction,
} from '../domain/transitions.ts';
export { computeLatePayment } from '../domain/payment-delay/late-interest.ts';
export { attachToInvoice, getInvoiceAttachment, type AttachmentInfo } from '../attachments.ts';
export type { AccountantAction, SupplierAction } from '../domain/contract.ts';
export type { InvoiceStatus } from '../domain/statuses.ts';
export {
  EXEMPTIONS,
  NATURES,
  UNITS,
  VAT_CHOICES,
  emptyAdjustment,
  emptyLineInput,
  formFromJson,
  readFormFields,
  type InvoiceFormData,
} from '../domain/invoice-form/form-data.ts';
export type { FieldError, FormTotals } from '../domain/invoice-form/totals.ts';
export { describeForm, newInvoiceForm, submitInvoiceForm, type FormView } from '../form/submit-form.ts';
export { searchRecipients, type RecipientChoice } from '../form/parties.ts';
export { copyAsTemplate, deleteDraft, getDraft, listDrafts, saveDraft, type DraftSummary } from '../form/drafts.ts';
export { uploadFormAttachments } from '../form/uploads.ts';
export { depositPdfWithData } from '../form/pdf-with-data.ts';
export {
  emptyPdfData,
  MAX_PDF_VAT_ROWS,
  PDF_CURRENCIES,
  readPdfDataFields,
  type PdfDataForm,
} from '../domain/invoice-form/pdf-data.ts';
