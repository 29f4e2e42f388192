// One problem found in a PES file, at its place: the element, and the bordereau, piece, line or PJ it belongs to.
// `code` is the acknowledgement code Hélios would give (NumAnoAck of CommunAck.xsd), so the hub's refusal and the
// treasury's read the same.

export type AckErrorCode =
  | 'ERREUR_ENCODING'
  | 'ERREUR_FLUX_VIDE'
  | 'ERREUR_SCHEMA_INCOMPLET'
  | 'ERREUR_CODIFICATION'
  | 'ERREUR_CODIQUE'
  | 'ERREUR_SIRET'
  | 'ERREUR_CODE_COLLECTIVITE_BUDGET'
  | 'ERREUR_VERSION_PES'
  | 'ERREUR_VERSION_PJ'
  | 'ERREUR_SIGNATURE_INVALIDE'
  | 'ERREUR_SIGNATURE_ILLISIBLE'
  | 'ERREUR_SIGNATURE_INCOMPLETE'
  | 'ERREUR_DOUBLON_BORDEREAU'
  | 'ERREUR_DOUBLON_PIECE'
  | 'ERREUR_DOUBLON_LIGNE'
  | 'ERREUR_DOUBLON_PJ'
  | 'ERREUR_PES_PARAM'
  | 'ERREUR_PES_SIGNATURE'
  | 'ERREUR_CERTIFICAT'
  | 'ERREUR_PJ_SIGNEE'
  | 'ERREUR_AUTRE'
  | 'ERREUR_SIGNATURE_BORDEREAU_INVALIDE'
  | 'ERREUR_SIGNATURE_BORDEREAU_ILLISIBLE'
  | 'ERREUR_SIGNATURE_BORDEREAU_INCOMPLETE'
  | 'ERREUR_PJ'
  | 'ERREUR_CUMUL_MONTANTS';

/** Where an issue sits. Numbers are the file's own identifiers (IdBord, IdPce, IdLigne, IdUnique). */
export interface IssuePlace {
  /** Slash path of the element, without the root: `PES_DepenseAller/Bordereau/BlocBordereau/MtBordHT`. */
  element: string;
  domain?: 'depense' | 'recette';
  bordereau?: string;
  piece?: string;
  ligne?: string;
  pj?: string;
}

export interface CheckIssue {
  code: AckErrorCode;
  /** French, naming the element and its place. */
  message: string;
  place: IssuePlace;
}

/** « Bordereau 123, pièce 456, ligne 1 » — the place as the accountant reads it; empty at file level. */
export function placeLabel(place: Omit<IssuePlace, 'element'>): string {
  const parts: string[] = [];
  if (place.bordereau !== undefined)
    parts.push(`${place.domain === 'recette' ? 'bordereau de titres' : 'bordereau'} ${place.bordereau}`);
  if (place.piece !== undefined) parts.push(`${place.domain === 'recette' ? 'titre' : 'mandat'} ${place.piece}`);
  if (place.ligne !== undefined) parts.push(`ligne ${place.ligne}`);
  if (place.pj !== undefined) parts.push(`PJ ${place.pj}`);
  const text = parts.join(', ');
  return text === '' ? '' : text.charAt(0).toUpperCase() + text.slice(1);
}

export function issue(code: AckErrorCode, place: IssuePlace, problem: string): CheckIssue {
  const where = placeLabel(place);
  const leaf = place.element.split('/').pop() ?? place.element;
  const message = `${where === '' ? '' : `${where} : `}« ${leaf} » ${problem}`;
  return { code, message, place };
}

/** At most this many issues are kept per file: the first ones say enough, and memory stays bounded. */
export const MAX_ISSUES = 200;
