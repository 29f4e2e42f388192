import type { XmlElement } from '../../xml/index.ts';

/**
 * What the EN 16931 rules look at, extracted once from the UBL or CII tree.
 *
 * The rules need presence and lexical forms exactly as written (an empty element is not an absent
 * one, "10.000" has three decimals), so the extraction keeps every value as written along with its
 * element, which also gives the location reported to the user.
 */

/** A value as written, with its element. `text` is the element's text, untrimmed. */
export interface V {
  el: XmlElement;
  text: string;
}

export type Syntax = 'UBL' | 'CII';

export interface Address {
  el: XmlElement;
  /** Country code (BT-40, BT-55, BT-69, BT-80). */
  country: V | undefined;
}

export interface Party {
  /** The party element (UBL cac:Party / cac:PayeeParty / cac:TaxRepresentativeParty, CII *TradeParty). */
  el: XmlElement;
  /** Legal name BT-27 / BT-44 / tax representative name BT-62 / payee name BT-59. */
  name: V | undefined;
  /** Trading name (BT-28, BT-45) or payee/tax representative PartyName elements. */
  tradingNames: V[];
  /** Party identifiers (BT-29, BT-46, BT-60); in CII ram:ID and ram:GlobalID. */
  ids: V[];
  /** Legal registration identifiers (BT-30, BT-47, BT-61). */
  legalIds: V[];
  /** VAT identifiers (BT-31, BT-48, BT-63). */
  vatIds: V[];
  /**
   * Tax scheme company identifiers regardless of the scheme (UBL PartyTaxScheme/CompanyID) or
   * VAT and fiscal registrations (CII ID with schemeID VA or FC): BT-31 or BT-32.
   */
  taxIds: V[];
  /** Electronic address BT-34 / BT-49 (the first one). */
  endpoint: V | undefined;
  /** Whether an electronic address container exists (CII URIUniversalCommunication). */
  hasEndpoint: boolean;
  address: Address | undefined;
}

export interface Note {
  el: XmlElement;
  /** Subject code as the binding defines it (UBL: between the first two '#', CII: ram:SubjectCode). */
  subject: V | undefined;
}

export interface Period {
  el: XmlElement;
  start: V | undefined;
  end: V | undefined;
  /** UBL only: InvoicePeriod/DescriptionCode (BT-8). */
  descriptionCode: V | undefined;
}

export interface TaxCategoryRef {
  /** The VAT category element (UBL cac:TaxCategory / cac:ClassifiedTaxCategory, CII ram:ApplicableTradeTax / ram:CategoryTradeTax). */
  el: XmlElement;
  /** Category code (BT-95, BT-102, BT-118, BT-151), trimmed. */
  code: string | undefined;
  codeV: V | undefined;
  /** Rate (BT-96, BT-103, BT-119, BT-152). */
  rate: V | undefined;
  /** Whether the tax scheme / type code is VAT. */
  isVat: boolean;
  /** Where the category sits. */
  kind: CategoryKind;
}

/**
 * Where a VAT category element sits: on an invoice line item, in an allowance or a charge (document
 * or line level), in the VAT breakdown, or elsewhere.
 */
export type CategoryKind = 'line' | 'allowance' | 'charge' | 'breakdown' | 'other';

export interface AllowanceCharge {
  el: XmlElement;
  charge: boolean;
  amount: V | undefined;
  baseAmount: V | undefined;
  reason: V | undefined;
  reasonCode: V | undefined;
  /** VAT category (document level only); all categories when several. */
  categories: TaxCategoryRef[];
}

export interface Breakdown extends TaxCategoryRef {
  /** The breakdown element (UBL cac:TaxSubtotal, CII header ram:ApplicableTradeTax). */
  group: XmlElement;
  taxable: V | undefined;
  tax: V | undefined;
  exemptionReason: V | undefined;
  exemptionReasonCode: V | undefined;
}

export interface Line {
  el: XmlElement;
  id: V | undefined;
  quantity: V | undefined;
  unitCode: string | undefined;
  netAmount: V | undefined;
  itemName: V | undefined;
  netPrice: V | undefined;
  grossPrice: V | undefined;
  baseQuantity: V | undefined;
  periods: Period[];
  allowances: AllowanceCharge[];
  charges: AllowanceCharge[];
  /** Invoiced item VAT categories (normally one). */
  categories: TaxCategoryRef[];
  standardIds: V[];
  classifications: V[];
  attributes: { el: XmlElement; hasName: boolean; hasValue: boolean }[];
}

export interface PaymentMeans {
  el: XmlElement;
  code: V | undefined;
  /** Payment account identifiers BT-84 (UBL PayeeFinancialAccount/ID, CII IBANID or ProprietaryID). */
  accountIds: V[];
  /** Elements holding a payee account (UBL PayeeFinancialAccount, CII PayeePartyCreditorFinancialAccount). */
  accounts: XmlElement[];
  cards: { el: XmlElement; pan: V | undefined }[];
  mandates: XmlElement[];
}

export interface Totals {
  el: XmlElement;
  lineTotal: V | undefined;
  allowanceTotal: V | undefined;
  chargeTotal: V | undefined;
  taxExclusive: V | undefined;
  taxInclusive: V | undefined;
  prepaid: V | undefined;
  rounding: V | undefined;
  payable: V | undefined;
}

/** Invoice total VAT amount holders (BT-110, BT-111). */
export interface TaxTotal {
  /** UBL cac:TaxTotal; CII the monetary summation. */
  el: XmlElement;
  amounts: { v: V; currency: string | undefined }[];
}

export interface Facts {
  syntax: Syntax;
  root: XmlElement;
  /** UBL CreditNote root. */
  creditNote: boolean;
  customizationId: V | undefined;
  number: V | undefined;
  issueDate: V | undefined;
  typeCode: V | undefined;
  currency: V | undefined;
  taxCurrencies: V[];
  taxPointDates: V[];
  taxPointDateCodes: V[];
  notes: Note[];
  dueDates: V[];
  paymentTermsNotes: V[];
  seller: Party | undefined;
  buyer: Party | undefined;
  payee: Party | undefined;
  taxRep: Party | undefined;
  /** Element that holds the seller in the syntax (UBL cac:AccountingSupplierParty, CII SellerTradeParty). */
  sellerOuter: XmlElement | undefined;
  invoicePeriods: Period[];
  deliveries: { el: XmlElement; actualDate: V | undefined; address: Address | undefined; hasDeliveryParty: boolean }[];
  payments: PaymentMeans[];
  preceding: { el: XmlElement; id: V | undefined }[];
  allowances: AllowanceCharge[];
  charges: AllowanceCharge[];
  /** Document level allowances and charges whose indicator is missing or not a boolean. */
  totals: Totals | undefined;
  taxTotals: TaxTotal[];
  breakdowns: Breakdown[];
  lines: Line[];
  additionalDocs: { el: XmlElement; id: V | undefined }[];
  /** Every VAT category element in the document (allowances, charges, lines, breakdowns). */
  allCategories: TaxCategoryRef[];
}
