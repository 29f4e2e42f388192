/**
 * EN 16931 model → UN/CEFACT CII D16B CrossIndustryInvoice, following the CII syntax binding (CEN/TS 16931-3-3)
 * and the element order of the D16B schema. Absent terms are not written; the only fixed values added are those
 * the syntax requires around them (TypeCode "VAT", charge indicators, reference type codes, date format 102).
 * Output is deterministic.
 */
import type {
  Contact,
  DocumentAllowance,
  DocumentCharge,
  Identifier,
  Invoice,
  InvoiceLine,
  PostalAddress,
  PriceDetails,
} from '../model/invoice.ts';
import { fractionDigits, tryDec } from '../model/decimal.ts';
import { holdsNoTerm, withoutBlanks } from '../model/prune.ts';
import { leaf, node, required, serialize } from '../xml/build.ts';
import type { XNode } from '../xml/build.ts';
import { NS } from '../xml/ns.ts';
import { bt8ToCii, dateToCii } from './codes.ts';

type N = XNode | undefined;
type Attrs = ReadonlyArray<readonly [string, string | undefined]>;

const ram = (name: string, text: string | undefined, attrs?: Attrs): N => leaf(`ram:${name}`, text, attrs);
const grp = (name: string, children: ReadonlyArray<N | false>): N => node(`ram:${name}`, children);

/** `<ram:X><udt:DateTimeString format="102">YYYYMMDD</udt:DateTimeString></ram:X>` */
function dateTime(name: string, iso: string | undefined, inner = 'udt:DateTimeString'): N {
  if (iso === undefined) return undefined;
  return node(`ram:${name}`, [leaf(inner, dateToCii(iso), [['format', '102']])]);
}

/** A party identifier: `ram:GlobalID` when it has a scheme, `ram:ID` otherwise. */
function partyId(id: Identifier | undefined): N {
  if (!id) return undefined;
  return id.schemeId !== undefined ? ram('GlobalID', id.value, [['schemeID', id.schemeId]]) : ram('ID', id.value);
}

function address(name: string, a: PostalAddress | undefined): N {
  if (!a) return undefined;
  return grp(name, [
    ram('PostcodeCode', a.postCode),
    ram('LineOne', a.line1),
    ram('LineTwo', a.line2),
    ram('LineThree', a.line3),
    ram('CityName', a.city),
    ram('CountryID', a.countryCode),
    ram('CountrySubDivisionName', a.countrySubdivision),
  ]);
}

function contact(c: Contact | undefined): N {
  if (!c) return undefined;
  return grp('DefinedTradeContact', [
    ram('PersonName', c.point),
    grp('TelephoneUniversalCommunication', [ram('CompleteNumber', c.telephone)]),
    grp('EmailURIUniversalCommunication', [ram('URIID', c.email)]),
  ]);
}

function electronicAddress(id: Identifier | undefined): N {
  return id ? grp('URIUniversalCommunication', [ram('URIID', id.value, [['schemeID', id.schemeId]])]) : undefined;
}

function taxRegistration(id: string | undefined, scheme: 'VA' | 'FC'): N {
  return id === undefined ? undefined : grp('SpecifiedTaxRegistration', [ram('ID', id, [['schemeID', scheme]])]);
}

function legalOrganization(id: Identifier | undefined, tradingName?: string): N {
  return grp('SpecifiedLegalOrganization', [
    id && ram('ID', id.value, [['schemeID', id.schemeId]]),
    ram('TradingBusinessName', tradingName),
  ]);
}

function indicator(charge: boolean): XNode {
  return required('ram:ChargeIndicator', [leaf('udt:Indicator', charge ? 'true' : 'false')]);
}

function vatTax(name: string, category: string | undefined, rate: string | undefined): N {
  if (category === undefined && rate === undefined) return undefined;
  return required(`ram:${name}`, [
    ram('TypeCode', 'VAT'),
    ram('CategoryCode', category),
    ram('RateApplicablePercent', rate),
  ]);
}

class CiiWriter {
  private readonly inv: Invoice;

  constructor(inv: Invoice) {
    this.inv = inv;
  }

  private seller(): N {
    const s = this.inv.seller;
    const ids = [
      ...s.identifiers.filter((i) => i.schemeId === undefined),
      ...s.identifiers.filter((i) => i.schemeId !== undefined),
    ];
    return node('ram:SellerTradeParty', [
      ...ids.map(partyId),
      ram('Name', s.name),
      ram('Description', s.additionalLegalInformation),
      legalOrganization(s.legalRegistrationId, s.tradingName),
      contact(s.contact),
      address('PostalTradeAddress', s.postalAddress),
      electronicAddress(s.electronicAddress),
      taxRegistration(s.vatId, 'VA'),
      taxRegistration(s.taxRegistrationId, 'FC'),
    ]);
  }

  private buyer(): N {
    const b = this.inv.buyer;
    return node('ram:BuyerTradeParty', [
      partyId(b.identifier),
      ram('Name', b.name),
      legalOrganization(b.legalRegistrationId, b.tradingName),
      contact(b.contact),
      address('PostalTradeAddress', b.postalAddress),
      electronicAddress(b.electronicAddress),
      taxRegistration(b.vatId, 'VA'),
    ]);
  }

  private agreement(): XNode {
    const inv = this.inv;
    const t = inv.taxRepresentative;
    const doc = (name: string, id: string | undefined): N => grp(name, [ram('IssuerAssignedID', id)]);
    return required('ram:ApplicableHeaderTradeAgreement', [
      ram('BuyerReference', inv.buyerReference),
      this.seller(),
      this.buyer(),
      t &&
        node('ram:SellerTaxRepresentativeTradeParty', [
          ram('Name', t.name),
          address('PostalTradeAddress', t.postalAddress),
          taxRegistration(t.vatId, 'VA'),
        ]),
      doc('SellerOrderReferencedDocument', inv.salesOrderReference),
      doc('BuyerOrderReferencedDocument', inv.purchaseOrderReference),
      doc('ContractReferencedDocument', inv.contractReference),
      ...inv.additionalDocuments.map(
        (d) =>
          !holdsNoTerm(d) &&
          required('ram:AdditionalReferencedDocument', [
            ram('IssuerAssignedID', d.reference),
            ram('URIID', d.externalLocation),
            ram('TypeCode', '916'),
            ram('Name', d.description),
            d.attachment &&
              leaf('ram:AttachmentBinaryObject', d.attachment.content, [
                ['mimeCode', d.attachment.mimeCode],
                ['filename', d.attachment.filename],
              ]),
          ]),
      ),
      inv.tenderOrLotReference !== undefined &&
        required('ram:AdditionalReferencedDocument', [
          ram('IssuerAssignedID', inv.tenderOrLotReference),
          ram('TypeCode', '50'),
        ]),
      inv.invoicedObjectId &&
        required('ram:AdditionalReferencedDocument', [
          ram('IssuerAssignedID', inv.invoicedObjectId.value),
          ram('TypeCode', '130'),
          ram('ReferenceTypeCode', inv.invoicedObjectId.schemeId),
        ]),
      inv.projectReference !== undefined &&
        required('ram:SpecifiedProcuringProject', [ram('ID', inv.projectReference), ram('Name', 'Project reference')]),
    ]);
  }

  private delivery(): XNode {
    const inv = this.inv;
    const d = inv.delivery;
    const shipTo =
      d &&
      grp('ShipToTradeParty', [
        partyId(d.locationId),
        ram('Name', d.partyName),
        address('PostalTradeAddress', d.address),
      ]);
    return required('ram:ApplicableHeaderTradeDelivery', [
      shipTo,
      d?.actualDeliveryDate !== undefined &&
        node('ram:ActualDeliverySupplyChainEvent', [dateTime('OccurrenceDateTime', d.actualDeliveryDate)]),
      grp('DespatchAdviceReferencedDocument', [ram('IssuerAssignedID', inv.despatchAdviceReference)]),
      grp('ReceivingAdviceReferencedDocument', [ram('IssuerAssignedID', inv.receivingAdviceReference)]),
    ]);
  }

  private paymentMeans(): N[] {
    const p = this.inv.paymentInstructions;
    if (!p) return [];
    // BT-82 is written on the first payment means only; further ones (one per BG-17) repeat the type code.
    const head = [ram('TypeCode', p.meansTypeCode), ram('Information', p.meansText)];
    const tail = [ram('TypeCode', p.meansTypeCode)];
    const account = (k: number): N[] => {
      const a = p.creditTransfers[k];
      if (!a) return [];
      const iban = a.accountId !== undefined && /^[A-Z]{2}[0-9]{2}[A-Z0-9]{1,30}$/.test(a.accountId.replace(/\s/g, ''));
      return [
        node('ram:PayeePartyCreditorFinancialAccount', [
          iban ? ram('IBANID', a.accountId) : undefined,
          ram('AccountName', a.accountName),
          iban ? undefined : ram('ProprietaryID', a.accountId),
        ]),
        grp('PayeeSpecifiedCreditorFinancialInstitution', [ram('BICID', a.serviceProviderId)]),
      ];
    };
    const first = node('ram:SpecifiedTradeSettlementPaymentMeans', [
      ...head,
      p.paymentCard &&
        node('ram:ApplicableTradeSettlementFinancialCard', [
          ram('ID', p.paymentCard.primaryAccountNumber),
          ram('CardholderName', p.paymentCard.holderName),
        ]),
      grp('PayerPartyDebtorFinancialAccount', [ram('IBANID', p.directDebit?.debitedAccountId)]),
      ...account(0),
    ]);
    const rest = p.creditTransfers
      .slice(1)
      .map((_, k) => node('ram:SpecifiedTradeSettlementPaymentMeans', [...tail, ...account(k + 1)]));
    return [first, ...rest];
  }

  private allowanceCharge(ac: DocumentAllowance | DocumentCharge, charge: boolean): XNode {
    return required('ram:SpecifiedTradeAllowanceCharge', [
      indicator(charge),
      ram('CalculationPercent', ac.percentage),
      ram('BasisAmount', ac.baseAmount),
      ram('ActualAmount', ac.amount),
      ram('ReasonCode', ac.reasonCode),
      ram('Reason', ac.reason),
      vatTax('CategoryTradeTax', ac.vatCategoryCode, ac.vatRate),
    ]);
  }

  private settlement(): XNode {
    const inv = this.inv;
    const t = inv.totals;
    const p = inv.paymentInstructions;
    const cur = inv.currencyCode;
    return required('ram:ApplicableHeaderTradeSettlement', [
      ram('CreditorReferenceID', p?.directDebit?.creditorId),
      ram('PaymentReference', p?.remittanceInformation),
      ram('TaxCurrencyCode', inv.vatAccountingCurrencyCode),
      ram('InvoiceCurrencyCode', inv.currencyCode),
      inv.payee &&
        node('ram:PayeeTradeParty', [
          partyId(inv.payee.identifier),
          ram('Name', inv.payee.name),
          legalOrganization(inv.payee.legalRegistrationId),
        ]),
      ...this.paymentMeans(),
      // BT-7 and BT-8 occur once (CII-SR-461/462): they are written in the first VAT breakdown only.
      ...inv.vatBreakdown.map((v, k) =>
        required('ram:ApplicableTradeTax', [
          ram('CalculatedAmount', v.taxAmount),
          ram('TypeCode', 'VAT'),
          ram('ExemptionReason', v.exemptionReason),
          ram('BasisAmount', v.taxableAmount),
          ram('CategoryCode', v.categoryCode),
          ram('ExemptionReasonCode', v.exemptionReasonCode),
          k === 0 && dateTime('TaxPointDate', inv.vatPointDate, 'udt:DateString'),
          k === 0 &&
            ram('DueDateTypeCode', inv.vatPointDateCode === undefined ? undefined : bt8ToCii(inv.vatPointDateCode)),
          ram('RateApplicablePercent', v.rate),
        ]),
      ),
      inv.invoicingPeriod &&
        node('ram:BillingSpecifiedPeriod', [
          dateTime('StartDateTime', inv.invoicingPeriod.startDate),
          dateTime('EndDateTime', inv.invoicingPeriod.endDate),
        ]),
      ...inv.allowances.map((a) => this.allowanceCharge(a, false)),
      ...inv.charges.map((c) => this.allowanceCharge(c, true)),
      grp('SpecifiedTradePaymentTerms', [
        ram('Description', inv.paymentTerms),
        dateTime('DueDateDateTime', inv.paymentDueDate),
        ram('DirectDebitMandateID', p?.directDebit?.mandateReference),
      ]),
      node('ram:SpecifiedTradeSettlementHeaderMonetarySummation', [
        ram('LineTotalAmount', t.lineNetAmount),
        ram('ChargeTotalAmount', t.chargeTotalAmount),
        ram('AllowanceTotalAmount', t.allowanceTotalAmount),
        ram('TaxBasisTotalAmount', t.taxExclusiveAmount),
        ram('TaxTotalAmount', t.taxAmount, [['currencyID', cur]]),
        ram('TaxTotalAmount', t.taxAmountInAccountingCurrency, [['currencyID', inv.vatAccountingCurrencyCode]]),
        ram('RoundingAmount', t.roundingAmount),
        ram('GrandTotalAmount', t.taxInclusiveAmount),
        ram('TotalPrepaidAmount', t.paidAmount),
        ram('DuePayableAmount', t.payableAmount),
      ]),
      // The D16B schema allows one InvoiceReferencedDocument here: only the first BG-3 can be written.
      inv.precedingInvoices
        .map((r) =>
          node('ram:InvoiceReferencedDocument', [
            ram('IssuerAssignedID', r.reference),
            dateTime('FormattedIssueDateTime', r.issueDate, 'qdt:DateTimeString'),
          ]),
        )
        .find((n) => n !== undefined),
      grp('ReceivableSpecifiedTradeAccountingAccount', [ram('ID', inv.buyerAccountingReference)]),
    ]);
  }

  private line(l: InvoiceLine): XNode {
    const it = l.item;
    const p = l.price;
    const basis = ram('BasisQuantity', p.baseQuantity, [['unitCode', p.baseQuantityUnitCode]]);
    const lineAc = (ac: InvoiceLine['allowances'][number], charge: boolean): XNode =>
      required('ram:SpecifiedTradeAllowanceCharge', [
        indicator(charge),
        ram('CalculationPercent', ac.percentage),
        ram('BasisAmount', ac.baseAmount),
        ram('ActualAmount', ac.amount),
        ram('ReasonCode', ac.reasonCode),
        ram('Reason', ac.reason),
      ]);
    const gross = ciiGrossPrice(p);
    return required('ram:IncludedSupplyChainTradeLineItem', [
      required('ram:AssociatedDocumentLineDocument', [
        ram('LineID', l.id),
        grp('IncludedNote', [ram('Content', l.note)]),
      ]),
      node('ram:SpecifiedTradeProduct', [
        it.standardId && ram('GlobalID', it.standardId.value, [['schemeID', it.standardId.schemeId]]),
        ram('SellerAssignedID', it.sellerId),
        ram('BuyerAssignedID', it.buyerId),
        ram('Name', it.name),
        ram('Description', it.description),
        ...it.attributes.map((a) =>
          node('ram:ApplicableProductCharacteristic', [ram('Description', a.name), ram('Value', a.value)]),
        ),
        ...it.classificationIds.map((c) =>
          node('ram:DesignatedProductClassification', [
            ram('ClassCode', c.value, [
              ['listID', c.schemeId],
              ['listVersionID', c.schemeVersionId],
            ]),
          ]),
        ),
        grp('OriginTradeCountry', [ram('ID', it.countryOfOrigin)]),
      ]),
      node('ram:SpecifiedLineTradeAgreement', [
        grp('BuyerOrderReferencedDocument', [ram('LineID', l.orderLineReference)]),
        gross !== undefined &&
          node('ram:GrossPriceProductTradePrice', [
            ram('ChargeAmount', gross),
            basis,
            p.discount !== undefined &&
              required('ram:AppliedTradeAllowanceCharge', [indicator(false), ram('ActualAmount', p.discount)]),
          ]),
        grp('NetPriceProductTradePrice', [ram('ChargeAmount', p.netPrice), basis]),
      ]),
      node('ram:SpecifiedLineTradeDelivery', [ram('BilledQuantity', l.quantity, [['unitCode', l.unitCode]])]),
      required('ram:SpecifiedLineTradeSettlement', [
        vatTax('ApplicableTradeTax', l.vat.categoryCode, l.vat.rate),
        l.period &&
          node('ram:BillingSpecifiedPeriod', [
            dateTime('StartDateTime', l.period.startDate),
            dateTime('EndDateTime', l.period.endDate),
          ]),
        ...l.allowances.map((a) => lineAc(a, false)),
        ...l.charges.map((c) => lineAc(c, true)),
        grp('SpecifiedTradeSettlementLineMonetarySummation', [ram('LineTotalAmount', l.netAmount)]),
        l.objectId &&
          required('ram:AdditionalReferencedDocument', [
            ram('IssuerAssignedID', l.objectId.value),
            ram('TypeCode', '130'),
            ram('ReferenceTypeCode', l.objectId.schemeId),
          ]),
        grp('ReceivableSpecifiedTradeAccountingAccount', [ram('ID', l.buyerAccountingReference)]),
      ]),
    ]);
  }

  document(): XNode {
    const inv = this.inv;
    return required(
      'rsm:CrossIndustryInvoice',
      [
        required('rsm:ExchangedDocumentContext', [
          grp('BusinessProcessSpecifiedDocumentContextParameter', [ram('ID', inv.processControl.businessProcessType)]),
          grp('GuidelineSpecifiedDocumentContextParameter', [ram('ID', inv.processControl.specificationIdentifier)]),
        ]),
        node('rsm:ExchangedDocument', [
          ram('ID', inv.number),
          ram('TypeCode', inv.typeCode),
          dateTime('IssueDateTime', inv.issueDate),
          ...inv.notes.map((n) =>
            node('ram:IncludedNote', [ram('Content', n.note), ram('SubjectCode', n.subjectCode)]),
          ),
        ]),
        required('rsm:SupplyChainTradeTransaction', [
          ...inv.lines.map((l) => this.line(l)),
          this.agreement(),
          this.delivery(),
          this.settlement(),
        ]),
      ],
      [
        ['xmlns:rsm', NS.RSM],
        ['xmlns:qdt', NS.QDT],
        ['xmlns:ram', NS.RAM],
        ['xmlns:udt', NS.UDT],
      ],
    );
  }
}

/**
 * The item gross price (BT-148) written in CII. The schema requires a ChargeAmount in GrossPriceProductTradePrice,
 * where CII carries the price discount (BT-147): when the model has a discount but no gross price, the gross price
 * is derived from EN 16931's definition BT-146 = BT-148 − BT-147, i.e. net price + discount, with as many decimals
 * as the operands. Undefined when there is nothing to write or no usable net price (the discount is then lost).
 */
export function ciiGrossPrice(p: PriceDetails): string | undefined {
  if (p.grossPrice !== undefined || p.discount === undefined) return p.grossPrice;
  const net = tryDec(p.netPrice);
  const discount = tryDec(p.discount);
  if (!net || !discount || p.netPrice === undefined) return undefined;
  const places = Math.max(fractionDigits(p.netPrice), fractionDigits(p.discount));
  return net.plus(discount).toFixed(places);
}

/** Writes the invoice as a UN/CEFACT CII D16B CrossIndustryInvoice document (UTF-8 XML text). */
export function writeCii(invoice: Invoice): string {
  return serialize(new CiiWriter(withoutBlanks(invoice)).document());
}
