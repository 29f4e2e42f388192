/**
 * UNTDID 1001 document type codes accepted for the Invoice type code BT-3 (BR-CL-01).
 * Source: CEN/TC 434 artefacts 1.3.16. UBL separates Invoice and CreditNote roots; CII accepts the union.
 */
import { codes } from './source.ts';

/** Codes accepted in cbc:InvoiceTypeCode. */
export const UNCL1001_INVOICE: ReadonlySet<string> = codes(`
71 80 81 82 84 102 130 202 203 204 211 218 219 295 325 326 331 380 382 383 384 385 386 387 388 389
390 393 394 395 456 457 471 472 473 500 501 502 503 527 553 575 623 633 751 780 817 870 875 876 877 935`);

/** Codes accepted in cbc:CreditNoteTypeCode. */
export const UNCL1001_CREDIT_NOTE: ReadonlySet<string> = codes('81 83 261 262 296 308 381 396 420 458 532');

/** Codes accepted in rsm:ExchangedDocument/ram:TypeCode (CII). */
export const UNCL1001_CII: ReadonlySet<string> = codes(`
71 80 81 82 83 84 102 130 202 203 204 211 218 219 261 262 295 296 308 325 326 331 380 381 382 383 384
385 386 387 388 389 390 393 394 395 396 420 456 457 458 471 472 473 500 501 502 503 527 532 553 575
623 633 751 780 817 870 875 876 877 935`);
