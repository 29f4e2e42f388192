// The create page's form: its field names, the metadata it carries (checked by parseMetadata like the API's), and
// a refusal of the verb placed on the field it names.
import { AppError } from '../../platform/errors.ts';
import type { ReceivedPart } from '../upload/receive-act-upload.ts';

/** Annex rows on the page (each a file and its typology); more annexes go through the API. */
export const ANNEX_ROWS = 6;
export const annexRows = (): number[] => Array.from({ length: ANNEX_ROWS }, (_, i) => i + 1);
export const annexField = (row: number) => `annexe_${row}`;
export const annexTypeField = (row: number) => `typologie_annexe_${row}`;
export const FILE_FIELDS = ['document', ...annexRows().map(annexField)];

export type ActFormValues = Record<string, string>;
export interface FieldProblem {
  /** The id of the input concerned. */
  field: string;
  message: string;
}

const TEXT_FIELDS = [
  'structure',
  'nature',
  'classification',
  'numero',
  'date_decision',
  'objet',
  'typologie_document',
  'seance',
  'date_seance',
  'envoi',
];

/** The form's two submit buttons: `envoi=brouillon` keeps a draft, anything else transmits. */
export const DRAFT_SUBMIT = 'brouillon';

export function formValues(fields: Record<string, string[]>): ActFormValues {
  const names = [...TEXT_FIELDS, ...annexRows().map(annexTypeField)];
  return Object.fromEntries(names.map((n) => [n, (fields[n]?.[0] ?? '').trim()]));
}

/** The annexes chosen, in row order (the upload skips the file inputs left empty). */
export function chosenAnnexes(parts: ReceivedPart[]): { row: number; part: ReceivedPart }[] {
  return annexRows().flatMap((row) => {
    const part = parts.find((p) => p.field === annexField(row));
    return part ? [{ row, part }] : [];
  });
}

/** The JSON API's metadata, from the form (parseMetadata checks it). */
export function metadataOf(values: ActFormValues, annexes: { row: number }[], siren: string | undefined) {
  return {
    nature: values['nature'],
    classification: values['classification'],
    number: values['numero'],
    decisionDate: values['date_decision'],
    object: values['objet'],
    documentType: values['typologie_document'] || undefined,
    annexTypes: annexes.map((a) => values[annexTypeField(a.row)] || undefined),
    siren,
    draft: values['envoi'] === DRAFT_SUBMIT,
    meetingLabel: values['seance'] || undefined,
    meetingDate: values['date_seance'] || undefined,
  };
}

const FIELD_IDS: Record<string, string> = {
  siren: 'structure',
  metadata: 'nature',
  nature: 'nature',
  classification: 'classification',
  number: 'numero',
  decisionDate: 'date-decision',
  object: 'objet',
  document: 'document',
  documentType: 'typologie-document',
  meetingLabel: 'seance',
  meetingDate: 'date-seance',
};

/** A verb's message without the API's field name in front (`number : …`): the page names the field itself. */
export const withoutFieldName = (message: string): string => message.replace(/^[A-Za-z_[\]0-9]+ : /, '');

/** The refusal tied to its input: the API's field (`annexTypes[1]`) becomes the page's (`typologie-annexe-3`). */
export function problemOf(error: AppError, annexes: { row: number }[]): FieldProblem {
  const field = (error.details as { field?: string } | undefined)?.field ?? '';
  const message = withoutFieldName(error.message);
  const indexed = /^(annexes|annexTypes)\[(\d+)]$/.exec(field);
  if (indexed) {
    const row = annexes[Number(indexed[2])]?.row ?? 1;
    return { field: indexed[1] === 'annexes' ? `annexe-${row}` : `typologie-annexe-${row}`, message };
  }
  return { field: FIELD_IDS[field] ?? '', message };
}
