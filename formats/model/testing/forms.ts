/**
 * The model as each writer carries it, to compare a model with what is read back from a written document:
 * the few terms a syntax cannot express as they are (formats/README.md, "Known syntax limits of conversion")
 * are given the form the writer writes.
 */
import { ciiGrossPrice } from '../../cii/write.ts';
import { ublPriceDiscount, ublTaxTotal } from '../../ubl/write.ts';
import type { Invoice } from '../invoice.ts';
import { holdsNoTerm, withoutBlanks } from '../prune.ts';
import { ciiOrder } from './arbitraries.ts';

/** Both writers: repeated groups without any term are not written (no empty element). */
function withoutEmptyGroups(inv: Invoice): Invoice {
  const p = inv.paymentInstructions;
  return {
    ...inv,
    precedingInvoices: inv.precedingInvoices.filter((r) => !holdsNoTerm(r)),
    additionalDocuments: inv.additionalDocuments.filter((d) => !holdsNoTerm(d)),
    paymentInstructions: p && { ...p, creditTransfers: p.creditTransfers.filter((t) => !holdsNoTerm(t)) },
    lines: inv.lines.map((l) => ({
      ...l,
      item: { ...l.item, attributes: l.item.attributes.filter((a) => !holdsNoTerm(a)) },
    })),
  };
}

/**
 * CII: seller identifiers by kind, one preceding invoice, a gross price derived from a discount, credit transfers
 * only with an account (BT-84 or BT-85: CII has no credit transfer without its account element).
 */
export function asCii(source: Invoice): Invoice {
  const inv = ciiOrder(withoutEmptyGroups(withoutBlanks(source)));
  const p = inv.paymentInstructions;
  return {
    ...inv,
    paymentInstructions: p && {
      ...p,
      creditTransfers: p.creditTransfers.filter((t) => t.accountId !== undefined || t.accountName !== undefined),
    },
    precedingInvoices: inv.precedingInvoices.slice(0, 1),
    lines: inv.lines.map((l) => {
      const grossPrice = ciiGrossPrice(l.price);
      return {
        ...l,
        price: { ...l.price, grossPrice, discount: grossPrice === undefined ? undefined : l.price.discount },
      };
    }),
  };
}

/**
 * UBL: a discount derived from a gross price, payment means code 1 where BG-16 (or a credit note's due date) has
 * none, purchase order reference "NA" beside a lone sales order reference, notes as `#CODE#text`, total VAT amounts
 * without zeros beyond two decimals.
 */
export function asUbl(source: Invoice, creditNote = false): Invoice {
  const inv = withoutEmptyGroups(withoutBlanks(source));
  let p = inv.paymentInstructions;
  if (!p && creditNote && inv.paymentDueDate !== undefined) p = { creditTransfers: [] };
  return {
    ...inv,
    purchaseOrderReference: inv.purchaseOrderReference ?? (inv.salesOrderReference !== undefined ? 'NA' : undefined),
    paymentInstructions: p && { ...p, meansTypeCode: p.meansTypeCode ?? '1' },
    totals: {
      ...inv.totals,
      taxAmount: ublTaxTotal(inv.totals.taxAmount),
      taxAmountInAccountingCurrency: ublTaxTotal(inv.totals.taxAmountInAccountingCurrency),
    },
    // "#CODE#" reads back as the code with an empty note.
    notes: inv.notes.map((n) => (n.subjectCode !== undefined && n.note === undefined ? { ...n, note: '' } : n)),
    lines: inv.lines.map((l) => ({ ...l, price: { ...l.price, discount: ublPriceDiscount(l.price) } })),
  };
}
