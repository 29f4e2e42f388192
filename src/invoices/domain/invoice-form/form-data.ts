// The invoice form as the supplier types it: every value kept as typed text, so that a draft, a page re-shown with
// its errors and a template all carry exactly what the person wrote. Pure: no I/O.

/** VAT choices offered on a line: category code (UNTDID 5305) and rate, as one select value. */
export const VAT_CHOICES = [
  { value: 'S:20', category: 'S', rate: '20', label: 'TVA 20 %' },
  { value: 'S:10', category: 'S', rate: '10', label: 'TVA 10 %' },
  { value: 'S:5.5', category: 'S', rate: '5.5', label: 'TVA 5,5 %' },
  { value: 'S:2.1', category: 'S', rate: '2.1', label: 'TVA 2,1 %' },
  { value: 'Z:0', category: 'Z', rate: '0', label: 'Taux zéro (0 %)' },
  { value: 'E:0', category: 'E', rate: '0', label: 'Exonérée ou franchise en base (0 %)' },
  { value: 'AE:0', category: 'AE', rate: '0', label: 'Autoliquidation (0 %)' },
] as const;
export type VatChoice = (typeof VAT_CHOICES)[number];

/** Exemption reasons of the E category (BT-121 code, BT-120 text). */
export const EXEMPTIONS = [
  { code: 'VATEX-FR-FRANCHISE', label: 'TVA non applicable, art. 293 B du CGI (franchise en base)' },
  { code: 'VATEX-FR-CGI261-4', label: 'Exonération de TVA, art. 261-4 du CGI (enseignement, formation, santé)' },
  { code: 'VATEX-FR-CGI261D-4', label: 'Exonération de TVA, art. 261 D-4° du CGI' },
] as const;

/** Units of measure (UN/ECE Rec. 20) a craftsman uses. */
export const UNITS = [
  { code: 'C62', label: 'unité' },
  { code: 'HUR', label: 'heure' },
  { code: 'DAY', label: 'jour' },
  { code: 'MTR', label: 'mètre' },
  { code: 'MTK', label: 'm²' },
  { code: 'MTQ', label: 'm³' },
  { code: 'KGM', label: 'kg' },
  { code: 'LTR', label: 'litre' },
  { code: 'LS', label: 'forfait' },
] as const;

/** BT-23 billing frames for a simple deposit: goods, services, both. */
export const NATURES = [
  { code: 'B1', label: 'Livraison de biens' },
  { code: 'S1', label: 'Prestation de services' },
  { code: 'M1', label: 'Biens et services' },
] as const;

export interface FormLine {
  description: string;
  quantity: string;
  unit: string;
  unitPrice: string;
  /** A VAT_CHOICES value. */
  vat: string;
  /** Optional discount on the line, in percent (BG-27). */
  discountPercent: string;
}

export interface FormAdjustment {
  /** Document-level allowance (BG-20) or charge (BG-21). */
  kind: 'allowance' | 'charge';
  reason: string;
  amount: string;
  vat: string;
}

/** A file attached to the invoice (BG-24), stored by hash while the form is being filled. */
export interface FormAttachment {
  sha256: string;
  name: string;
  mediaType: string;
  size: number;
}

export interface InvoiceFormData {
  number: string;
  issueDate: string;
  nature: string;
  seller: {
    name: string;
    siret: string;
    vatId: string;
    line1: string;
    line2: string;
    postCode: string;
    city: string;
    email: string;
    phone: string;
  };
  buyer: { siret: string; serviceCode: string; engagementNumber: string; contractReference: string };
  lines: FormLine[];
  adjustments: FormAdjustment[];
  exemptionCode: string;
  /** Amount already paid (BT-113): a deposit. */
  paidAmount: string;
  payment: { dueDate: string; terms: string; iban: string; bic: string; accountName: string };
  notes: { latePenalties: string; recoveryIndemnity: string; earlyDiscount: string; free: string };
  attachments: FormAttachment[];
}

export const DEFAULT_NOTES = {
  latePenalties:
    'Pénalités de retard : taux d’intérêt de la BCE majoré de 8 points (art. L. 441-10 du code de commerce).',
  recoveryIndemnity: 'Indemnité forfaitaire pour frais de recouvrement en cas de retard de paiement : 40 €.',
  earlyDiscount: 'Pas d’escompte pour paiement anticipé.',
} as const;

export const emptyLineInput = (): FormLine => ({
  description: '',
  quantity: '1',
  unit: 'C62',
  unitPrice: '',
  vat: 'S:20',
  discountPercent: '',
});

export const emptyAdjustment = (): FormAdjustment => ({ kind: 'allowance', reason: '', amount: '', vat: 'S:20' });

/** A new form: the legal mentions prefilled, one empty line. */
export function emptyForm(): InvoiceFormData {
  return {
    number: '',
    issueDate: '',
    nature: 'S1',
    seller: { name: '', siret: '', vatId: '', line1: '', line2: '', postCode: '', city: '', email: '', phone: '' },
    buyer: { siret: '', serviceCode: '', engagementNumber: '', contractReference: '' },
    lines: [emptyLineInput()],
    adjustments: [],
    exemptionCode: 'VATEX-FR-FRANCHISE',
    paidAmount: '',
    payment: { dueDate: '', terms: 'Paiement à 30 jours par virement.', iban: '', bic: '', accountName: '' },
    notes: { ...DEFAULT_NOTES, free: '' },
    attachments: [],
  };
}

/** Most lines and adjustments a form takes (Chorus Pro's manual entry allows far fewer). */
export const MAX_FORM_LINES = 200;
export const MAX_FORM_ADJUSTMENTS = 10;

type Fields = Record<string, unknown>;

const text = (fields: Fields, name: string, max = 1000): string => {
  const v = fields[name];
  return typeof v === 'string' ? v.replace(/\r\n/g, '\n').slice(0, max) : '';
};

/** The indexes of the rows named `prefix{i}.…` in the posted fields, in order. */
function rowIndexes(fields: Fields, prefix: string, max: number): number[] {
  const found = new Set<number>();
  const pattern = new RegExp(`^${prefix}(\\d{1,3})\\.`);
  for (const key of Object.keys(fields)) {
    const m = pattern.exec(key);
    if (m) found.add(Number(m[1]));
  }
  return [...found].sort((a, b) => a - b).slice(0, max);
}

/** A row left blank: shown on the page, ignored by the totals and the invoice. */
export const lineIsEmpty = (l: FormLine): boolean =>
  l.description.trim() === '' && l.unitPrice.trim() === '' && l.discountPercent.trim() === '';
export const adjustmentIsEmpty = (a: FormAdjustment): boolean => a.amount.trim() === '' && a.reason.trim() === '';

/**
 * Reads the form from posted fields (`number`, `seller.name`, `line0.quantity`, `adj0.amount`…). Blank rows are
 * kept (the page shows them; the totals and the invoice ignore them); attachments come as `attachment{i}.sha256|name|mediaType|size` hidden fields.
 */
export function readFormFields(fields: Fields): InvoiceFormData {
  const lines = rowIndexes(fields, 'line', MAX_FORM_LINES).map((i) => ({
    description: text(fields, `line${i}.description`),
    quantity: text(fields, `line${i}.quantity`, 40),
    unit: text(fields, `line${i}.unit`, 10),
    unitPrice: text(fields, `line${i}.unitPrice`, 40),
    vat: text(fields, `line${i}.vat`, 10),
    discountPercent: text(fields, `line${i}.discountPercent`, 40),
  }));
  const adjustments = rowIndexes(fields, 'adj', MAX_FORM_ADJUSTMENTS)
    .map((i): FormAdjustment => ({
      kind: text(fields, `adj${i}.kind`) === 'charge' ? 'charge' : 'allowance',
      reason: text(fields, `adj${i}.reason`, 200),
      amount: text(fields, `adj${i}.amount`, 40),
      vat: text(fields, `adj${i}.vat`, 10),
    }))
    .filter((a) => a.amount.trim() !== '' || a.reason.trim() !== '');
  const attachments = rowIndexes(fields, 'attachment', 20)
    .filter((i) => fields[`attachment${i}.remove`] === undefined)
    .map((i) => ({
      sha256: text(fields, `attachment${i}.sha256`, 64),
      name: text(fields, `attachment${i}.name`, 200),
      mediaType: text(fields, `attachment${i}.mediaType`, 100),
      size: Number(text(fields, `attachment${i}.size`, 12)) || 0,
    }))
    .filter((a) => /^[0-9a-f]{64}$/.test(a.sha256));
  return {
    number: text(fields, 'number', 100),
    issueDate: text(fields, 'issueDate', 20),
    nature: text(fields, 'nature', 4),
    seller: {
      name: text(fields, 'seller.name', 200),
      siret: text(fields, 'seller.siret', 30),
      vatId: text(fields, 'seller.vatId', 30),
      line1: text(fields, 'seller.line1', 200),
      line2: text(fields, 'seller.line2', 200),
      postCode: text(fields, 'seller.postCode', 20),
      city: text(fields, 'seller.city', 100),
      email: text(fields, 'seller.email', 200),
      phone: text(fields, 'seller.phone', 40),
    },
    buyer: {
      siret: text(fields, 'buyer.siret', 30),
      serviceCode: text(fields, 'buyer.serviceCode', 100),
      engagementNumber: text(fields, 'buyer.engagementNumber', 100),
      contractReference: text(fields, 'buyer.contractReference', 100),
    },
    lines,
    adjustments,
    exemptionCode: text(fields, 'exemptionCode', 40),
    paidAmount: text(fields, 'paidAmount', 40),
    payment: {
      dueDate: text(fields, 'payment.dueDate', 20),
      terms: text(fields, 'payment.terms', 500),
      iban: text(fields, 'payment.iban', 60),
      bic: text(fields, 'payment.bic', 20),
      accountName: text(fields, 'payment.accountName', 200),
    },
    notes: {
      latePenalties: text(fields, 'notes.latePenalties', 500),
      recoveryIndemnity: text(fields, 'notes.recoveryIndemnity', 500),
      earlyDiscount: text(fields, 'notes.earlyDiscount', 500),
      free: text(fields, 'notes.free', 1000),
    },
    attachments,
  };
}

/** Reads a draft's JSON back into a complete form (fields missing from an older draft take their defaults). */
export function formFromJson(json: unknown): InvoiceFormData {
  const base = emptyForm();
  if (typeof json !== 'object' || json === null) return base;
  const j = json as Partial<InvoiceFormData>;
  const str = (v: unknown, d: string): string => (typeof v === 'string' ? v : d);
  const obj = <T extends object>(v: unknown, d: T): T => {
    const out = { ...d };
    if (typeof v === 'object' && v !== null)
      for (const k of Object.keys(d))
        (out as Record<string, string>)[k] = str((v as Record<string, unknown>)[k], (d as Record<string, string>)[k]!);
    return out;
  };
  const lines = Array.isArray(j.lines) ? j.lines.slice(0, MAX_FORM_LINES).map((l) => obj(l, emptyLineInput())) : [];
  const adjustments = Array.isArray(j.adjustments)
    ? j.adjustments.slice(0, MAX_FORM_ADJUSTMENTS).map((a) => {
        const read = obj(a as unknown as Record<string, string>, {
          kind: 'allowance',
          reason: '',
          amount: '',
          vat: 'S:20',
        });
        return { ...read, kind: read.kind === 'charge' ? ('charge' as const) : ('allowance' as const) };
      })
    : [];
  const attachments = Array.isArray(j.attachments)
    ? j.attachments
        .filter((a): a is FormAttachment => typeof a?.sha256 === 'string' && /^[0-9a-f]{64}$/.test(a.sha256))
        .map((a) => ({
          sha256: a.sha256,
          name: str(a.name, 'piece-jointe'),
          mediaType: str(a.mediaType, 'application/octet-stream'),
          size: typeof a.size === 'number' ? a.size : 0,
        }))
    : [];
  return {
    number: str(j.number, base.number),
    issueDate: str(j.issueDate, base.issueDate),
    nature: str(j.nature, base.nature),
    seller: obj(j.seller, base.seller),
    buyer: obj(j.buyer, base.buyer),
    lines: lines.length > 0 ? lines : base.lines,
    adjustments,
    exemptionCode: str(j.exemptionCode, base.exemptionCode),
    paidAmount: str(j.paidAmount, base.paidAmount),
    payment: obj(j.payment, base.payment),
    notes: obj(j.notes, base.notes),
    attachments,
  };
}

/** The VAT choice of a select value, or undefined. */
export const vatChoiceOf = (value: string): VatChoice | undefined => VAT_CHOICES.find((c) => c.value === value);
