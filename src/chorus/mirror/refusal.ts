// Functional refusals of the mirror, answered as Chorus does: HTTP 400 with `codeRetour` ≠ 0 and a `libelle`.
import { AppError } from '../../platform/errors.ts';
import { CODE_AUCUN_RESULTAT, LIBELLE_AUCUN_RESULTAT } from '../domain/api-contract.ts';

export class MirrorRefusal extends Error {
  constructor(
    readonly codeRetour: number,
    readonly libelle: string,
    readonly status: 200 | 400 | 404 | 413 | 503 = 400,
  ) {
    super(libelle);
    this.name = 'MirrorRefusal';
  }
}

/** A search that finds nothing: Chorus answers 200 with its own "no result" code, which clients test for. */
export const noResult = (): MirrorRefusal => new MirrorRefusal(CODE_AUCUN_RESULTAT, LIBELLE_AUCUN_RESULTAT, 200);

/** Chorus-style return codes for the hub's error codes (the official catalogue is not public). */
const CODE_RETOUR: Record<string, number> = {
  INVALID_INPUT: 20001,
  INVALID_JSON: 20001,
  INVALID_FORM: 20001,
  FORBIDDEN_CHARACTER: 20001,
  PAYLOAD_TOO_LARGE: 20042,
  NOT_FOUND: 20002,
  FORBIDDEN: 20005,
  UNAUTHENTICATED: 20005,
  ILLEGAL_TRANSITION: 20010,
  NOT_READY: 20011,
  MOTIVE_REQUIRED: 20012,
  MOTIVE_TOO_LONG: 20013,
  MANDATE_NUMBER_REQUIRED: 20014,
  PAYMENT_DATE_INVALID: 20015,
  PAYMENT_DATE_TOO_EARLY: 20015,
  COMPLETION_EMPTY: 20016,
  RECIPIENT_INVALID: 20017,
  ROUTING_REFUSED: 20017,
  WRONG_ROLE: 20005,
  WRONG_STRUCTURE: 20005,
  FILE_TOO_LARGE: 20042,
  WORKFLOW_UNAVAILABLE: 20099,
};

/** The refusal a thrown error stands for; unknown errors are rethrown (they become 500s). */
export function refusalOf(error: unknown): MirrorRefusal {
  if (error instanceof MirrorRefusal) return error;
  if (error instanceof AppError) {
    const status = error.status === 413 ? 413 : error.status === 503 ? 503 : 400;
    return new MirrorRefusal(CODE_RETOUR[error.code] ?? 20099, error.message, status);
  }
  throw error;
}

export const notFoundInvoice = (): MirrorRefusal =>
  new MirrorRefusal(20002, 'La facture est introuvable ou vous n’y avez pas accès.');
