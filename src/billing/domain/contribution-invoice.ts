// A contribution as an EN 16931 invoice from the syndicat to its member, as the French public sector expects it:
// seller SIRET in BT-29 (0009) and SIREN in BT-30 (0002), buyer SIRET in BT-47 and BT-49 (Chorus
// `codeDestinataire`), service code in BT-10, engagement number in BT-13, one line, one VAT category (O with
// VATEX-EU-O outside the scope of VAT, or S at 20 %). Pure.
import Decimal from 'decimal.js';
import { emptyInvoice, emptyLine, type Invoice } from '../../../formats/index.ts';
import type { ContributionLine } from './contribution.ts';
import { VAT_TREATMENTS } from './vat.ts';

export interface Issuer {
  name: string;
  siren: string;
  siret: string;
  line1: string;
  line2?: string;
  postCode: string;
  city: string;
  email?: string;
}

/** The syndicat's seat (statutes of 29/01/2016, research note tenders-and-billing §8.1). */
export const SYNDICAT_ADDRESS = {
  line1: '15 rue Claude Chappe',
  line2: 'Bâtiment B',
  postCode: '35510',
  city: 'Cesson-Sévigné',
} as const;

export interface ContributionInvoiceInput {
  issuer: Issuer;
  member: { name: string; siret: string };
  number: string;
  year: number;
  issueDate: string;
  dueDate: string;
  productLabel: string;
  line: ContributionLine;
}

export function contributionInvoice(input: ContributionInvoiceInput): Invoice {
  const { issuer, member, line } = input;
  const treatment = VAT_TREATMENTS[line.vatRegime];
  const invoice = emptyInvoice();
  invoice.number = input.number;
  invoice.issueDate = input.issueDate;
  invoice.typeCode = '380';
  invoice.currencyCode = 'EUR';
  invoice.paymentDueDate = input.dueDate;
  invoice.paymentTerms = `Paiement à 30 jours au comptable public du syndicat, à réception du titre de recettes.`;
  if (line.serviceCode) invoice.buyerReference = line.serviceCode;
  if (line.engagementNumber) invoice.purchaseOrderReference = line.engagementNumber;
  invoice.processControl = { businessProcessType: 'S1', specificationIdentifier: 'urn:cen.eu:en16931:2017' };
  invoice.invoicingPeriod = { startDate: line.from, endDate: line.to };
  const proRata = line.billedDays === line.yearDays ? '' : ` (${line.billedDays} jours sur ${line.yearDays})`;
  invoice.notes = [
    { subjectCode: 'PMT', note: 'Indemnité forfaitaire pour frais de recouvrement en cas de retard : 40 €.' },
    { subjectCode: 'PMD', note: 'Intérêts moratoires en cas de retard de paiement (décret n° 2013-269).' },
    { subjectCode: 'AAB', note: 'Pas d’escompte pour paiement anticipé.' },
    { note: `Contribution ${input.year} au syndicat${proRata}.` },
  ];
  invoice.seller = {
    name: issuer.name,
    identifiers: [{ value: issuer.siret, schemeId: '0009' }],
    legalRegistrationId: { value: issuer.siren, schemeId: '0002' },
    // BR-O-02: no seller VAT identifier on an invoice outside the scope of VAT.
    ...(treatment.category === 'S' ? { vatId: frenchVatNumber(issuer.siren) } : {}),
    electronicAddress: { value: issuer.siret, schemeId: '0009' },
    postalAddress: {
      line1: issuer.line1,
      ...(issuer.line2 ? { line2: issuer.line2 } : {}),
      city: issuer.city,
      postCode: issuer.postCode,
      countryCode: 'FR',
    },
    ...(issuer.email ? { contact: { point: issuer.name, email: issuer.email } } : {}),
  };
  invoice.buyer = {
    name: member.name,
    legalRegistrationId: { value: member.siret, schemeId: '0009' },
    electronicAddress: { value: member.siret, schemeId: '0009' },
    postalAddress: { countryCode: 'FR' },
  };

  const invoiceLine = emptyLine();
  invoiceLine.id = '1';
  invoiceLine.quantity = '1';
  invoiceLine.unitCode = 'C62';
  invoiceLine.netAmount = line.amount;
  invoiceLine.price = { netPrice: line.amount };
  invoiceLine.vat = { categoryCode: treatment.category, ...(treatment.rate ? { rate: treatment.rate } : {}) };
  invoiceLine.item = {
    name: `${input.productLabel} ${input.year}`,
    description: line.tierLabel
      ? `Tranche « ${line.tierLabel} » (population au 1er janvier ${input.year} : ${line.population ?? '?'} habitants), montant annuel ${line.fullAmount} €${proRata}.`
      : `Montant annuel convenu ${line.fullAmount} €${proRata}.`,
    classificationIds: [],
    attributes: [],
  };
  invoice.lines.push(invoiceLine);
  invoice.vatBreakdown = [
    {
      categoryCode: treatment.category,
      ...(treatment.rate ? { rate: treatment.rate } : {}),
      taxableAmount: line.amount,
      taxAmount: line.vatAmount,
      ...(treatment.exemptionReasonCode
        ? { exemptionReasonCode: treatment.exemptionReasonCode, exemptionReason: treatment.exemptionReason! }
        : {}),
    },
  ];
  invoice.totals = {
    lineNetAmount: line.amount,
    taxExclusiveAmount: line.amount,
    taxAmount: new Decimal(line.vatAmount).toFixed(2),
    taxInclusiveAmount: line.totalAmount,
    payableAmount: line.totalAmount,
  };
  return invoice;
}

/** FR + key + SIREN (the key is (12 + 3 × (SIREN mod 97)) mod 97). */
function frenchVatNumber(siren: string): string {
  const key = (12 + 3 * (Number(siren) % 97)) % 97;
  return `FR${String(key).padStart(2, '0')}${siren}`;
}
