// The fields of S²LOW's actes_transac_create.php, as Pastell's connector posts them (connecteur/s2low/S2low.php,
// sendActes), turned into the hub's act metadata. Text arrives in ISO-8859-1 (Pastell utf8_decode's the subject)
// or in UTF-8: bytes that are valid UTF-8 are read as such, others as ISO-8859-1.
import { invalidField, parseMetadata, type ActMetadata } from '../create/act-input.ts';

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** A field read with busboy's latin1 charset (one char per byte), decoded as its bytes say. */
export function decodeField(raw: string | undefined): string | undefined {
  if (raw === undefined) return undefined;
  const bytes = Buffer.from(raw, 'latin1');
  try {
    return utf8.decode(bytes);
  } catch {
    return raw;
  }
}

export type FormFields = Record<string, string[]>;

export const field = (fields: FormFields, name: string): string | undefined => decodeField(fields[name]?.[0]);
export const fieldList = (fields: FormFields, name: string): string[] =>
  (fields[name] ?? []).map((v) => decodeField(v)!);

/** classif1..classif5 → « 7.1 »: the levels given, in order, stopping at the first empty one. */
export function classificationOf(fields: FormFields): string {
  const levels: string[] = [];
  for (let i = 1; i <= 5; i++) {
    const level = field(fields, `classif${i}`)?.trim();
    if (!level) break;
    levels.push(level);
  }
  return levels.join('.');
}

export function createMetadata(fields: FormFields, today: string): ActMetadata {
  if (field(fields, 'api') !== '1') throw invalidField('api', 'le paramètre api=1 est attendu');
  return parseMetadata(
    {
      nature: field(fields, 'nature_code')?.trim(),
      classification: classificationOf(fields),
      number: field(fields, 'number')?.trim(),
      decisionDate: field(fields, 'decision_date')?.trim(),
      object: field(fields, 'subject'),
      documentType: field(fields, 'type_acte')?.trim(),
      annexTypes: fieldList(fields, 'type_pj').map((t) => t.trim()),
      siren: field(fields, 'siren')?.trim(),
      // S²LOW's en_attente=1: the act waits for the agent to post it (status 17); the hub keeps it as a draft.
      draft: field(fields, 'en_attente')?.trim() === '1',
    },
    today,
  );
}
