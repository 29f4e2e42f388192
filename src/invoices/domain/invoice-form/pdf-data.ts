// "PDF with its data" (Chorus Pro's PDF deposit with manual entry): the supplier's own PDF is the readable invoice,
// and he types the few data Chorus asks for — number, date, buyer SIRET, service code, engagement number, totals
// and VAT rates. The hub checks that the amounts add up as EN 16931 requires and builds the structured invoice
// around them (one line per VAT rate, pointing to the PDF). Pure.
import { emptyInvoice, emptyLine, type Invoice } from '../../../../formats/index.ts';
import { checkForm, type FormBuyer, type FormSupplier } from './build-invoice.ts';
import { emptyForm, EXEMPTIONS, vatChoiceOf } from './form-data.ts';
import { money, parseFrenchNumber, plain, type FieldError } from './totals.ts';

export const PDF_CURRENCIES = ['EUR', 'USD', 'GBP', 'CHF'] as const;
export const MAX_PDF_VAT_ROWS = 4;

export interface PdfDataForm {
  number: string;
  issueDate: string;
  buyerSiret: string;
  serviceCode: string;
  engagementNumber: string;
  currency: string;
  totalWithoutVat: string;
  totalVat: string;
  totalWithVat: string;
  /** One row per VAT rate: the choice (VAT_CHOICES value) and its taxable base; one row may leave the base empty. */
  vat: { rate: string; base: string }[];
  exemptionCode: string;
  dueDate: string;
}

type Fields = Record<string, unknown>;
const text = (fields: Fields, name: string, max = 100): string => {
  const v = fields[name];
  return typeof v === 'string' ? v.slice(0, max) : '';
};

export function readPdfDataFields(fields: Fields): PdfDataForm {
  const vat: PdfDataForm['vat'] = [];
  for (let i = 0; i < MAX_PDF_VAT_ROWS; i++) {
    const rate = text(fields, `vat${i}.rate`, 10);
    const base = text(fields, `vat${i}.base`, 40);
    if (rate !== '' && (i === 0 || base.trim() !== '')) vat.push({ rate, base });
  }
  return {
    number: text(fields, 'number'),
    issueDate: text(fields, 'issueDate', 20),
    buyerSiret: text(fields, 'buyerSiret', 30),
    serviceCode: text(fields, 'serviceCode'),
    engagementNumber: text(fields, 'engagementNumber'),
    currency: text(fields, 'currency', 3) || 'EUR',
    totalWithoutVat: text(fields, 'totalWithoutVat', 40),
    totalVat: text(fields, 'totalVat', 40),
    totalWithVat: text(fields, 'totalWithVat', 40),
    vat: vat.length > 0 ? vat : [{ rate: 'S:20', base: '' }],
    exemptionCode: text(fields, 'exemptionCode', 40),
    dueDate: text(fields, 'dueDate', 20),
  };
}

export const emptyPdfData = (): PdfDataForm => ({
  number: '',
  issueDate: '',
  buyerSiret: '',
  serviceCode: '',
  engagementNumber: '',
  currency: 'EUR',
  totalWithoutVat: '',
  totalVat: '',
  totalWithVat: '',
  vat: [{ rate: 'S:20', base: '' }],
  exemptionCode: 'VATEX-FR-FRANCHISE',
  dueDate: '',
});

const fr = (amount: string, currency: string) =>
  `${amount.replace('.', ',')}${currency === 'EUR' ? ' €' : ` ${currency}`}`;

export type PdfDataResult = { ok: true; invoice: Invoice } | { ok: false; errors: FieldError[] };

/** Checks the typed data against each other and builds the invoice the PDF will carry. */
export function buildPdfDataInvoice(
  data: PdfDataForm,
  context: { supplier: FormSupplier & { siret: string }; buyer: FormBuyer | null },
): PdfDataResult {
  // The references and dates follow the form's rules (same messages, same fields).
  const probe = emptyForm();
  probe.number = data.number;
  probe.issueDate = data.issueDate;
  probe.buyer = {
    siret: data.buyerSiret,
    serviceCode: data.serviceCode,
    engagementNumber: data.engagementNumber,
    contractReference: '',
  };
  probe.payment = { ...probe.payment, iban: 'FR7630006000011234567890189', dueDate: data.dueDate };
  probe.seller = {
    ...probe.seller,
    name: context.supplier.name,
    siret: context.supplier.siret,
    line1: '-',
    postCode: '00000',
    city: '-',
  };
  probe.lines = [];
  const wanted = new Set([
    'number',
    'issueDate',
    'buyer.siret',
    'buyer.serviceCode',
    'buyer.engagementNumber',
    'payment.dueDate',
  ]);
  const errors: FieldError[] = checkForm(probe, context).filter((e) => wanted.has(e.field));
  const field = (name: string, label: string, value: string) => {
    if (value.trim() === '') {
      errors.push({ field: name, message: `${label} : indiquez le montant.` });
      return undefined;
    }
    const d = parseFrenchNumber(value);
    if (d === undefined || d.isNegative() || d.decimalPlaces() > 2) {
      errors.push({ field: name, message: `${label} : « ${value} » n’est pas un montant (exemple : 1 234,50).` });
      return undefined;
    }
    return d;
  };
  if (!(PDF_CURRENCIES as readonly string[]).includes(data.currency))
    errors.push({ field: 'currency', message: 'Devise : choisissez-la.' });
  const ht = field('totalWithoutVat', 'Total HT', data.totalWithoutVat);
  const tva = field('totalVat', 'Total TVA', data.totalVat);
  const ttc = field('totalWithVat', 'Total TTC', data.totalWithVat);
  const rows = data.vat.map((row, i) => {
    const choice = vatChoiceOf(row.rate);
    if (!choice) errors.push({ field: `vat${i}.rate`, message: `Taux de TVA ${i + 1} : choisissez-le.` });
    const base =
      row.base.trim() === '' && data.vat.length === 1
        ? ht
        : field(`vat${i}.base`, `Base HT au taux ${i + 1}`, row.base);
    return { choice, base };
  });
  const keys = rows.map((r) => r.choice?.value);
  if (new Set(keys).size !== keys.length)
    errors.push({ field: 'vat1.rate', message: 'Taux de TVA : chaque taux ne figure qu’une fois.' });
  if (rows.some((r) => r.choice?.category === 'E') && !EXEMPTIONS.some((e) => e.code === data.exemptionCode))
    errors.push({ field: 'exemptionCode', message: 'Motif d’exonération : choisissez-le.' });
  if (errors.length > 0 || !ht || !tva || !ttc || !context.buyer || rows.some((r) => !r.base || !r.choice))
    return { ok: false, errors };

  // The amounts must add up as EN 16931 computes them (BR-CO-13 … BR-CO-17).
  const groups = rows.map((r) => {
    const rate = parseFrenchNumber(r.choice!.rate)!;
    return { choice: r.choice!, base: r.base!, tax: r.base!.times(rate).div(100).toDecimalPlaces(2) };
  });
  const baseSum = groups.reduce((s, g) => s.plus(g.base), parseFrenchNumber('0')!);
  const vatSum = groups.reduce((s, g) => s.plus(g.tax), parseFrenchNumber('0')!);
  const cur = data.currency;
  if (!baseSum.equals(ht))
    errors.push({
      field: 'vat0.base',
      message: `Bases HT : leur somme fait ${fr(money(baseSum), cur)}, le total HT saisi est ${fr(money(ht), cur)}.`,
    });
  if (!vatSum.equals(tva))
    errors.push({
      field: 'totalVat',
      message: `Total TVA : ${fr(money(tva), cur)} saisi, ${fr(money(vatSum), cur)} attendu (${groups.map((g) => `${g.choice.label} de ${fr(money(g.base), cur)} = ${fr(money(g.tax), cur)}`).join(' ; ')}).`,
    });
  if (!ht.plus(tva).equals(ttc))
    errors.push({
      field: 'totalWithVat',
      message: `Total TTC : ${fr(money(ttc), cur)} saisi, ${fr(money(ht.plus(tva)), cur)} attendu (total HT + total TVA).`,
    });
  if (errors.length > 0) return { ok: false, errors };

  const buyer = context.buyer;
  const supplier = context.supplier;
  const invoice = emptyInvoice();
  invoice.number = data.number.trim();
  invoice.issueDate = data.issueDate;
  invoice.typeCode = '380';
  invoice.currencyCode = cur;
  if (data.dueDate.trim() !== '') invoice.paymentDueDate = data.dueDate;
  else invoice.paymentTerms = 'Conditions de paiement : voir la facture PDF.';
  if (data.serviceCode.trim()) invoice.buyerReference = data.serviceCode.trim();
  if (data.engagementNumber.trim()) invoice.purchaseOrderReference = data.engagementNumber.trim();
  invoice.processControl = { businessProcessType: 'M1', specificationIdentifier: 'urn:cen.eu:en16931:2017' };
  const seeThePdf = 'Voir la facture PDF jointe, qui fait foi pour le détail.';
  invoice.notes = [
    { subjectCode: 'PMT', note: `Indemnité forfaitaire de recouvrement : ${seeThePdf}` },
    { subjectCode: 'PMD', note: `Pénalités de retard : ${seeThePdf}` },
    { subjectCode: 'AAB', note: `Escompte : ${seeThePdf}` },
  ];
  const siren = supplier.siren ?? supplier.siret.slice(0, 9);
  invoice.seller = {
    name: supplier.name,
    identifiers: [{ value: supplier.siret, schemeId: '0009' }],
    legalRegistrationId: { value: siren, schemeId: '0002' },
    ...(supplier.vatNumber ? { vatId: supplier.vatNumber } : {}),
    electronicAddress: { value: supplier.siret, schemeId: '0009' },
    postalAddress: { countryCode: 'FR' },
  };
  invoice.buyer = {
    name: buyer.name,
    legalRegistrationId: { value: buyer.siret, schemeId: '0009' },
    electronicAddress: { value: buyer.siret, schemeId: '0009' },
    postalAddress: { countryCode: 'FR' },
  };
  const exemption = EXEMPTIONS.find((e) => e.code === data.exemptionCode);
  groups.forEach((g, i) => {
    const line = emptyLine();
    line.id = String(i + 1);
    line.quantity = '1';
    line.unitCode = 'LS';
    line.netAmount = money(g.base);
    line.price = { netPrice: plain(g.base) };
    line.vat = { categoryCode: g.choice.category, rate: g.choice.rate };
    line.item = {
      name: `Facture ${invoice.number} – ${g.choice.label} (détail dans le PDF)`,
      classificationIds: [],
      attributes: [],
    };
    invoice.lines.push(line);
  });
  invoice.vatBreakdown = groups.map((g) => ({
    categoryCode: g.choice.category,
    rate: g.choice.rate,
    taxableAmount: money(g.base),
    taxAmount: money(g.tax),
    ...(g.choice.category === 'E' && exemption
      ? { exemptionReasonCode: exemption.code, exemptionReason: exemption.label }
      : {}),
    ...(g.choice.category === 'AE' ? { exemptionReasonCode: 'VATEX-EU-AE', exemptionReason: 'Autoliquidation' } : {}),
  }));
  invoice.totals = {
    lineNetAmount: money(ht),
    taxExclusiveAmount: money(ht),
    taxAmount: money(tva),
    taxInclusiveAmount: money(ttc),
    payableAmount: money(ttc),
  };
  return { ok: true, invoice };
}
