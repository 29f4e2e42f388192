// The life of an act in the hub, and the S²LOW status number each one is reported with (ActesStatus).

export const ACT_STATUSES = [
  'BROUILLON',
  'EN_ATTENTE_TRANSMISSION',
  'TRANSMIS',
  'ACQUITTE',
  'ERREUR',
  'ANNULATION_DEMANDEE',
  'ANNULE',
  'DEFERE',
  'VALIDE',
] as const;

export type ActStatus = (typeof ACT_STATUSES)[number];

export const STATUS_LABELS: Record<ActStatus, string> = {
  BROUILLON: 'Brouillon (non transmis)',
  EN_ATTENTE_TRANSMISSION: 'En attente de transmission',
  TRANSMIS: 'Transmis',
  ACQUITTE: 'Acquittement reçu',
  ERREUR: 'Erreur',
  ANNULATION_DEMANDEE: 'Annulation demandée',
  ANNULE: 'Annulé',
  DEFERE: 'Déféré au tribunal administratif',
  VALIDE: 'Validé (délai de contrôle écoulé)',
};

/** A draft: editable and deletable, nothing of it reaches the ministry until it is sent (alone or in a batch). */
export const isDraft = (status: ActStatus): boolean => status === 'BROUILLON';

/** S²LOW's numbers: −1 error, 0 cancelled, 17 waiting to be posted (a draft), 2 waiting, 3 sent, 4 acknowledged, 5 validated, 7 letter received, 21 letter without AR. */
export function s2lowStatus(status: ActStatus, unansweredLetter: boolean): number {
  if (unansweredLetter && (status === 'ACQUITTE' || status === 'DEFERE')) return 7;
  switch (status) {
    case 'BROUILLON':
      return 17;
    case 'EN_ATTENTE_TRANSMISSION':
      return 2;
    case 'TRANSMIS':
      return 3;
    case 'ACQUITTE':
    case 'ANNULATION_DEMANDEE':
      return 4;
    case 'ERREUR':
      return -1;
    case 'ANNULE':
      return 0;
    case 'DEFERE':
      return 21;
    case 'VALIDE':
      return 5;
  }
}

/** The prefecture's letters (2-1, 3-1, 4-1, 5-1) and the replies each accepts. */
export const LETTER_REPLIES = {
  '2-1': ['2-2'],
  '3-1': ['3-3', '3-4'],
  '4-1': ['4-3', '4-4'],
  '5-1': [],
} as const;

export type LetterCode = keyof typeof LETTER_REPLIES;

export const LETTER_LABELS: Record<LetterCode, string> = {
  '2-1': 'Courrier simple',
  '3-1': 'Demande de pièces complémentaires',
  '4-1': "Lettre d'observations",
  '5-1': 'Déféré au tribunal administratif',
};

export const REPLY_LABELS = {
  '2-2': 'Réponse au courrier simple',
  '3-3': 'Refus explicite de transmettre les pièces',
  '3-4': 'Transmission des pièces complémentaires',
  '4-3': 'Rejet explicite de la lettre d’observations',
  '4-4': 'Lettre de justification',
} as const;
