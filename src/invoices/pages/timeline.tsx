// The status history of an invoice, from its append-only events: who, when, from which status to which, why.
import { formatDate, formatDateTime, formatMoney } from '../../web/format.ts';
import { StatusBadge } from './status-badge.tsx';
import type { InvoiceEvent } from './invoice-verbs.ts';

type EventData = {
  mandateNumber?: unknown;
  paymentDate?: unknown;
  attachments?: unknown;
  legalDueAt?: unknown;
  dueDate?: unknown;
  clock?: unknown;
  remainingDays?: unknown;
  interest?: unknown;
  lateDays?: unknown;
};

/** The facts an event's data carries, in French. */
export function eventDetails(event: InvoiceEvent): string[] {
  const d = (event.data ?? {}) as EventData;
  const out: string[] = [];
  if (typeof d.mandateNumber === 'string') out.push(`Mandat n° ${d.mandateNumber}`);
  if (typeof d.paymentDate === 'string') out.push(`Mise en paiement le ${formatDate(d.paymentDate)}`);
  if (typeof d.legalDueAt === 'string') out.push(`Date limite de paiement : ${formatDate(d.legalDueAt)}`);
  if (d.clock === 'suspended' && typeof d.remainingDays === 'number')
    out.push(`Délai de paiement suspendu (il restait ${d.remainingDays} jour(s))`);
  if (d.clock === 'restarted' && typeof d.dueDate === 'string')
    out.push(`Délai de paiement repris : nouvelle date limite le ${formatDate(d.dueDate)}`);
  if (Array.isArray(d.attachments) && d.attachments.length > 0) out.push(`${d.attachments.length} pièce(s) jointe(s)`);
  if (typeof d.lateDays === 'number' && d.lateDays > 0 && typeof d.interest === 'string') {
    out.push(`Payée avec ${d.lateDays} jour(s) de retard : intérêts moratoires ${formatMoney(d.interest)}`);
  }
  return out;
}

const motiveLabel = (event: InvoiceEvent): string =>
  event.toStatus === 'COMPLETEE' ? 'Commentaire du fournisseur' : 'Motif';

export function Timeline(props: { events: readonly InvoiceEvent[] }) {
  return (
    <ol class="timeline" aria-label="Historique des statuts">
      {props.events.map((e) => (
        <li>
          <span class="when">
            {formatDateTime(e.occurredAt)} · {e.actor === 'system' ? 'le hub' : e.actorName}
          </span>
          <StatusBadge status={e.toStatus} />
          {e.motive ? (
            <p>
              <strong>{motiveLabel(e)} :</strong> {e.motive}
            </p>
          ) : null}
          {eventDetails(e).map((line) => (
            <p class="muted">{line}</p>
          ))}
        </li>
      ))}
    </ol>
  );
}
