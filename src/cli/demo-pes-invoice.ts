// The invoice `hub demo pes` deposits when the demo supplier has none for Rennes yet: an EN 16931 UBL invoice of
// Armor Bureautique to the finance department of Rennes (service FIN), paper and toner, VAT 20 %.
import { dec, emptyInvoice, emptyLine, roundHalfUp, toFixed, writeUbl } from '../../formats/index.ts';
import { frenchVatNumber } from '../directory/index.ts';

export const DEMO_SELLER = { name: 'Armor Bureautique SARL', siret: '81234567600017', siren: '812345676' };
export const RENNES = { siret: '21350238800019', serviceCode: 'FIN' };

export function demoInvoiceUbl(number: string, issueDate: string): string {
  const invoice = emptyInvoice();
  invoice.number = number;
  invoice.issueDate = issueDate;
  invoice.typeCode = '380';
  invoice.currencyCode = 'EUR';
  invoice.buyerReference = RENNES.serviceCode;
  invoice.processControl = { businessProcessType: 'B1', specificationIdentifier: 'urn:cen.eu:en16931:2017' };
  invoice.notes = [
    {
      subjectCode: 'PMT',
      note: 'Indemnité forfaitaire pour frais de recouvrement en cas de retard de paiement : 40 €.',
    },
    { subjectCode: 'PMD', note: "Pénalités de retard : taux d'intérêt de la BCE majoré de 8 points." },
    { subjectCode: 'AAB', note: "Pas d'escompte pour paiement anticipé." },
  ];
  invoice.seller = {
    name: DEMO_SELLER.name,
    identifiers: [{ value: DEMO_SELLER.siret, schemeId: '0009' }],
    legalRegistrationId: { value: DEMO_SELLER.siren, schemeId: '0002' },
    vatId: frenchVatNumber(DEMO_SELLER.siren),
    electronicAddress: { value: DEMO_SELLER.siret, schemeId: '0009' },
    postalAddress: { line1: '12 rue du Légué', city: 'Saint-Brieuc', postCode: '22000', countryCode: 'FR' },
  };
  invoice.buyer = {
    name: 'Ville de Rennes',
    legalRegistrationId: { value: RENNES.siret, schemeId: '0009' },
    postalAddress: { line1: 'Place de la Mairie', city: 'Rennes', postCode: '35000', countryCode: 'FR' },
    electronicAddress: { value: RENNES.siret, schemeId: '0009' },
  };
  const items: [string, string, string][] = [
    ['Ramettes de papier A4 recyclé', '40', '4.50'],
    ['Cartouches de toner noir', '6', '62.00'],
  ];
  let net = dec('0');
  items.forEach(([name, quantity, price], i) => {
    const line = emptyLine();
    line.id = String(i + 1);
    line.quantity = quantity;
    line.unitCode = 'C62';
    line.price = { netPrice: price };
    const amount = dec(quantity).times(dec(price));
    line.netAmount = toFixed(amount);
    line.vat = { categoryCode: 'S', rate: '20' };
    line.item = { name, classificationIds: [], attributes: [] };
    invoice.lines.push(line);
    net = net.plus(amount);
  });
  const vat = roundHalfUp(net.times(dec('0.2')));
  invoice.vatBreakdown = [{ categoryCode: 'S', rate: '20', taxableAmount: toFixed(net), taxAmount: toFixed(vat) }];
  invoice.totals = {
    lineNetAmount: toFixed(net),
    taxExclusiveAmount: toFixed(net),
    taxAmount: toFixed(vat),
    taxInclusiveAmount: toFixed(net.plus(vat)),
    payableAmount: toFixed(net.plus(vat)),
  };
  // Thirty days, the legal payment delay of a commune.
  invoice.paymentDueDate = new Date(Date.parse(`${issueDate}T00:00:00Z`) + 30 * 86_400_000).toISOString().slice(0, 10);
  invoice.paymentInstructions = {
    meansTypeCode: '30',
    remittanceInformation: number,
    creditTransfers: [{ accountId: 'FR7630006000011234567890189', accountName: DEMO_SELLER.name }],
  };
  return writeUbl(invoice);
}
