import { VAT_PREFIX_CII, VAT_PREFIX_UBL } from '../../codelists/index.ts';
import { HUNDRED, ONE, round0, round2, sum, ZERO, type Dec } from '../decimal.ts';
import type { Facts, V } from '../facts/types.ts';
import type { Out } from '../out.ts';
import { decimal, norm, numeric } from './util.ts';

/** Decimal values of the elements that are valid decimals (an absent value contributes nothing to a sum). */
function decimals(values: Iterable<V | undefined>): Dec[] {
  const out: Dec[] = [];
  for (const x of values) {
    const d = decimal(x);
    if (d !== undefined) out.push(d);
  }
  return out;
}

/** The amount as the invoice writes it (null when absent), and the one the rule computes: shown to the supplier. */
function mismatchOf(found: V | undefined, expected: Dec) {
  return { found: found === undefined ? null : norm(found.text), expected: expected.toFixed(2) };
}

function eq(a: Dec | undefined, b: Dec | undefined): boolean {
  return a !== undefined && b !== undefined && a.eq(b);
}

const UBL_VAT_PREFIXES = ` ${[...VAT_PREFIX_UBL].join(' ')}`;

/** EN 16931 calculation rules BR-CO-09 … BR-CO-17 and BR-CO-25. */
export function checkCalculations(f: Facts, out: Out): void {
  const cii = f.syntax === 'CII';
  const t = f.totals;

  if (t) {
    const lineSum = round2(sum(decimals(f.lines.map((l) => l.netAmount))));
    if (!eq(decimal(t.lineTotal), lineSum)) {
      out.mismatch(
        'BR-CO-10',
        'BT-106',
        t.lineTotal?.el ?? t.el,
        `Somme des montants nets des lignes (BT-106) : doit être égale à la somme des montants nets des lignes (BT-131), soit ${lineSum.toFixed(2)}.`,
        mismatchOf(t.lineTotal, lineSum),
      );
    }
    const allowSum = round2(sum(decimals(f.allowances.map((a) => a.amount))));
    const allowOk = t.allowanceTotal
      ? eq(numericOrDecimal(cii, t.allowanceTotal), allowSum)
      : f.allowances.length === 0;
    if (!allowOk)
      out.mismatch(
        'BR-CO-11',
        'BT-107',
        t.allowanceTotal?.el ?? t.el,
        `Somme des remises au niveau document (BT-107) : doit être égale à la somme des remises (BT-92), soit ${allowSum.toFixed(2)}.`,
        mismatchOf(t.allowanceTotal, allowSum),
      );
    const chargeSum = round2(sum(decimals(f.charges.map((c) => c.amount))));
    const chargeOk = t.chargeTotal ? eq(numericOrDecimal(cii, t.chargeTotal), chargeSum) : f.charges.length === 0;
    if (!chargeOk)
      out.mismatch(
        'BR-CO-12',
        'BT-108',
        t.chargeTotal?.el ?? t.el,
        `Somme des frais au niveau document (BT-108) : doit être égale à la somme des frais (BT-99), soit ${chargeSum.toFixed(2)}.`,
        mismatchOf(t.chargeTotal, chargeSum),
      );

    // BR-CO-13: BT-109 = BT-106 - BT-107 + BT-108.
    const line = decimal(t.lineTotal);
    const allow = t.allowanceTotal ? decimal(t.allowanceTotal) : ZERO;
    const charge = t.chargeTotal ? decimal(t.chargeTotal) : ZERO;
    const expected =
      line !== undefined && allow !== undefined && charge !== undefined
        ? round2(line.minus(allow).plus(charge))
        : undefined;
    if (!eq(decimal(t.taxExclusive), expected)) {
      const message = `Montant total HT (BT-109) : doit être égal à BT-106 − BT-107 + BT-108${expected ? `, soit ${expected.toFixed(2)}` : ''}.`;
      if (expected)
        out.mismatch('BR-CO-13', 'BT-109', t.taxExclusive?.el ?? t.el, message, mismatchOf(t.taxExclusive, expected));
      else out.fatal('BR-CO-13', 'BT-109', t.taxExclusive?.el ?? t.el, message);
    }
    checkPayable(f, out);
  }

  // BR-CO-14: invoice total VAT amount = Σ VAT category tax amounts.
  const breakdownSum = round2(sum(decimals(f.breakdowns.map((b) => b.tax))));
  if (cii) {
    for (const tt of f.taxTotals) {
      for (const a of tt.amounts) {
        if (f.currency === undefined || a.currency !== f.currency.text) continue;
        if (!eq(numeric(a.v), breakdownSum))
          out.mismatch(
            'BR-CO-14',
            'BT-110',
            a.v.el,
            `Montant total de TVA (BT-110) : doit être égal à la somme des montants de TVA par catégorie (BT-117), soit ${breakdownSum.toFixed(2)}.`,
            mismatchOf(a.v, breakdownSum),
          );
      }
    }
  } else {
    for (const tt of f.taxTotals) {
      const subs = f.breakdowns.filter((b) => b.group.parent === tt.el);
      if (subs.length === 0) continue;
      const expected = round2(sum(decimals(subs.map((b) => b.tax))));
      if (!eq(decimal(tt.amounts[0]?.v), expected)) {
        out.mismatch(
          'BR-CO-14',
          'BT-110',
          tt.amounts[0]?.v.el ?? tt.el,
          `Montant total de TVA (BT-110) : doit être égal à la somme des montants de TVA par catégorie (BT-117), soit ${expected.toFixed(2)}.`,
          mismatchOf(tt.amounts[0]?.v, expected),
        );
      }
    }
  }

  checkTotalWithVat(f, out);

  // BR-CO-17: VAT category tax amount = taxable amount × rate / 100, rounded (tolerance of one unit).
  for (const b of f.breakdowns) {
    if (shadowedBreakdown(f, b)) continue;
    const rate = b.isVat ? decimal(b.rate) : undefined;
    const tax = decimal(b.tax);
    const taxable = decimal(b.taxable);
    let ok: boolean;
    let expected: Dec | undefined;
    if (rate === undefined) {
      ok = !(b.isVat && b.rate !== undefined) && tax !== undefined && round0(tax).isZero();
    } else if (round0(rate).isZero()) {
      ok = tax !== undefined && round0(tax).isZero();
    } else if (tax === undefined || taxable === undefined) {
      ok = false;
    } else {
      const magnitude = round2(taxable.abs().times(rate).div(HUNDRED));
      const lo = tax.abs().minus(ONE);
      const hi = tax.abs().plus(ONE);
      ok = cii ? lo.lte(magnitude) && hi.gte(magnitude) : lo.lt(magnitude) && hi.gt(magnitude);
    }
    if (!ok) {
      const message =
        'Montant de TVA de la catégorie (BT-117) : doit être égal à la base imposable (BT-116) × taux (BT-119) / 100, arrondi à deux décimales.';
      if (rate !== undefined && taxable !== undefined) expected = round2(taxable.times(rate).div(HUNDRED));
      if (expected) out.mismatch('BR-CO-17', 'BT-117', b.tax?.el ?? b.group, message, mismatchOf(b.tax, expected));
      else out.fatal('BR-CO-17', 'BT-117', b.tax?.el ?? b.group, message);
    }
  }

  // BR-CO-25: a positive amount due needs a due date or payment terms. The 1.3.16 artefacts do not
  // report it as fatal (documents with a positive amount due and no terms pass), so it is a warning.
  const payable = t?.payable;
  if (payable && (cii || !f.creditNote)) {
    const amount = numeric(payable);
    const positive = amount !== undefined && amount.gt(ZERO);
    const nonPositive = amount !== undefined && amount.lte(ZERO);
    const hasTerms = f.dueDates.length > 0 || f.paymentTermsNotes.length > 0;
    if (cii ? positive && !hasTerms : !((positive && hasTerms) || nonPositive)) {
      out.warning(
        'BR-CO-25',
        'BT-9',
        payable.el,
        "Date d'échéance (BT-9) ou conditions de paiement (BT-20) : obligatoire lorsque le montant à payer (BT-115) est positif.",
      );
    }
  }

  // BR-CO-09: VAT identifiers start with an ISO 3166-1 country code (or EL).
  const parties = [f.seller, f.buyer, f.taxRep, f.payee];
  for (const p of parties) {
    if (!p) continue;
    for (const id of p.vatIds) {
      const prefix = id.text.slice(0, 2);
      const ok = cii
        ? VAT_PREFIX_CII.has(prefix) && prefix.length === 2 && !prefix.includes(' ')
        : UBL_VAT_PREFIXES.includes(prefix);
      if (!ok)
        out.fatal(
          'BR-CO-09',
          p === f.buyer ? 'BT-48' : p === f.taxRep ? 'BT-63' : 'BT-31',
          id.el,
          `Identifiant TVA ${q2(id)} : doit commencer par un code pays ISO 3166-1 alpha-2 (EL pour la Grèce).`,
        );
    }
  }
}

/**
 * In the CII binding a VAT breakdown of category O, L or M matches the rule of its category first,
 * and Schematron applies only the first matching rule of a pattern: the generic breakdown rules
 * (BR-45 … BR-48, BR-CO-03, BR-CO-17, BR-DEC-19, BR-DEC-20) are not applied to it.
 */
export function shadowedBreakdown(f: Facts, b: { isVat: boolean; code: string | undefined }): boolean {
  return f.syntax === 'CII' && b.isVat && (b.code === 'O' || b.code === 'L' || b.code === 'M');
}

function q2(x: V): string {
  return `« ${norm(x.text)} »`;
}

/** The CII binding compares some totals as untyped values (numbers), the UBL one as decimals. */
function numericOrDecimal(cii: boolean, x: V): Dec | undefined {
  return cii ? numeric(x) : decimal(x);
}

/** BR-CO-15: BT-112 = BT-109 + BT-110. */
function checkTotalWithVat(f: Facts, out: Out): void {
  const t = f.totals;
  const cur = f.currency;
  if (cur === undefined) return;
  const amounts = f.taxTotals.flatMap((tt) => tt.amounts.filter((a) => a.currency === cur.text));
  const inclusive = decimal(t?.taxInclusive);
  const exclusive = decimal(t?.taxExclusive);
  const vat = amounts.length === 1 ? decimal(amounts[0]?.v) : undefined;
  let ok =
    amounts.length === 1 &&
    inclusive !== undefined &&
    exclusive !== undefined &&
    vat !== undefined &&
    inclusive.eq(round2(exclusive.plus(vat)));
  if (!ok && f.syntax === 'CII') ok = inclusive !== undefined && exclusive !== undefined && inclusive.eq(exclusive);
  if (!ok) {
    const el = t?.taxInclusive?.el ?? t?.el ?? f.root;
    const message =
      'Montant total TTC (BT-112) : doit être égal au montant total HT (BT-109) + le montant total de TVA (BT-110).';
    if (exclusive !== undefined && vat !== undefined)
      out.mismatch('BR-CO-15', 'BT-112', el, message, mismatchOf(t?.taxInclusive, round2(exclusive.plus(vat))));
    else out.fatal('BR-CO-15', 'BT-112', el, message);
  }
}

/** BR-CO-16: BT-115 = BT-112 − BT-113 + BT-114. */
function checkPayable(f: Facts, out: Out): void {
  const t = f.totals;
  if (!t) return;
  const payable = decimal(t.payable);
  const inclusive = decimal(t.taxInclusive);
  const prepaid = decimal(t.prepaid);
  const rounding = decimal(t.rounding);
  let ok: boolean;
  if (f.syntax === 'CII') {
    const truthy = (d: Dec | undefined): boolean => d !== undefined && !d.isZero();
    ok =
      (payable !== undefined &&
        inclusive !== undefined &&
        prepaid !== undefined &&
        rounding !== undefined &&
        payable.eq(inclusive.minus(prepaid).plus(rounding))) ||
      (payable !== undefined &&
        inclusive !== undefined &&
        rounding !== undefined &&
        payable.eq(inclusive.plus(rounding)) &&
        !truthy(prepaid)) ||
      (payable !== undefined &&
        inclusive !== undefined &&
        prepaid !== undefined &&
        payable.eq(inclusive.minus(prepaid)) &&
        !truthy(rounding)) ||
      (payable !== undefined &&
        inclusive !== undefined &&
        payable.eq(inclusive) &&
        !truthy(prepaid) &&
        !truthy(rounding));
  } else if (payable === undefined || inclusive === undefined) {
    ok = false;
  } else if (t.prepaid && !t.rounding) {
    ok = prepaid !== undefined && payable.eq(round2(inclusive.minus(prepaid)));
  } else if (!t.prepaid && !t.rounding) {
    ok = payable.eq(inclusive);
  } else if (t.prepaid && t.rounding) {
    ok =
      prepaid !== undefined &&
      rounding !== undefined &&
      round2(payable.minus(rounding)).eq(round2(inclusive.minus(prepaid)));
  } else {
    ok = rounding !== undefined && round2(payable.minus(rounding)).eq(inclusive);
  }
  if (!ok) {
    const message =
      'Montant à payer (BT-115) : doit être égal au montant TTC (BT-112) − le montant déjà payé (BT-113) + l’arrondi (BT-114).';
    // What the supplier should have written: only when every term present is a number.
    const computable = inclusive !== undefined && (!t.prepaid || prepaid) && (!t.rounding || rounding);
    if (computable)
      out.mismatch(
        'BR-CO-16',
        'BT-115',
        t.payable?.el ?? t.el,
        message,
        mismatchOf(t.payable, round2(inclusive.minus(prepaid ?? ZERO).plus(rounding ?? ZERO))),
      );
    else out.fatal('BR-CO-16', 'BT-115', t.payable?.el ?? t.el, message);
  }
}
