// A status shown as a coloured badge with its French label (the colour is never the only cue: the text says it).
import { STATUS_LABELS } from '../domain/transitions.ts';
import type { InvoiceStatus } from '../domain/contract.ts';

const TONE: Record<InvoiceStatus, 'neutral' | 'info' | 'success' | 'warning' | 'danger'> = {
  DEPOSEE: 'neutral',
  EN_COURS_ACHEMINEMENT: 'neutral',
  MISE_A_DISPOSITION: 'info',
  COMPLETEE: 'info',
  SERVICE_FAIT: 'success',
  MANDATEE: 'success',
  MISE_A_DISPOSITION_COMPTABLE: 'success',
  COMPTABILISEE: 'success',
  MISE_EN_PAIEMENT: 'success',
  SUSPENDUE: 'warning',
  A_RECYCLER: 'warning',
  REJETEE: 'danger',
};

export function StatusBadge(props: { status: InvoiceStatus }) {
  return <span class={`badge badge-${TONE[props.status]}`}>{STATUS_LABELS[props.status]}</span>;
}
