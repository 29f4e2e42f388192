// French words of the journal page and its CSV export.
import { parisDay } from '../../calendar/index.ts';
import type { AuditActorKind } from '../types.ts';

export const ACTOR_KIND_LABELS: Record<AuditActorKind, string> = {
  person: 'Personne',
  client: 'Client API',
  system: 'Hub (tâche automatique)',
};

/** `2026-12-02 11:05:09`, Paris time: sortable in a spreadsheet, exact to the second. */
export function parisTimestamp(at: Date): string {
  const { date, msSinceMidnight } = parisDay(at);
  const seconds = Math.floor(msSinceMidnight / 1000);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date} ${pad(Math.floor(seconds / 3600))}:${pad(Math.floor(seconds / 60) % 60)}:${pad(seconds % 60)}`;
}

/** A JSON value as one line, empty when absent. */
export const jsonCell = (value: unknown): string =>
  value === null || value === undefined ? '' : JSON.stringify(value);
