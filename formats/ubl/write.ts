/**
 * EN 16931 model → UBL 2.1 Invoice or CreditNote, following the UBL syntax binding (CEN/TS 16931-3-2) and the
 * element order of the UBL 2.1 schemas. Absent terms are not written; nothing is invented except the fixed
 * values the syntax requires around them (TaxScheme "VAT", ChargeIndicator, DocumentTypeCode 130/50).
 * Output is deterministic.
 */
import type {
  Identifier,
  Invoice,
  InvoiceLine,
  PaymentInstructions,
  PostalAddress,
  Contact,
  DocumentAllowance,
  DocumentCharge,
  PriceDetails,
} from '../model/invoice.ts';
import { fractionDigits, tryDec } from '../model/decimal.ts';
import { withoutBlanks } from '../model/prune.ts';
import { leaf, node, required, serialize } from '../xml/build.ts';
import type { XNode } from '../xml/build.ts';
import { NS } from '../xml/ns.ts';

export interface UblWriteOptions {
  /** Root element; by default CreditNote for credit-note type codes (381, 396, 81, 83, 532), else Invoice. */
  documentType?: 'Invoice' | 'CreditNote';
}

const CREDIT_NOTE_TYPES = new Set(['381', '396', '81', '83', '532']);

/** UNTDID 4461 code 1, "Instrument not defined" (see paymentMeans). */
const UNDEFINED_PAYMENT_INSTRUMENT = '1';

/**
 * cac:OrderReference requires cbc:ID (BT-13) in the schema: a sales order reference (BT-14) without a purchase
 * order reference is written with the ID "NA", the value Peppol BIS Billing 3.0 gives for an unknown purchase order.
 */
const UNKNOWN_PURCHASE_ORDER = 'NA';

type N = XNode | undefined;

const cbc = (name: string, text: string | undefined, attrs?: ReadonlyArray<readonly [string, string | undefined]>): N =>
  leaf(`cbc:${name}`, text, attrs);
const cac = (name: string, children: ReadonlyArray<N | false>): N => node(`cac:${name}`, children);

function idWithScheme(name: string, id: Identifier | undefined, schemeAttr = 'schemeID'): N {
  return id ? cbc(name, id.value, [[schemeAttr, id.schemeId]]) : undefined;
}

function vatScheme(): N {
  return cac('TaxScheme', [cbc('ID', 'VAT')]);
}

function address(name: string, a: PostalAddress | undefined): N {
  if (!a) return undefined;
  return cac(name, [
    cbc('StreetName', a.line1),
    cbc('AdditionalStreetName', a.line2),
    cbc('CityName', a.city),
    cbc('PostalZone', a.postCode),
    cbc('CountrySubentity', a.countrySubdivision),
    cac('AddressLine', [cbc('Line', a.line3)]),
    cac('Country', [cbc('IdentificationCode', a.countryCode)]),
  ]);
}

function contact(c: Contact | undefined): N {
  if (!c) return undefined;
  return cac('Contact', [cbc('Name', c.point), cbc('Telephone', c.telephone), cbc('ElectronicMail', c.email)]);
}

function partyIdentification(id: Identifier | undefined): N {
  return id ? cac('PartyIdentification', [idWithScheme('ID', id)]) : undefined;
}

class UblWriter {
  private readonly inv: Invoice;
  private readonly creditNote: boolean;

  constructor(inv: Invoice, creditNote: boolean) {
    this.inv = inv;
    this.creditNote = creditNote;
  }

  private amount(name: string, value: string | undefined, currency = this.inv.currencyCode): N {
    return cbc(name, value, [['currencyID', currency]]);
  }

  private sepaId(): N {
    const creditor = this.inv.paymentInstructions?.directDebit?.creditorId;
    return creditor === undefined
      ? undefined
      : cac('PartyIdentification', [cbc('ID', creditor, [['schemeID', 'SEPA']])]);
  }

  private seller(): N {
    const s = this.inv.seller;
    const sepaHere = this.inv.payee === undefined;
    return required('cac:AccountingSupplierParty', [
      cac('Party', [
        idWithScheme('EndpointID', s.electronicAddress),
        ...s.identifiers.map(partyIdentification),
        sepaHere && this.sepaId(),
        cac('PartyName', [cbc('Name', s.tradingName)]),
        address('PostalAddress', s.postalAddress),
        s.vatId !== undefined && cac('PartyTaxScheme', [cbc('CompanyID', s.vatId), vatScheme()]),
        s.taxRegistrationId !== undefined &&
          cac('PartyTaxScheme', [cbc('CompanyID', s.taxRegistrationId), cac('TaxScheme', [cbc('ID', 'FC')])]),
        cac('PartyLegalEntity', [
          cbc('RegistrationName', s.name),
          idWithScheme('CompanyID', s.legalRegistrationId),
          cbc('CompanyLegalForm', s.additionalLegalInformation),
        ]),
        contact(s.contact),
      ]),
    ]);
  }

  private buyer(): N {
    const b = this.inv.buyer;
    return required('cac:AccountingCustomerParty', [
      cac('Party', [
        idWithScheme('EndpointID', b.electronicAddress),
        partyIdentification(b.identifier),
        cac('PartyName', [cbc('Name', b.tradingName)]),
        address('PostalAddress', b.postalAddress),
        b.vatId !== undefined && cac('PartyTaxScheme', [cbc('CompanyID', b.vatId), vatScheme()]),
        cac('PartyLegalEntity', [cbc('RegistrationName', b.name), idWithScheme('CompanyID', b.legalRegistrationId)]),
        contact(b.contact),
      ]),
    ]);
  }

  private payee(): N {
    const p = this.inv.payee;
    if (!p) return undefined;
    return node('cac:PayeeParty', [
      partyIdentification(p.identifier),
      this.sepaId(),
      cac('PartyName', [cbc('Name', p.name)]),
      cac('PartyLegalEntity', [idWithScheme('CompanyID', p.legalRegistrationId)]),
    ]);
  }

  private taxRepresentative(): N {
    const t = this.inv.taxRepresentative;
    if (!t) return undefined;
    return node('cac:TaxRepresentativeParty', [
      cac('PartyName', [cbc('Name', t.name)]),
      address('PostalAddress', t.postalAddress),
      t.vatId !== undefined && cac('PartyTaxScheme', [cbc('CompanyID', t.vatId), vatScheme()]),
    ]);
  }

  private delivery(): N {
    const d = this.inv.delivery;
    if (!d) return undefined;
    return cac('Delivery', [
      cbc('ActualDeliveryDate', d.actualDeliveryDate),
      cac('DeliveryLocation', [idWithScheme('ID', d.locationId), address('Address', d.address)]),
      cac('DeliveryParty', [cac('PartyName', [cbc('Name', d.partyName)])]),
    ]);
  }

  private paymentMeans(): N[] {
    const p: PaymentInstructions | undefined = this.inv.paymentInstructions;
    const dueDate = this.creditNote ? this.inv.paymentDueDate : undefined;
    if (!p && dueDate === undefined) return [];
    // BT-82 is written once, on the first PaymentMeans (UBL-SR-46); further ones only repeat the code.
    //
    // BT-81 is mandatory in every PaymentMeans (BR-49, and cbc:PaymentMeansCode in the schema), but a model can
    // hold BG-16 terms without it: CII carries the remittance information (BT-83) outside its payment means, so a
    // valid CII invoice may give BT-83 alone, and a UBL CreditNote can only carry its due date (BT-9) inside a
    // PaymentMeans. UBL has no other place for these terms. EN 16931 leaves three choices: drop them (the buyer
    // loses the reference that matches the payment to the invoice, or the due date), refuse the conversion of a
    // valid invoice, or state the means as UNTDID 4461 code 1, "Instrument not defined", which says exactly what
    // the source says: no means of payment was specified. The last one keeps every term and is valid, and code 1
    // brings no further obligation (BR-50, BR-61 concern credit transfers), so it is written.
    const meansCode = p?.meansTypeCode ?? UNDEFINED_PAYMENT_INSTRUMENT;
    const code = (first: boolean) => cbc('PaymentMeansCode', meansCode, [['name', first ? p?.meansText : undefined]]);
    const accounts = p?.creditTransfers ?? [];
    const account = (k: number): N => {
      const a = accounts[k];
      if (!a) return undefined;
      return node('cac:PayeeFinancialAccount', [
        cbc('ID', a.accountId),
        cbc('Name', a.accountName),
        cac('FinancialInstitutionBranch', [cbc('ID', a.serviceProviderId)]),
      ]);
    };
    const dd = p?.directDebit;
    const first = node('cac:PaymentMeans', [
      code(true),
      cbc('PaymentDueDate', dueDate),
      cbc('PaymentID', p?.remittanceInformation),
      p?.paymentCard &&
        required('cac:CardAccount', [
          cbc('PrimaryAccountNumberID', p.paymentCard.primaryAccountNumber),
          cbc('NetworkID', 'NA'),
          cbc('HolderName', p.paymentCard.holderName),
        ]),
      account(0),
      dd && (dd.mandateReference !== undefined || dd.debitedAccountId !== undefined)
        ? cac('PaymentMandate', [
            cbc('ID', dd.mandateReference),
            cac('PayerFinancialAccount', [cbc('ID', dd.debitedAccountId)]),
          ])
        : undefined,
    ]);
    const rest = accounts.slice(1).map((_, k) => node('cac:PaymentMeans', [code(false), account(k + 1)]));
    return [first, ...rest];
  }

  private allowanceCharge(ac: DocumentAllowance | DocumentCharge, charge: boolean): N {
    return required('cac:AllowanceCharge', [
      cbc('ChargeIndicator', charge ? 'true' : 'false'),
      cbc('AllowanceChargeReasonCode', ac.reasonCode),
      cbc('AllowanceChargeReason', ac.reason),
      cbc('MultiplierFactorNumeric', ac.percentage),
      this.amount('Amount', ac.amount),
      this.amount('BaseAmount', ac.baseAmount),
      (ac.vatCategoryCode !== undefined || ac.vatRate !== undefined) &&
        required('cac:TaxCategory', [cbc('ID', ac.vatCategoryCode), cbc('Percent', ac.vatRate), vatScheme()]),
    ]);
  }

  private taxTotals(): N[] {
    const inv = this.inv;
    const main = node('cac:TaxTotal', [
      this.amount('TaxAmount', ublTaxTotal(inv.totals.taxAmount)),
      ...inv.vatBreakdown.map((v) =>
        required('cac:TaxSubtotal', [
          this.amount('TaxableAmount', v.taxableAmount),
          this.amount('TaxAmount', v.taxAmount),
          required('cac:TaxCategory', [
            cbc('ID', v.categoryCode),
            cbc('Percent', v.rate),
            cbc('TaxExemptionReasonCode', v.exemptionReasonCode),
            cbc('TaxExemptionReason', v.exemptionReason),
            vatScheme(),
          ]),
        ]),
      ),
    ]);
    const accounting = node('cac:TaxTotal', [
      this.amount('TaxAmount', ublTaxTotal(inv.totals.taxAmountInAccountingCurrency), inv.vatAccountingCurrencyCode),
    ]);
    return [main, accounting];
  }

  private monetaryTotal(): N {
    const t = this.inv.totals;
    return node('cac:LegalMonetaryTotal', [
      this.amount('LineExtensionAmount', t.lineNetAmount),
      this.amount('TaxExclusiveAmount', t.taxExclusiveAmount),
      this.amount('TaxInclusiveAmount', t.taxInclusiveAmount),
      this.amount('AllowanceTotalAmount', t.allowanceTotalAmount),
      this.amount('ChargeTotalAmount', t.chargeTotalAmount),
      this.amount('PrepaidAmount', t.paidAmount),
      this.amount('PayableRoundingAmount', t.roundingAmount),
      this.amount('PayableAmount', t.payableAmount),
    ]);
  }

  private line(l: InvoiceLine): XNode {
    const lineAc = (ac: InvoiceLine['allowances'][number], charge: boolean): N =>
      required('cac:AllowanceCharge', [
        cbc('ChargeIndicator', charge ? 'true' : 'false'),
        cbc('AllowanceChargeReasonCode', ac.reasonCode),
        cbc('AllowanceChargeReason', ac.reason),
        cbc('MultiplierFactorNumeric', ac.percentage),
        this.amount('Amount', ac.amount),
        this.amount('BaseAmount', ac.baseAmount),
      ]);
    const p = l.price;
    const it = l.item;
    return required(this.creditNote ? 'cac:CreditNoteLine' : 'cac:InvoiceLine', [
      cbc('ID', l.id),
      cbc('Note', l.note),
      cbc(this.creditNote ? 'CreditedQuantity' : 'InvoicedQuantity', l.quantity, [['unitCode', l.unitCode]]),
      this.amount('LineExtensionAmount', l.netAmount),
      cbc('AccountingCost', l.buyerAccountingReference),
      l.period && cac('InvoicePeriod', [cbc('StartDate', l.period.startDate), cbc('EndDate', l.period.endDate)]),
      cac('OrderLineReference', [cbc('LineID', l.orderLineReference)]),
      l.objectId && cac('DocumentReference', [idWithScheme('ID', l.objectId), cbc('DocumentTypeCode', '130')]),
      ...l.allowances.map((a) => lineAc(a, false)),
      ...l.charges.map((c) => lineAc(c, true)),
      // Item is mandatory (and may be empty) in InvoiceLine, optional in CreditNoteLine.
      node(
        'cac:Item',
        [
          cbc('Description', it.description),
          cbc('Name', it.name),
          cac('BuyersItemIdentification', [cbc('ID', it.buyerId)]),
          cac('SellersItemIdentification', [cbc('ID', it.sellerId)]),
          cac('StandardItemIdentification', [idWithScheme('ID', it.standardId)]),
          cac('OriginCountry', [cbc('IdentificationCode', it.countryOfOrigin)]),
          ...it.classificationIds.map((c) =>
            cac('CommodityClassification', [
              cbc('ItemClassificationCode', c.value, [
                ['listID', c.schemeId],
                ['listVersionID', c.schemeVersionId],
              ]),
            ]),
          ),
          cac('ClassifiedTaxCategory', [
            cbc('ID', l.vat.categoryCode),
            cbc('Percent', l.vat.rate),
            l.vat.categoryCode !== undefined || l.vat.rate !== undefined ? vatScheme() : undefined,
          ]),
          ...it.attributes.map((a) => node('cac:AdditionalItemProperty', [cbc('Name', a.name), cbc('Value', a.value)])),
        ],
        undefined,
        !this.creditNote,
      ),
      cac('Price', [
        this.amount('PriceAmount', p.netPrice),
        cbc('BaseQuantity', p.baseQuantity, [['unitCode', p.baseQuantityUnitCode]]),
        (p.discount !== undefined || p.grossPrice !== undefined) &&
          required('cac:AllowanceCharge', [
            cbc('ChargeIndicator', 'false'),
            this.amount('Amount', ublPriceDiscount(p)),
            this.amount('BaseAmount', p.grossPrice),
          ]),
      ]),
    ]);
  }

  document(): XNode {
    const inv = this.inv;
    const cn = this.creditNote;
    const notes = inv.notes.map((n) =>
      cbc('Note', n.subjectCode !== undefined ? `#${n.subjectCode}#${n.note ?? ''}` : n.note),
    );
    const period =
      inv.invoicingPeriod || inv.vatPointDateCode !== undefined
        ? cac('InvoicePeriod', [
            cbc('StartDate', inv.invoicingPeriod?.startDate),
            cbc('EndDate', inv.invoicingPeriod?.endDate),
            cbc('DescriptionCode', inv.vatPointDateCode),
          ])
        : undefined;
    const objectRef =
      inv.invoicedObjectId &&
      cac('AdditionalDocumentReference', [idWithScheme('ID', inv.invoicedObjectId), cbc('DocumentTypeCode', '130')]);
    const projectAsDocument =
      cn && inv.projectReference !== undefined
        ? cac('AdditionalDocumentReference', [cbc('ID', inv.projectReference), cbc('DocumentTypeCode', '50')])
        : undefined;
    const supporting = inv.additionalDocuments.map((d) =>
      node('cac:AdditionalDocumentReference', [
        cbc('ID', d.reference),
        cbc('DocumentDescription', d.description),
        cac('Attachment', [
          d.attachment &&
            cbc('EmbeddedDocumentBinaryObject', d.attachment.content, [
              ['mimeCode', d.attachment.mimeCode],
              ['filename', d.attachment.filename],
            ]),
          cac('ExternalReference', [cbc('URI', d.externalLocation)]),
        ]),
      ]),
    );
    const ref = (name: string, id: string | undefined): N => cac(name, [cbc('ID', id)]);
    const tail = [
      this.seller(),
      this.buyer(),
      this.payee(),
      this.taxRepresentative(),
      this.delivery(),
      ...this.paymentMeans(),
      cac('PaymentTerms', [cbc('Note', inv.paymentTerms)]),
      ...inv.allowances.map((a) => this.allowanceCharge(a, false)),
      ...inv.charges.map((c) => this.allowanceCharge(c, true)),
      ...this.taxTotals(),
      this.monetaryTotal(),
      ...inv.lines.map((l) => this.line(l)),
    ];
    const head: N[] = [
      cbc('CustomizationID', inv.processControl.specificationIdentifier),
      cbc('ProfileID', inv.processControl.businessProcessType),
      cbc('ID', inv.number),
      cbc('IssueDate', inv.issueDate),
    ];
    if (cn) {
      head.push(cbc('TaxPointDate', inv.vatPointDate), cbc('CreditNoteTypeCode', inv.typeCode), ...notes);
    } else {
      head.push(
        cbc('DueDate', inv.paymentDueDate),
        cbc('InvoiceTypeCode', inv.typeCode),
        ...notes,
        cbc('TaxPointDate', inv.vatPointDate),
      );
    }
    head.push(
      cbc('DocumentCurrencyCode', inv.currencyCode),
      cbc('TaxCurrencyCode', inv.vatAccountingCurrencyCode),
      cbc('AccountingCost', inv.buyerAccountingReference),
      cbc('BuyerReference', inv.buyerReference),
      period,
      cac('OrderReference', [
        cbc(
          'ID',
          inv.purchaseOrderReference ?? (inv.salesOrderReference !== undefined ? UNKNOWN_PURCHASE_ORDER : undefined),
        ),
        cbc('SalesOrderID', inv.salesOrderReference),
      ]),
      ...inv.precedingInvoices.map((p) =>
        cac('BillingReference', [
          node('cac:InvoiceDocumentReference', [cbc('ID', p.reference), cbc('IssueDate', p.issueDate)]),
        ]),
      ),
      ref('DespatchDocumentReference', inv.despatchAdviceReference),
      ref('ReceiptDocumentReference', inv.receivingAdviceReference),
    );
    if (cn) {
      head.push(
        ref('ContractDocumentReference', inv.contractReference),
        objectRef,
        projectAsDocument,
        ...supporting,
        ref('OriginatorDocumentReference', inv.tenderOrLotReference),
      );
    } else {
      head.push(
        ref('OriginatorDocumentReference', inv.tenderOrLotReference),
        ref('ContractDocumentReference', inv.contractReference),
        objectRef,
        ...supporting,
        ref('ProjectReference', inv.projectReference),
      );
    }
    const rootName = cn ? 'CreditNote' : 'Invoice';
    return required(
      rootName,
      [...head, ...tail],
      [
        ['xmlns', cn ? NS.UBL_CREDIT_NOTE : NS.UBL_INVOICE],
        ['xmlns:cac', NS.CAC],
        ['xmlns:cbc', NS.CBC],
      ],
    );
  }
}

/**
 * The item price discount (BT-147) written in UBL. The schema requires an Amount next to the gross price
 * (BT-148): when the model has a gross price but no discount, the discount is derived from its definition,
 * gross price − net price (or 0 without a usable net price), with as many decimals as the operands.
 */
export function ublPriceDiscount(p: PriceDetails): string | undefined {
  if (p.discount !== undefined || p.grossPrice === undefined) return p.discount;
  const gross = tryDec(p.grossPrice);
  const net = tryDec(p.netPrice);
  if (!gross || !net || p.netPrice === undefined) return '0';
  const places = Math.max(fractionDigits(p.grossPrice), fractionDigits(p.netPrice));
  return gross.minus(net).toFixed(places);
}

/**
 * The invoice total VAT amounts (BT-110, BT-111) written in UBL. CII checks their two decimals on the value
 * (BR-DEC-13, BR-DEC-15: "20.000" passes) while UBL counts the written decimals of every amount (UBL-DT-01), so
 * trailing zeros beyond the second decimal are dropped; any other value is written as it is.
 */
export function ublTaxTotal(amount: string | undefined): string | undefined {
  if (amount === undefined || fractionDigits(amount) <= 2) return amount;
  const d = tryDec(amount);
  return d && d.eq(d.toDecimalPlaces(2)) ? d.toFixed(2) : amount;
}

/** True when the model is written as a UBL CreditNote by default. */
export function isCreditNoteType(typeCode: string | undefined): boolean {
  return typeCode !== undefined && CREDIT_NOTE_TYPES.has(typeCode);
}

/** Writes the invoice as a UBL 2.1 Invoice or CreditNote document (UTF-8 XML text). */
export function writeUbl(invoice: Invoice, opts: UblWriteOptions = {}): string {
  const creditNote =
    (opts.documentType ?? (isCreditNoteType(invoice.typeCode) ? 'CreditNote' : 'Invoice')) === 'CreditNote';
  return serialize(new UblWriter(withoutBlanks(invoice), creditNote).document());
}
