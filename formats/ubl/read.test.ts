import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { NS } from '../xml/ns.ts';
import { parseXml } from '../xml/parse.ts';
import { pathOf } from '../xml/query.ts';
import { readUbl, splitUblNote } from './read.ts';

const CORPUS = new URL('../../../shared/corpus/', import.meta.url);
const read = (path: string) => readUbl(parseXml(readFileSync(new URL(path, CORPUS))));

describe('readUbl on the French AFNOR/akretion sample (ubl/valid/akr__ubl-21-en16931.xml)', () => {
  const { invoice: inv, locations, syntax } = read('ubl/valid/akr__ubl-21-en16931.xml');

  it('reads the header terms', () => {
    expect(syntax).toBe('UBL');
    expect(inv.number).toBe('F124212');
    expect(inv.issueDate).toBe('2026-06-17');
    expect(inv.paymentDueDate).toBe('2026-07-16');
    expect(inv.typeCode).toBe('380');
    expect(inv.currencyCode).toBe('EUR');
    expect(inv.buyerAccountingReference).toBe('401HOF');
    expect(inv.buyerReference).toBe('120943');
    expect(inv.vatPointDateCode).toBe('3');
    expect(inv.invoicingPeriod).toEqual({ startDate: '2026-06-01', endDate: '2026-06-30' });
    expect(inv.purchaseOrderReference).toBe('PO1242');
    expect(inv.salesOrderReference).toBe('DEVIS2093');
    expect(inv.despatchAdviceReference).toBe('BL-2026/05/12');
    expect(inv.receivingAdviceReference).toBe('BR-2026/06/42');
    expect(inv.tenderOrLotReference).toBe('LOT12');
    expect(inv.contractReference).toBe('Contrat_du_siècle');
    expect(inv.invoicedObjectId).toEqual({ value: 'EMPL042', schemeId: 'AHK' });
    expect(inv.projectReference).toBe('Projet_Zorro');
    expect(inv.processControl).toEqual({
      specificationIdentifier: 'urn:cen.eu:en16931:2017',
      businessProcessType: 'S1',
    });
    expect(inv.precedingInvoices).toEqual([
      { reference: 'F124211', issueDate: '2025-12-30' },
      { reference: 'F124210' },
    ]);
    expect(inv.paymentTerms).toBe('30 jours net');
  });

  it('splits note subject codes (BT-21) from the note text (BT-22)', () => {
    expect(inv.notes[0]).toEqual({ subjectCode: 'AAI', note: 'Ceci est une information générale' });
    expect(inv.notes[2]).toEqual({ note: 'note sans sujet !' });
    expect(inv.notes.map((n) => n.subjectCode)).toEqual(['AAI', 'ADN', undefined, 'PMT', 'PMD', 'AAB']);
  });

  it('reads the seller, keeping the SEPA creditor id (BT-90) out of the seller identifiers (BT-29)', () => {
    expect(inv.seller.name).toBe('Au bon moulin');
    expect(inv.seller.tradingName).toBe("L'huile d'olive en folie");
    expect(inv.seller.identifiers).toEqual([
      { value: '99999999800019', schemeId: '0009' },
      { value: 'Code_ROUTAGE_seller', schemeId: '0224' },
    ]);
    expect(inv.seller.legalRegistrationId).toEqual({ value: '999999998', schemeId: '0002' });
    expect(inv.seller.vatId).toBe('FR11999999998');
    expect(inv.seller.taxRegistrationId).toBe('DGFIP_ref_1242');
    expect(inv.seller.electronicAddress).toEqual({ value: '999999998_042', schemeId: '0225' });
    expect(inv.seller.postalAddress).toEqual({
      line1: "1242 chemin de l'olive",
      line2: 'Lieu dit des senteurs',
      line3: 'ZAC du Mont Ventoux',
      city: 'Malaucène',
      postCode: '84340',
      countrySubdivision: 'Vaucluse',
      countryCode: 'FR',
    });
    expect(inv.seller.contact).toEqual({
      point: 'M. Rémi Dupont',
      telephone: '+33 6 12 42 12 42',
      email: 'commercial@aubonmoulin.com',
    });
    expect(inv.paymentInstructions?.directDebit?.creditorId).toBe('Au bon moulin SARL');
  });

  it('reads the buyer, tax representative and delivery', () => {
    expect(inv.buyer.name).toBe('Ma jolie boutique SARL');
    expect(inv.buyer.identifier).toEqual({ value: '78787878400018', schemeId: '0009' });
    expect(inv.buyer.legalRegistrationId).toEqual({ value: '787878784', schemeId: '0002' });
    expect(inv.buyer.vatId).toBe('FR19787878784');
    expect(inv.buyer.postalAddress.city).toBe('Lyon');
    expect(inv.buyer.contact?.point).toBe('Mme Laëtitia Durand');
    expect(inv.taxRepresentative).toEqual({
      name: 'Société écran',
      vatId: 'FR15123456789',
      postalAddress: { countryCode: 'FR' },
    });
    expect(inv.delivery?.partyName).toBe('Plateforme logistique FastIT');
    expect(inv.delivery?.locationId).toEqual({ value: '63636363200010', schemeId: '0009' });
    expect(inv.delivery?.actualDeliveryDate).toBe('2026-06-14');
    expect(inv.delivery?.address?.city).toBe('Carpentras');
  });

  it('reads payment instructions', () => {
    const p = inv.paymentInstructions;
    expect(p?.meansTypeCode).toBe('30');
    expect(p?.meansText).toBe('Libellé du moyen de paiement');
    expect(p?.remittanceInformation).toBe('2026-06-17 00:00:00');
    expect(p?.creditTransfers).toEqual([
      { accountId: 'FR2012421242124212421242124', accountName: 'Au bon moulin SARL', serviceProviderId: 'QNTOFRP1XXX' },
    ]);
    expect(p?.directDebit?.mandateReference).toBe('RUM_9083209');
    expect(p?.directDebit?.debitedAccountId).toBe('FR7312345678901275089715A98');
  });

  it('reads allowances, charges, totals and VAT breakdown with lexical amounts', () => {
    expect(inv.allowances.map((a) => [a.reason, a.amount, a.baseAmount, a.vatCategoryCode, a.vatRate])).toEqual([
      ['Consigne', '3.00', '138.00', 'S', '20.00'],
      ['Réduc fidélité', '2.50', '138.00', 'S', '20.00'],
    ]);
    expect(inv.charges.map((c) => [c.reason, c.amount])).toEqual([['Surtaxe carburant', '5.50']]);
    expect(inv.totals).toEqual({
      lineNetAmount: '273.00',
      taxExclusiveAmount: '273.00',
      taxInclusiveAmount: '308.03',
      allowanceTotalAmount: '5.50',
      chargeTotalAmount: '5.50',
      paidAmount: '100.00',
      payableAmount: '208.03',
      taxAmount: '35.03',
    });
    expect(inv.vatBreakdown).toEqual([
      { taxableAmount: '138.00', taxAmount: '27.6', categoryCode: 'S', rate: '20.00' },
      { taxableAmount: '135.00', taxAmount: '7.43', categoryCode: 'S', rate: '5.50' },
    ]);
  });

  it('reads lines', () => {
    expect(inv.lines).toHaveLength(2);
    const l = inv.lines[0]!;
    expect(l.id).toBe('1');
    expect(l.note).toBe('Olives récoltées exclusivement dans le Vaucluse (FR)');
    expect([l.quantity, l.unitCode, l.netAmount, l.buyerAccountingReference]).toEqual([
      '10',
      'C62',
      '135.00',
      '623400',
    ]);
    expect(l.period).toEqual({ startDate: '2026-06-14', endDate: '2026-06-15' });
    expect(l.allowances).toEqual([{ reason: 'test', amount: '1.50' }]);
    expect(l.charges).toEqual([{ reason: 'test inverse', amount: '1.50' }]);
    expect(l.item.name).toBe("Huile d'olive Joio 50cl");
    expect(l.item.sellerId).toBe('JOIO50CL');
    expect(l.item.standardId).toEqual({ value: '3518370900150', schemeId: '0160' });
    expect(l.item.countryOfOrigin).toBe('FR');
    expect(l.item.classificationIds).toEqual([
      { value: 'LOT1242', schemeId: 'BB', schemeVersionId: '1.0' },
      { value: '15092000', schemeId: 'HS', schemeVersionId: 'NC8' },
    ]);
    expect(l.item.attributes).toEqual([
      { name: 'Couleur', value: 'Vert' },
      { name: 'Taille', value: 'L' },
    ]);
    expect(l.vat).toEqual({ categoryCode: 'S', rate: '5.50' });
    expect(l.price.netPrice).toBe('13.50');
    expect(l.price.discount).toBe('1.50');
  });

  it('records where each term came from', () => {
    expect(pathOf(locations.get('BT-112')!)).toBe('/Invoice/cac:LegalMonetaryTotal/cbc:TaxInclusiveAmount');
    expect(pathOf(locations.get('BG-25[2]/BT-131')!)).toBe('/Invoice/cac:InvoiceLine[2]/cbc:LineExtensionAmount');
    expect(pathOf(locations.get('BG-23[2]/BT-117')!)).toBe('/Invoice/cac:TaxTotal/cac:TaxSubtotal[2]/cbc:TaxAmount');
    expect(pathOf(locations.get('BT-29[2]')!)).toBe(
      '/Invoice/cac:AccountingSupplierParty/cac:Party/cac:PartyIdentification[2]/cbc:ID',
    );
    expect(locations.get('BT-34-1')?.attrs.get('schemeID')).toBe('0225');
    expect(locations.get('BG-25[1]/BT-130')?.attrs.get('unitCode')).toBe('C62');
    expect(locations.get('BG-25[1]')?.local).toBe('InvoiceLine');
    expect(locations.has('BT-11')).toBe(true);
    expect(locations.has('BT-6')).toBe(false);
  });
});

describe('readUbl on the CEN credit note with all terms (ubl/valid/cen__CreditNote-Max_content.xml)', () => {
  const { invoice: inv, locations } = read('ubl/valid/cen__CreditNote-Max_content.xml');

  it('reads CreditNote-specific bindings', () => {
    expect(inv.number).toBe('2018210');
    expect(inv.typeCode).toBe('381');
    expect(inv.currencyCode).toBe('SEK');
    expect(inv.vatAccountingCurrencyCode).toBe('EUR');
    expect(inv.vatPointDate).toBe('2018-02-08');
    // The project reference of a credit note is an additional document reference with type code 50.
    expect(inv.projectReference).toBe('11111111');
    expect(inv.lines[0]?.quantity).toBe('500');
    expect(locations.get('BG-25[1]')?.local).toBe('CreditNoteLine');
  });

  it('separates the VAT total in accounting currency (BT-111) from BT-110', () => {
    expect(inv.totals.taxAmount).toBe('2500');
    expect(inv.totals.taxAmountInAccountingCurrency).toBe('249');
    expect(locations.get('BT-111')?.attrs.get('currencyID')).toBe('EUR');
  });

  it('keeps multi-line text and reads price details', () => {
    expect(inv.notes[0]?.note).toBe('Document level Note\nLine break should be respected here.');
    expect(inv.lines[0]?.price).toEqual({
      netPrice: '20',
      discount: '0.50',
      grossPrice: '20.50',
      baseQuantity: '1',
      baseQuantityUnitCode: 'EA',
    });
    expect(inv.paymentInstructions?.creditTransfers.map((c) => c.accountId)).toEqual([
      'SE1212341234123412341234',
      '12341234567',
      '1112222',
      '121212',
    ]);
    expect(inv.additionalDocuments[1]?.attachment).toEqual({
      content: '01234567',
      mimeCode: 'text/csv',
      filename: 'testfilnamn.abc',
    });
  });
});

describe('readUbl on incomplete documents', () => {
  it('does not throw on a VEFA fragment and leaves absent terms undefined', () => {
    const { invoice } = read('ubl/invalid/vefa__Invoice-unit-UBL__BR-CO-26__test5.xml');
    expect(invoice.number).toBeUndefined();
    expect(invoice.lines).toEqual([]);
  });

  it('does not throw on an empty Invoice', () => {
    const { invoice } = readUbl(parseXml(`<Invoice xmlns="${NS.UBL_INVOICE}"/>`));
    expect(invoice.seller).toEqual({ identifiers: [], postalAddress: {} });
    expect(invoice.vatBreakdown).toEqual([]);
  });

  it('keeps present-but-empty elements as empty strings', () => {
    const { invoice, locations } = readUbl(
      parseXml(`<Invoice xmlns="${NS.UBL_INVOICE}" xmlns:cbc="${NS.CBC}"><cbc:ID/></Invoice>`),
    );
    expect(invoice.number).toBe('');
    expect(locations.has('BT-1')).toBe(true);
  });
});

describe('splitUblNote', () => {
  it('splits #CODE#text', () => {
    expect(splitUblNote('#AAI#Hello')).toEqual({ subjectCode: 'AAI', note: 'Hello' });
    expect(splitUblNote('Hello #AAI#')).toEqual({ note: 'Hello #AAI#' });
  });
});
