/**
 * The form names are searched in: lowercase, accents removed, ligatures expanded,
 * anything but letters and digits turned into single spaces ("Côtes-d'Armor" → "cotes d armor").
 * Stored in `structures.search_name`, so search needs no database extension.
 */
export function normalizeForSearch(value: string): string {
  return value
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/œ/g, 'oe')
    .replace(/æ/g, 'ae')
    .replace(/ß/g, 'ss')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}
