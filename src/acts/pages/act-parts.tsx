// Pieces shared by the acts' pages: the status badge, the nature's label, the legality window's days left.
import { ACT_NATURES, type ActNature } from '../domain/natures.ts';
import { STATUS_LABELS, type ActStatus } from '../domain/statuses.ts';

const TONE: Record<ActStatus, 'neutral' | 'info' | 'success' | 'warning' | 'danger'> = {
  BROUILLON: 'neutral',
  EN_ATTENTE_TRANSMISSION: 'neutral',
  TRANSMIS: 'info',
  ACQUITTE: 'success',
  ERREUR: 'danger',
  ANNULATION_DEMANDEE: 'warning',
  ANNULE: 'neutral',
  DEFERE: 'danger',
  VALIDE: 'success',
};

export function ActStatusBadge(props: { status: ActStatus }) {
  return <span class={`badge badge-${TONE[props.status]}`}>{STATUS_LABELS[props.status]}</span>;
}

export const natureLabel = (nature: number): string =>
  ACT_NATURES[nature as ActNature]?.label ?? `Nature ${String(nature)}`;

/** « 12 jours restants (jusqu’au 15/03/2026) », or why there are none. */
export function windowText(days: number | null, suspended: boolean): string {
  if (suspended) return 'suspendu (pièces complémentaires demandées)';
  if (days === null) return '—';
  if (days < 0) return 'délai écoulé';
  if (days === 0) return 'dernier jour';
  return days === 1 ? '1 jour restant' : `${days} jours restants`;
}

export const ACTS_PATH = '/actes';
export const actPath = (id: string): string => `${ACTS_PATH}/${id}`;
