/**
 * French profiles: the FNFE-MPE BR-FR rules of the 2026 e-invoicing reform (BR-FR-Flux2, version 1.4.0,
 * standard XP Z12-012) that apply to EN 16931 invoices, and the Chorus Pro conventions for public buyers
 * (CHORUS-xx) where no FNFE rule exists. Profile 'fr' makes both fatal; profile 'b2g' (what Chorus Pro applies
 * to public buyers today) reports the BR-FR rules as warnings and accepts Chorus's own billing frames in BT-23.
 * They read the semantic model; locations give the paths.
 */
import type { Identifier, Invoice } from '../../../model/invoice.ts';
import type { ReadResult } from '../../../read.ts';
import type { Facts } from '../../facts/types.ts';
import type { Out } from '../../out.ts';
import { checkChorus } from './chorus.ts';
import { FrenchOut } from './french-out.ts';
import type { Profile } from '../../types.ts';
import {
  CHORUS_BILLING_FRAME,
  FR_BAR_VALUES,
  FR_BILLING_FRAMES,
  FR_REQUIRED_NOTE_SUBJECTS,
  FR_SINGLE_NOTE_SUBJECTS,
  FR_TYPE_CODES,
  FR_VAT_CATEGORIES,
  FR_VAT_RATES,
  PEPPOL_BILLING_PROCESS,
} from './lists.ts';

const ID_FORMAT = /^[A-Za-z0-9+\-_/]+$/;
const DATE = /^(20\d\d)-(\d\d)-(\d\d)$/;
const NINE_DIGITS = /^\d{9}$/;
const FOURTEEN_DIGITS = /^\d{14}$/;
const DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** BR-FR-03: a calendar date whose year is 2000 … 2099. */
export function isFrenchDate(value: string): boolean {
  const m = DATE.exec(value);
  if (!m) return false;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  if (month < 1 || month > 12 || day < 1) return false;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const max = month === 2 && leap ? 29 : (DAYS[month - 1] as number);
  return day <= max;
}

/** French rules: all fatal (profile 'fr'), or the reform's as warnings (profile 'b2g'). */
export function checkFrench(
  read: ReadResult,
  f: Facts,
  out: Out,
  profile: Extract<Profile, 'fr' | 'b2g'> = 'fr',
): void {
  void f;
  const inv = read.invoice;
  const o = new FrenchOut(read, out, profile === 'b2g' ? 'warning' : 'fatal');
  identifiersFormat(inv, o);
  dates(inv, o);
  if (inv.typeCode !== undefined && !FR_TYPE_CODES.has(inv.typeCode.trim())) {
    o.fatal(
      'BR-FR-04',
      'BT-3',
      `le code « ${inv.typeCode} » n’est pas autorisé en France (380, 389, 393, 501, 386, 500, 384, 471, 472, 473, 261, 262, 381, 396, 502, 503).`,
    );
  }
  notes(inv, o);
  const frame = inv.processControl.businessProcessType?.trim();
  const chorusFrame =
    profile === 'b2g' &&
    frame !== undefined &&
    (CHORUS_BILLING_FRAME.test(frame) || PEPPOL_BILLING_PROCESS.test(frame));
  if (!chorusFrame && (frame === undefined || !FR_BILLING_FRAMES.has(frame))) {
    o.fatal(
      'BR-FR-08',
      'BT-23',
      frame === undefined
        ? 'le cadre de facturation est obligatoire (B1, S1, M1, B2…).'
        : `le cadre de facturation « ${frame} » n’est pas autorisé.`,
    );
  }
  parties(inv, o);
  vat(inv, o);
  checkChorus(inv, o);
}

/** BR-FR-01 / BR-FR-02: invoice numbers (BT-1, BT-25) at most 35 characters from A-Z a-z 0-9 + - _ /. */
function identifiersFormat(inv: Invoice, o: FrenchOut): void {
  const check = (value: string | undefined, key: string): void => {
    if (value === undefined) return;
    if (value.length > 35) o.fatal('BR-FR-01', key, `35 caractères au plus (valeur de ${value.length} caractères).`);
    if (!ID_FORMAT.test(value))
      o.fatal(
        'BR-FR-02',
        key,
        `seuls les lettres, les chiffres et les caractères + - _ / sont autorisés, sans espace (valeur « ${value} »).`,
      );
  };
  check(inv.number, 'BT-1');
  inv.precedingInvoices.forEach((p, i) => check(p.reference, `BG-3[${i + 1}]/BT-25`));
}

/** BR-FR-03: dates with a year from 2000 to 2099 and a valid calendar date. */
function dates(inv: Invoice, o: FrenchOut): void {
  const check = (value: string | undefined, key: string): void => {
    if (value !== undefined && !isFrenchDate(value))
      o.fatal('BR-FR-03', key, `date invalide ou hors des années 2000 à 2099 (valeur « ${value} »).`);
  };
  check(inv.issueDate, 'BT-2');
  check(inv.vatPointDate, 'BT-7');
  check(inv.paymentDueDate, 'BT-9');
  inv.precedingInvoices.forEach((p, i) => check(p.issueDate, `BG-3[${i + 1}]/BT-26`));
  check(inv.delivery?.actualDeliveryDate, 'BT-72');
  check(inv.invoicingPeriod?.startDate, 'BT-73');
  check(inv.invoicingPeriod?.endDate, 'BT-74');
  inv.lines.forEach((l, i) => {
    check(l.period?.startDate, `BG-25[${i + 1}]/BT-134`);
    check(l.period?.endDate, `BG-25[${i + 1}]/BT-135`);
  });
}

/** BR-FR-05 / BR-FR-06 (legal notes PMT, PMD, AAB) and BR-FR-20 (processing note BAR). */
function notes(inv: Invoice, o: FrenchOut): void {
  const counts = new Map<string, number>();
  for (const n of inv.notes) {
    const s = n.subjectCode?.trim();
    if (s !== undefined) counts.set(s, (counts.get(s) ?? 0) + 1);
  }
  const labels: Record<string, string> = {
    PMT: 'l’indemnité forfaitaire pour frais de recouvrement (PMT)',
    PMD: 'les pénalités de retard (PMD)',
    AAB: 'l’escompte ou son absence (AAB)',
    TXD: 'la mention de taxe (TXD)',
  };
  for (const s of FR_REQUIRED_NOTE_SUBJECTS) {
    if (!counts.has(s)) o.fatal('BR-FR-05', 'BG-1', `la mention sur ${labels[s]} est obligatoire dans les notes.`);
  }
  for (const s of FR_SINGLE_NOTE_SUBJECTS) {
    if ((counts.get(s) ?? 0) > 1)
      o.fatal('BR-FR-06', 'BG-1', `la mention sur ${labels[s]} ne doit figurer qu’une fois.`);
  }
  const bar = inv.notes.map((n, i) => ({ n, i })).filter(({ n }) => n.subjectCode?.trim() === 'BAR');
  for (const { n, i } of bar) {
    const value = n.note?.trim() ?? '';
    if (!FR_BAR_VALUES.has(value))
      o.fatal(
        'BR-FR-20',
        `BG-1[${i + 1}]/BT-22`,
        `la note BAR doit valoir B2B, B2BINT, B2C, B2CINT, OUTOFSCOPE ou ARCHIVEONLY (valeur « ${value} »).`,
      );
  }
  if (bar.length > 1) o.fatal('BR-FR-31', 'BG-1', 'une seule note BAR est autorisée.');
}

function withScheme(ids: readonly (Identifier | undefined)[], scheme: string): Identifier[] {
  return ids.filter((i): i is Identifier => i !== undefined && i.schemeId?.trim() === scheme);
}

/** BR-FR-09 … BR-FR-13 and BR-FR-32: SIREN, SIRET and electronic addresses of the parties. */
function parties(inv: Invoice, o: FrenchOut): void {
  const seller = inv.seller;
  const buyer = inv.buyer;
  const sellerSiren = withScheme([seller.legalRegistrationId], '0002')[0]?.value.trim();
  const buyerSiren = withScheme([buyer.legalRegistrationId], '0002')[0]?.value.trim();

  // BR-FR-09: the first SIRET (scheme 0009) has 14 digits and starts with the party's SIREN.
  const sellerSiretIndex = seller.identifiers.findIndex((i) => i.schemeId?.trim() === '0009');
  const sellerSiret = seller.identifiers[sellerSiretIndex];
  if (sellerSiret && !siretMatches(sellerSiret.value, sellerSiren)) {
    o.fatal(
      'BR-FR-09',
      `BT-29[${sellerSiretIndex + 1}]`,
      `le SIRET doit compter 14 chiffres et commencer par le SIREN du vendeur (BT-30) (SIRET « ${sellerSiret.value} »).`,
    );
  }
  const buyerSiret = withScheme([buyer.identifier], '0009')[0];
  // BT-47 may carry the SIRET itself (scheme 0009), as Chorus Pro users write it: the SIREN is then its first 9 digits.
  const buyerLegalSiret = withScheme([buyer.legalRegistrationId], '0009')[0]?.value.trim();
  const buyerSirenForSiret =
    buyerSiren ?? (buyerLegalSiret && FOURTEEN_DIGITS.test(buyerLegalSiret) ? buyerLegalSiret.slice(0, 9) : undefined);
  if (buyerSiret && !siretMatches(buyerSiret.value, buyerSirenForSiret)) {
    o.fatal(
      'BR-FR-09',
      'BT-46',
      `le SIRET doit compter 14 chiffres et commencer par le SIREN de l’acheteur (BT-47) (SIRET « ${buyerSiret.value} »).`,
    );
  }
  const payeeSiret = withScheme([inv.payee?.identifier], '0009')[0];
  if (payeeSiret) {
    const payeeSiren =
      withScheme([inv.payee?.legalRegistrationId], '0002')[0]?.value.trim() || payeeSiret.value.slice(0, 9);
    if (!siretMatches(payeeSiret.value, payeeSiren))
      o.fatal(
        'BR-FR-09',
        'BT-60',
        `le SIRET doit compter 14 chiffres et commencer par le SIREN du bénéficiaire (SIRET « ${payeeSiret.value} »).`,
      );
  }

  // BR-FR-10: seller SIREN mandatory, 9 digits.
  if (sellerSiren === undefined || !NINE_DIGITS.test(sellerSiren)) {
    o.fatal(
      'BR-FR-10',
      'BT-30',
      sellerSiren === undefined
        ? 'le SIREN du vendeur (schéma 0002) est obligatoire.'
        : `le SIREN du vendeur doit compter exactement 9 chiffres (valeur « ${sellerSiren} »).`,
    );
  }
  // BR-FR-11: buyer SIREN mandatory when the invoice is B2B.
  const b2b = inv.notes.some((n) => n.subjectCode?.trim() === 'BAR' && n.note?.trim() === 'B2B');
  if (b2b && (buyerSiren === undefined || !NINE_DIGITS.test(buyerSiren))) {
    o.fatal(
      'BR-FR-11',
      'BT-47',
      'pour une facture B2B (note BAR), le SIREN de l’acheteur (schéma 0002, 9 chiffres) est obligatoire.',
    );
  }
  // BR-FR-12 / BR-FR-13: electronic addresses.
  if (!buyer.electronicAddress?.value.trim())
    o.fatal('BR-FR-12', 'BT-49', 'l’adresse électronique de l’acheteur est obligatoire.');
  if (!seller.electronicAddress?.value.trim())
    o.fatal('BR-FR-13', 'BT-34', 'l’adresse électronique du vendeur est obligatoire.');

  // BR-FR-32: any legal registration identifier under scheme 0002 is a 9-digit SIREN.
  const legal: Array<[Identifier | undefined, string]> = [
    [seller.legalRegistrationId, 'BT-30'],
    [buyer.legalRegistrationId, 'BT-47'],
    [inv.payee?.legalRegistrationId, 'BT-61'],
  ];
  for (const [id, key] of legal) {
    if (id?.schemeId?.trim() === '0002' && !NINE_DIGITS.test(id.value.trim())) {
      o.fatal(
        'BR-FR-32',
        key,
        `un identifiant du schéma 0002 (SIREN) doit compter exactement 9 chiffres (valeur « ${id.value} »).`,
      );
    }
  }
}

function siretMatches(siret: string, siren: string | undefined): boolean {
  return FOURTEEN_DIGITS.test(siret) && siren !== undefined && siret.slice(0, 9) === siren;
}

/** BR-FR-15 / BR-FR-16: VAT categories and rates used in France. */
function vat(inv: Invoice, o: FrenchOut): void {
  const check = (code: string | undefined, rate: string | undefined, codeKey: string, rateKey: string): void => {
    const c = code?.trim();
    if (c !== undefined && !FR_VAT_CATEGORIES.has(c))
      o.fatal(
        'BR-FR-15',
        codeKey,
        `la catégorie de TVA « ${c} » n’est pas applicable en France (S, E, AE, K, G, O, Z).`,
      );
    const r = rate?.trim();
    if (r !== undefined && r !== '' && !FR_VAT_RATES.has(r))
      o.fatal('BR-FR-16', rateKey, `le taux de TVA « ${r} » n’est pas un taux français.`);
  };
  inv.allowances.forEach((a, i) =>
    check(a.vatCategoryCode, a.vatRate, `BG-20[${i + 1}]/BT-95`, `BG-20[${i + 1}]/BT-96`),
  );
  inv.charges.forEach((c, i) =>
    check(c.vatCategoryCode, c.vatRate, `BG-21[${i + 1}]/BT-102`, `BG-21[${i + 1}]/BT-103`),
  );
  inv.vatBreakdown.forEach((b, i) => check(b.categoryCode, b.rate, `BG-23[${i + 1}]/BT-118`, `BG-23[${i + 1}]/BT-119`));
  inv.lines.forEach((l, i) =>
    check(l.vat.categoryCode, l.vat.rate, `BG-25[${i + 1}]/BT-151`, `BG-25[${i + 1}]/BT-152`),
  );
}
