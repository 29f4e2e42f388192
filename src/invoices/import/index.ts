// Bulk import of invoices (folder or ZIP) for one supplier: the verb, its sources, and how it reports.
export {
  importInvoices,
  DEFAULT_IMPORT_CONCURRENCY,
  type ImportOptions,
  type ImportOutcome,
  type ImportSummary,
} from './import-invoices.ts';
export { openInvoiceSource, SourceError, type InvoiceSource, type SourceFile } from './sources.ts';
export {
  findImportingPerson,
  findImportingSupplier,
  ImportSetupError,
  type ImportingSupplier,
} from './importing-actor.ts';
export { findAcceptedDeposit, type PreviousDeposit } from './already-deposited.ts';
export { createProgress, type Progress, type ProgressOutput } from './progress.ts';
export { formatDuration, formatRate, resultLine, summaryText } from './report.ts';
export { openZip, ZipError, type ZipArchive, type ZipEntry } from './zip-reader.ts';
