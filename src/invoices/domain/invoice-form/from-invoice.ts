// A form from an invoice already made: the template for the next one (same seller, buyer, lines, payment),
// whatever tool produced the invoice. The number, dates and deposit are left for the person to fill. Pure.
import type { Invoice } from '../../../../formats/index.ts';
import {
  emptyForm,
  EXEMPTIONS,
  UNITS,
  VAT_CHOICES,
  type FormAdjustment,
  type FormLine,
  type InvoiceFormData,
} from './form-data.ts';

const FOURTEEN = /^[0-9]{14}$/;

/** A model decimal as a French person types it: "189.9" → "189,90" (amounts keep two decimals at least). */
function french(value: string | undefined, minDecimals = 0): string {
  if (value === undefined) return '';
  const m = /^(-?\d+)(?:\.(\d+))?$/.exec(value.trim());
  if (!m) return value;
  const frac = (m[2] ?? '').padEnd(minDecimals, '0');
  return frac ? `${m[1]},${frac}` : m[1]!;
}

function vatValue(category: string | undefined, rate: string | undefined): string {
  const r = rate === undefined ? '0' : String(Number(rate));
  return VAT_CHOICES.find((c) => c.category === category && c.rate === r)?.value ?? 'S:20';
}

/** The template form of an invoice: what a next invoice to the same buyer is likely to repeat. */
export function formFromInvoice(invoice: Invoice): InvoiceFormData {
  const form = emptyForm();
  const seller = invoice.seller;
  const siret = seller.identifiers.find((i) => i.schemeId === '0009' && FOURTEEN.test(i.value))?.value ?? '';
  form.nature = invoice.processControl.businessProcessType ?? form.nature;
  form.seller = {
    name: seller.name ?? '',
    siret,
    vatId: seller.vatId ?? '',
    line1: seller.postalAddress.line1 ?? '',
    line2: seller.postalAddress.line2 ?? '',
    postCode: seller.postalAddress.postCode ?? '',
    city: seller.postalAddress.city ?? '',
    email: seller.contact?.email ?? '',
    phone: seller.contact?.telephone ?? '',
  };
  const buyer = invoice.buyer;
  const buyerSiret = [buyer.legalRegistrationId, buyer.identifier, buyer.electronicAddress]
    .map((i) => i?.value.replace(/\s/g, ''))
    .find((v) => v !== undefined && FOURTEEN.test(v));
  form.buyer = {
    siret: buyerSiret ?? '',
    serviceCode: invoice.buyerReference ?? '',
    engagementNumber: invoice.purchaseOrderReference ?? '',
    contractReference: invoice.contractReference ?? '',
  };
  form.lines = invoice.lines.map((l): FormLine => ({
    description: [l.item.name, l.item.description].filter(Boolean).join('\n'),
    quantity: french(l.quantity ?? '1'),
    unit: UNITS.some((u) => u.code === l.unitCode) ? l.unitCode! : 'C62',
    unitPrice: french(l.price.netPrice, 2),
    vat: vatValue(l.vat.categoryCode, l.vat.rate),
    discountPercent: french(l.allowances[0]?.percentage),
  }));
  if (form.lines.length === 0) form.lines = emptyForm().lines;
  const adjustment =
    (kind: FormAdjustment['kind']) =>
    (a: Invoice['allowances'][number]): FormAdjustment => ({
      kind,
      reason: a.reason ?? '',
      amount: french(a.amount, 2),
      vat: vatValue(a.vatCategoryCode, a.vatRate),
    });
  form.adjustments = [...invoice.allowances.map(adjustment('allowance')), ...invoice.charges.map(adjustment('charge'))];
  const exemption = invoice.vatBreakdown.find((b) => b.categoryCode === 'E')?.exemptionReasonCode;
  if (exemption && EXEMPTIONS.some((e) => e.code === exemption)) form.exemptionCode = exemption;
  const pay = invoice.paymentInstructions;
  const transfer = pay?.creditTransfers[0];
  form.payment = {
    dueDate: '',
    terms: invoice.paymentTerms ?? form.payment.terms,
    iban: transfer?.accountId ?? '',
    bic: transfer?.serviceProviderId ?? '',
    accountName: transfer?.accountName ?? '',
  };
  const note = (code: string) => invoice.notes.find((n) => n.subjectCode === code)?.note;
  form.notes = {
    latePenalties: note('PMD') ?? form.notes.latePenalties,
    recoveryIndemnity: note('PMT') ?? form.notes.recoveryIndemnity,
    earlyDiscount: note('AAB') ?? form.notes.earlyDiscount,
    free: invoice.notes
      .filter((n) => n.subjectCode === undefined && n.note)
      .map((n) => n.note)
      .join('\n'),
  };
  return form;
}

/** A form made into the start of the next invoice: no number, no dates, no deposit, no attachments. */
export function asTemplate(form: InvoiceFormData): InvoiceFormData {
  return {
    ...form,
    number: '',
    issueDate: '',
    paidAmount: '',
    payment: { ...form.payment, dueDate: '' },
    attachments: [],
  };
}
