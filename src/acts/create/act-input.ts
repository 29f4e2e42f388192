// The metadata of a new act, checked field by field: each refusal names the field in French.
import { compareDates, isCalendarDate } from '../../platform/calendar/index.ts';
import { AppError } from '../../platform/errors.ts';
import { ACT_NATURES, isActNature, type ActNature } from '../domain/natures.ts';
import { ACT_NUMBER, CLASSIFICATION_CODE, MAX_OBJECT_LENGTH, TYPOLOGY_CODE } from '../domain/rules.ts';

export interface ActMetadata {
  nature: ActNature;
  classification: string;
  number: string;
  decisionDate: string;
  object: string;
  /** Typology of the main document; the nature's default when absent. */
  documentType: string;
  /** Typology of each annex, in order; absent ones take the nature's default. */
  annexTypes: (string | undefined)[];
  /** For an agent of several structures: the SIREN of the one the act is for. */
  siren: string | undefined;
  /** Kept as a draft (editable, nothing sent) instead of being transmitted at once. */
  draft: boolean;
  /** The council meeting a draft belongs to (« séance »): a label and a date, both optional. */
  meetingLabel: string | undefined;
  meetingDate: string | undefined;
}

export const MAX_MEETING_LABEL_LENGTH = 120;

export const invalidField = (field: string, message: string): AppError =>
  new AppError('VALIDATION_FAILED', `${field} : ${message}`, 400, { field });

export function parseMetadata(raw: unknown, today: string): ActMetadata {
  let data = raw;
  if (typeof raw === 'string') {
    try {
      data = JSON.parse(raw);
    } catch {
      throw invalidField('metadata', 'le champ doit contenir un objet JSON valide');
    }
  }
  if (!data || typeof data !== 'object' || Array.isArray(data))
    throw invalidField(
      'metadata',
      'le champ doit contenir un objet JSON (nature, classification, number, decisionDate, object)',
    );
  const m = data as Record<string, unknown>;
  const nature = typeof m.nature === 'string' && /^[1-6]$/.test(m.nature) ? Number(m.nature) : m.nature;
  if (!isActNature(nature))
    throw invalidField(
      'nature',
      `nature d'acte inconnue (« ${String(m.nature)} ») : 1 à 6 (1 DE, 2 AR, 3 AI, 4 CC, 5 BF, 6 AU)`,
    );
  const classification = typeof m.classification === 'string' ? m.classification.trim() : '';
  if (!CLASSIFICATION_CODE.test(classification))
    throw invalidField('classification', 'classification attendue sous la forme « 1.1 » (de un à cinq niveaux)');
  const number = typeof m.number === 'string' ? m.number : '';
  if (!ACT_NUMBER.test(number))
    throw invalidField(
      'number',
      `numéro d'acte « ${number} » invalide : de 1 à 15 caractères parmi les majuscules, les chiffres et « _ », sans « _ » au début ni à la fin`,
    );
  const decisionDate = typeof m.decisionDate === 'string' ? m.decisionDate : '';
  if (!isCalendarDate(decisionDate))
    throw invalidField('decisionDate', 'date de décision attendue au format AAAA-MM-JJ');
  if (compareDates(decisionDate, today) > 0)
    throw invalidField('decisionDate', `la date de décision (${decisionDate}) ne peut pas être dans le futur`);
  const object = typeof m.object === 'string' ? m.object.trim() : '';
  if (object.length === 0) throw invalidField('object', "l'objet de l'acte est obligatoire");
  if ([...object].length > MAX_OBJECT_LENGTH)
    throw invalidField('object', `l'objet dépasse ${MAX_OBJECT_LENGTH} caractères (${[...object].length})`);
  const typology = (value: unknown, field: string): string | undefined => {
    if (value === undefined || value === null || value === '') return undefined;
    if (typeof value !== 'string' || !TYPOLOGY_CODE.test(value))
      throw invalidField(field, `code de typologie « ${String(value)} » invalide (attendu : « 99_DE », « 41_AT »…)`);
    return value;
  };
  const documentType = typology(m.documentType, 'documentType') ?? ACT_NATURES[nature].defaultTypology;
  if (m.annexTypes !== undefined && !Array.isArray(m.annexTypes))
    throw invalidField('annexTypes', 'liste de codes de typologie attendue, une par annexe');
  const annexTypes = ((m.annexTypes as unknown[] | undefined) ?? []).map((v, i) => typology(v, `annexTypes[${i}]`));
  const siren = typeof m.siren === 'string' && /^\d{9}$/.test(m.siren) ? m.siren : undefined;
  if (m.draft !== undefined && typeof m.draft !== 'boolean')
    throw invalidField('draft', 'valeur attendue : true (brouillon) ou false (transmission immédiate)');
  const meetingLabel = typeof m.meetingLabel === 'string' ? m.meetingLabel.trim() || undefined : undefined;
  if (m.meetingLabel !== undefined && m.meetingLabel !== null && typeof m.meetingLabel !== 'string')
    throw invalidField('meetingLabel', 'texte attendu (par exemple « Conseil municipal du 12 mars »)');
  if (meetingLabel && [...meetingLabel].length > MAX_MEETING_LABEL_LENGTH)
    throw invalidField('meetingLabel', `le libellé de la séance dépasse ${MAX_MEETING_LABEL_LENGTH} caractères`);
  const rawMeetingDate = m.meetingDate === null || m.meetingDate === '' ? undefined : m.meetingDate;
  if (rawMeetingDate !== undefined && (typeof rawMeetingDate !== 'string' || !isCalendarDate(rawMeetingDate)))
    throw invalidField('meetingDate', 'date de la séance attendue au format AAAA-MM-JJ');
  return {
    nature,
    classification,
    number,
    decisionDate,
    object,
    documentType,
    annexTypes,
    siren,
    draft: m.draft === true,
    meetingLabel,
    meetingDate: rawMeetingDate as string | undefined,
  };
}
