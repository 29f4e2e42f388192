// The draft form's fields read into the draft verb's input, and the verb's field names mapped back to the form's.
import type { DraftConsultationInput } from '../consultations/draft-consultation.ts';
import { parisLocalInstant } from './paris-input.ts';

export const LOT_ROWS = 3;

export type DraftValues = Record<string, string>;

const FIELDS: Record<string, string> = {
  reference: 'reference',
  title: 'titre',
  object: 'objet',
  procedure: 'procedure',
  nature: 'nature',
  cpv: 'cpv',
  placeCode: 'lieu',
  lots: 'lot1_intitule',
  dayMs: 'test',
};
const LOT_FIELDS: Record<string, string> = {
  title: 'intitule',
  cpv: 'cpv',
  estimatedAmount: 'montant',
  deadline: 'date',
  number: 'intitule',
};

/** `lots[1].cpv` → `lot2_cpv`; `placeCode` → `lieu`. */
export function formFieldOf(verbField: string): string {
  const lot = /^lots\[(\d+)\]\.(\w+)$/.exec(verbField);
  if (lot) return `lot${Number(lot[1]) + 1}_${LOT_FIELDS[lot[2] ?? ''] ?? 'intitule'}`;
  return FIELDS[verbField] ?? 'reference';
}

/** The form's text values (kept to show the form again) and the verb's input. */
export function readDraftForm(form: Record<string, unknown>): { values: DraftValues; input: DraftConsultationInput } {
  const values: DraftValues = {};
  for (const [k, v] of Object.entries(form)) if (typeof v === 'string') values[k] = v.trim().slice(0, 2000);
  const lots: DraftConsultationInput['lots'] = [];
  for (let i = 1; i <= LOT_ROWS; i++) {
    const title = values[`lot${i}_intitule`] ?? '';
    if (title === '' && i > 1) continue;
    const deadline = parisLocalInstant(values[`lot${i}_date`] ?? '');
    lots.push({
      title,
      cpv: values[`lot${i}_cpv`] || values['cpv'] || '',
      estimatedAmount: (values[`lot${i}_montant`] ?? '').replace(/\s/g, '').replace(',', '.'),
      // An unreadable date reaches the verb as invalid, which names the lot's field.
      deadline: deadline?.toISOString() ?? 'invalide',
    });
  }
  const duration = Number(values['duree'] ?? '12');
  return {
    values,
    input: {
      ...(values['acheteur'] ? { buyerId: values['acheteur'] } : {}),
      reference: values['reference'] ?? '',
      title: values['titre'] ?? '',
      object: values['objet'] ?? '',
      procedure: values['procedure'] ?? '',
      nature: values['nature'] ?? '',
      cpv: values['cpv'] ?? '',
      placeCode: values['lieu'] ?? '',
      lots,
      ...(Number.isInteger(duration) && duration >= 1 && duration <= 600 ? { durationMonths: duration } : {}),
      backupCopyAllowed: values['sauvegarde'] === '1',
      signatureRequired: values['signature'] === '1',
      isTest: values['test'] === '1',
    },
  };
}
