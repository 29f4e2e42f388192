// Totals of the invoice form, computed as EN 16931 computes them (decimal, never floats):
//   line net BT-131 = round2(quantity × unit price − line allowance), the allowance = round2(base × percent / 100);
//   BT-106 = Σ BT-131 (BR-CO-10), BT-107 = Σ BT-92 (BR-CO-11), BT-108 = Σ BT-99 (BR-CO-12),
//   BT-109 = BT-106 − BT-107 + BT-108 (BR-CO-13), per VAT category and rate BT-116 = Σ line nets + charges
//   − allowances of that category and rate (BR-S-08, BR-Z-08, BR-E-08, BR-AE-08), BT-117 = round2(BT-116 × rate / 100)
//   (BR-CO-17), BT-110 = Σ BT-117 (BR-CO-14), BT-112 = BT-109 + BT-110 (BR-CO-15), BT-115 = BT-112 − BT-113
//   (BR-CO-16). Pure.
import DecimalJs from 'decimal.js';
import { adjustmentIsEmpty, lineIsEmpty, vatChoiceOf, type InvoiceFormData } from './form-data.ts';

/** Our own Decimal: 2-decimal half-up rounding, whatever global configuration another module sets. */
const D = DecimalJs.clone({ precision: 40, rounding: DecimalJs.ROUND_HALF_UP });
type Dec = InstanceType<typeof D>;

const ZERO = new D(0);
const HUNDRED = new D(100);
const round2 = (d: Dec): Dec => d.toDecimalPlaces(2, D.ROUND_HALF_UP);
/** Two decimals, as the invoice writes amounts. */
export const money = (d: Dec): string => round2(d).toFixed(2);

export interface FieldError {
  /** The form field (`line0.quantity`, `paidAmount`…). */
  field: string;
  message: string;
}

/** A number as a French person types it: spaces as thousands separators, a comma or a dot before decimals. */
export function parseFrenchNumber(input: string): Dec | undefined {
  const t = input.replace(/[\s\u00a0\u202f]/g, '').replace(',', '.');
  if (!/^[+-]?(?:\d+(?:\.\d*)?|\.\d+)$/.test(t)) return undefined;
  return new D(t);
}

/** The lexical form written in the invoice: plain, no exponent, no useless trailing zeros. */
export const plain = (d: Dec): string => d.toFixed();

export interface LineTotal {
  index: number;
  quantity: string;
  unitPrice: string;
  /** Quantity × unit price, before the discount, rounded to 2 decimals (BT-137 when discounted). */
  gross: string;
  discountPercent: string | null;
  discountAmount: string | null;
  net: string;
  category: string;
  rate: string;
}

export interface AdjustmentTotal {
  index: number;
  kind: 'allowance' | 'charge';
  amount: string;
  category: string;
  rate: string;
}

export interface VatGroup {
  category: string;
  rate: string;
  taxable: string;
  tax: string;
}

export interface FormTotals {
  lines: LineTotal[];
  adjustments: AdjustmentTotal[];
  vat: VatGroup[];
  lineNet: string;
  allowances: string;
  charges: string;
  withoutVat: string;
  vatTotal: string;
  withVat: string;
  paid: string;
  due: string;
}

export interface TotalsResult {
  totals: FormTotals;
  /** Fields whose value could not be used (the totals then count them as zero). */
  errors: FieldError[];
}

const CATEGORY_ORDER = ['S', 'Z', 'E', 'AE'];

/** Computes every amount of the form; unusable values are reported and counted as zero. */
export function computeTotals(form: Pick<InvoiceFormData, 'lines' | 'adjustments' | 'paidAmount'>): TotalsResult {
  const errors: FieldError[] = [];
  const groups = new Map<string, { category: string; rate: Dec; taxable: Dec }>();
  const groupOf = (category: string, rate: Dec) => {
    const key = `${category}:${rate.toFixed()}`;
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { category, rate, taxable: ZERO }));
    return g;
  };
  const number = (
    value: string,
    field: string,
    label: string,
    opts: { positive?: boolean; maxDecimals?: number; required?: boolean } = {},
  ): Dec | undefined => {
    if (value.trim() === '') {
      if (opts.required) errors.push({ field, message: `${label} : indiquez une valeur.` });
      return undefined;
    }
    const d = parseFrenchNumber(value);
    if (d === undefined) {
      errors.push({ field, message: `${label} : « ${value} » n’est pas un nombre (exemple : 1 234,50).` });
      return undefined;
    }
    if (opts.positive && d.isNegative()) {
      errors.push({ field, message: `${label} : le montant doit être positif.` });
      return undefined;
    }
    if (opts.maxDecimals !== undefined && d.decimalPlaces() > opts.maxDecimals) {
      errors.push({ field, message: `${label} : ${opts.maxDecimals} décimales au plus.` });
      return undefined;
    }
    return d;
  };

  let lineNet = ZERO;
  const lines: LineTotal[] = form.lines
    .flatMap((line, index) => (lineIsEmpty(line) ? [] : [{ line, index }]))
    .map(({ line, index }) => {
      const n = index + 1;
      const quantity =
        number(line.quantity, `line${index}.quantity`, `Ligne ${n}, quantité`, { required: true }) ?? ZERO;
      const price =
        number(line.unitPrice, `line${index}.unitPrice`, `Ligne ${n}, prix unitaire HT`, {
          positive: true,
          required: true,
          maxDecimals: 6,
        }) ?? ZERO;
      const choice = vatChoiceOf(line.vat);
      if (!choice) errors.push({ field: `line${index}.vat`, message: `Ligne ${n} : choisissez le taux de TVA.` });
      const gross = round2(quantity.times(price));
      const percent = number(line.discountPercent, `line${index}.discountPercent`, `Ligne ${n}, remise (%)`, {
        positive: true,
        maxDecimals: 2,
      });
      if (percent && percent.greaterThan(HUNDRED))
        errors.push({ field: `line${index}.discountPercent`, message: `Ligne ${n}, remise : 100 % au plus.` });
      const discount =
        percent && !percent.isZero() && !percent.greaterThan(HUNDRED)
          ? round2(gross.times(percent).div(HUNDRED))
          : undefined;
      const net = discount ? gross.minus(discount) : gross;
      lineNet = lineNet.plus(net);
      const category = choice?.category ?? 'S';
      const rate = new D(choice?.rate ?? '20');
      const g = groupOf(category, rate);
      g.taxable = g.taxable.plus(net);
      return {
        index,
        quantity: plain(quantity),
        unitPrice: plain(price),
        gross: money(gross),
        discountPercent: discount ? plain(percent!) : null,
        discountAmount: discount ? money(discount) : null,
        net: money(net),
        category,
        rate: plain(rate),
      };
    });

  let allowances = ZERO;
  let charges = ZERO;
  const adjustments: AdjustmentTotal[] = form.adjustments
    .flatMap((adj, index) => (adjustmentIsEmpty(adj) ? [] : [{ adj, index }]))
    .map(({ adj, index }) => {
      const label = `${adj.kind === 'charge' ? 'Frais' : 'Remise'} ${index + 1}, montant HT`;
      const amount =
        number(adj.amount, `adj${index}.amount`, label, { positive: true, maxDecimals: 2, required: true }) ?? ZERO;
      const choice = vatChoiceOf(adj.vat);
      if (!choice) errors.push({ field: `adj${index}.vat`, message: `${label} : choisissez le taux de TVA.` });
      const category = choice?.category ?? 'S';
      const rate = new D(choice?.rate ?? '20');
      const g = groupOf(category, rate);
      if (adj.kind === 'charge') {
        charges = charges.plus(amount);
        g.taxable = g.taxable.plus(amount);
      } else {
        allowances = allowances.plus(amount);
        g.taxable = g.taxable.minus(amount);
      }
      return { index, kind: adj.kind, amount: money(amount), category, rate: plain(rate) };
    });

  const vat: VatGroup[] = [...groups.values()]
    .sort(
      (a, b) => CATEGORY_ORDER.indexOf(a.category) - CATEGORY_ORDER.indexOf(b.category) || b.rate.comparedTo(a.rate),
    )
    .map((g) => ({
      category: g.category,
      rate: plain(g.rate),
      taxable: money(g.taxable),
      tax: money(g.taxable.times(g.rate).div(HUNDRED)),
    }));
  const vatTotal = vat.reduce((s, g) => s.plus(g.tax), ZERO);
  const withoutVat = lineNet.minus(allowances).plus(charges);
  const withVat = withoutVat.plus(vatTotal);
  const paid = number(form.paidAmount, 'paidAmount', 'Acompte déjà versé', { positive: true, maxDecimals: 2 }) ?? ZERO;
  if (paid.greaterThan(withVat))
    errors.push({ field: 'paidAmount', message: 'Acompte déjà versé : il dépasse le montant TTC de la facture.' });
  return {
    totals: {
      lines,
      adjustments,
      vat,
      lineNet: money(lineNet),
      allowances: money(allowances),
      charges: money(charges),
      withoutVat: money(withoutVat),
      vatTotal: money(vatTotal),
      withVat: money(withVat),
      paid: money(paid),
      due: money(withVat.minus(paid)),
    },
    errors,
  };
}
