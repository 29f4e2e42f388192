// Small pieces the tender room's pages share: a consultation's state badge, a deadline in Paris time with the time
// left, and the lots table.
import type { Child } from 'hono/jsx';
import { formatDateTime, formatMoney } from '../../web/format.ts';
import { CONSULTATION_STATUS_LABELS, type ConsultationStatus } from '../domain/index.ts';

const TONES: Record<ConsultationStatus, string> = {
  draft: 'neutral',
  published: 'info',
  closed: 'warning',
  opened: 'warning',
  awarded: 'success',
  notified: 'success',
};

export function StatusBadge(props: { status: string }) {
  const status = props.status as ConsultationStatus;
  return (
    <span class={`badge wraps badge-${TONES[status] ?? 'neutral'}`}>
      {CONSULTATION_STATUS_LABELS[status] ?? status}
    </span>
  );
}

/** « reste 3 j 4 h », « reste 12 min », « date limite passée ». */
export function timeLeft(deadline: string | Date, now: Date): string {
  const ms = new Date(deadline).getTime() - now.getTime();
  if (ms <= 0) return 'date limite passée';
  const minutes = Math.floor(ms / 60_000);
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  if (days > 0) return `reste ${days} j ${hours} h`;
  if (hours > 0) return `reste ${hours} h ${minutes % 60} min`;
  return minutes > 0 ? `reste ${minutes} min` : 'reste moins d’une minute';
}

export function Deadline(props: { at: string; now: Date }) {
  return (
    <>
      <time datetime={props.at}>{formatDateTime(props.at)}</time> <span class="hint">(heure de Paris)</span>{' '}
      <span class={new Date(props.at).getTime() <= props.now.getTime() ? 'late' : 'soon'}>
        {timeLeft(props.at, props.now)}
      </span>
    </>
  );
}

export interface LotRow {
  number: number;
  title: string;
  cpv: string;
  estimatedAmount: string;
  deadline: string;
  closed: boolean;
}

export function LotsTable(props: { lots: readonly LotRow[]; now: Date; action?: (lot: LotRow) => Child }) {
  return (
    <div class="table-scroll">
      <table class="card-table">
        <caption>Lots</caption>
        <thead>
          <tr>
            <th scope="col">Lot</th>
            <th scope="col">Intitulé</th>
            <th scope="col">CPV</th>
            <th scope="col">Montant estimé HT</th>
            <th scope="col">Date limite de remise des plis</th>
            {props.action ? <th scope="col">Action</th> : null}
          </tr>
        </thead>
        <tbody>
          {props.lots.map((lot) => (
            <tr>
              <td data-label="Lot" data-cell="number">
                {lot.number}
              </td>
              <td data-label="Intitulé">{lot.title}</td>
              <td data-label="CPV">{lot.cpv}</td>
              <td data-label="Montant estimé HT" data-cell="amount">
                {formatMoney(lot.estimatedAmount)}
              </td>
              <td data-label="Date limite" data-cell="due">
                <Deadline at={lot.deadline} now={props.now} />
              </td>
              {props.action ? <td data-label="Action">{props.action(lot)}</td> : null}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
