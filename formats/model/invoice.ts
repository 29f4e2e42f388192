/**
 * The EN 16931-1 semantic data model of an electronic invoice.
 *
 * Every business term (BT) and business group (BG) appears exactly once, with its id and official
 * English name in its doc comment, followed by its cardinality in the standard. Cardinalities are kept
 * for groups (0..n and 1..n groups are arrays; 0..1 groups are optional). Scalar terms are optional even
 * when mandatory in the standard, because incomplete documents must still be read and then reported by
 * the validation rules.
 *
 * Amounts, quantities, prices, rates and percentages are decimal strings holding the lexical value exactly
 * as found in the source, so that the number of decimals can be checked (use `decimal.ts` to compute).
 * Dates are ISO `YYYY-MM-DD` strings when the source held a valid date in its expected format; otherwise the
 * raw source text is kept so that the validation rules can report it.
 */

/** A decimal number as lexical text, e.g. "1234.50" or "-3". Never a JS float. */
export type DecimalString = string;

/** A calendar date `YYYY-MM-DD`. */
export type DateString = string;

/** A code from a code list (UNTDID, ISO 4217, ISO 3166-1, UN/ECE Rec 20…). */
export type Code = string;

/** An identifier with an optional identification scheme (ISO/IEC 6523 ICD, EAS, or other). */
export interface Identifier {
  value: string;
  schemeId?: string;
}

/** An item classification identifier, with its list id (UNTDID 7143) and list version. */
export interface ClassificationIdentifier extends Identifier {
  schemeVersionId?: string;
}

/** A binary object embedded in the invoice. */
export interface BinaryObject {
  /** Base64 content, as found in the source (whitespace removed). */
  content: string;
  /** BT-125-1 Attached document Mime code (1..1 when BT-125 is present). */
  mimeCode?: string;
  /** BT-125-2 Attached document Filename (1..1 when BT-125 is present). */
  filename?: string;
}

/** The structure shared by every postal address group (BG-5, BG-8, BG-12, BG-15). */
export interface PostalAddress {
  line1?: string;
  line2?: string;
  line3?: string;
  city?: string;
  postCode?: string;
  countrySubdivision?: string;
  countryCode?: Code;
}

/** The structure shared by contact groups (BG-6, BG-9). */
export interface Contact {
  point?: string;
  telephone?: string;
  email?: string;
}

/** The structure shared by allowance and charge groups (BG-20, BG-21, BG-27, BG-28). */
export interface AllowanceCharge {
  amount?: DecimalString;
  baseAmount?: DecimalString;
  percentage?: DecimalString;
  reason?: string;
  reasonCode?: Code;
}

/** BG-1 INVOICE NOTE (0..n) */
export interface InvoiceNote {
  /** BT-21 Invoice note subject code (0..1) */
  subjectCode?: Code;
  /** BT-22 Invoice note (1..1) */
  note?: string;
}

/** BG-2 PROCESS CONTROL (1..1) */
export interface ProcessControl {
  /** BT-23 Business process type (0..1) */
  businessProcessType?: string;
  /** BT-24 Specification identifier (1..1) */
  specificationIdentifier?: string;
}

/** BG-3 PRECEDING INVOICE REFERENCE (0..n) */
export interface PrecedingInvoiceReference {
  /** BT-25 Preceding Invoice reference (1..1) */
  reference?: string;
  /** BT-26 Preceding Invoice issue date (0..1) */
  issueDate?: DateString;
}

/** BG-5 SELLER POSTAL ADDRESS (1..1) */
export interface SellerPostalAddress extends PostalAddress {
  /** BT-35 Seller address line 1 (0..1) */
  line1?: string;
  /** BT-36 Seller address line 2 (0..1) */
  line2?: string;
  /** BT-162 Seller address line 3 (0..1) */
  line3?: string;
  /** BT-37 Seller city (0..1) */
  city?: string;
  /** BT-38 Seller post code (0..1) */
  postCode?: string;
  /** BT-39 Seller country subdivision (0..1) */
  countrySubdivision?: string;
  /** BT-40 Seller country code (1..1) */
  countryCode?: Code;
}

/** BG-6 SELLER CONTACT (0..1) */
export interface SellerContact extends Contact {
  /** BT-41 Seller contact point (0..1) */
  point?: string;
  /** BT-42 Seller contact telephone number (0..1) */
  telephone?: string;
  /** BT-43 Seller contact email address (0..1) */
  email?: string;
}

/** BG-4 SELLER (1..1) */
export interface Seller {
  /** BT-27 Seller name (1..1) */
  name?: string;
  /** BT-28 Seller trading name (0..1) */
  tradingName?: string;
  /** BT-29 Seller identifier (0..n), with BT-29-1 Scheme identifier */
  identifiers: Identifier[];
  /** BT-30 Seller legal registration identifier (0..1), with BT-30-1 Scheme identifier */
  legalRegistrationId?: Identifier;
  /** BT-31 Seller VAT identifier (0..1) */
  vatId?: string;
  /** BT-32 Seller tax registration identifier (0..1) */
  taxRegistrationId?: string;
  /** BT-33 Seller additional legal information (0..1) */
  additionalLegalInformation?: string;
  /** BT-34 Seller electronic address (0..1), with BT-34-1 Scheme identifier */
  electronicAddress?: Identifier;
  /** BG-5 SELLER POSTAL ADDRESS (1..1) */
  postalAddress: SellerPostalAddress;
  /** BG-6 SELLER CONTACT (0..1) */
  contact?: SellerContact;
}

/** BG-8 BUYER POSTAL ADDRESS (1..1) */
export interface BuyerPostalAddress extends PostalAddress {
  /** BT-50 Buyer address line 1 (0..1) */
  line1?: string;
  /** BT-51 Buyer address line 2 (0..1) */
  line2?: string;
  /** BT-163 Buyer address line 3 (0..1) */
  line3?: string;
  /** BT-52 Buyer city (0..1) */
  city?: string;
  /** BT-53 Buyer post code (0..1) */
  postCode?: string;
  /** BT-54 Buyer country subdivision (0..1) */
  countrySubdivision?: string;
  /** BT-55 Buyer country code (1..1) */
  countryCode?: Code;
}

/** BG-9 BUYER CONTACT (0..1) */
export interface BuyerContact extends Contact {
  /** BT-56 Buyer contact point (0..1) */
  point?: string;
  /** BT-57 Buyer contact telephone number (0..1) */
  telephone?: string;
  /** BT-58 Buyer contact email address (0..1) */
  email?: string;
}

/** BG-7 BUYER (1..1) */
export interface Buyer {
  /** BT-44 Buyer name (1..1) */
  name?: string;
  /** BT-45 Buyer trading name (0..1) */
  tradingName?: string;
  /** BT-46 Buyer identifier (0..1), with BT-46-1 Scheme identifier */
  identifier?: Identifier;
  /** BT-47 Buyer legal registration identifier (0..1), with BT-47-1 Scheme identifier */
  legalRegistrationId?: Identifier;
  /** BT-48 Buyer VAT identifier (0..1) */
  vatId?: string;
  /** BT-49 Buyer electronic address (0..1), with BT-49-1 Scheme identifier */
  electronicAddress?: Identifier;
  /** BG-8 BUYER POSTAL ADDRESS (1..1) */
  postalAddress: BuyerPostalAddress;
  /** BG-9 BUYER CONTACT (0..1) */
  contact?: BuyerContact;
}

/** BG-10 PAYEE (0..1) */
export interface Payee {
  /** BT-59 Payee name (1..1) */
  name?: string;
  /** BT-60 Payee identifier (0..1), with BT-60-1 Scheme identifier */
  identifier?: Identifier;
  /** BT-61 Payee legal registration identifier (0..1), with BT-61-1 Scheme identifier */
  legalRegistrationId?: Identifier;
}

/** BG-12 SELLER TAX REPRESENTATIVE POSTAL ADDRESS (1..1) */
export interface TaxRepresentativePostalAddress extends PostalAddress {
  /** BT-64 Tax representative address line 1 (0..1) */
  line1?: string;
  /** BT-65 Tax representative address line 2 (0..1) */
  line2?: string;
  /** BT-164 Tax representative address line 3 (0..1) */
  line3?: string;
  /** BT-66 Tax representative city (0..1) */
  city?: string;
  /** BT-67 Tax representative post code (0..1) */
  postCode?: string;
  /** BT-68 Tax representative country subdivision (0..1) */
  countrySubdivision?: string;
  /** BT-69 Tax representative country code (1..1) */
  countryCode?: Code;
}

/** BG-11 SELLER TAX REPRESENTATIVE PARTY (0..1) */
export interface SellerTaxRepresentative {
  /** BT-62 Seller tax representative name (1..1) */
  name?: string;
  /** BT-63 Seller tax representative VAT identifier (1..1) */
  vatId?: string;
  /** BG-12 SELLER TAX REPRESENTATIVE POSTAL ADDRESS (1..1) */
  postalAddress: TaxRepresentativePostalAddress;
}

/** BG-15 DELIVER TO ADDRESS (0..1) */
export interface DeliverToAddress extends PostalAddress {
  /** BT-75 Deliver to address line 1 (0..1) */
  line1?: string;
  /** BT-76 Deliver to address line 2 (0..1) */
  line2?: string;
  /** BT-165 Deliver to address line 3 (0..1) */
  line3?: string;
  /** BT-77 Deliver to city (0..1) */
  city?: string;
  /** BT-78 Deliver to post code (0..1) */
  postCode?: string;
  /** BT-79 Deliver to country subdivision (0..1) */
  countrySubdivision?: string;
  /** BT-80 Deliver to country code (1..1) */
  countryCode?: Code;
}

/** BG-13 DELIVERY INFORMATION (0..1) */
export interface DeliveryInformation {
  /** BT-70 Deliver to party name (0..1) */
  partyName?: string;
  /** BT-71 Deliver to location identifier (0..1), with BT-71-1 Scheme identifier */
  locationId?: Identifier;
  /** BT-72 Actual delivery date (0..1) */
  actualDeliveryDate?: DateString;
  /** BG-15 DELIVER TO ADDRESS (0..1) */
  address?: DeliverToAddress;
}

/**
 * BG-14 INVOICING PERIOD (0..1).
 * A sub-group of BG-13 in the semantic model; kept at invoice level here as both syntaxes do.
 */
export interface InvoicingPeriod {
  /** BT-73 Invoicing period start date (0..1) */
  startDate?: DateString;
  /** BT-74 Invoicing period end date (0..1) */
  endDate?: DateString;
}

/** BG-17 CREDIT TRANSFER (0..n) */
export interface CreditTransfer {
  /** BT-84 Payment account identifier (1..1) */
  accountId?: string;
  /** BT-85 Payment account name (0..1) */
  accountName?: string;
  /** BT-86 Payment service provider identifier (0..1) */
  serviceProviderId?: string;
}

/** BG-18 PAYMENT CARD INFORMATION (0..1) */
export interface PaymentCardInformation {
  /** BT-87 Payment card primary account number (1..1) */
  primaryAccountNumber?: string;
  /** BT-88 Payment card holder name (0..1) */
  holderName?: string;
}

/** BG-19 DIRECT DEBIT (0..1) */
export interface DirectDebit {
  /** BT-89 Mandate reference identifier (0..1) */
  mandateReference?: string;
  /** BT-90 Bank assigned creditor identifier (0..1) */
  creditorId?: string;
  /** BT-91 Debited account identifier (0..1) */
  debitedAccountId?: string;
}

/** BG-16 PAYMENT INSTRUCTIONS (0..1) */
export interface PaymentInstructions {
  /** BT-81 Payment means type code (1..1) */
  meansTypeCode?: Code;
  /** BT-82 Payment means text (0..1) */
  meansText?: string;
  /** BT-83 Remittance information (0..1) */
  remittanceInformation?: string;
  /** BG-17 CREDIT TRANSFER (0..n) */
  creditTransfers: CreditTransfer[];
  /** BG-18 PAYMENT CARD INFORMATION (0..1) */
  paymentCard?: PaymentCardInformation;
  /** BG-19 DIRECT DEBIT (0..1) */
  directDebit?: DirectDebit;
}

/** BG-20 DOCUMENT LEVEL ALLOWANCES (0..n) */
export interface DocumentAllowance extends AllowanceCharge {
  /** BT-92 Document level allowance amount (1..1) */
  amount?: DecimalString;
  /** BT-93 Document level allowance base amount (0..1) */
  baseAmount?: DecimalString;
  /** BT-94 Document level allowance percentage (0..1) */
  percentage?: DecimalString;
  /** BT-95 Document level allowance VAT category code (1..1) */
  vatCategoryCode?: Code;
  /** BT-96 Document level allowance VAT rate (0..1) */
  vatRate?: DecimalString;
  /** BT-97 Document level allowance reason (0..1) */
  reason?: string;
  /** BT-98 Document level allowance reason code (0..1) */
  reasonCode?: Code;
}

/** BG-21 DOCUMENT LEVEL CHARGES (0..n) */
export interface DocumentCharge extends AllowanceCharge {
  /** BT-99 Document level charge amount (1..1) */
  amount?: DecimalString;
  /** BT-100 Document level charge base amount (0..1) */
  baseAmount?: DecimalString;
  /** BT-101 Document level charge percentage (0..1) */
  percentage?: DecimalString;
  /** BT-102 Document level charge VAT category code (1..1) */
  vatCategoryCode?: Code;
  /** BT-103 Document level charge VAT rate (0..1) */
  vatRate?: DecimalString;
  /** BT-104 Document level charge reason (0..1) */
  reason?: string;
  /** BT-105 Document level charge reason code (0..1) */
  reasonCode?: Code;
}

/** BG-22 DOCUMENT TOTALS (1..1) */
export interface DocumentTotals {
  /** BT-106 Sum of Invoice line net amount (1..1) */
  lineNetAmount?: DecimalString;
  /** BT-107 Sum of allowances on document level (0..1) */
  allowanceTotalAmount?: DecimalString;
  /** BT-108 Sum of charges on document level (0..1) */
  chargeTotalAmount?: DecimalString;
  /** BT-109 Invoice total amount without VAT (1..1) */
  taxExclusiveAmount?: DecimalString;
  /** BT-110 Invoice total VAT amount (0..1) */
  taxAmount?: DecimalString;
  /** BT-111 Invoice total VAT amount in accounting currency (0..1) */
  taxAmountInAccountingCurrency?: DecimalString;
  /** BT-112 Invoice total amount with VAT (1..1) */
  taxInclusiveAmount?: DecimalString;
  /** BT-113 Paid amount (0..1) */
  paidAmount?: DecimalString;
  /** BT-114 Rounding amount (0..1) */
  roundingAmount?: DecimalString;
  /** BT-115 Amount due for payment (1..1) */
  payableAmount?: DecimalString;
}

/** BG-23 VAT BREAKDOWN (1..n) */
export interface VatBreakdown {
  /** BT-116 VAT category taxable amount (1..1) */
  taxableAmount?: DecimalString;
  /** BT-117 VAT category tax amount (1..1) */
  taxAmount?: DecimalString;
  /** BT-118 VAT category code (1..1) */
  categoryCode?: Code;
  /** BT-119 VAT category rate (0..1) */
  rate?: DecimalString;
  /** BT-120 VAT exemption reason text (0..1) */
  exemptionReason?: string;
  /** BT-121 VAT exemption reason code (0..1) */
  exemptionReasonCode?: Code;
}

/** BG-24 ADDITIONAL SUPPORTING DOCUMENTS (0..n) */
export interface AdditionalSupportingDocument {
  /** BT-122 Supporting document reference (1..1) */
  reference?: string;
  /** BT-123 Supporting document description (0..1) */
  description?: string;
  /** BT-124 External document location (0..1) */
  externalLocation?: string;
  /** BT-125 Attached document (0..1), with BT-125-1 Mime code and BT-125-2 Filename */
  attachment?: BinaryObject;
}

/** BG-26 INVOICE LINE PERIOD (0..1) */
export interface InvoiceLinePeriod {
  /** BT-134 Invoice line period start date (0..1) */
  startDate?: DateString;
  /** BT-135 Invoice line period end date (0..1) */
  endDate?: DateString;
}

/** BG-27 INVOICE LINE ALLOWANCES (0..n) */
export interface LineAllowance extends AllowanceCharge {
  /** BT-136 Invoice line allowance amount (1..1) */
  amount?: DecimalString;
  /** BT-137 Invoice line allowance base amount (0..1) */
  baseAmount?: DecimalString;
  /** BT-138 Invoice line allowance percentage (0..1) */
  percentage?: DecimalString;
  /** BT-139 Invoice line allowance reason (0..1) */
  reason?: string;
  /** BT-140 Invoice line allowance reason code (0..1) */
  reasonCode?: Code;
}

/** BG-28 INVOICE LINE CHARGES (0..n) */
export interface LineCharge extends AllowanceCharge {
  /** BT-141 Invoice line charge amount (1..1) */
  amount?: DecimalString;
  /** BT-142 Invoice line charge base amount (0..1) */
  baseAmount?: DecimalString;
  /** BT-143 Invoice line charge percentage (0..1) */
  percentage?: DecimalString;
  /** BT-144 Invoice line charge reason (0..1) */
  reason?: string;
  /** BT-145 Invoice line charge reason code (0..1) */
  reasonCode?: Code;
}

/** BG-29 PRICE DETAILS (1..1) */
export interface PriceDetails {
  /** BT-146 Item net price (1..1) */
  netPrice?: DecimalString;
  /** BT-147 Item price discount (0..1) */
  discount?: DecimalString;
  /** BT-148 Item gross price (0..1) */
  grossPrice?: DecimalString;
  /** BT-149 Item price base quantity (0..1) */
  baseQuantity?: DecimalString;
  /** BT-150 Item price base quantity unit of measure code (0..1) */
  baseQuantityUnitCode?: Code;
}

/** BG-30 LINE VAT INFORMATION (1..1) */
export interface LineVatInformation {
  /** BT-151 Invoiced item VAT category code (1..1) */
  categoryCode?: Code;
  /** BT-152 Invoiced item VAT rate (0..1) */
  rate?: DecimalString;
}

/** BG-32 ITEM ATTRIBUTES (0..n) */
export interface ItemAttribute {
  /** BT-160 Item attribute name (1..1) */
  name?: string;
  /** BT-161 Item attribute value (1..1) */
  value?: string;
}

/** BG-31 ITEM INFORMATION (1..1) */
export interface ItemInformation {
  /** BT-153 Item name (1..1) */
  name?: string;
  /** BT-154 Item description (0..1) */
  description?: string;
  /** BT-155 Item Seller's identifier (0..1) */
  sellerId?: string;
  /** BT-156 Item Buyer's identifier (0..1) */
  buyerId?: string;
  /** BT-157 Item standard identifier (0..1), with BT-157-1 Scheme identifier */
  standardId?: Identifier;
  /** BT-158 Item classification identifier (0..n), with BT-158-1 Scheme identifier and BT-158-2 Scheme version identifier */
  classificationIds: ClassificationIdentifier[];
  /** BT-159 Item country of origin (0..1) */
  countryOfOrigin?: Code;
  /** BG-32 ITEM ATTRIBUTES (0..n) */
  attributes: ItemAttribute[];
}

/** BG-25 INVOICE LINE (1..n) */
export interface InvoiceLine {
  /** BT-126 Invoice line identifier (1..1) */
  id?: string;
  /** BT-127 Invoice line note (0..1) */
  note?: string;
  /** BT-128 Invoice line object identifier (0..1), with BT-128-1 Scheme identifier */
  objectId?: Identifier;
  /** BT-129 Invoiced quantity (1..1) */
  quantity?: DecimalString;
  /** BT-130 Invoiced quantity unit of measure code (1..1) */
  unitCode?: Code;
  /** BT-131 Invoice line net amount (1..1) */
  netAmount?: DecimalString;
  /** BT-132 Referenced purchase order line reference (0..1) */
  orderLineReference?: string;
  /** BT-133 Invoice line Buyer accounting reference (0..1) */
  buyerAccountingReference?: string;
  /** BG-26 INVOICE LINE PERIOD (0..1) */
  period?: InvoiceLinePeriod;
  /** BG-27 INVOICE LINE ALLOWANCES (0..n) */
  allowances: LineAllowance[];
  /** BG-28 INVOICE LINE CHARGES (0..n) */
  charges: LineCharge[];
  /** BG-29 PRICE DETAILS (1..1) */
  price: PriceDetails;
  /** BG-30 LINE VAT INFORMATION (1..1) */
  vat: LineVatInformation;
  /** BG-31 ITEM INFORMATION (1..1) */
  item: ItemInformation;
}

/** An EN 16931 invoice or credit note (the semantic model's root). */
export interface Invoice {
  /** BT-1 Invoice number (1..1) */
  number?: string;
  /** BT-2 Invoice issue date (1..1) */
  issueDate?: DateString;
  /** BT-3 Invoice type code (1..1) */
  typeCode?: Code;
  /** BT-5 Invoice currency code (1..1) */
  currencyCode?: Code;
  /** BT-6 VAT accounting currency code (0..1) */
  vatAccountingCurrencyCode?: Code;
  /** BT-7 Value added tax point date (0..1) */
  vatPointDate?: DateString;
  /** BT-8 Value added tax point date code (0..1) */
  vatPointDateCode?: Code;
  /** BT-9 Payment due date (0..1) */
  paymentDueDate?: DateString;
  /** BT-10 Buyer reference (0..1) */
  buyerReference?: string;
  /** BT-11 Project reference (0..1) */
  projectReference?: string;
  /** BT-12 Contract reference (0..1) */
  contractReference?: string;
  /** BT-13 Purchase order reference (0..1) */
  purchaseOrderReference?: string;
  /** BT-14 Sales order reference (0..1) */
  salesOrderReference?: string;
  /** BT-15 Receiving advice reference (0..1) */
  receivingAdviceReference?: string;
  /** BT-16 Despatch advice reference (0..1) */
  despatchAdviceReference?: string;
  /** BT-17 Tender or lot reference (0..1) */
  tenderOrLotReference?: string;
  /** BT-18 Invoiced object identifier (0..1), with BT-18-1 Scheme identifier */
  invoicedObjectId?: Identifier;
  /** BT-19 Buyer accounting reference (0..1) */
  buyerAccountingReference?: string;
  /** BT-20 Payment terms (0..1) */
  paymentTerms?: string;
  /** BG-1 INVOICE NOTE (0..n) */
  notes: InvoiceNote[];
  /** BG-2 PROCESS CONTROL (1..1) */
  processControl: ProcessControl;
  /** BG-3 PRECEDING INVOICE REFERENCE (0..n) */
  precedingInvoices: PrecedingInvoiceReference[];
  /** BG-4 SELLER (1..1) */
  seller: Seller;
  /** BG-7 BUYER (1..1) */
  buyer: Buyer;
  /** BG-10 PAYEE (0..1) */
  payee?: Payee;
  /** BG-11 SELLER TAX REPRESENTATIVE PARTY (0..1) */
  taxRepresentative?: SellerTaxRepresentative;
  /** BG-13 DELIVERY INFORMATION (0..1) */
  delivery?: DeliveryInformation;
  /** BG-14 INVOICING PERIOD (0..1) */
  invoicingPeriod?: InvoicingPeriod;
  /** BG-16 PAYMENT INSTRUCTIONS (0..1) */
  paymentInstructions?: PaymentInstructions;
  /** BG-20 DOCUMENT LEVEL ALLOWANCES (0..n) */
  allowances: DocumentAllowance[];
  /** BG-21 DOCUMENT LEVEL CHARGES (0..n) */
  charges: DocumentCharge[];
  /** BG-22 DOCUMENT TOTALS (1..1) */
  totals: DocumentTotals;
  /** BG-23 VAT BREAKDOWN (1..n) */
  vatBreakdown: VatBreakdown[];
  /** BG-24 ADDITIONAL SUPPORTING DOCUMENTS (0..n) */
  additionalDocuments: AdditionalSupportingDocument[];
  /** BG-25 INVOICE LINE (1..n) */
  lines: InvoiceLine[];
}

/** An empty invoice: every mandatory group present, every term absent. */
export function emptyInvoice(): Invoice {
  return {
    notes: [],
    processControl: {},
    precedingInvoices: [],
    seller: { identifiers: [], postalAddress: {} },
    buyer: { postalAddress: {} },
    allowances: [],
    charges: [],
    totals: {},
    vatBreakdown: [],
    additionalDocuments: [],
    lines: [],
  };
}

/** An empty invoice line: every mandatory group present, every term absent. */
export function emptyLine(): InvoiceLine {
  return {
    allowances: [],
    charges: [],
    price: {},
    vat: {},
    item: { classificationIds: [], attributes: [] },
  };
}
