// Reading the criteria of a Chorus search. Clients send absent criteria in several ways: left out (Pastell, Odoo),
// `null`, or as the zero value of their type (the Go client sends every field of rechercher/fournisseur: 0, "",
// false, null lists). So 0, "", null and [] mean "not given"; a value of the wrong type is refused with a French
// message naming the criterion, as a functional error (codeRetour 20001).
import { tryDec, type Decimal } from '../../../../formats/index.ts';
import { isInvoiceStatus, type InvoiceStatus } from '../../../invoices/domain/statuses.ts';
import { chorusBound } from '../../domain/dates.ts';
import { MirrorRefusal } from '../refusal.ts';

export type Json = Record<string, unknown>;

const refuse = (field: string, expected: string) =>
  new MirrorRefusal(20001, `Le critère de recherche « ${field} » doit être ${expected}.`);

export const isGiven = (v: unknown): boolean =>
  v !== undefined && v !== null && v !== '' && v !== 0 && !(Array.isArray(v) && v.length === 0);

export const objectOf = (v: unknown): Json => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Json) : {});

/** A non-empty text criterion. */
export function textCriterion(body: Json, field: string): string | undefined {
  const v = body[field];
  if (!isGiven(v)) return undefined;
  if (typeof v !== 'string') throw refuse(field, 'un texte');
  return v.trim() || undefined;
}

/** A Chorus integer id (idDestinataire, idFournisseur…); 0 means none. */
export function idCriterion(body: Json, field: string): number | undefined {
  const v = body[field];
  if (!isGiven(v)) return undefined;
  if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < 0) throw refuse(field, 'un identifiant entier');
  return v;
}

/** An amount bound, under any of the spellings clients use (`montantApayerMax` / `montantAPayerMax`). */
export function amountCriterion(body: Json, ...fields: string[]): Decimal | undefined {
  for (const field of fields) {
    const v = body[field];
    if (!isGiven(v)) continue;
    const d = typeof v === 'number' || typeof v === 'string' ? tryDec(String(v)) : undefined;
    if (d === undefined) throw refuse(field, 'un montant');
    return d;
  }
  return undefined;
}

/** A period bound as an instant (`periodeDateHeureEtatCourantDu`, `periodeDateDepotAu`…). */
export function instantCriterion(body: Json, field: string, bound: 'start' | 'end'): Date | undefined {
  const v = body[field];
  if (!isGiven(v)) return undefined;
  const at = typeof v === 'string' ? chorusBound(v, bound) : undefined;
  if (!at) throw refuse(field, 'une date AAAA-MM-JJ ou une date-heure (AAAA-MM-JJTHH:MM[:SS][±HH:MM])');
  return at;
}

/** A calendar-day bound (`periodeDateFactureDu/Au`): the date part of what is sent. */
export function dayCriterion(body: Json, field: string): string | undefined {
  const v = body[field];
  if (!isGiven(v)) return undefined;
  const m = typeof v === 'string' ? /^(\d{4}-\d{2}-\d{2})(?:$|[T ])/.exec(v.trim()) : null;
  if (!m || !chorusBound(m[1] as string, 'start')) throw refuse(field, 'une date AAAA-MM-JJ');
  return m[1];
}

/** One code or a list of codes (`statutCourant`, `listeTypeFacture`). */
export function codesCriterion(body: Json, field: string): string[] | undefined {
  const v = body[field];
  if (!isGiven(v)) return undefined;
  const list = Array.isArray(v) ? v : [v];
  if (!list.every((x) => typeof x === 'string')) throw refuse(field, 'un code ou une liste de codes');
  const codes = (list as string[]).map((x) => x.trim()).filter((x) => x !== '');
  return codes.length > 0 ? codes : undefined;
}

/** Chorus statuses as hub statuses; a status the hub never gives matches no invoice. */
export function statusesCriterion(body: Json, field = 'statutCourant'): InvoiceStatus[] | undefined {
  const codes = codesCriterion(body, field);
  return codes?.filter(isInvoiceStatus);
}

/** `true` only when given as true; the Go client sends `false` for every boolean it does not set. */
export function flagCriterion(body: Json, field: string): boolean | undefined {
  const v = body[field];
  if (v === undefined || v === null || v === '') return undefined;
  if (typeof v !== 'boolean') throw refuse(field, 'un booléen (true ou false)');
  return v;
}

/**
 * The billing frame criterion (`cadreFacturation`, a code or `{codeCadreFacturation}`). Every invoice of the hub is
 * a supplier invoice, frame A1: any other frame matches nothing.
 */
export function frameMatches(body: Json): boolean {
  const v = body.cadreFacturation;
  const code = typeof v === 'string' ? v : objectOf(v).codeCadreFacturation;
  if (!isGiven(code)) return true;
  if (typeof code !== 'string') throw refuse('cadreFacturation', 'un code de cadre de facturation');
  return code === 'A1' || code === 'A1_FACTURE_FOURNISSEUR';
}

export interface Sort {
  column: string;
  descending: boolean;
}

/**
 * `triColonne` / `triSens` of a pagination block. The columns are the fields of the answer's rows (`NumeroFacture`
 * or `numeroFacture`, `DateDepot`, `MontantTTC`…); `triSens` is `Ascendant` (default) or `Descendant`.
 */
export function sortCriterion(paging: Json, block: string, columns: readonly string[]): Sort | undefined {
  const column = paging.triColonne;
  const sens = paging.triSens;
  if (isGiven(sens) && (typeof sens !== 'string' || !/^(ascendant|descendant)$/i.test(sens)))
    throw new MirrorRefusal(20001, `Le critère « ${block}.triSens » doit valoir Ascendant ou Descendant.`);
  if (!isGiven(column)) return undefined;
  const found =
    typeof column === 'string' ? columns.find((c) => c.toLowerCase() === column.trim().toLowerCase()) : undefined;
  if (!found)
    throw new MirrorRefusal(
      20001,
      `La colonne de tri « ${String(column)} » (${block}.triColonne) n’existe pas ; colonnes possibles : ${columns
        .map((c) => c.charAt(0).toUpperCase() + c.slice(1))
        .join(', ')}.`,
    );
  return { column: found, descending: typeof sens === 'string' && /^descendant$/i.test(sens) };
}
