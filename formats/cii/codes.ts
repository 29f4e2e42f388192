/**
 * Value conversions between the CII syntax and the EN 16931 model.
 */

/**
 * BT-8 is expressed with UNTDID 2005 codes in the model (3 invoice date, 35 delivery date, 432 paid-to date),
 * while CII carries the UNTDID 2475 equivalents (5, 29, 72). Unknown values pass through unchanged.
 */
const CII_TO_MODEL_BT8: ReadonlyMap<string, string> = new Map([
  ['5', '3'],
  ['29', '35'],
  ['72', '432'],
]);
const MODEL_TO_CII_BT8: ReadonlyMap<string, string> = new Map([
  ['3', '5'],
  ['35', '29'],
  ['432', '72'],
]);

export function bt8FromCii(code: string | undefined): string | undefined {
  return code === undefined ? undefined : (CII_TO_MODEL_BT8.get(code) ?? code);
}

export function bt8ToCii(code: string): string {
  return MODEL_TO_CII_BT8.get(code) ?? code;
}

/** CII date format 102 (`YYYYMMDD`) → ISO `YYYY-MM-DD`; any other text is returned unchanged. */
export function dateFromCii(text: string | undefined): string | undefined {
  if (text === undefined) return undefined;
  return /^\d{8}$/.test(text) ? `${text.slice(0, 4)}-${text.slice(4, 6)}-${text.slice(6, 8)}` : text;
}

/** ISO `YYYY-MM-DD` → CII format 102 (`YYYYMMDD`); any other text is returned unchanged. */
export function dateToCii(iso: string): string {
  return /^\d{4}-\d{2}-\d{2}$/.test(iso) ? iso.replaceAll('-', '') : iso;
}
