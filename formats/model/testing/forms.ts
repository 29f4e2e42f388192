/**
 * The model as each writer carries it, to compare a model with what is read back from a written document:
 * the few terms a syntax cannot express as they are (formats/README.md, "Known syntax limits of conversion")
 * are given the form the writer writes.
 */
import { ciiGrossPrice } from '../../cii/write.ts';
import { ublPriceDiscount } from '../../ubl/write.ts';
import type { Invoice } from '../invoice.ts';
import { ciiOrder } from './arbitraries.ts';

/** Drops every string that is empty or only white space (no writer writes an empty element). */
export function withoutBlanks<T>(v: T): T {
  if (Array.isArray(v)) return v.filter((x) => !(typeof x === 'string' && x.trim() === '')).map(withoutBlanks) as T;
  if (v !== null && typeof v === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) {
      if (x === undefined || (typeof x === 'string' && x.trim() === '')) continue;
      out[k] = withoutBlanks(x);
    }
    return out as T;
  }
  return v;
}

/** CII: seller identifiers by kind, one preceding invoice, a gross price derived from a discount. */
export function asCii(source: Invoice): Invoice {
  const inv = ciiOrder(withoutBlanks(source));
  return {
    ...inv,
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
 * none, purchase order reference "NA" beside a lone sales order reference, notes as `#CODE#text`.
 */
export function asUbl(source: Invoice, creditNote = false): Invoice {
  const inv = withoutBlanks(source);
  let p = inv.paymentInstructions;
  if (!p && creditNote && inv.paymentDueDate !== undefined) p = { creditTransfers: [] };
  return {
    ...inv,
    purchaseOrderReference: inv.purchaseOrderReference ?? (inv.salesOrderReference !== undefined ? 'NA' : undefined),
    paymentInstructions: p && { ...p, meansTypeCode: p.meansTypeCode ?? '1' },
    // "#CODE#" reads back as the code with an empty note.
    notes: inv.notes.map((n) => (n.subjectCode !== undefined && n.note === undefined ? { ...n, note: '' } : n)),
    lines: inv.lines.map((l) => ({ ...l, price: { ...l.price, discount: ublPriceDiscount(l.price) } })),
  };
}
