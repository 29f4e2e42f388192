import type { Facts } from '../../facts/types.ts';
import type { Out } from '../../out.ts';
import { norm } from '../util.ts';

/**
 * Rules of the VAT families that do not follow the common pattern: BR-IC-11 / BR-IC-12 (intra-community
 * supply needs delivery information), BR-O-11 … BR-O-14 ("not subject to VAT" excludes every other
 * category) and BR-B-01 / BR-B-02 (Italian split payment).
 */
export function checkVatSpecials(f: Facts, out: Out): void {
  const cii = f.syntax === 'CII';
  const kBreakdowns = f.breakdowns.filter((b) => b.code === 'K' && (cii || b.isVat));
  if (kBreakdowns.length > 0) {
    const d = f.deliveries[0];
    const period = f.invoicePeriods[0];
    const hasDate = cii
      ? d?.actualDate !== undefined || f.invoicePeriods.some((p) => p.start || p.end)
      : (d?.actualDate?.text.length ?? 0) > 1 || (period?.el.children.length ?? 0) > 0;
    const targets = cii ? kBreakdowns.map((b) => b.group) : [f.root];
    if (!hasDate) {
      for (const el of targets)
        out.fatal(
          'BR-IC-11',
          'BT-72',
          el,
          'Livraison intracommunautaire : la date de livraison effective (BT-72) ou la période de facturation (BG-14) est obligatoire.',
        );
    }
    const country = d?.address?.country;
    const hasCountry = cii ? country !== undefined : (country?.text.length ?? 0) > 1;
    if (!hasCountry) {
      for (const el of targets)
        out.fatal(
          'BR-IC-12',
          'BT-80',
          el,
          'Livraison intracommunautaire : le code de pays de livraison (BT-80) est obligatoire.',
        );
    }
  }

  const oBreakdowns = f.breakdowns.filter((b) => b.code === 'O' && b.isVat);
  if (oBreakdowns.length > 0) {
    const cats = f.allCategories;
    const otherBreakdown = cii
      ? cats.some((c) => c.el.local === 'ApplicableTradeTax' && c.code !== 'O')
      : f.breakdowns.some((b) => b.isVat && b.code !== 'O');
    const otherLine = cii
      ? cats.some((c) => c.el.local === 'ApplicableTradeTax' && c.code !== 'O')
      : cats.some((c) => c.kind === 'line' && c.isVat && c.code !== 'O');
    const otherAllowance = cii
      ? cats.some((c) => c.el.local === 'CategoryTradeTax' && c.code !== 'O')
      : cats.some((c) => c.kind === 'allowance' && c.isVat && c.code !== 'O');
    const otherCharge = cii ? otherAllowance : cats.some((c) => c.kind === 'charge' && c.isVat && c.code !== 'O');
    const at = cii ? oBreakdowns.map((b) => b.group) : [f.root];
    for (const el of at) {
      if (otherBreakdown)
        out.fatal(
          'BR-O-11',
          'BG-23',
          el,
          'Catégorie « non soumis à la TVA » (O) : la facture ne doit pas contenir d’autre ventilation de TVA (BG-23).',
        );
      if (otherLine)
        out.fatal(
          'BR-O-12',
          'BT-151',
          el,
          'Catégorie « non soumis à la TVA » (O) : toutes les lignes doivent être de cette catégorie (BT-151).',
        );
      if (otherAllowance)
        out.fatal(
          'BR-O-13',
          'BT-95',
          el,
          'Catégorie « non soumis à la TVA » (O) : toutes les remises doivent être de cette catégorie (BT-95).',
        );
      if (otherCharge)
        out.fatal(
          'BR-O-14',
          'BT-102',
          el,
          'Catégorie « non soumis à la TVA » (O) : tous les frais doivent être de cette catégorie (BT-102).',
        );
    }
  }

  checkSplitPayment(f, out);
}

function checkSplitPayment(f: Facts, out: Out): void {
  const cii = f.syntax === 'CII';
  const cats = f.allCategories;
  const codeOf = (c: { code: string | undefined; codeV?: { text: string } | undefined }): string =>
    cii ? (c.code ?? '') : norm(c.codeV?.text);
  const hasB = cats.some((c) => (cii ? c.code === 'B' : c.codeV?.text === 'B'));
  if (!hasB) return;
  // BR-B-01: every country code of the document is IT.
  const countries: string[] = [];
  for (const p of [f.seller, f.buyer, f.payee, f.taxRep])
    if (p?.address?.country) countries.push(p.address.country.text);
  for (const d of f.deliveries) if (d.address?.country) countries.push(d.address.country.text);
  if (countries.some((c) => c !== 'IT'))
    out.fatal(
      'BR-B-01',
      'BT-151',
      f.root,
      'Catégorie « paiement scindé » (B) : réservée aux factures nationales italiennes.',
    );
  // BR-B-02: no standard rated line, allowance or charge together with split payment.
  const hasS = cii
    ? cats.some((c) => c.code === 'S')
    : cats.some(
        (c) =>
          (c.kind === 'line' || ((c.kind === 'allowance' || c.kind === 'charge') && c.el.parent?.parent === f.root)) &&
          c.codeV?.text === 'S',
      );
  void codeOf;
  if (hasS)
    out.fatal(
      'BR-B-02',
      'BT-151',
      f.root,
      'Catégorie « paiement scindé » (B) : ne peut pas être combinée avec la catégorie « taux normal » (S).',
    );
}
