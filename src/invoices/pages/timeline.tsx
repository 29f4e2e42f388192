// The status history of an invoice, from its append-only events: who, when, from which status to which, why.
import { formatDate, formatDateTime, formatMoney } from '../../web/format.ts';
import { StatusBadge } from './status-badge.tsx';
import type { AttachmentInfo, InvoiceEvent } from './invoice-verbs.ts';

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
  if (typeof d.lateDays === 'number' && d.lateDays > 0 && typeof d.interest === 'string') {
    out.push(`Payée avec ${d.lateDays} jour(s) de retard : intérêts moratoires ${formatMoney(d.interest)}`);
  }
  return out;
}

const motiveLabel = (event: InvoiceEvent): string =>
  event.toStatus === 'COMPLETEE' ? 'Commentaire du fournisseur' : 'Motif';

/** The hashes of the files an event references. */
export function eventAttachmentHashes(event: InvoiceEvent): string[] {
  const list = ((event.data ?? {}) as EventData).attachments;
  return Array.isArray(list) ? list.filter((h): h is string => typeof h === 'string' && /^[0-9a-f]{64}$/.test(h)) : [];
}

const TYPE_LABELS: Record<string, string> = {
  'application/pdf': 'PDF',
  'image/png': 'image PNG',
  'image/jpeg': 'image JPEG',
  'image/gif': 'image GIF',
  'image/webp': 'image WebP',
  'text/csv': 'tableau CSV',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'classeur Excel',
  'application/vnd.oasis.opendocument.spreadsheet': 'classeur OpenDocument',
  'application/xml': 'XML',
  'text/xml': 'XML',
  'text/plain': 'texte',
};

export const typeLabel = (mediaType: string): string => TYPE_LABELS[mediaType] ?? mediaType;

/** A size in French units: 812 octets, 14,2 Ko, 3,4 Mo. */
export function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} octet${bytes > 1 ? 's' : ''}`;
  const [value, unit] = bytes < 1024 * 1024 ? [bytes / 1024, 'Ko'] : [bytes / (1024 * 1024), 'Mo'];
  return `${(Math.round(value * 10) / 10).toLocaleString('fr-FR')} ${unit}`;
}

function AttachmentList(props: { invoiceId: string; hashes: string[]; known: readonly AttachmentInfo[] }) {
  return (
    <ul class="attachments" aria-label="Documents joints">
      {props.hashes.map((hash, i) => {
        const info = props.known.find((a) => a.sha256 === hash);
        const name = info?.fileName ?? `Pièce jointe ${i + 1}`;
        const href = `/factures/${props.invoiceId}/pieces-jointes/${hash}`;
        const preview =
          info?.mediaType === 'application/pdf' ? 'pdf' : info?.mediaType.startsWith('image/') ? 'image' : null;
        return (
          <li class="attachment">
            <a href={href} download={name}>
              {name}
            </a>{' '}
            <span class="hint">{info ? `${typeLabel(info.mediaType)}, ${formatSize(info.size)}` : ''}</span>
            {preview ? (
              <details class="attachment-preview">
                <summary>{`Aperçu de ${name}`}</summary>
                {preview === 'pdf' ? (
                  <iframe src={`${href}?apercu`} title={`Aperçu de ${name}`} loading="lazy" class="attachment-frame" />
                ) : (
                  <img src={`${href}?apercu`} alt={`Aperçu de ${name}`} loading="lazy" class="attachment-image" />
                )}
              </details>
            ) : null}
          </li>
        );
      })}
    </ul>
  );
}

export function Timeline(props: {
  events: readonly InvoiceEvent[];
  invoiceId: string;
  attachments: readonly AttachmentInfo[];
}) {
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
          {eventAttachmentHashes(e).length > 0 ? (
            <AttachmentList invoiceId={props.invoiceId} hashes={eventAttachmentHashes(e)} known={props.attachments} />
          ) : null}
        </li>
      ))}
    </ol>
  );
}
