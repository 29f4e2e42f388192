import { ZERO } from '../decimal.ts';
import type { Facts, Party, Period } from '../facts/types.ts';
import type { Out } from '../out.ts';
import { shadowedBreakdown } from './calculation.ts';
import { decimal, filled, norm, numeric } from './util.ts';

/**
 * EN 16931 core business rules BR-01 … BR-67 and the presence rules of the BR-CO family
 * (BR-CO-03, -04, -18 … -24, -26), on the extracted facts. Where the UBL and CII bindings of the
 * official rules differ, both behaviours are kept (e.g. BR-09 is checked at invoice level in CII).
 */
export function checkCore(f: Facts, out: Out): void {
  const root = f.root;
  const cii = f.syntax === 'CII';

  if (!filled(f.customizationId))
    out.fatal('BR-01', 'BT-24', root, 'Identifiant de spécification (BT-24) : obligatoire.');
  if (!filled(f.number)) out.fatal('BR-02', 'BT-1', root, 'Numéro de facture (BT-1) : obligatoire.');
  if (!filled(f.issueDate)) out.fatal('BR-03', 'BT-2', root, "Date d'émission (BT-2) : obligatoire.");
  if (!filled(f.typeCode)) out.fatal('BR-04', 'BT-3', root, 'Code de type de facture (BT-3) : obligatoire.');
  if (!filled(f.currency)) out.fatal('BR-05', 'BT-5', root, 'Code de devise de la facture (BT-5) : obligatoire.');
  if (!filled(f.seller?.name))
    out.fatal('BR-06', 'BT-27', f.seller?.el ?? root, 'Nom du vendeur (BT-27) : obligatoire.');
  if (!filled(f.buyer?.name))
    out.fatal('BR-07', 'BT-44', f.buyer?.el ?? root, "Nom de l'acheteur (BT-44) : obligatoire.");
  if (!f.seller?.address)
    out.fatal('BR-08', 'BG-5', f.seller?.el ?? root, 'Adresse postale du vendeur (BG-5) : obligatoire.');
  if (
    cii ? !filled(f.seller?.address?.country) : f.seller?.address !== undefined && !filled(f.seller.address.country)
  ) {
    out.fatal(
      'BR-09',
      'BT-40',
      f.seller?.address?.el ?? f.seller?.el ?? root,
      "Code de pays du vendeur (BT-40) : obligatoire dans l'adresse du vendeur.",
    );
  }
  if (!f.buyer?.address)
    out.fatal('BR-10', 'BG-8', f.buyer?.el ?? root, "Adresse postale de l'acheteur (BG-8) : obligatoire.");
  if (cii ? !filled(f.buyer?.address?.country) : f.buyer?.address !== undefined && !filled(f.buyer.address.country)) {
    out.fatal(
      'BR-11',
      'BT-55',
      f.buyer?.address?.el ?? f.buyer?.el ?? root,
      "Code de pays de l'acheteur (BT-55) : obligatoire dans l'adresse de l'acheteur.",
    );
  }

  const t = f.totals;
  if (t) {
    if (!t.lineTotal) out.fatal('BR-12', 'BT-106', t.el, 'Somme des montants nets des lignes (BT-106) : obligatoire.');
    if (!t.taxExclusive) out.fatal('BR-13', 'BT-109', t.el, 'Montant total HT (BT-109) : obligatoire.');
    if (!t.taxInclusive) out.fatal('BR-14', 'BT-112', t.el, 'Montant total TTC (BT-112) : obligatoire.');
    if (!t.payable) out.fatal('BR-15', 'BT-115', t.el, 'Montant à payer (BT-115) : obligatoire.');
  }
  if (f.lines.length === 0)
    out.fatal('BR-16', 'BG-25', root, 'Ligne de facture (BG-25) : au moins une ligne est obligatoire.');

  if (f.payee) checkPayee(f, f.payee, out);
  if (f.taxRep) {
    const r = f.taxRep;
    if (!filled(r.name))
      out.fatal('BR-18', 'BT-62', r.el, 'Nom du représentant fiscal du vendeur (BT-62) : obligatoire.');
    if (!r.address) out.fatal('BR-19', 'BG-12', r.el, 'Adresse postale du représentant fiscal (BG-12) : obligatoire.');
    if (cii ? r.address?.country === undefined : r.address !== undefined && !filled(r.address.country)) {
      out.fatal('BR-20', 'BT-69', r.address?.el ?? r.el, 'Code de pays du représentant fiscal (BT-69) : obligatoire.');
    }
    if (cii ? norm(r.vatIds[0]?.text) === '' : r.vatIds.length === 0) {
      out.fatal('BR-56', 'BT-63', r.el, 'Identifiant TVA du représentant fiscal (BT-63) : obligatoire.');
    }
  }

  for (const line of f.lines) {
    if (!filled(line.id)) out.fatal('BR-21', 'BT-126', line.el, 'Identifiant de ligne (BT-126) : obligatoire.');
    if (!line.quantity) out.fatal('BR-22', 'BT-129', line.el, 'Quantité facturée (BT-129) : obligatoire.');
    if (line.unitCode === undefined)
      out.fatal(
        'BR-23',
        'BT-130',
        line.quantity?.el ?? line.el,
        'Unité de mesure de la quantité facturée (BT-130) : obligatoire.',
      );
    if (!line.netAmount) out.fatal('BR-24', 'BT-131', line.el, 'Montant net de la ligne (BT-131) : obligatoire.');
    if (!filled(line.itemName)) out.fatal('BR-25', 'BT-153', line.el, "Nom de l'article (BT-153) : obligatoire.");
    if (!line.netPrice) out.fatal('BR-26', 'BT-146', line.el, "Prix net de l'article (BT-146) : obligatoire.");
    const price = numeric(line.netPrice);
    if (price === undefined || price.lt(ZERO))
      out.fatal(
        'BR-27',
        'BT-146',
        line.netPrice?.el ?? line.el,
        "Prix net de l'article (BT-146) : ne doit pas être négatif.",
      );
    if (line.grossPrice) {
      const gross = numeric(line.grossPrice);
      if (gross === undefined || gross.lt(ZERO))
        out.fatal('BR-28', 'BT-148', line.grossPrice.el, "Prix brut de l'article (BT-148) : ne doit pas être négatif.");
    }
    for (const p of line.periods) {
      if (!periodOrdered(f, p))
        out.fatal(
          'BR-30',
          'BT-135',
          p.el,
          'Date de fin de la période de ligne (BT-135) : doit être postérieure ou égale à la date de début (BT-134).',
        );
      if (!p.start && !p.end)
        out.fatal(
          'BR-CO-20',
          'BG-26',
          p.el,
          'Période de ligne (BG-26) : la date de début (BT-134) ou de fin (BT-135) est obligatoire.',
        );
    }
    for (const a of line.allowances) {
      if (!a.amount) out.fatal('BR-41', 'BT-136', a.el, 'Montant de la remise de ligne (BT-136) : obligatoire.');
      if (!a.reason && !a.reasonCode) {
        out.fatal('BR-42', 'BT-139', a.el, 'Motif de la remise de ligne (BT-139) ou son code (BT-140) : obligatoire.');
        out.fatal(
          'BR-CO-23',
          'BT-139',
          a.el,
          'Motif de la remise de ligne (BT-139) ou son code (BT-140) : au moins un des deux est obligatoire.',
        );
      }
    }
    for (const c of line.charges) {
      if (!c.amount) out.fatal('BR-43', 'BT-141', c.el, 'Montant des frais de ligne (BT-141) : obligatoire.');
      if (!c.reason && !c.reasonCode) {
        out.fatal('BR-44', 'BT-144', c.el, 'Motif des frais de ligne (BT-144) ou son code (BT-145) : obligatoire.');
        out.fatal(
          'BR-CO-24',
          'BT-144',
          c.el,
          'Motif des frais de ligne (BT-144) ou son code (BT-145) : au moins un des deux est obligatoire.',
        );
      }
    }
    if (!line.categories.some((c) => c.isVat && c.codeV !== undefined)) {
      out.fatal(
        'BR-CO-04',
        'BT-151',
        line.el,
        "Code de catégorie de TVA de l'article (BT-151) : obligatoire sur chaque ligne.",
      );
    }
    for (const a of line.attributes) {
      if (!a.hasName || !a.hasValue)
        out.fatal(
          'BR-54',
          'BG-32',
          a.el,
          "Attribut d'article (BG-32) : le nom (BT-160) et la valeur (BT-161) sont obligatoires.",
        );
    }
    if (cii) {
      const gid = line.standardIds[0];
      if (gid && norm(gid.el.attrs.get('schemeID')) === '')
        out.fatal(
          'BR-64',
          'BT-157',
          gid.el,
          "Identifiant normalisé de l'article (BT-157) : l'identifiant de schéma est obligatoire.",
        );
    } else {
      for (const id of line.standardIds) {
        if (!id.el.attrs.has('schemeID'))
          out.fatal(
            'BR-64',
            'BT-157',
            id.el,
            "Identifiant normalisé de l'article (BT-157) : l'identifiant de schéma est obligatoire.",
          );
      }
    }
    for (const c of line.classifications) {
      if (cii ? norm(c.el.attrs.get('listID')) === '' : !c.el.attrs.has('listID')) {
        out.fatal(
          'BR-65',
          'BT-158',
          c.el,
          "Code de classification de l'article (BT-158) : l'identifiant de schéma est obligatoire.",
        );
      }
    }
  }

  for (const p of f.invoicePeriods) {
    if (!periodOrdered(f, p))
      out.fatal(
        'BR-29',
        'BT-74',
        p.el,
        'Date de fin de la période de facturation (BT-74) : doit être postérieure ou égale à la date de début (BT-73).',
      );
    if (!p.start && !p.end && (cii || !p.descriptionCode)) {
      out.fatal(
        'BR-CO-19',
        'BG-14',
        p.el,
        'Période de facturation (BG-14) : la date de début (BT-73) ou de fin (BT-74) est obligatoire.',
      );
    }
  }

  for (const a of f.allowances) {
    if (!a.amount) out.fatal('BR-31', 'BT-92', a.el, 'Montant de la remise au niveau document (BT-92) : obligatoire.');
    if (!a.categories.some((c) => c.isVat && c.codeV !== undefined))
      out.fatal('BR-32', 'BT-95', a.el, 'Code de catégorie de TVA de la remise (BT-95) : obligatoire.');
    if (!a.reason && !a.reasonCode) {
      out.fatal(
        'BR-33',
        'BT-97',
        a.el,
        'Motif de la remise au niveau document (BT-97) ou son code (BT-98) : obligatoire.',
      );
      out.fatal(
        'BR-CO-21',
        'BT-97',
        a.el,
        'Motif de la remise (BT-97) ou son code (BT-98) : au moins un des deux est obligatoire.',
      );
    }
  }
  for (const c of f.charges) {
    if (!c.amount) out.fatal('BR-36', 'BT-99', c.el, 'Montant des frais au niveau document (BT-99) : obligatoire.');
    if (!c.categories.some((k) => k.isVat && k.codeV !== undefined))
      out.fatal('BR-37', 'BT-102', c.el, 'Code de catégorie de TVA des frais (BT-102) : obligatoire.');
    if (!c.reason && !c.reasonCode) {
      out.fatal(
        'BR-38',
        'BT-104',
        c.el,
        'Motif des frais au niveau document (BT-104) ou son code (BT-105) : obligatoire.',
      );
      out.fatal(
        'BR-CO-22',
        'BT-104',
        c.el,
        'Motif des frais (BT-104) ou son code (BT-105) : au moins un des deux est obligatoire.',
      );
    }
  }

  for (const b of f.breakdowns) {
    if (shadowedBreakdown(f, b)) continue;
    if (!b.taxable)
      out.fatal('BR-45', 'BT-116', b.group, 'Base imposable de la catégorie de TVA (BT-116) : obligatoire.');
    if (!b.tax) out.fatal('BR-46', 'BT-117', b.group, 'Montant de TVA de la catégorie (BT-117) : obligatoire.');
    if (!(b.isVat && b.codeV))
      out.fatal(
        'BR-47',
        'BT-118',
        b.group,
        'Code de catégorie de TVA (BT-118) : obligatoire dans chaque ventilation de TVA.',
      );
    if (!(b.isVat && (b.rate !== undefined || norm(b.codeV?.text) === 'O' || (cii && b.code === 'O')))) {
      out.fatal(
        'BR-48',
        'BT-119',
        b.group,
        'Taux de la catégorie de TVA (BT-119) : obligatoire, sauf pour une facture non soumise à la TVA.',
      );
    }
  }

  for (const pm of f.payments) {
    if (!pm.code) out.fatal('BR-49', 'BT-81', pm.el, 'Code du moyen de paiement (BT-81) : obligatoire.');
    const code = norm(pm.code?.text);
    const creditTransfer = cii ? pm.code?.text === '30' || pm.code?.text === '58' : code === '30' || code === '58';
    if (creditTransfer) {
      for (const acc of pm.accounts) {
        const ids = pm.accountIds.filter((i) => i.el.parent === acc);
        const ok = cii ? ids.length > 0 : norm(ids[0]?.text) !== '';
        if (!ok)
          out.fatal('BR-50', 'BT-84', acc, 'Identifiant du compte de paiement (BT-84) : obligatoire pour un virement.');
        if (cii && !ok)
          out.fatal(
            'BR-61',
            'BT-84',
            acc,
            'Identifiant du compte de paiement (BT-84) : obligatoire pour un virement (codes 30 et 58).',
          );
      }
    }
    if (!cii && creditTransfer && pm.accountIds.length === 0) {
      out.fatal(
        'BR-61',
        'BT-84',
        pm.el,
        'Identifiant du compte de paiement (BT-84) : obligatoire pour un virement (codes 30 et 58).',
      );
    }
    for (const card of pm.cards) {
      const len = cii ? (card.pan?.text ?? '').length : norm(card.pan?.text).length;
      if (len > 10)
        out.warning(
          'BR-51',
          'BT-87',
          card.pan?.el ?? card.el,
          'Numéro de carte de paiement (BT-87) : seuls les 4 à 6 derniers chiffres (au plus 10 caractères) doivent figurer.',
        );
    }
  }
  if (!cii) {
    const cards = f.payments.reduce((n, p) => n + p.cards.length, 0);
    if (cards > 1) out.fatal('BR-66', 'BG-18', root, 'Carte de paiement (BG-18) : au plus une par facture.');
    const mandates = f.payments.reduce((n, p) => n + p.mandates.length, 0);
    if (mandates > 1) out.fatal('BR-67', 'BG-19', root, 'Mandat de prélèvement (BG-19) : au plus un par facture.');
  }

  for (const d of f.additionalDocs) {
    if (!filled(d.id)) out.fatal('BR-52', 'BT-122', d.el, 'Référence du document justificatif (BT-122) : obligatoire.');
  }
  for (const p of f.preceding) {
    if (cii ? !filled(p.id) : !p.id)
      out.fatal('BR-55', 'BT-25', p.el, 'Référence à la facture antérieure (BT-25) : obligatoire.');
  }
  for (const d of f.deliveries) {
    if (cii) {
      if (d.address && !filled(d.address.country))
        out.fatal(
          'BR-57',
          'BT-80',
          d.address.el,
          'Code de pays de livraison (BT-80) : obligatoire dans l’adresse de livraison.',
        );
    } else if (d.address && !d.address.country) {
      out.fatal(
        'BR-57',
        'BT-80',
        d.address.el,
        'Code de pays de livraison (BT-80) : obligatoire dans l’adresse de livraison.',
      );
    }
  }

  checkEndpoint(f, f.seller, 'BR-62', 'BT-34', 'Adresse électronique du vendeur (BT-34)', out);
  checkEndpoint(f, f.buyer, 'BR-63', 'BT-49', "Adresse électronique de l'acheteur (BT-49)", out);

  // BR-53: accounting currency ⇒ VAT total in that currency.
  if (cii) {
    const tc = f.taxCurrencies[0];
    if (tc) {
      for (const tt of f.taxTotals) {
        const ok =
          tt.amounts.some((a) => a.currency === tc.text) && !f.taxCurrencies.some((c) => c.text === f.currency?.text);
        if (!ok)
          out.fatal(
            'BR-53',
            'BT-111',
            tt.el,
            'Montant total de TVA en devise de comptabilisation (BT-111) : obligatoire lorsque la devise de comptabilisation (BT-6) est indiquée.',
          );
      }
    }
  } else {
    for (const tc of f.taxCurrencies) {
      if (!f.taxTotals.some((tt) => tt.amounts.some((a) => a.currency === tc.text))) {
        out.fatal(
          'BR-53',
          'BT-111',
          root,
          'Montant total de TVA en devise de comptabilisation (BT-111) : obligatoire lorsque la devise de comptabilisation (BT-6) est indiquée.',
        );
      }
    }
  }

  // BR-CO-03: tax point date and its code are mutually exclusive (checked on each breakdown in CII).
  const co03Applies = !cii || f.breakdowns.some((b) => !shadowedBreakdown(f, b));
  if (co03Applies && f.taxPointDates.length > 0 && f.taxPointDateCodes.length > 0) {
    out.fatal(
      'BR-CO-03',
      'BT-7',
      f.taxPointDates[0]?.el,
      "Date d'exigibilité de la TVA (BT-7) et son code (BT-8) : ne peuvent pas figurer ensemble.",
    );
  }
  // BR-CO-18: at least one VAT breakdown (checked on each line in CII).
  const noBreakdown = cii
    ? f.breakdowns.length === 0
    : !f.taxTotals.some((tt) => tt.el.children.some((c) => c.local === 'TaxSubtotal'));
  if (noBreakdown) {
    for (const el of cii ? f.lines.map((l) => l.el) : [root])
      out.fatal('BR-CO-18', 'BG-23', el, 'Ventilation de la TVA (BG-23) : au moins une ventilation est obligatoire.');
  }
  const s = f.seller;
  if (f.sellerOuter && !(s && (s.vatIds.length > 0 || s.ids.length > 0 || s.legalIds.length > 0))) {
    out.fatal(
      'BR-CO-26',
      'BT-29',
      f.sellerOuter,
      "Identification du vendeur : l'identifiant (BT-29), l'immatriculation légale (BT-30) ou l'identifiant TVA (BT-31) est obligatoire.",
    );
  }
}

function checkPayee(f: Facts, payee: Party, out: Out): void {
  const seller = f.seller;
  const names = payee.tradingNames;
  const sellerNames = (f.syntax === 'CII' ? (seller?.name ? [seller.name] : []) : (seller?.tradingNames ?? [])).map(
    (n) => n.text,
  );
  const payeeName = f.syntax === 'CII' ? (payee.name ? [payee.name] : []) : names;
  const sameName = payeeName.some((n) => sellerNames.includes(n.text));
  const sellerIds = f.syntax === 'CII' ? (seller?.ids ?? []).filter((i) => i.el.local === 'ID') : (seller?.ids ?? []);
  const payeeIds = f.syntax === 'CII' ? payee.ids.filter((i) => i.el.local === 'ID') : payee.ids;
  const sameId = payeeIds.some((i) => sellerIds.some((s) => s.text === i.text));
  const sameLegal =
    f.syntax === 'CII' && payee.legalIds.some((i) => (seller?.legalIds ?? []).some((s) => s.text === i.text));
  if (payeeName.length === 0 || sameName || sameId || sameLegal) {
    out.fatal(
      'BR-17',
      'BT-59',
      payee.el,
      'Nom du bénéficiaire (BT-59) : obligatoire lorsque le bénéficiaire est distinct du vendeur.',
    );
  }
}

function checkEndpoint(f: Facts, p: Party | undefined, rule: string, bt: string, label: string, out: Out): void {
  if (!p) return;
  if (f.syntax === 'CII') {
    if (p.hasEndpoint && norm(p.endpoint?.el.attrs.get('schemeID')) === '')
      out.fatal(rule, bt, p.endpoint?.el ?? p.el, `${label} : l'identifiant de schéma est obligatoire.`);
  } else if (p.endpoint && !p.endpoint.el.attrs.has('schemeID')) {
    out.fatal(rule, bt, p.endpoint.el, `${label} : l'identifiant de schéma est obligatoire.`);
  }
}

const ISO_DATE = /^\s*(-?\d{4,})-(\d{2})-(\d{2})/;

/** BR-29 / BR-30: end date not before start date when both are given. */
function periodOrdered(f: Facts, p: Period): boolean {
  if (!p.start || !p.end) return true;
  if (f.syntax === 'CII') {
    // The CII binding compares the two YYYYMMDD strings as numbers.
    const s = decimal(p.start);
    const e = decimal(p.end);
    return s !== undefined && e !== undefined && e.gte(s);
  }
  const s = ISO_DATE.exec(p.start.text);
  const e = ISO_DATE.exec(p.end.text);
  if (!s || !e) return false;
  return `${e[1]}${e[2]}${e[3]}` >= `${s[1]}${s[2]}${s[3]}`;
}
