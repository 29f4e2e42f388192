// A realistic French B2G invoice (supplier → commune), consistent with the EN 16931 rules,
// with as many lines as asked. Used by tests and benchmarks.
import { dec, emptyInvoice, emptyLine, roundHalfUp, sum, toFixed, type Invoice } from '../../model/index.ts';

const ITEMS = [
  ['Ramette papier A4 80 g', 'C62', '4.35', '20'],
  ['Entretien des espaces verts – passage mensuel', 'HUR', '38.50', '20'],
  ['Repas de restauration scolaire', 'C62', '3.12', '5.5'],
  ['Location de benne 10 m³ (semaine)', 'DAY', '95', '20'],
  ['Cartouche toner noir', 'C62', '61.90', '20'],
  ['Ouvrage pour la médiathèque', 'C62', '18.95', '5.5'],
] as const;

export interface SampleOptions {
  lines?: number;
  number?: string;
  issueDate?: string;
}

export function sampleInvoice(options: SampleOptions = {}): Invoice {
  const count = options.lines ?? 12;
  const invoice = emptyInvoice();
  invoice.number = options.number ?? 'F2026-00042';
  invoice.issueDate = options.issueDate ?? '2026-03-15';
  invoice.typeCode = '380';
  invoice.currencyCode = 'EUR';
  invoice.paymentDueDate = '2026-04-14';
  invoice.buyerReference = 'SERV-ACHATS';
  invoice.purchaseOrderReference = 'EJ2026-000871';
  invoice.contractReference = 'MAPA 2025-17';
  invoice.paymentTerms = 'Paiement à 30 jours à compter de la réception de la facture.';
  invoice.processControl = { businessProcessType: 'A1', specificationIdentifier: 'urn:cen.eu:en16931:2017' };
  invoice.notes = [
    {
      subjectCode: 'PMT',
      note: 'Indemnité forfaitaire pour frais de recouvrement en cas de retard de paiement : 40 €.',
    },
    { subjectCode: 'PMD', note: "Pénalités de retard : taux d'intérêt de la BCE majoré de 8 points." },
    { subjectCode: 'AAB', note: "Pas d'escompte pour paiement anticipé." },
  ];
  invoice.seller = {
    name: 'Fournitures & Services du Rhône <SARL>',
    tradingName: 'FSR',
    identifiers: [{ value: '81234567800017', schemeId: '0009' }],
    legalRegistrationId: { value: '812345678', schemeId: '0002' },
    vatId: 'FR32812345678',
    electronicAddress: { value: 'factures@fsr.example.fr', schemeId: 'EM' },
    postalAddress: {
      line1: '12 rue de la République',
      line2: 'Bâtiment B',
      city: 'Lyon',
      postCode: '69002',
      countryCode: 'FR',
    },
    contact: { point: 'Service facturation', telephone: '04 72 00 00 00', email: 'compta@fsr.example.fr' },
  };
  invoice.buyer = {
    name: "Commune de Saint-Genis-l'Argentière",
    legalRegistrationId: { value: '21690204500013', schemeId: '0009' },
    electronicAddress: { value: '21690204500013', schemeId: '0009' },
    postalAddress: {
      line1: 'Place de la Mairie',
      city: "Saint-Genis-l'Argentière",
      postCode: '69610',
      countryCode: 'FR',
    },
  };

  for (let i = 0; i < count; i++) {
    const [name, unit, price, rate] = ITEMS[i % ITEMS.length]!;
    const line = emptyLine();
    const quantity = String(1 + (i % 7));
    line.id = String(i + 1);
    line.quantity = quantity;
    line.unitCode = unit;
    line.price = { netPrice: price };
    line.netAmount = toFixed(roundHalfUp(dec(quantity).times(dec(price))));
    line.vat = { categoryCode: 'S', rate };
    line.item = { name, sellerId: `ART-${1000 + (i % ITEMS.length)}`, classificationIds: [], attributes: [] };
    if (i % 5 === 4) line.item.description = 'Livraison sur site, mise en service et reprise des emballages comprises.';
    invoice.lines.push(line);
  }

  const rates = [...new Set(invoice.lines.map((l) => l.vat.rate!))].sort();
  invoice.vatBreakdown = rates.map((rate) => {
    const taxable = sum(invoice.lines.filter((l) => l.vat.rate === rate).map((l) => l.netAmount));
    return {
      categoryCode: 'S',
      rate,
      taxableAmount: toFixed(taxable),
      taxAmount: toFixed(roundHalfUp(taxable.times(dec(rate)).dividedBy(100))),
    };
  });
  const lineTotal = sum(invoice.lines.map((l) => l.netAmount));
  const vatTotal = sum(invoice.vatBreakdown.map((v) => v.taxAmount));
  invoice.totals = {
    lineNetAmount: toFixed(lineTotal),
    taxExclusiveAmount: toFixed(lineTotal),
    taxAmount: toFixed(vatTotal),
    taxInclusiveAmount: toFixed(lineTotal.plus(vatTotal)),
    payableAmount: toFixed(lineTotal.plus(vatTotal)),
  };
  invoice.paymentInstructions = {
    meansTypeCode: '30',
    remittanceInformation: invoice.number,
    creditTransfers: [
      { accountId: 'FR7630006000011234567890189', accountName: 'FSR SARL', serviceProviderId: 'AGRIFRPP' },
    ],
  };
  return invoice;
}
