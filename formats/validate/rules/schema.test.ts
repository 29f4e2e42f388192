import { describe, expect, it } from 'vitest';
import { cii, ubl } from '../testing/builders.ts';
import { check } from '../testing/run.ts';

const xsd = (xml: string): string[] =>
  check(xml)
    .filter((v) => v.rule.endsWith('-XSD'))
    .map((v) => v.message);

describe('schema-level checks (UBL-XSD, CII-XSD)', () => {
  it('accepts the baselines', () => {
    expect(xsd(ubl())).toEqual([]);
    expect(xsd(cii())).toEqual([]);
  });

  it('UBL: a non-decimal amount', () => {
    expect(xsd(ubl({ totals: { payable: '12O.00' } })).length).toBeGreaterThan(0);
  });

  it('UBL: an element out of order in the invoice', () => {
    const xml = ubl()
      .replace('<cbc:IssueDate>2026-03-01</cbc:IssueDate>', '')
      .replace('</cbc:DocumentCurrencyCode>', '</cbc:DocumentCurrencyCode><cbc:IssueDate>2026-03-01</cbc:IssueDate>');
    expect(xsd(xml).length).toBeGreaterThan(0);
  });

  it('CII: a non-decimal amount', () => {
    const summation =
      '<ram:SpecifiedTradeSettlementHeaderMonetarySummation><ram:LineTotalAmount>100,00</ram:LineTotalAmount><ram:TaxBasisTotalAmount>100.00</ram:TaxBasisTotalAmount><ram:TaxTotalAmount currencyID="EUR">20.00</ram:TaxTotalAmount><ram:GrandTotalAmount>120.00</ram:GrandTotalAmount><ram:DuePayableAmount>120.00</ram:DuePayableAmount></ram:SpecifiedTradeSettlementHeaderMonetarySummation>';
    expect(xsd(cii({ summation })).length).toBeGreaterThan(0);
  });

  it('CII: an unknown element in a key aggregate', () => {
    const xml = cii().replace(
      '<ram:TypeCode>380</ram:TypeCode>',
      '<ram:TypeCode>380</ram:TypeCode><ram:Bogus>1</ram:Bogus>',
    );
    expect(xsd(xml).length).toBeGreaterThan(0);
  });

  it('CII: a gross price without its mandatory ChargeAmount (what the converter once wrote)', () => {
    const gross =
      '<ram:GrossPriceProductTradePrice><ram:AppliedTradeAllowanceCharge><ram:ChargeIndicator><udt:Indicator>false</udt:Indicator></ram:ChargeIndicator><ram:ActualAmount>5.00</ram:ActualAmount></ram:AppliedTradeAllowanceCharge></ram:GrossPriceProductTradePrice>';
    const xml = cii().replace('<ram:NetPriceProductTradePrice>', `${gross}<ram:NetPriceProductTradePrice>`);
    expect(xsd(xml)).toEqual([
      "Structure non conforme au schéma : l'élément ChargeAmount est obligatoire dans GrossPriceProductTradePrice.",
    ]);
    const withAmount = xml.replace(
      '<ram:GrossPriceProductTradePrice>',
      '<ram:GrossPriceProductTradePrice><ram:ChargeAmount>105.00</ram:ChargeAmount>',
    );
    expect(xsd(withAmount)).toEqual([]);
  });

  it('UBL: a payment means without its mandatory code', () => {
    const xml = ubl({ afterParties: '<cac:PaymentMeans><cbc:PaymentID>REF-42</cbc:PaymentID></cac:PaymentMeans>' });
    expect(xsd(xml)).toEqual([
      "Structure non conforme au schéma : l'élément PaymentMeansCode est obligatoire dans PaymentMeans.",
    ]);
    expect(
      xsd(xml.replace('<cbc:PaymentID>', '<cbc:PaymentMeansCode>1</cbc:PaymentMeansCode><cbc:PaymentID>')),
    ).toEqual([]);
  });

  it('checks the order inside every aggregate, not only the main ones', () => {
    // cac:Party: PostalAddress comes before PartyLegalEntity.
    const xml = ubl().replace(
      /(<cac:PostalAddress>.*?<\/cac:PostalAddress>)\n(<cac:PartyTaxScheme>.*?<\/cac:PartyTaxScheme>)/s,
      '$2\n$1',
    );
    expect(xsd(xml)).toEqual([
      "Structure non conforme au schéma : l'élément PostalAddress est mal placé dans Party (ordre des éléments).",
    ]);
    const ciiXml = cii().replace(
      '<ram:Name>Fournisseur SA</ram:Name><ram:SpecifiedLegalOrganization><ram:ID schemeID="0002">123456789</ram:ID></ram:SpecifiedLegalOrganization>',
      '<ram:SpecifiedLegalOrganization><ram:ID schemeID="0002">123456789</ram:ID></ram:SpecifiedLegalOrganization><ram:Name>Fournisseur SA</ram:Name>',
    );
    expect(xsd(ciiXml)).toEqual([
      "Structure non conforme au schéma : l'élément Name est mal placé dans SellerTradeParty (ordre des éléments).",
    ]);
  });

  it('an element repeated beyond its maximum', () => {
    const ref =
      '<ram:InvoiceReferencedDocument><ram:IssuerAssignedID>F-1</ram:IssuerAssignedID></ram:InvoiceReferencedDocument>';
    const xml = cii().replace(
      '</ram:ApplicableHeaderTradeSettlement>',
      `${ref}${ref.replace('F-1', 'F-2')}</ram:ApplicableHeaderTradeSettlement>`,
    );
    expect(xsd(xml)).toEqual([
      "Structure non conforme au schéma : l'élément InvoiceReferencedDocument ne peut figurer qu'une fois dans ApplicableHeaderTradeSettlement (cardinalité 0..1 ou 1..1).",
    ]);
  });

  it('CII: an indicator without its udt:Indicator, a date-time without its string', () => {
    const xml = cii({
      settlementExtra:
        '<ram:SpecifiedTradeAllowanceCharge><ram:ChargeIndicator/><ram:ActualAmount>0</ram:ActualAmount></ram:SpecifiedTradeAllowanceCharge>',
    }).replace('<udt:DateTimeString format="102">20260301</udt:DateTimeString>', '');
    expect(xsd(xml)).toEqual(
      expect.arrayContaining([
        "Structure non conforme au schéma : l'élément IndicatorString ou Indicator est obligatoire dans ChargeIndicator.",
        "Structure non conforme au schéma : l'élément DateTimeString ou DateTime est obligatoire dans IssueDateTime.",
      ]),
    );
  });

  it('UBL: an amount without its mandatory currencyID, text in an aggregate, a bad time', () => {
    expect(xsd(ubl().replace('<cbc:PayableAmount currencyID="EUR">', '<cbc:PayableAmount>'))).toEqual([
      "Structure non conforme au schéma : l'attribut currencyID est obligatoire sur PayableAmount.",
    ]);
    expect(xsd(ubl().replace('<cac:LegalMonetaryTotal>', '<cac:LegalMonetaryTotal>total'))).toEqual([
      "Structure non conforme au schéma : l'élément LegalMonetaryTotal ne contient que des éléments, pas de texte (« total »).",
    ]);
    const time = ubl().replace('</cbc:IssueDate>', '</cbc:IssueDate><cbc:IssueTime>25:00:00</cbc:IssueTime>');
    expect(xsd(time)).toEqual([
      'Valeur non conforme au schéma : IssueTime doit être une heure hh:mm:ss (valeur « 25:00:00 »).',
    ]);
  });

  it('an element inside a simple value, an unknown element deep in the tree', () => {
    expect(
      xsd(ubl().replace('<cbc:ID>F-2026-001</cbc:ID>', '<cbc:ID>F-2026-001<cbc:Note>x</cbc:Note></cbc:ID>')),
    ).toEqual([
      "Structure non conforme au schéma : l'élément Note n'est pas autorisé dans ID (valeur simple attendue).",
    ]);
    expect(
      xsd(
        ubl().replace(
          '<cbc:CityName>Lyon</cbc:CityName>',
          '<cbc:CityName>Lyon</cbc:CityName><cbc:Town>Lyon</cbc:Town>',
        ),
      ),
    ).toEqual(["Structure non conforme au schéma : l'élément Town n'est pas autorisé dans PostalAddress."]);
  });

  it('does not look inside extension contents', () => {
    const ext =
      '<ext:UBLExtensions xmlns:ext="urn:oasis:names:specification:ubl:schema:xsd:CommonExtensionComponents-2"><ext:UBLExtension><ext:ExtensionContent><x:Anything xmlns:x="urn:example"><x:Deep/></x:Anything></ext:ExtensionContent></ext:UBLExtension></ext:UBLExtensions>';
    expect(
      xsd(ubl({ customization: null }).replace('<cbc:ID>F-2026-001</cbc:ID>', `${ext}<cbc:ID>F-2026-001</cbc:ID>`)),
    ).toEqual([]);
  });

  it('findings are fatal', () => {
    const v = check(ubl({ totals: { payable: 'abc' } })).filter((x) => x.rule === 'UBL-XSD');
    expect(v.every((x) => x.severity === 'fatal')).toBe(true);
  });
});
