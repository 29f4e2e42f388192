// French presentation of invoice values: amounts from decimal strings (never through floats),
// dates, and labels of the codes an invoice reader meets most.

const NBSP = '\u00a0';
const DECIMAL = /^([+-]?)(\d*)(?:\.(\d*))?$/;

/**
 * "1234.5" → "1 234,50". Keeps every decimal the source has, with at least `minDecimals`.
 * Text that is not a decimal number is returned unchanged.
 */
export function formatDecimal(value: string | undefined, minDecimals = 0): string {
  if (value === undefined) return '';
  const trimmed = value.trim();
  const match = DECIMAL.exec(trimmed);
  if (!match || (match[2] === '' && (match[3] ?? '') === '')) return trimmed;
  const sign = match[1] === '-' ? '-' : '';
  const integer = (match[2] ?? '').replace(/^0+(?=\d)/, '') || '0';
  let fraction = match[3] ?? '';
  if (fraction.length < minDecimals) fraction = fraction.padEnd(minDecimals, '0');
  const grouped = integer.replace(/\B(?=(\d{3})+(?!\d))/g, NBSP);
  const isZero = /^0*$/.test(integer + fraction);
  return `${isZero ? '' : sign}${grouped}${fraction ? `,${fraction}` : ''}`;
}

/** An amount: two decimals at least, followed by the currency when given. */
export function formatAmount(value: string | undefined, currency?: string): string {
  if (value === undefined || value.trim() === '') return '';
  const text = formatDecimal(value, 2);
  return currency ? `${text}${NBSP}${currencySymbol(currency)}` : text;
}

export function formatPercent(value: string | undefined): string {
  if (value === undefined || value.trim() === '') return '';
  return `${formatDecimal(value)}${NBSP}%`;
}

function currencySymbol(code: string): string {
  return code === 'EUR' ? '€' : code;
}

/** "2024-03-15" → "15/03/2024"; other text unchanged. */
export function formatDate(value: string | undefined): string {
  if (!value) return '';
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value.trim());
  return match ? `${match[3]}/${match[2]}/${match[1]}` : value;
}

const TYPE_CODES: Record<string, string> = {
  '380': 'Facture',
  '381': 'Avoir',
  '383': 'Note de débit',
  '384': 'Facture rectificative',
  '386': "Facture d'acompte",
  '389': 'Facture autofacturée',
  '393': 'Facture affacturée',
  '396': 'Avoir affacturé',
  '261': 'Avoir autofacturé',
  '262': 'Avoir global',
  '326': 'Facture partielle',
  '471': 'Facture rectificative autofacturée',
  '472': 'Facture rectificative affacturée',
  '473': 'Facture rectificative autofacturée affacturée',
  '500': "Facture d'acompte autofacturée",
  '501': 'Facture autofacturée affacturée',
  '502': 'Avoir autofacturé affacturé',
  '503': "Avoir d'acompte",
  '751': 'Facture (information comptable)',
};

export function documentTitle(typeCode: string | undefined): string {
  if (typeCode === undefined) return 'Facture';
  return TYPE_CODES[typeCode] ?? `Facture (type ${typeCode})`;
}

const VAT_CATEGORIES: Record<string, string> = {
  S: 'Taux normal',
  Z: 'Taux zéro',
  E: 'Exonéré',
  AE: 'Autoliquidation',
  K: 'Livraison intracommunautaire',
  G: 'Exportation hors UE',
  O: 'Hors champ de la TVA',
  L: 'IGIC (Canaries)',
  M: 'IPSI (Ceuta et Melilla)',
  B: 'TVA due par le client (Italie)',
};

export function vatCategoryLabel(code: string | undefined): string {
  if (code === undefined) return '';
  const label = VAT_CATEGORIES[code];
  return label ? `${code} – ${label}` : code;
}

const PAYMENT_MEANS: Record<string, string> = {
  '1': 'Non défini',
  '10': 'Espèces',
  '20': 'Chèque',
  '30': 'Virement',
  '31': 'Virement',
  '42': 'Virement sur compte bancaire',
  '48': 'Carte bancaire',
  '49': 'Prélèvement',
  '57': 'Virement permanent',
  '58': 'Virement SEPA',
  '59': 'Prélèvement SEPA',
  '97': 'Compensation',
  ZZZ: 'Moyen convenu entre les parties',
};

export function paymentMeansLabel(code: string | undefined): string {
  if (code === undefined) return '';
  const label = PAYMENT_MEANS[code];
  return label ? `${label} (${code})` : `Code ${code}`;
}

const UNITS: Record<string, string> = {
  C62: 'unité',
  H87: 'pièce',
  EA: 'unité',
  XPP: 'pièce',
  LS: 'forfait',
  E48: 'service',
  HUR: 'heure',
  MIN: 'minute',
  DAY: 'jour',
  WEE: 'semaine',
  MON: 'mois',
  ANN: 'an',
  KGM: 'kg',
  GRM: 'g',
  TNE: 't',
  MTR: 'm',
  KMT: 'km',
  MTK: 'm²',
  MTQ: 'm³',
  LTR: 'l',
  KWH: 'kWh',
  SET: 'lot',
  P1: '%',
};

export function unitLabel(code: string | undefined): string {
  if (code === undefined) return '';
  return UNITS[code] ?? code;
}

const SCHEMES: Record<string, string> = {
  '0002': 'SIREN',
  '0009': 'SIRET',
  '0088': 'GLN',
  '0060': 'DUNS',
  '0223': 'TVA UE',
  '0224': 'Code routage',
  '0225': 'SIREN (adressage)',
  '0226': 'ID national UE',
  '0227': 'ID hors UE',
  '0228': 'RIDET',
  '0229': 'Tahiti',
  '0230': 'ID national',
  '0231': 'Groupe TVA',
  EM: 'e-mail',
};

/** "SIRET 12345678900011"; the scheme code is shown as is when unknown. */
export function identifierText(id: { value: string; schemeId?: string } | undefined): string {
  if (!id) return '';
  if (!id.schemeId) return id.value;
  return `${id.value} (${SCHEMES[id.schemeId] ?? `schéma ${id.schemeId}`})`;
}

const COUNTRIES: Record<string, string> = {
  FR: 'France',
  DE: 'Allemagne',
  BE: 'Belgique',
  LU: 'Luxembourg',
  CH: 'Suisse',
  IT: 'Italie',
  ES: 'Espagne',
  NL: 'Pays-Bas',
  GB: 'Royaume-Uni',
  DK: 'Danemark',
  SE: 'Suède',
  NO: 'Norvège',
  AT: 'Autriche',
  PT: 'Portugal',
  MC: 'Monaco',
};

export function countryLabel(code: string | undefined): string {
  if (code === undefined) return '';
  return COUNTRIES[code] ?? code;
}

const NOTE_SUBJECTS: Record<string, string> = {
  AAB: 'Escompte',
  AAI: 'Information générale',
  AAK: 'Prix',
  ABL: 'Mentions légales',
  ADU: 'Note',
  PMD: 'Pénalités de retard',
  PMT: 'Indemnité forfaitaire de recouvrement',
  REG: 'Réglementation',
  SUR: 'Remarques du fournisseur',
  TXD: 'Fiscalité',
  BAR: 'Type de facturation',
};

export function noteSubjectLabel(code: string | undefined): string | undefined {
  return code === undefined ? undefined : (NOTE_SUBJECTS[code] ?? code);
}
