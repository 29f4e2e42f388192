// The facts of a valid invoice that the hub keeps in its own columns.
import { tryDec, type Invoice } from '../../../formats/index.ts';
import type { DepositRefusal } from './refusal.ts';

export interface InvoiceEssentials {
  number: string;
  issueDate: string;
  year: number;
  typeCode: string;
  currency: string;
  totalWithoutVat: string;
  totalVat: string;
  totalWithVat: string;
  amountDue: string;
  supplierName: string;
  supplierIdentifier: string | null;
}

const DATE = /^([0-9]{4})-[0-9]{2}-[0-9]{2}$/;

/** Amounts are stored as numeric(19, 2): at most 17 digits before the decimal point once rounded to the cent. */
const MAX_STORED_AMOUNT = '99999999999999999.99';

function withinStoredRange(value: string): boolean {
  const amount = tryDec(value);
  return amount !== undefined && amount.abs().toDecimalPlaces(2).lte(MAX_STORED_AMOUNT);
}

/** Reads the essentials, or refuses naming the business term that is missing (validation normally caught it first). */
export function essentialsOf(
  invoice: Omit<Invoice, 'lines'>,
): { ok: true; essentials: InvoiceEssentials } | { ok: false; refusal: DepositRefusal } {
  const missing = (bt: string, label: string): { ok: false; refusal: DepositRefusal } => ({
    ok: false,
    refusal: { code: 'VALIDATION_FAILED', message: `La facture n’a pas de ${label} (${bt}) lisible.` },
  });
  const number = invoice.number?.trim();
  if (!number) return missing('BT-1', 'numéro');
  const year = DATE.exec(invoice.issueDate ?? '')?.[1];
  if (!invoice.issueDate || year === undefined) return missing('BT-2', 'date d’émission');
  if (!invoice.typeCode) return missing('BT-3', 'code de type');
  if (!invoice.currencyCode) return missing('BT-5', 'devise');
  const t = invoice.totals;
  const amount = (value: string | undefined) =>
    value !== undefined && tryDec(value) !== undefined ? value : undefined;
  const withoutVat = amount(t.taxExclusiveAmount);
  const withVat = amount(t.taxInclusiveAmount);
  const due = amount(t.payableAmount);
  if (withoutVat === undefined) return missing('BT-109', 'montant total hors TVA');
  if (withVat === undefined) return missing('BT-112', 'montant total TTC');
  if (due === undefined) return missing('BT-115', 'montant à payer');
  const tooLarge = (
    [
      ['BT-109', 'montant total hors TVA', withoutVat],
      ['BT-110', 'montant total de TVA', amount(t.taxAmount)],
      ['BT-112', 'montant total TTC', withVat],
      ['BT-115', 'montant à payer', due],
    ] as const
  ).find(([, , value]) => value !== undefined && !withinStoredRange(value));
  if (tooLarge) {
    const [bt, label, value] = tooLarge;
    const shown = (value ?? '').slice(0, 40);
    return {
      ok: false,
      refusal: {
        code: 'AMOUNT_OUT_OF_RANGE',
        message: `Le ${label} (${bt}) vaut ${shown} : un montant doit rester inférieur à 100 000 000 000 000 000 (10^17) en valeur absolue.`,
      },
    };
  }
  const seller = invoice.seller;
  const identifier = seller.legalRegistrationId?.value ?? seller.identifiers[0]?.value ?? seller.vatId ?? null;
  return {
    ok: true,
    essentials: {
      number,
      issueDate: invoice.issueDate,
      year: Number(year),
      typeCode: invoice.typeCode,
      currency: invoice.currencyCode,
      totalWithoutVat: withoutVat,
      totalVat: amount(t.taxAmount) ?? '0',
      totalWithVat: withVat,
      amountDue: due,
      supplierName: seller.name?.trim() || '(sans nom)',
      supplierIdentifier: identifier,
    },
  };
}
