/** Abbreviations of place names written out, as official names are ("St-Malo" is "Saint-Malo"). */
const ABBREVIATIONS: Record<string, string> = { st: 'saint', ste: 'sainte', sts: 'saints', stes: 'saintes' };

/**
 * The form names are searched in: lowercase, accents removed, ligatures expanded,
 * anything but letters and digits turned into single spaces ("Côtes-d'Armor" → "cotes d armor"), and the
 * abbreviations St, Ste, Sts, Stes written out ("st malo" → "saint malo").
 * Stored in `structures.search_name`, so search needs no database extension.
 */
export function normalizeForSearch(value: string): string {
  const plain = value
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/œ/g, 'oe')
    .replace(/æ/g, 'ae')
    .replace(/ß/g, 'ss')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
  return plain === ''
    ? ''
    : plain
        .split(' ')
        .map((word) => ABBREVIATIONS[word] ?? word)
        .join(' ');
}
