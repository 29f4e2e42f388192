import { NS, type XmlElement } from '../../xml/index.ts';
import type { Facts } from '../facts/types.ts';
import type { Out } from '../out.ts';
import type { Visitor } from '../walk.ts';

/**
 * Schema-level checks (rule ids UBL-XSD and CII-XSD): the structural defects the official XML
 * schemas reject and the Schematron rules cannot see — elements unknown or out of order in the main
 * aggregates, and values that are not of their XML datatype (decimals, dates, booleans).
 * The content models below are those of the UBL 2.1 and CII D16B schemas for the aggregates
 * EN 16931 uses; aggregates not listed are not checked for order.
 */

const CBC = NS.CBC;
const CAC = NS.CAC;
const RAM = NS.RAM;
const RSM = NS.RSM;

type Model = readonly (readonly [string, string])[];

function model(ns: string, names: string): Model {
  return names
    .trim()
    .split(/\s+/)
    .map((n) => {
      const [p, l] = n.includes(':') ? (n.split(':') as [string, string]) : ['', n];
      const uri =
        p === 'cbc' ? CBC : p === 'cac' ? CAC : p === 'ext' ? NS.EXT : p === 'rsm' ? RSM : p === 'ram' ? RAM : ns;
      return [uri, l] as const;
    });
}

const UBL_INVOICE = model(
  CBC,
  `
ext:UBLExtensions cbc:UBLVersionID cbc:CustomizationID cbc:ProfileID cbc:ProfileExecutionID cbc:ID cbc:CopyIndicator
cbc:UUID cbc:IssueDate cbc:IssueTime cbc:DueDate cbc:InvoiceTypeCode cbc:Note cbc:TaxPointDate cbc:DocumentCurrencyCode
cbc:TaxCurrencyCode cbc:PricingCurrencyCode cbc:PaymentCurrencyCode cbc:PaymentAlternativeCurrencyCode
cbc:AccountingCostCode cbc:AccountingCost cbc:LineCountNumeric cbc:BuyerReference cac:InvoicePeriod cac:OrderReference
cac:BillingReference cac:DespatchDocumentReference cac:ReceiptDocumentReference cac:StatementDocumentReference
cac:OriginatorDocumentReference cac:ContractDocumentReference cac:AdditionalDocumentReference cac:ProjectReference
cac:Signature cac:AccountingSupplierParty cac:AccountingCustomerParty cac:PayeeParty cac:BuyerCustomerParty
cac:SellerSupplierParty cac:TaxRepresentativeParty cac:Delivery cac:DeliveryTerms cac:PaymentMeans cac:PaymentTerms
cac:PrepaidPayment cac:AllowanceCharge cac:TaxExchangeRate cac:PricingExchangeRate cac:PaymentExchangeRate
cac:PaymentAlternativeExchangeRate cac:TaxTotal cac:WithholdingTaxTotal cac:LegalMonetaryTotal cac:InvoiceLine`,
);

const UBL_MONETARY_TOTAL = model(
  CBC,
  `
cbc:LineExtensionAmount cbc:TaxExclusiveAmount cbc:TaxInclusiveAmount cbc:AllowanceTotalAmount cbc:ChargeTotalAmount
cbc:PrepaidAmount cbc:PayableRoundingAmount cbc:PayableAmount cbc:PayableAlternativeAmount`,
);

const UBL_TAX_SUBTOTAL = model(
  CBC,
  `
cbc:TaxableAmount cbc:TaxAmount cbc:CalculationSequenceNumeric cbc:TransactionCurrencyTaxAmount cbc:Percent
cbc:BaseUnitMeasure cbc:PerUnitAmount cbc:TierRange cbc:TierRatePercent cac:TaxCategory`,
);

const CII_ROOT = model(
  RSM,
  'rsm:ExchangedDocumentContext rsm:ExchangedDocument rsm:SupplyChainTradeTransaction rsm:ValuationBreakdownStatement',
);

const CII_DOCUMENT = model(
  RAM,
  `
ram:ID ram:Name ram:TypeCode ram:IssueDateTime ram:CopyIndicator ram:Purpose ram:ControlRequirementIndicator
ram:LanguageID ram:PurposeCode ram:RevisionDateTime ram:VersionID ram:GlobalID ram:RevisionID ram:PreviousRevisionID
ram:CategoryCode ram:IncludedNote ram:EffectiveSpecifiedPeriod ram:IssuerTradeParty`,
);

const CII_CONTEXT = model(
  RAM,
  `
ram:SpecifiedTransactionID ram:TestIndicator ram:BusinessProcessSpecifiedDocumentContextParameter
ram:BIMSpecifiedDocumentContextParameter ram:ScenarioSpecifiedDocumentContextParameter
ram:ApplicationSpecifiedDocumentContextParameter ram:GuidelineSpecifiedDocumentContextParameter
ram:SubsetSpecifiedDocumentContextParameter ram:MessageStandardSpecifiedDocumentContextParameter`,
);

const CII_TRANSACTION = model(
  RAM,
  `
ram:IncludedSupplyChainTradeLineItem ram:ApplicableHeaderTradeAgreement ram:ApplicableHeaderTradeDelivery
ram:ApplicableHeaderTradeSettlement`,
);

const CII_LINE = model(
  RAM,
  `
ram:AssociatedDocumentLineDocument ram:SpecifiedTradeProduct ram:SpecifiedLineTradeAgreement
ram:SpecifiedLineTradeDelivery ram:SpecifiedLineTradeSettlement ram:IncludedSubordinateTradeLineItem`,
);

const CII_SUMMATION = model(
  RAM,
  `
ram:LineTotalAmount ram:ChargeTotalAmount ram:AllowanceTotalAmount ram:TaxBasisTotalAmount ram:TaxTotalAmount
ram:RoundingAmount ram:GrandTotalAmount ram:InformationAmount ram:TotalPrepaidAmount ram:TotalDiscountAmount
ram:TotalAllowanceChargeAmount ram:DuePayableAmount ram:RetailValueExcludingTaxInformationAmount
ram:TotalDepositFeeInformationAmount ram:ProductValueExcludingTobaccoTaxInformationAmount
ram:TotalRetailValueInformationAmount ram:GrossLineTotalAmount ram:NetLineTotalAmount ram:NetIncludingTaxesLineTotalAmount`,
);

const CII_TRADE_TAX = model(
  RAM,
  `
ram:CalculatedAmount ram:TypeCode ram:ExemptionReason ram:CalculatedRate ram:CalculationSequenceNumeric
ram:BasisQuantity ram:BasisAmount ram:UnitBasisAmount ram:LineTotalBasisAmount ram:AllowanceChargeBasisAmount
ram:CategoryCode ram:CurrencyCode ram:Jurisdiction ram:CustomsDutyIndicator ram:ExemptionReasonCode
ram:TaxBasisAllowanceRate ram:TaxPointDate ram:Type ram:InformationAmount ram:CategoryName ram:DueDateTypeCode
ram:RateApplicablePercent ram:GrandTotalAmount ram:SpecifiedTradeAccountingAccount ram:ServiceSupplyTradeCountry
ram:BuyerRepayableTaxSpecifiedTradeAccountingAccount ram:SellerPayableTaxSpecifiedTradeAccountingAccount
ram:SellerRefundableTaxSpecifiedTradeAccountingAccount ram:BuyerDeductibleTaxSpecifiedTradeAccountingAccount
ram:BuyerNonDeductibleTaxSpecifiedTradeAccountingAccount ram:PlaceApplicableTradeLocation`,
);

/** Content model of an element, when checked. */
function modelOf(el: XmlElement, root: XmlElement): Model | undefined {
  const p = el.parent;
  if (el === root) return root.ns === RSM ? CII_ROOT : root.ns === NS.UBL_INVOICE ? UBL_INVOICE : undefined;
  if (el.ns === CAC) {
    if (el.local === 'LegalMonetaryTotal' && p === root) return UBL_MONETARY_TOTAL;
    if (el.local === 'TaxSubtotal') return UBL_TAX_SUBTOTAL;
    return undefined;
  }
  if (el.ns === RSM && p === root) {
    if (el.local === 'ExchangedDocument') return CII_DOCUMENT;
    if (el.local === 'ExchangedDocumentContext') return CII_CONTEXT;
    if (el.local === 'SupplyChainTradeTransaction') return CII_TRANSACTION;
  }
  if (el.ns === RAM) {
    if (el.local === 'IncludedSupplyChainTradeLineItem' && p?.ns === RSM) return CII_LINE;
    if (el.local === 'SpecifiedTradeSettlementHeaderMonetarySummation') return CII_SUMMATION;
    if (el.local === 'ApplicableTradeTax' || el.local === 'CategoryTradeTax') return CII_TRADE_TAX;
  }
  return undefined;
}

/** Children the schemas require (minOccurs ≥ 1), for the aggregates checked; by local name, then namespace. */
const REQUIRED_LIST: ReadonlyArray<readonly [string, Model]> = [
  [
    `${NS.UBL_INVOICE}|Invoice`,
    model(
      CBC,
      'cbc:ID cbc:IssueDate cac:AccountingSupplierParty cac:AccountingCustomerParty cac:LegalMonetaryTotal cac:InvoiceLine',
    ),
  ],
  [
    `${NS.UBL_CREDIT_NOTE}|CreditNote`,
    model(
      CBC,
      'cbc:ID cbc:IssueDate cac:AccountingSupplierParty cac:AccountingCustomerParty cac:LegalMonetaryTotal cac:CreditNoteLine',
    ),
  ],
  [`${CAC}|PaymentMeans`, model(CBC, 'cbc:PaymentMeansCode')],
  [`${CAC}|TaxTotal`, model(CBC, 'cbc:TaxAmount')],
  [`${CAC}|TaxSubtotal`, model(CBC, 'cbc:TaxAmount cac:TaxCategory')],
  [`${CAC}|TaxCategory`, model(CBC, 'cac:TaxScheme')],
  [`${CAC}|ClassifiedTaxCategory`, model(CBC, 'cac:TaxScheme')],
  [`${CAC}|LegalMonetaryTotal`, model(CBC, 'cbc:PayableAmount')],
  [`${CAC}|InvoiceLine`, model(CBC, 'cbc:ID cbc:LineExtensionAmount cac:Item')],
  [`${CAC}|CreditNoteLine`, model(CBC, 'cbc:ID cbc:LineExtensionAmount cac:Item')],
  [`${CAC}|AllowanceCharge`, model(CBC, 'cbc:ChargeIndicator cbc:Amount')],
  [
    `${RSM}|CrossIndustryInvoice`,
    model(RSM, 'rsm:ExchangedDocumentContext rsm:ExchangedDocument rsm:SupplyChainTradeTransaction'),
  ],
  [
    `${RSM}|SupplyChainTradeTransaction`,
    model(
      RAM,
      'ram:ApplicableHeaderTradeAgreement ram:ApplicableHeaderTradeDelivery ram:ApplicableHeaderTradeSettlement',
    ),
  ],
  [`${RAM}|SpecifiedTradeAllowanceCharge`, model(RAM, 'ram:ChargeIndicator')],
];
const REQUIRED = new Map<string, Map<string, Model>>();
for (const [k, m] of REQUIRED_LIST) {
  const [ns, local] = k.split('|') as [string, string];
  const byNs = REQUIRED.get(local) ?? new Map<string, Model>();
  byNs.set(ns, m);
  REQUIRED.set(local, byNs);
}

function checkRequired(el: XmlElement, required: Model, rule: string, out: Out): void {
  for (const [ns, local] of required) {
    if (!el.children.some((c) => c.ns === ns && c.local === local)) {
      out.fatal(
        rule,
        '',
        el,
        `Structure non conforme au schéma : l'élément ${local} est obligatoire dans ${el.local}.`,
      );
      return;
    }
  }
}

/** Children must be known and in the order of the content model. */
function checkOrder(el: XmlElement, m: Model, rule: string, out: Out): void {
  let pos = 0;
  for (const c of el.children) {
    let i = pos;
    while (i < m.length && !(m[i]?.[0] === c.ns && m[i]?.[1] === c.local)) i++;
    if (i === m.length) {
      const known = m.some(([ns, l]) => ns === c.ns && l === c.local);
      out.fatal(
        rule,
        '',
        c,
        known
          ? `Structure non conforme au schéma : l'élément ${c.local} est mal placé dans ${el.local} (ordre des éléments).`
          : `Structure non conforme au schéma : l'élément ${c.local} n'est pas autorisé dans ${el.local}.`,
      );
      return;
    }
    pos = i;
  }
}

const DECIMAL = /^\s*[+-]?(\d+(\.\d*)?|\.\d+)\s*$/;
const DATE = /^\s*-?\d{4,}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])(Z|[+-]\d{2}:\d{2})?\s*$/;
const BOOLEAN = /^\s*(true|false|1|0)\s*$/;

/** XML datatype of a leaf element, when checked: amounts, quantities, percentages, dates and indicators. */
function datatypeOf(el: XmlElement): 'decimal' | 'date' | 'boolean' | undefined {
  const l = el.local;
  if (el.ns === CBC) {
    if (l.endsWith('Amount') || l.endsWith('Quantity') || l === 'Percent' || l === 'MultiplierFactorNumeric')
      return 'decimal';
    if (l.endsWith('Date')) return 'date';
    if (l.endsWith('Indicator')) return 'boolean';
    return undefined;
  }
  if (el.ns === RAM) {
    if (l.endsWith('Amount') || l.endsWith('Quantity') || l.endsWith('Percent')) return 'decimal';
    return undefined;
  }
  if (el.ns === NS.UDT && l === 'Indicator') return 'boolean';
  return undefined;
}

export function schemaVisitor(f: Facts, out: Out): Visitor {
  const rule = f.syntax === 'UBL' ? 'UBL-XSD' : 'CII-XSD';
  const root = f.root;
  return {
    visit: (el) => {
      const m = modelOf(el, root);
      if (m) checkOrder(el, m, rule, out);
      const required = REQUIRED.get(el.local)?.get(el.ns);
      if (required) checkRequired(el, required, rule, out);
      if (el.children.length > 0) return;
      const type = datatypeOf(el);
      if (type === undefined) return;
      const ok =
        type === 'decimal' ? DECIMAL.test(el.text) : type === 'date' ? DATE.test(el.text) : BOOLEAN.test(el.text);
      if (!ok) {
        const what =
          type === 'decimal'
            ? 'un nombre décimal'
            : type === 'date'
              ? 'une date AAAA-MM-JJ'
              : 'un indicateur true/false';
        out.fatal(
          rule,
          '',
          el,
          `Valeur non conforme au schéma : ${el.local} doit être ${what} (valeur « ${el.text.trim()} »).`,
        );
      }
    },
  };
}
