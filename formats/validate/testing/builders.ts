/**
 * Small builders of UBL and CII invoices for the tests: a valid baseline document that each test
 * bends to trip one rule.
 */

export interface UblLineSpec {
  id?: string;
  qty?: string;
  net: string;
  price: string;
  cat?: string;
  rate?: string | null;
  name?: string;
  extra?: string;
}

export interface UblSpec {
  root?: 'Invoice' | 'CreditNote';
  customization?: string | null;
  typeCode?: string;
  currency?: string;
  header?: string;
  seller?: string;
  buyer?: string;
  afterParties?: string;
  lines?: UblLineSpec[];
  /** Breakdowns: [category, rate|null, taxable, tax, extra]. */
  breakdowns?: [string, string | null, string, string, string?][];
  taxTotal?: string;
  totals?: Partial<
    Record<
      'line' | 'exclusive' | 'inclusive' | 'allowance' | 'charge' | 'prepaid' | 'rounding' | 'payable',
      string | null
    >
  >;
  allowanceCharges?: string;
}

const SELLER = `<cac:AccountingSupplierParty><cac:Party>
<cbc:EndpointID schemeID="0009">12345678200010</cbc:EndpointID>
<cac:PostalAddress><cbc:CityName>Lyon</cbc:CityName><cac:Country><cbc:IdentificationCode>FR</cbc:IdentificationCode></cac:Country></cac:PostalAddress>
<cac:PartyTaxScheme><cbc:CompanyID>FR32123456789</cbc:CompanyID><cac:TaxScheme><cbc:ID>VAT</cbc:ID></cac:TaxScheme></cac:PartyTaxScheme>
<cac:PartyLegalEntity><cbc:RegistrationName>Fournisseur SA</cbc:RegistrationName><cbc:CompanyID schemeID="0002">123456789</cbc:CompanyID></cac:PartyLegalEntity>
</cac:Party></cac:AccountingSupplierParty>`;

const BUYER = `<cac:AccountingCustomerParty><cac:Party>
<cbc:EndpointID schemeID="0009">21690123100011</cbc:EndpointID>
<cac:PostalAddress><cbc:CityName>Lyon</cbc:CityName><cac:Country><cbc:IdentificationCode>FR</cbc:IdentificationCode></cac:Country></cac:PostalAddress>
<cac:PartyLegalEntity><cbc:RegistrationName>Commune de Test</cbc:RegistrationName><cbc:CompanyID schemeID="0009">21690123100011</cbc:CompanyID></cac:PartyLegalEntity>
</cac:Party></cac:AccountingCustomerParty>`;

function opt(tag: string, value: string | null | undefined, cur: string): string {
  return value === null || value === undefined ? '' : `<cbc:${tag} currencyID="${cur}">${value}</cbc:${tag}>`;
}

/** A UBL invoice; by default one standard-rated line of 100.00 at 20 %, valid against EN 16931. */
export function ubl(spec: UblSpec = {}): string {
  const root = spec.root ?? 'Invoice';
  const cur = spec.currency ?? 'EUR';
  const ns =
    root === 'Invoice'
      ? 'urn:oasis:names:specification:ubl:schema:xsd:Invoice-2'
      : 'urn:oasis:names:specification:ubl:schema:xsd:CreditNote-2';
  const lines = spec.lines ?? [{ net: '100.00', price: '100.00' }];
  const lineTag = root === 'Invoice' ? 'InvoiceLine' : 'CreditNoteLine';
  const qtyTag = root === 'Invoice' ? 'InvoicedQuantity' : 'CreditedQuantity';
  const breakdowns = spec.breakdowns ?? [['S', '20', '100.00', '20.00']];
  const t = { line: '100.00', exclusive: '100.00', inclusive: '120.00', payable: '120.00', ...spec.totals };
  const customization = spec.customization === undefined ? 'urn:cen.eu:en16931:2017' : spec.customization;
  return `<?xml version="1.0" encoding="UTF-8"?>
<${root} xmlns="${ns}" xmlns:cac="urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2" xmlns:cbc="urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2">
${customization === null ? '' : `<cbc:CustomizationID>${customization}</cbc:CustomizationID>`}
<cbc:ID>F-2026-001</cbc:ID>
<cbc:IssueDate>2026-03-01</cbc:IssueDate>
${root === 'Invoice' ? '<cbc:DueDate>2026-03-31</cbc:DueDate>' : ''}
<cbc:${root}TypeCode>${spec.typeCode ?? (root === 'Invoice' ? '380' : '381')}</cbc:${root}TypeCode>
<cbc:DocumentCurrencyCode>${cur}</cbc:DocumentCurrencyCode>
${spec.header ?? ''}
${spec.seller ?? SELLER}
${spec.buyer ?? BUYER}
${spec.afterParties ?? ''}
${spec.allowanceCharges ?? ''}
${
  spec.taxTotal ??
  `<cac:TaxTotal><cbc:TaxAmount currencyID="${cur}">${breakdowns.reduce((s, b) => s + Number(b[3]), 0).toFixed(2)}</cbc:TaxAmount>
${breakdowns
  .map(
    ([
      cat,
      rate,
      taxable,
      tax,
      extra,
    ]) => `<cac:TaxSubtotal><cbc:TaxableAmount currencyID="${cur}">${taxable}</cbc:TaxableAmount><cbc:TaxAmount currencyID="${cur}">${tax}</cbc:TaxAmount>
<cac:TaxCategory><cbc:ID>${cat}</cbc:ID>${rate === null ? '' : `<cbc:Percent>${rate}</cbc:Percent>`}${extra ?? ''}<cac:TaxScheme><cbc:ID>VAT</cbc:ID></cac:TaxScheme></cac:TaxCategory></cac:TaxSubtotal>`,
  )
  .join('\n')}
</cac:TaxTotal>`
}
<cac:LegalMonetaryTotal>
${opt('LineExtensionAmount', t.line, cur)}${opt('TaxExclusiveAmount', t.exclusive, cur)}${opt('TaxInclusiveAmount', t.inclusive, cur)}${opt('AllowanceTotalAmount', t.allowance, cur)}${opt('ChargeTotalAmount', t.charge, cur)}${opt('PrepaidAmount', t.prepaid, cur)}${opt('PayableRoundingAmount', t.rounding, cur)}${opt('PayableAmount', t.payable, cur)}
</cac:LegalMonetaryTotal>
${lines
  .map(
    (
      l,
      i,
    ) => `<cac:${lineTag}><cbc:ID>${l.id ?? String(i + 1)}</cbc:ID><cbc:${qtyTag} unitCode="C62">${l.qty ?? '1'}</cbc:${qtyTag}><cbc:LineExtensionAmount currencyID="${cur}">${l.net}</cbc:LineExtensionAmount>${l.extra ?? ''}
<cac:Item><cbc:Name>${l.name ?? 'Article'}</cbc:Name><cac:ClassifiedTaxCategory><cbc:ID>${l.cat ?? 'S'}</cbc:ID>${l.rate === null ? '' : `<cbc:Percent>${l.rate ?? '20'}</cbc:Percent>`}<cac:TaxScheme><cbc:ID>VAT</cbc:ID></cac:TaxScheme></cac:ClassifiedTaxCategory></cac:Item>
<cac:Price><cbc:PriceAmount currencyID="${cur}">${l.price}</cbc:PriceAmount></cac:Price></cac:${lineTag}>`,
  )
  .join('\n')}
</${root}>`;
}

export interface CiiSpec {
  typeCode?: string;
  guideline?: string | null;
  sellerExtra?: string;
  buyerExtra?: string;
  lines?: { net: string; price: string; cat?: string; rate?: string | null; extra?: string }[];
  breakdowns?: [string, string | null, string, string, string?][];
  summation?: string;
  settlementExtra?: string;
  deliveryExtra?: string;
}

/** A CII invoice; by default one standard-rated line of 100.00 at 20 %, valid against EN 16931. */
export function cii(spec: CiiSpec = {}): string {
  const lines = spec.lines ?? [{ net: '100.00', price: '100.00' }];
  const breakdowns = spec.breakdowns ?? [['S', '20', '100.00', '20.00']];
  return `<?xml version="1.0" encoding="UTF-8"?>
<rsm:CrossIndustryInvoice xmlns:rsm="urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100" xmlns:ram="urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100" xmlns:udt="urn:un:unece:uncefact:data:standard:UnqualifiedDataType:100">
<rsm:ExchangedDocumentContext><ram:GuidelineSpecifiedDocumentContextParameter>${spec.guideline === null ? '' : `<ram:ID>${spec.guideline ?? 'urn:cen.eu:en16931:2017'}</ram:ID>`}</ram:GuidelineSpecifiedDocumentContextParameter></rsm:ExchangedDocumentContext>
<rsm:ExchangedDocument><ram:ID>F-2026-001</ram:ID><ram:TypeCode>${spec.typeCode ?? '380'}</ram:TypeCode><ram:IssueDateTime><udt:DateTimeString format="102">20260301</udt:DateTimeString></ram:IssueDateTime></rsm:ExchangedDocument>
<rsm:SupplyChainTradeTransaction>
${lines
  .map(
    (
      l,
      i,
    ) => `<ram:IncludedSupplyChainTradeLineItem><ram:AssociatedDocumentLineDocument><ram:LineID>${i + 1}</ram:LineID></ram:AssociatedDocumentLineDocument>
<ram:SpecifiedTradeProduct><ram:Name>Article</ram:Name></ram:SpecifiedTradeProduct>
<ram:SpecifiedLineTradeAgreement><ram:NetPriceProductTradePrice><ram:ChargeAmount>${l.price}</ram:ChargeAmount></ram:NetPriceProductTradePrice></ram:SpecifiedLineTradeAgreement>
<ram:SpecifiedLineTradeDelivery><ram:BilledQuantity unitCode="C62">1</ram:BilledQuantity></ram:SpecifiedLineTradeDelivery>
<ram:SpecifiedLineTradeSettlement><ram:ApplicableTradeTax><ram:TypeCode>VAT</ram:TypeCode><ram:CategoryCode>${l.cat ?? 'S'}</ram:CategoryCode>${l.rate === null ? '' : `<ram:RateApplicablePercent>${l.rate ?? '20'}</ram:RateApplicablePercent>`}</ram:ApplicableTradeTax>${l.extra ?? ''}
<ram:SpecifiedTradeSettlementLineMonetarySummation><ram:LineTotalAmount>${l.net}</ram:LineTotalAmount></ram:SpecifiedTradeSettlementLineMonetarySummation></ram:SpecifiedLineTradeSettlement>
</ram:IncludedSupplyChainTradeLineItem>`,
  )
  .join('\n')}
<ram:ApplicableHeaderTradeAgreement>
<ram:SellerTradeParty><ram:Name>Fournisseur SA</ram:Name><ram:SpecifiedLegalOrganization><ram:ID schemeID="0002">123456789</ram:ID></ram:SpecifiedLegalOrganization>${spec.sellerExtra ?? ''}<ram:PostalTradeAddress><ram:CountryID>FR</ram:CountryID></ram:PostalTradeAddress><ram:SpecifiedTaxRegistration><ram:ID schemeID="VA">FR32123456789</ram:ID></ram:SpecifiedTaxRegistration></ram:SellerTradeParty>
<ram:BuyerTradeParty><ram:Name>Commune de Test</ram:Name>${spec.buyerExtra ?? ''}<ram:PostalTradeAddress><ram:CountryID>FR</ram:CountryID></ram:PostalTradeAddress></ram:BuyerTradeParty>
</ram:ApplicableHeaderTradeAgreement>
<ram:ApplicableHeaderTradeDelivery>${spec.deliveryExtra ?? ''}</ram:ApplicableHeaderTradeDelivery>
<ram:ApplicableHeaderTradeSettlement><ram:InvoiceCurrencyCode>EUR</ram:InvoiceCurrencyCode>${spec.settlementExtra ?? ''}
${breakdowns
  .map(
    ([cat, rate, taxable, tax, extra]) =>
      `<ram:ApplicableTradeTax><ram:CalculatedAmount>${tax}</ram:CalculatedAmount><ram:TypeCode>VAT</ram:TypeCode>${extra ?? ''}<ram:BasisAmount>${taxable}</ram:BasisAmount><ram:CategoryCode>${cat}</ram:CategoryCode>${rate === null ? '' : `<ram:RateApplicablePercent>${rate}</ram:RateApplicablePercent>`}</ram:ApplicableTradeTax>`,
  )
  .join('\n')}
<ram:SpecifiedTradePaymentTerms><ram:DueDateDateTime><udt:DateTimeString format="102">20260331</udt:DateTimeString></ram:DueDateDateTime></ram:SpecifiedTradePaymentTerms>
${spec.summation ?? '<ram:SpecifiedTradeSettlementHeaderMonetarySummation><ram:LineTotalAmount>100.00</ram:LineTotalAmount><ram:TaxBasisTotalAmount>100.00</ram:TaxBasisTotalAmount><ram:TaxTotalAmount currencyID="EUR">20.00</ram:TaxTotalAmount><ram:GrandTotalAmount>120.00</ram:GrandTotalAmount><ram:DuePayableAmount>120.00</ram:DuePayableAmount></ram:SpecifiedTradeSettlementHeaderMonetarySummation>'}
</ram:ApplicableHeaderTradeSettlement>
</rsm:SupplyChainTradeTransaction>
</rsm:CrossIndustryInvoice>`;
}
