import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { NS } from '../xml/ns.ts';
import { parseXml } from '../xml/parse.ts';
import { pathOf } from '../xml/query.ts';
import { bt8FromCii, bt8ToCii, dateFromCii, dateToCii } from './codes.ts';
import { readCii } from './read.ts';

const CORPUS = new URL('../../../shared/corpus/', import.meta.url);
const read = (path: string) => readCii(parseXml(readFileSync(new URL(path, CORPUS))));

describe('readCii on a French Factur-X style invoice (cii/valid/mus__validV2FR.xml)', () => {
  const { invoice: inv, locations, syntax } = read('cii/valid/mus__validV2FR.xml');

  it('reads header, parties and ISO dates from format 102', () => {
    expect(syntax).toBe('CII');
    expect(inv.number).toBe('FAC-20171118-506');
    expect(inv.typeCode).toBe('380');
    expect(inv.issueDate).toBe('2017-11-18');
    expect(inv.processControl).toEqual({ specificationIdentifier: 'urn:cen.eu:en16931:2017' });
    expect(inv.seller.name).toBe('Atelier du Ballon SARL');
    expect(inv.seller.vatId).toBe('FR44552081317');
    expect(inv.seller.taxRegistrationId).toBe('552081317');
    expect(inv.seller.postalAddress).toEqual({
      postCode: '75001',
      line1: '1 rue du Louvre',
      city: 'Paris',
      countryCode: 'FR',
    });
    expect(inv.buyer.name).toBe('Maison de Evenements SAS');
    expect(inv.buyer.vatId).toBe('FR19787878784');
    expect(inv.delivery).toEqual({ actualDeliveryDate: '2017-11-17' });
    expect(inv.paymentDueDate).toBe('2017-12-09');
    expect(inv.paymentTerms).toBe('Paiement sans escompte avant le 09.12.2017');
  });

  it('reads payment, totals and VAT breakdown with lexical amounts', () => {
    expect(inv.paymentInstructions).toEqual({
      meansTypeCode: '42',
      meansText: 'Virement bancaire',
      remittanceInformation: 'FAC-20171118-506',
      creditTransfers: [{ accountId: 'FR76 3000 6000 0112 3456 7890 189', serviceProviderId: 'AGRIFRPPXXX' }],
    });
    expect(inv.totals).toEqual({
      lineNetAmount: '496.00',
      chargeTotalAmount: '0.00',
      allowanceTotalAmount: '0.00',
      taxExclusiveAmount: '496.00',
      taxAmount: '75.04',
      taxInclusiveAmount: '571.04',
      payableAmount: '571.04',
    });
    expect(inv.vatBreakdown).toEqual([
      { taxAmount: '11.20', taxableAmount: '160.00', categoryCode: 'S', rate: '7.00' },
      { taxAmount: '63.84', taxableAmount: '336.00', categoryCode: 'S', rate: '19.00' },
    ]);
  });

  it('reads lines, keeping empty elements as empty strings', () => {
    expect(inv.lines).toHaveLength(3);
    const l = inv.lines[1]!;
    expect([l.id, l.quantity, l.unitCode, l.netAmount]).toEqual(['2', '400.0000', 'C62', '316.00']);
    expect(l.item.name).toBe('Ballon decoratif 500 ml');
    expect(l.item.description).toBe('');
    expect(l.price).toEqual({
      netPrice: '0.7900',
      grossPrice: '0.7900',
      baseQuantity: '1.0000',
      baseQuantityUnitCode: 'C62',
    });
    expect(l.vat).toEqual({ categoryCode: 'S', rate: '19.00' });
  });

  it('records locations with CII paths', () => {
    expect(pathOf(locations.get('BT-112')!)).toBe(
      '/rsm:CrossIndustryInvoice/rsm:SupplyChainTradeTransaction/ram:ApplicableHeaderTradeSettlement/ram:SpecifiedTradeSettlementHeaderMonetarySummation/ram:GrandTotalAmount',
    );
    expect(pathOf(locations.get('BG-25[3]/BT-131')!)).toBe(
      '/rsm:CrossIndustryInvoice/rsm:SupplyChainTradeTransaction/ram:IncludedSupplyChainTradeLineItem[3]/ram:SpecifiedLineTradeSettlement/ram:SpecifiedTradeSettlementLineMonetarySummation/ram:LineTotalAmount',
    );
    expect(locations.get('BT-2')?.local).toBe('DateTimeString');
    expect(locations.get('BT-2')?.attrs.get('format')).toBe('102');
  });
});

describe('readCii on the CEN example 5 (cii/valid/cen__CII_example5.xml)', () => {
  const { invoice: inv, locations } = read('cii/valid/cen__CII_example5.xml');

  it('reads notes with subject codes, references and tax currency', () => {
    expect(inv.number).toBe('TOSL110');
    expect(inv.notes).toEqual([{ note: 'Ordered through our website', subjectCode: 'AAI' }]);
    expect(inv.currencyCode).toBe('DKK');
    expect(inv.vatAccountingCurrencyCode).toBe('EUR');
    expect(inv.vatPointDate).toBe('2013-04-10');
    expect(inv.receivingAdviceReference).toBe('3544');
    expect(inv.buyerAccountingReference).toBe('67543');
    expect(inv.precedingInvoices).toEqual([{ reference: 'TOSL109', issueDate: '2013-03-10' }]);
    expect(inv.invoicingPeriod).toEqual({ startDate: '2013-03-10', endDate: '2013-04-10' });
  });

  it('separates BT-110 and BT-111 by currency', () => {
    expect(inv.totals.taxAmount).toBe('675.00');
    expect(inv.totals.taxAmountInAccountingCurrency).toBe('628.62');
    expect(locations.get('BT-111')?.attrs.get('currencyID')).toBe('EUR');
    expect(inv.totals.paidAmount).toBe('2337.5');
  });

  it('reads payee, direct debit and several credit transfers', () => {
    expect(inv.payee).toEqual({
      identifier: { value: 'DK16356608' },
      name: 'Dagobert Duck',
      legalRegistrationId: { value: 'DK16356608' },
    });
    const p = inv.paymentInstructions!;
    expect(p.meansTypeCode).toBe('58');
    expect(p.meansText).toBe('Half prepaid');
    expect(p.remittanceInformation).toBe('Payref1');
    expect(p.creditTransfers.map((c) => c.accountId)).toEqual(['DK1212341234123412', 'A']);
    expect(p.directDebit).toEqual({ creditorId: 'DK5678', mandateReference: '123456' });
  });

  it('reads document allowances and charges with their VAT', () => {
    expect(inv.allowances).toEqual([
      {
        percentage: '10',
        baseAmount: '1500',
        amount: '150',
        reasonCode: '95',
        reason: 'Loyal customer',
        vatCategoryCode: 'S',
        vatRate: '25',
      },
    ]);
    expect(inv.charges).toEqual([
      {
        percentage: '10',
        baseAmount: '1500',
        amount: '150',
        reasonCode: 'ABL',
        reason: 'Packaging',
        vatCategoryCode: 'S',
        vatRate: '25',
      },
    ]);
  });

  it('reads item identifiers and line notes', () => {
    const l = inv.lines[0]!;
    expect(l.note).toBe('first line');
    expect(l.item.standardId).toEqual({ value: '1234567890128', schemeId: '0088' });
    expect(l.item.sellerId).toBe('JB007');
    expect(l.item.buyerId).toBe('BUY123');
    expect(l.item.description).toBe('Printing paper, 2mm');
  });
});

describe('readCii on incomplete documents', () => {
  it('does not throw on a VEFA fragment', () => {
    const { invoice } = read('cii/invalid/vefa__cii__BR-CO-17__test4.xml');
    expect(invoice.number).toBeUndefined();
  });

  it('does not throw on an empty CrossIndustryInvoice', () => {
    const { invoice } = readCii(parseXml(`<rsm:CrossIndustryInvoice xmlns:rsm="${NS.RSM}"/>`));
    expect(invoice.lines).toEqual([]);
    expect(invoice.totals).toEqual({});
  });

  it('keeps a date that is not in format 102 as found', () => {
    const xml = `<r:CrossIndustryInvoice xmlns:r="${NS.RSM}" xmlns:a="${NS.RAM}" xmlns:u="${NS.UDT}"><r:ExchangedDocument><a:IssueDateTime><u:DateTimeString format="102">2017-11-18</u:DateTimeString></a:IssueDateTime></r:ExchangedDocument></r:CrossIndustryInvoice>`;
    expect(readCii(parseXml(xml)).invoice.issueDate).toBe('2017-11-18');
  });
});

describe('CII value conversions', () => {
  it('converts dates and BT-8 codes both ways', () => {
    expect(dateFromCii('20240229')).toBe('2024-02-29');
    expect(dateFromCii('2024')).toBe('2024');
    expect(dateToCii('2024-02-29')).toBe('20240229');
    expect(bt8FromCii('5')).toBe('3');
    expect(bt8FromCii('29')).toBe('35');
    expect(bt8FromCii('72')).toBe('432');
    expect(bt8FromCii('99')).toBe('99');
    expect(bt8ToCii('35')).toBe('29');
  });
});
