// The states of an accounting flow and of the files the treasury sends back. db/schema/accounting.ts repeats both
// lists for its enums (db/ knows no module); statuses.test.ts keeps them equal.

export const PES_FLOW_STATUSES = [
  'NON_CONFORME',
  'POSTE',
  'ATTENTE',
  'TRANSMIS',
  'ACQUITTE',
  'INFORMATION_DISPONIBLE',
  'REFUSE',
  'ERREUR',
] as const;
export type PesFlowStatus = (typeof PES_FLOW_STATUSES)[number];

export const PES_FLOW_STATUS_LABELS: Record<PesFlowStatus, string> = {
  NON_CONFORME: 'Refusé par le hub',
  POSTE: 'Posté',
  ATTENTE: 'En attente de transmission',
  TRANSMIS: 'Transmis',
  ACQUITTE: 'Acquitté',
  INFORMATION_DISPONIBLE: 'Information disponible',
  REFUSE: 'Refusé par Hélios',
  ERREUR: 'Erreur',
};

/** Status ids of S²LOW's HeliosStatus, as its API answers them. A flow the hub refused is an error (−1). */
export const S2LOW_STATUS: Record<PesFlowStatus, number> = {
  NON_CONFORME: -1,
  POSTE: 1,
  ATTENTE: 2,
  TRANSMIS: 3,
  ACQUITTE: 4,
  INFORMATION_DISPONIBLE: 8,
  REFUSE: 6,
  ERREUR: -1,
};

export const S2LOW_STATUS_LABELS: Record<number, string> = {
  [-1]: 'Erreur',
  0: 'Annulé',
  1: 'Posté',
  2: 'En attente de transmission',
  3: 'Transmis',
  4: 'Acquittement reçu',
  6: 'Refusé',
  8: 'Information disponible',
};

/** A flow in one of these states waits for nothing more from the treasury. */
export const FINAL_FLOW_STATUSES: readonly PesFlowStatus[] = [
  'NON_CONFORME',
  'ACQUITTE',
  'INFORMATION_DISPONIBLE',
  'REFUSE',
  'ERREUR',
];

export const PES_RETURN_KINDS = ['ACQUIT', 'NON_ACQUIT', 'RETOUR', 'INCONNU'] as const;
export type PesReturnKind = (typeof PES_RETURN_KINDS)[number];

export const PES_RETURN_KIND_LABELS: Record<PesReturnKind, string> = {
  ACQUIT: 'Acquittement (PES_ACQUIT)',
  NON_ACQUIT: 'Non-acquittement (PES_NonAcquit)',
  RETOUR: 'Retour du comptable (PES_Retour)',
  INCONNU: 'Fichier non reconnu',
};

/** The return kind of a file, by its root element (as S²LOW classifies them). */
export function returnKindOfRoot(localName: string): PesReturnKind {
  switch (localName.toLowerCase()) {
    case 'pes_acquit':
      return 'ACQUIT';
    case 'pes_nonacquit':
      return 'NON_ACQUIT';
    case 'pes_retour':
      return 'RETOUR';
    default:
      return 'INCONNU';
  }
}
