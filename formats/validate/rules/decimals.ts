import { fractionDigits, round2 } from '../decimal.ts';
import type { Facts, V } from '../facts/types.ts';
import type { Out } from '../out.ts';
import { shadowedBreakdown } from './calculation.ts';
import { numeric } from './util.ts';

function atMostTwo(out: Out, rule: string, bt: string, label: string, x: V | undefined): void {
  if (x !== undefined && fractionDigits(x.text) > 2) {
    out.fatal(
      rule,
      bt,
      x.el,
      `${label} (${bt}) : deux décimales au plus sont autorisées (valeur « ${x.text.trim()} »).`,
    );
  }
}

/** EN 16931 decimal rules BR-DEC-01 … BR-DEC-28: amounts have at most two fraction digits. */
export function checkDecimals(f: Facts, out: Out): void {
  for (const a of f.allowances) {
    atMostTwo(out, 'BR-DEC-01', 'BT-92', 'Montant de la remise', a.amount);
    atMostTwo(out, 'BR-DEC-02', 'BT-93', 'Montant de base de la remise', a.baseAmount);
  }
  for (const c of f.charges) {
    atMostTwo(out, 'BR-DEC-05', 'BT-99', 'Montant des frais', c.amount);
    atMostTwo(out, 'BR-DEC-06', 'BT-100', 'Montant de base des frais', c.baseAmount);
  }
  const t = f.totals;
  if (t) {
    atMostTwo(out, 'BR-DEC-09', 'BT-106', 'Somme des montants nets des lignes', t.lineTotal);
    atMostTwo(out, 'BR-DEC-10', 'BT-107', 'Somme des remises', t.allowanceTotal);
    atMostTwo(out, 'BR-DEC-11', 'BT-108', 'Somme des frais', t.chargeTotal);
    atMostTwo(out, 'BR-DEC-12', 'BT-109', 'Montant total HT', t.taxExclusive);
    atMostTwo(out, 'BR-DEC-14', 'BT-112', 'Montant total TTC', t.taxInclusive);
    atMostTwo(out, 'BR-DEC-16', 'BT-113', 'Montant déjà payé', t.prepaid);
    atMostTwo(out, 'BR-DEC-17', 'BT-114', "Montant de l'arrondi", t.rounding);
    atMostTwo(out, 'BR-DEC-18', 'BT-115', 'Montant à payer', t.payable);
  }
  // BR-DEC-13 / BR-DEC-15. In the UBL binding the currency predicate looks for a child of the amount,
  // so these two rules never apply there (UBL-DT-01 covers the amounts); the CII binding compares the
  // value with its rounding to two decimals.
  if (f.syntax === 'CII') {
    for (const tt of f.taxTotals) {
      if (tt.amounts.length === 0) continue;
      const twoDecimals = (x: V): boolean => {
        const n = numeric(x);
        return n !== undefined && n.eq(round2(n));
      };
      const cur = f.currency?.text;
      if (!tt.amounts.some((a) => (a.currency === cur && twoDecimals(a.v)) || a.currency !== cur)) {
        out.fatal(
          'BR-DEC-13',
          'BT-110',
          tt.amounts[0]?.v.el,
          'Montant total de TVA (BT-110) : deux décimales au plus sont autorisées.',
        );
      }
      const taxCur = f.taxCurrencies[0]?.text;
      if (taxCur !== undefined && !tt.amounts.some((a) => a.currency === taxCur && twoDecimals(a.v))) {
        out.fatal(
          'BR-DEC-15',
          'BT-111',
          tt.el,
          'Montant total de TVA en devise de comptabilisation (BT-111) : deux décimales au plus sont autorisées.',
        );
      }
    }
  }
  for (const b of f.breakdowns) {
    if (shadowedBreakdown(f, b)) continue;
    atMostTwo(out, 'BR-DEC-19', 'BT-116', 'Base imposable de la catégorie de TVA', b.taxable);
    atMostTwo(out, 'BR-DEC-20', 'BT-117', 'Montant de TVA de la catégorie', b.tax);
  }
  for (const l of f.lines) {
    atMostTwo(out, 'BR-DEC-23', 'BT-131', 'Montant net de la ligne', l.netAmount);
    for (const a of l.allowances) {
      atMostTwo(out, 'BR-DEC-24', 'BT-136', 'Montant de la remise de ligne', a.amount);
      atMostTwo(out, 'BR-DEC-25', 'BT-137', 'Montant de base de la remise de ligne', a.baseAmount);
    }
    for (const c of l.charges) {
      atMostTwo(out, 'BR-DEC-27', 'BT-141', 'Montant des frais de ligne', c.amount);
      atMostTwo(out, 'BR-DEC-28', 'BT-142', 'Montant de base des frais de ligne', c.baseAmount);
    }
  }
}
