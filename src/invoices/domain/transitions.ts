// Which status may follow which, and who may move it, for a simple (A1) invoice.
// Pure and deterministic: the workflow's update validators and the hub's pages use the same rules.
import type { AccountantAction, ActingParty, InvoiceStatus, SupplierAction } from './contract.ts';

export type Mover = 'system' | 'accountant' | 'supplier';

export const MOTIVE_MAX_LENGTH = 255;

/** French labels of the Chorus Pro statuses, as shown to both sides. */
export const STATUS_LABELS: Readonly<Record<InvoiceStatus, string>> = {
  DEPOSEE: 'Déposée',
  EN_COURS_ACHEMINEMENT: 'En cours d’acheminement',
  MISE_A_DISPOSITION: 'Mise à disposition',
  SERVICE_FAIT: 'Service fait',
  SUSPENDUE: 'Suspendue',
  COMPLETEE: 'Complétée',
  A_RECYCLER: 'À recycler',
  REJETEE: 'Rejetée',
  MANDATEE: 'Mandatée',
  MISE_A_DISPOSITION_COMPTABLE: 'Mise à disposition du comptable',
  COMPTABILISEE: 'Comptabilisée',
  MISE_EN_PAIEMENT: 'Mise en paiement',
};

export const TERMINAL_STATUSES: readonly InvoiceStatus[] = ['REJETEE', 'MISE_EN_PAIEMENT'];

export function isTerminal(status: InvoiceStatus): boolean {
  return TERMINAL_STATUSES.includes(status);
}

/**
 * The processing chain after the invoice reached its recipient, in order. Each optional step may be skipped
 * (Chorus Pro: SERVICE_FAIT, MANDATEE, MISE_A_DISPOSITION_COMPTABLE and COMPTABILISEE are optional), never undone.
 */
const CHAIN_RANK: Partial<Record<InvoiceStatus, number>> = {
  MISE_A_DISPOSITION: 0,
  COMPLETEE: 0,
  SERVICE_FAIT: 1,
  MANDATEE: 2,
  MISE_A_DISPOSITION_COMPTABLE: 3,
  COMPTABILISEE: 4,
  MISE_EN_PAIEMENT: 5,
};
const CHAIN: readonly InvoiceStatus[] = [
  'SERVICE_FAIT',
  'MANDATEE',
  'MISE_A_DISPOSITION_COMPTABLE',
  'COMPTABILISEE',
  'MISE_EN_PAIEMENT',
];
/** Suspension only before the payment order (décret 2013-269 art. 4); rejection likewise. */
const LAST_RANK_BEFORE_ORDER = 1;

export interface Transition {
  from: InvoiceStatus;
  to: InvoiceStatus;
  by: Mover;
}

function buildTransitions(): Transition[] {
  const list: Transition[] = [
    { from: 'DEPOSEE', to: 'EN_COURS_ACHEMINEMENT', by: 'system' },
    { from: 'EN_COURS_ACHEMINEMENT', to: 'MISE_A_DISPOSITION', by: 'system' },
    { from: 'SUSPENDUE', to: 'COMPLETEE', by: 'supplier' },
    { from: 'SUSPENDUE', to: 'REJETEE', by: 'accountant' },
    { from: 'A_RECYCLER', to: 'DEPOSEE', by: 'supplier' },
  ];
  for (const [from, rank] of Object.entries(CHAIN_RANK) as [InvoiceStatus, number][]) {
    for (const to of CHAIN) if ((CHAIN_RANK[to] ?? -1) > rank) list.push({ from, to, by: 'accountant' });
    if (rank <= LAST_RANK_BEFORE_ORDER) {
      list.push({ from, to: 'SUSPENDUE', by: 'accountant' }, { from, to: 'REJETEE', by: 'accountant' });
    }
    if (rank === 0) list.push({ from, to: 'A_RECYCLER', by: 'accountant' });
  }
  return list;
}

/** Every allowed transition of a simple invoice. */
export const TRANSITIONS: readonly Transition[] = buildTransitions();

export function canTransition(from: InvoiceStatus, to: InvoiceStatus, by: Mover): boolean {
  return TRANSITIONS.some((t) => t.from === from && t.to === to && t.by === by);
}

export type AccountantActionKind = AccountantAction['kind'];
export type SupplierActionKind = SupplierAction['kind'];

/** Target status of a supplier action. */
export function supplierTarget(kind: SupplierActionKind): InvoiceStatus {
  return kind === 'COMPLETEE' ? 'COMPLETEE' : 'DEPOSEE';
}

export const ACTION_LABELS: Readonly<Record<AccountantActionKind | SupplierActionKind, string>> = {
  SERVICE_FAIT: 'Certifier le service fait',
  SUSPENDUE: 'Suspendre (pièces manquantes)',
  REJETEE: 'Rejeter',
  A_RECYCLER: 'Renvoyer pour erreur de destinataire',
  MANDATEE: 'Mandater',
  MISE_A_DISPOSITION_COMPTABLE: 'Transmettre au comptable public',
  COMPTABILISEE: 'Comptabiliser',
  MISE_EN_PAIEMENT: 'Mettre en paiement',
  COMPLETEE: 'Compléter la facture',
  REROUTE: 'Corriger le destinataire',
};

export interface AllowedAction {
  kind: AccountantActionKind | SupplierActionKind;
  to: InvoiceStatus;
  label: string;
  /** The action needs a motive (≤ 255 characters). */
  motiveRequired: boolean;
}

const ACCOUNTANT_KINDS: readonly AccountantActionKind[] = [
  'SERVICE_FAIT',
  'SUSPENDUE',
  'REJETEE',
  'A_RECYCLER',
  'MANDATEE',
  'MISE_A_DISPOSITION_COMPTABLE',
  'COMPTABILISEE',
  'MISE_EN_PAIEMENT',
];
const SUPPLIER_KINDS: readonly SupplierActionKind[] = ['COMPLETEE', 'REROUTE'];

export function motiveRequired(to: InvoiceStatus): boolean {
  return to === 'SUSPENDUE' || to === 'REJETEE' || to === 'A_RECYCLER';
}

/** What a person holding `role` may do on an invoice at `status` (for the buttons of the hub's pages). */
export function allowedActions(status: InvoiceStatus, role: ActingParty['role']): AllowedAction[] {
  if (role === 'accountant') {
    return ACCOUNTANT_KINDS.filter((kind) => canTransition(status, kind, 'accountant')).map((kind) => ({
      kind,
      to: kind,
      label: ACTION_LABELS[kind],
      motiveRequired: motiveRequired(kind),
    }));
  }
  if (role === 'supplier') {
    return SUPPLIER_KINDS.filter((kind) => canTransition(status, supplierTarget(kind), 'supplier')).map((kind) => ({
      kind,
      to: supplierTarget(kind),
      label: ACTION_LABELS[kind],
      motiveRequired: false,
    }));
  }
  return [];
}

/** Why a requested transition is refused: a stable code and a French message. */
export interface TransitionRefusal {
  code:
    | 'ILLEGAL_TRANSITION'
    | 'WRONG_ROLE'
    | 'WRONG_STRUCTURE'
    | 'MOTIVE_REQUIRED'
    | 'MOTIVE_TOO_LONG'
    | 'MANDATE_NUMBER_REQUIRED'
    | 'PAYMENT_DATE_INVALID'
    | 'PAYMENT_DATE_TOO_EARLY'
    | 'COMPLETION_EMPTY'
    | 'ATTACHMENT_INVALID'
    | 'RECIPIENT_INVALID';
  message: string;
}

/** What the rules need to know about the invoice. */
export interface TransitionSubject {
  status: InvoiceStatus;
  buyerId: string;
  supplierId: string;
  /** Calendar date (YYYY-MM-DD) the invoice was made available to its recipient, once it was. */
  madeAvailableOn: string | undefined;
}

function characters(text: string): number {
  return [...text].length;
}

function checkMotive(motive: string | undefined, label: string): TransitionRefusal | undefined {
  const trimmed = (motive ?? '').trim();
  if (trimmed === '') return { code: 'MOTIVE_REQUIRED', message: `Le motif est obligatoire pour ${label}.` };
  const length = characters(trimmed);
  if (length > MOTIVE_MAX_LENGTH) {
    return {
      code: 'MOTIVE_TOO_LONG',
      message: `Le motif ne doit pas dépasser ${MOTIVE_MAX_LENGTH} caractères (${length} saisis).`,
    };
  }
  return undefined;
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True for a real calendar date written YYYY-MM-DD. */
export function isIsoDate(value: string): boolean {
  const m = ISO_DATE.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

function frenchDate(iso: string): string {
  const [y, m, d] = iso.split('-');
  return `${d}/${m}/${y}`;
}

function illegal(from: InvoiceStatus, to: InvoiceStatus): TransitionRefusal {
  return {
    code: 'ILLEGAL_TRANSITION',
    message: `Action impossible : la facture est au statut « ${STATUS_LABELS[from]} » et ne peut pas passer au statut « ${STATUS_LABELS[to]} ».`,
  };
}

/** Refusal of an accountant decision, or undefined when it is allowed. */
export function checkAccountantAction(
  subject: TransitionSubject,
  party: ActingParty,
  action: AccountantAction,
): TransitionRefusal | undefined {
  if (party.role !== 'accountant') {
    return {
      code: 'WRONG_ROLE',
      message: 'Seul un comptable de la structure destinataire peut traiter cette facture.',
    };
  }
  if (!party.structureIds.includes(subject.buyerId)) {
    return { code: 'WRONG_STRUCTURE', message: 'Vous n’agissez pas pour la structure destinataire de cette facture.' };
  }
  if (!canTransition(subject.status, action.kind, 'accountant')) return illegal(subject.status, action.kind);
  switch (action.kind) {
    case 'SUSPENDUE':
      return checkMotive(action.motive, 'suspendre une facture');
    case 'REJETEE':
      return checkMotive(action.motive, 'rejeter une facture');
    case 'A_RECYCLER':
      return checkMotive(action.motive, 'renvoyer une facture au fournisseur');
    case 'MANDATEE': {
      const number = (action.mandateNumber ?? '').trim();
      if (number === '' || characters(number) > 50) {
        return {
          code: 'MANDATE_NUMBER_REQUIRED',
          message: 'Le numéro de mandat (50 caractères au plus) est obligatoire pour mandater la facture.',
        };
      }
      return undefined;
    }
    case 'MISE_EN_PAIEMENT': {
      if (typeof action.paymentDate !== 'string' || !isIsoDate(action.paymentDate)) {
        return {
          code: 'PAYMENT_DATE_INVALID',
          message: 'La date de mise en paiement est obligatoire, au format AAAA-MM-JJ.',
        };
      }
      if (subject.madeAvailableOn !== undefined && action.paymentDate < subject.madeAvailableOn) {
        return {
          code: 'PAYMENT_DATE_TOO_EARLY',
          message: `La date de mise en paiement ne peut pas précéder la mise à disposition de la facture (${frenchDate(subject.madeAvailableOn)}).`,
        };
      }
      return undefined;
    }
    default:
      return undefined;
  }
}

const SHA256 = /^[0-9a-f]{64}$/;
const SIRET = /^[0-9]{14}$/;

/** Refusal of a supplier action, or undefined when it is allowed. */
export function checkSupplierAction(
  subject: TransitionSubject,
  party: ActingParty,
  action: SupplierAction,
): TransitionRefusal | undefined {
  if (party.role !== 'supplier') {
    return { code: 'WRONG_ROLE', message: 'Seul le fournisseur de la facture peut effectuer cette action.' };
  }
  if (!party.structureIds.includes(subject.supplierId)) {
    return { code: 'WRONG_STRUCTURE', message: 'Vous n’agissez pas pour le fournisseur de cette facture.' };
  }
  const to = supplierTarget(action.kind);
  if (!canTransition(subject.status, to, 'supplier')) return illegal(subject.status, to);
  if (action.kind === 'COMPLETEE') {
    const comment = (action.comment ?? '').trim();
    const attachments = action.attachments ?? [];
    if (comment === '' && attachments.length === 0) {
      return {
        code: 'COMPLETION_EMPTY',
        message: 'Joignez au moins une pièce ou un commentaire pour compléter la facture.',
      };
    }
    if (characters(comment) > MOTIVE_MAX_LENGTH) {
      return {
        code: 'MOTIVE_TOO_LONG',
        message: `Le commentaire ne doit pas dépasser ${MOTIVE_MAX_LENGTH} caractères (${characters(comment)} saisis).`,
      };
    }
    if (attachments.some((a) => !SHA256.test(a))) {
      return {
        code: 'ATTACHMENT_INVALID',
        message: 'Une pièce jointe est invalide : déposez-la avant de compléter la facture.',
      };
    }
    return undefined;
  }
  if (!SIRET.test(action.buyerSiret ?? '')) {
    return { code: 'RECIPIENT_INVALID', message: 'Le SIRET du destinataire doit comporter 14 chiffres.' };
  }
  return undefined;
}
