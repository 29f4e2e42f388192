// CSV export of an audit search: every page of the filtered log, newest first, French headers.
import { toCsv, type CsvColumn } from '../../../web/csv.ts';
import {
  AUDIT_MAX_PAGE_SIZE,
  searchAuditEvents,
  type AuditReadContext,
  type SearchAuditEventsInput,
} from '../search-audit-events.ts';
import type { AuditEvent } from '../types.ts';
import { ACTOR_KIND_LABELS, jsonCell, parisTimestamp } from './labels.ts';

/** At most this many rows in one export; narrow the search for more. */
export const AUDIT_MAX_EXPORT_ROWS = 50_000;

const COLUMNS: CsvColumn<AuditEvent>[] = [
  { header: 'N°', value: (e) => e.id },
  { header: 'Date et heure (Paris)', value: (e) => parisTimestamp(e.at) },
  { header: 'Type d’acteur', value: (e) => ACTOR_KIND_LABELS[e.actorKind] },
  { header: 'Identifiant de l’acteur', value: (e) => e.actorId },
  { header: 'Acteur', value: (e) => e.actorLabel },
  { header: 'Action', value: (e) => e.action },
  { header: 'Type d’objet', value: (e) => e.subjectType },
  { header: 'Identifiant de l’objet', value: (e) => e.subjectId },
  { header: 'Structure', value: (e) => e.structureId ?? '' },
  { header: 'Avant', value: (e) => jsonCell(e.before) },
  { header: 'Après', value: (e) => jsonCell(e.after) },
  { header: 'Identifiant de requête', value: (e) => e.requestId ?? '' },
];

export async function auditEventsCsv(ctx: AuditReadContext, input: SearchAuditEventsInput): Promise<string> {
  const rows: AuditEvent[] = [];
  for (let page = 1; rows.length < AUDIT_MAX_EXPORT_ROWS; page++) {
    const chunk = await searchAuditEvents({ ctx, input: { ...input, page, pageSize: AUDIT_MAX_PAGE_SIZE } });
    rows.push(...chunk.items);
    if (chunk.items.length < AUDIT_MAX_PAGE_SIZE || rows.length >= chunk.total) break;
  }
  return toCsv(COLUMNS, rows.slice(0, AUDIT_MAX_EXPORT_ROWS));
}
