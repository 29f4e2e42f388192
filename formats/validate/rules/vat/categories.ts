import { HUNDRED, ONE, round2, sum, ZERO, type Dec } from '../../decimal.ts';
import type { AllowanceCharge, Breakdown, Facts, Line, TaxCategoryRef, V } from '../../facts/types.ts';
import type { Out } from '../../out.ts';
import { decimal, numeric } from '../util.ts';
import { CATEGORIES, type CategorySpec } from './spec.ts';

/** VAT category rule families X-01 … X-10 for every category of CATEGORIES. */
export function checkVatCategories(f: Facts, out: Out): void {
  for (const spec of CATEGORIES) checkCategory(f, spec, out);
}

const id = (spec: CategorySpec, n: number): string => `${spec.prefix}-${String(n).padStart(2, '0')}`;

/** True when the category element has the code (the UBL binding normalises spaces, the CII one does not). */
function is(c: TaxCategoryRef, code: string): boolean {
  return c.code === code;
}

function lineHas(l: Line, code: string): boolean {
  return l.categories.some((c) => is(c, code));
}

function lineHasRate(l: Line, code: string, rate: Dec, cii: boolean): boolean {
  if (cii) return l.categories.some((c) => is(c, code)) && l.categories.some((c) => decimal(c.rate)?.eq(rate) === true);
  return l.categories.some((c) => is(c, code)) && l.categories.some((c) => decimal(c.rate)?.eq(rate) === true);
}

function acHas(a: AllowanceCharge, code: string, rate?: Dec): boolean {
  if (!a.categories.some((c) => is(c, code))) return false;
  return rate === undefined || a.categories.some((c) => decimal(c.rate)?.eq(rate) === true);
}

function amounts(values: Iterable<V | undefined>): Dec {
  const ds: Dec[] = [];
  for (const x of values) {
    const d = decimal(x);
    if (d !== undefined) ds.push(d);
  }
  return sum(ds);
}

/** Σ line net amounts + Σ charges − Σ allowances of the category (optionally of one rate). */
function categoryTotal(f: Facts, code: string, rate: Dec | undefined, roundParts: boolean): Dec {
  const cii = f.syntax === 'CII';
  const lines = amounts(
    f.lines
      .filter((l) => (rate === undefined ? lineHas(l, code) : lineHasRate(l, code, rate, cii)))
      .map((l) => l.netAmount),
  );
  const charges = amounts(f.charges.filter((c) => acHas(c, code, rate)).map((c) => c.amount));
  const allowances = amounts(f.allowances.filter((a) => acHas(a, code, rate)).map((a) => a.amount));
  if (roundParts) return round2(lines).plus(round2(charges)).minus(round2(allowances));
  return lines.plus(charges).minus(allowances);
}

function checkCategory(f: Facts, spec: CategorySpec, out: Out): void {
  const cii = f.syntax === 'CII';
  const code = spec.code;
  const cats = f.allCategories;
  const vat = (c: TaxCategoryRef): boolean => c.isVat && is(c, code);
  const lineCats = cats.filter((c) => c.kind === 'line' && is(c, code));
  const allowanceCats = cats.filter((c) => c.kind === 'allowance' && vat(c));
  const chargeCats = cats.filter((c) => c.kind === 'charge' && vat(c));
  const breakdowns = f.breakdowns.filter((b) => is(b, code));

  // categories used on lines, allowances or charges appear in the VAT breakdown.
  if (!breakdownPresent(f, spec, breakdowns)) {
    out.fatal(
      id(spec, 1),
      'BG-23',
      f.root,
      `Ventilation de la TVA (BG-23) : une ventilation ${spec.breakdown === 'one' ? 'et une seule ' : ''}de catégorie « ${spec.label} » (${code}) est obligatoire lorsque des lignes, remises ou frais utilisent cette catégorie.`,
    );
  }

  // X-02 … X-04: identifiers of the seller and the buyer.
  const identifiersOk = identifiers(f, spec);
  const triggers: [number, TaxCategoryRef[], string][] = [
    [2, lineCats.filter((c) => c.isVat), 'BT-151'],
    [3, spec.code === 'O' && !cii ? f.allowances.flatMap((a) => a.categories.filter(vat)) : allowanceCats, 'BT-95'],
    [4, spec.code === 'O' && !cii ? f.charges.flatMap((a) => a.categories.filter(vat)) : chargeCats, 'BT-102'],
  ];
  if (!identifiersOk) {
    for (const [n, found, bt] of triggers) {
      if (found.length === 0) continue;
      const el = cii ? found[0]?.el : f.root;
      out.fatal(id(spec, n), bt, el, identifiersMessage(spec));
    }
  }

  // X-05 … X-07: rates on lines, allowances and charges.
  const rateRule = cii ? (spec.ciiRate ?? spec.rate) : spec.rate;
  for (const [n, found, bt] of [
    [5, lineCats.filter((c) => c.isVat), 'BT-152'],
    [6, allowanceCats, 'BT-96'],
    [7, chargeCats, 'BT-103'],
  ] as const) {
    for (const c of found) {
      if (!rateOk(c.rate, rateRule)) out.fatal(id(spec, n), bt, c.rate?.el ?? c.el, rateMessage(spec, bt, rateRule));
    }
  }

  // X-08 … X-10 on each breakdown of the category.
  for (const b of breakdowns) {
    const ctxVat = cii ? b.isVat || code === 'S' || code === 'Z' : b.isVat;
    if (!ctxVat) continue;
    checkTaxable(f, spec, b, out);
    checkTax(f, spec, b, out);
    const hasReason = b.exemptionReason !== undefined || b.exemptionReasonCode !== undefined;
    if (spec.exemption === 'forbidden' ? hasReason : !hasReason) {
      out.fatal(
        id(spec, 10),
        'BT-120',
        b.exemptionReason?.el ?? b.exemptionReasonCode?.el ?? b.group,
        spec.exemption === 'forbidden'
          ? `Motif d'exonération de TVA (BT-120, BT-121) : interdit pour la catégorie « ${spec.label} » (${code}).`
          : `Motif d'exonération de TVA (BT-120) ou son code (BT-121) : obligatoire pour la catégorie « ${spec.label} » (${code}).`,
      );
    }
  }
}

function breakdownPresent(f: Facts, spec: CategorySpec, breakdowns: Breakdown[]): boolean {
  const code = spec.code;
  const cats = f.allCategories;
  if (f.syntax === 'CII') {
    const lines = cats.filter((c) => c.kind === 'line' && is(c, code)).length;
    const acs = cats.filter((c) => c.el.local === 'CategoryTradeTax' && is(c, code)).length;
    const hdr = breakdowns.length;
    if (spec.breakdown === 'some') return (lines + hdr >= 2 || lines === 0) && (acs + hdr >= 2 || acs === 0);
    if (code === 'O') return hdr === 0 || (hdr === 1 && (lines > 0 || acs > 0));
    return (hdr === 0 && lines === 0 && acs === 0) || (hdr === 1 && (lines > 0 || acs > 0));
  }
  if (code === 'S') {
    const used = cats.filter(
      (c) => (c.kind === 'allowance' || c.kind === 'charge' || c.kind === 'line') && is(c, code),
    ).length;
    return (used > 0 && breakdowns.length > 0) || (used === 0 && breakdowns.length === 0);
  }
  if (spec.breakdown === 'some') {
    const used = cats.filter(
      (c) => (c.kind === 'allowance' || c.kind === 'charge' || c.kind === 'line') && c.isVat && is(c, code),
    ).length;
    const anyBreakdown = breakdowns.filter((b) => b.codeV?.text === code).length;
    const vatBreakdown = breakdowns.filter((b) => b.isVat).length;
    return (used > 0 && anyBreakdown > 0) || (used === 0 && vatBreakdown === 0);
  }
  const used = cats.some((c) => c.isVat && is(c, code));
  return !used || breakdowns.filter((b) => b.isVat).length === 1;
}

function identifiers(f: Facts, spec: CategorySpec): boolean {
  const s = f.seller;
  const b = f.buyer;
  const rep = f.taxRep;
  const repVat = (rep?.vatIds.length ?? 0) > 0;
  if (spec.forbidsVatIds) return !(s?.vatIds.length || repVat || b?.vatIds.length);
  const sellerOk =
    spec.seller === 'taxId'
      ? (s?.taxIds.length ?? 0) > 0 || repVat
      : spec.seller === 'vatId'
        ? (s?.vatIds.length ?? 0) > 0 || repVat
        : true;
  const buyerOk =
    spec.buyer === 'vatOrLegal'
      ? (b?.vatIds.length ?? 0) > 0 || (b?.legalIds.length ?? 0) > 0
      : spec.buyer === 'vat'
        ? (b?.vatIds.length ?? 0) > 0
        : true;
  return sellerOk && buyerOk;
}

function identifiersMessage(spec: CategorySpec): string {
  const cat = `« ${spec.label} » (${spec.code})`;
  if (spec.forbidsVatIds)
    return `Catégorie ${cat} : la facture ne doit contenir ni l'identifiant TVA du vendeur (BT-31), ni celui de son représentant fiscal (BT-63), ni celui de l'acheteur (BT-48).`;
  const seller =
    spec.seller === 'vatId'
      ? "l'identifiant TVA du vendeur (BT-31) ou de son représentant fiscal (BT-63)"
      : "l'identifiant TVA (BT-31) ou fiscal (BT-32) du vendeur, ou l'identifiant TVA de son représentant fiscal (BT-63)";
  const buyer =
    spec.buyer === 'vat'
      ? " et l'identifiant TVA de l'acheteur (BT-48)"
      : spec.buyer === 'vatOrLegal'
        ? " et l'identifiant TVA (BT-48) ou l'immatriculation légale (BT-47) de l'acheteur"
        : '';
  return `Catégorie ${cat} : ${seller}${buyer} sont obligatoires.`;
}

function rateOk(rate: V | undefined, rule: CategorySpec['rate']): boolean {
  if (rule === 'absent') return rate === undefined;
  const r = rule === 'zero' ? decimal(rate) : numeric(rate);
  if (r === undefined) return false;
  if (rule === 'positive') return r.gt(ZERO);
  if (rule === 'nonNegative') return r.gte(ZERO);
  return r.isZero();
}

function rateMessage(spec: CategorySpec, bt: string, rule: CategorySpec['rate']): string {
  const what =
    rule === 'absent'
      ? 'ne doit pas être indiqué'
      : rule === 'zero'
        ? 'doit être 0'
        : rule === 'positive'
          ? 'doit être supérieur à 0'
          : 'doit être supérieur ou égal à 0';
  return `Taux de TVA (${bt}) : ${what} pour la catégorie « ${spec.label} » (${spec.code}).`;
}

/** the taxable amount of the breakdown matches the lines, allowances and charges of the category. */
function checkTaxable(f: Facts, spec: CategorySpec, b: Breakdown, out: Out): void {
  const cii = f.syntax === 'CII';
  const code = spec.code;
  const taxable = cii ? numeric(b.taxable) : decimal(b.taxable);
  let ok: boolean;
  if (spec.taxable === 'perRate') {
    if (cii && code !== 'S') return; // the CII binding of BR-AF-08 / BR-AG-08 never selects a rate
    const rate = decimal(b.rate);
    if (rate === undefined) return;
    const total = categoryTotal(f, code, rate, cii);
    if (cii) {
      ok = taxable !== undefined && taxable.eq(total);
    } else if (code === 'S') {
      const used =
        f.lines.some((l) => lineHasRate(l, code, rate, false)) ||
        f.allCategories.some(
          (c) => (c.kind === 'allowance' || c.kind === 'charge') && is(c, code) && decimal(c.rate)?.eq(rate) === true,
        );
      ok = used && taxable !== undefined && taxable.minus(ONE).lt(total) && taxable.plus(ONE).gt(total);
    } else {
      ok = f.lines.length > 0 && taxable !== undefined && taxable.minus(ONE).lt(total) && taxable.plus(ONE).gt(total);
    }
  } else if (cii) {
    const total = categoryTotal(f, code, undefined, true);
    ok =
      taxable !== undefined &&
      (code === 'O' ? taxable.eq(total) : taxable.minus(ONE).lt(total) && taxable.plus(ONE).gt(total));
  } else {
    const total = categoryTotal(f, code, undefined, false);
    ok = f.lines.length > 0 && taxable !== undefined && taxable.eq(total);
  }
  if (!ok) {
    out.fatal(
      id(spec, 8),
      'BT-116',
      b.taxable?.el ?? b.group,
      `Base imposable de la catégorie « ${spec.label} » (BT-116) : doit être égale à la somme des montants nets des lignes (BT-131) plus les frais (BT-99) moins les remises (BT-92) de cette catégorie${spec.taxable === 'perRate' ? ' et de ce taux' : ''}.`,
    );
  }
}

/** the tax amount of the breakdown. */
function checkTax(f: Facts, spec: CategorySpec, b: Breakdown, out: Out): void {
  const cii = f.syntax === 'CII';
  let ok: boolean;
  if (spec.tax === 'zero') {
    const tax = cii ? numeric(b.tax) : decimal(b.tax);
    ok = tax !== undefined && tax.isZero();
  } else {
    if (cii && spec.code !== 'S') return; // BR-AF-09 / BR-AG-09 are covered by BR-CO-17 in CII
    const tax = decimal(b.tax);
    const taxable = decimal(b.taxable);
    const rate = cii ? numeric(b.rate) : decimal(b.rate);
    if (tax === undefined || taxable === undefined || rate === undefined) {
      ok = false;
    } else {
      const expected = round2(taxable.abs().times(rate).div(HUNDRED));
      ok = tax.abs().minus(ONE).lt(expected) && tax.abs().plus(ONE).gt(expected);
    }
  }
  if (!ok) {
    out.fatal(
      id(spec, 9),
      'BT-117',
      b.tax?.el ?? b.group,
      spec.tax === 'zero'
        ? `Montant de TVA de la catégorie « ${spec.label} » (BT-117) : doit être 0.`
        : `Montant de TVA de la catégorie « ${spec.label} » (BT-117) : doit être égal à la base imposable (BT-116) × le taux (BT-119).`,
    );
  }
}
