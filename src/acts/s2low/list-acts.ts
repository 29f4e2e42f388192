// api/list_actes.php and api/number_actes.php: the acts of the actor's collectivity whose S²LOW status is
// `status_id`, newest first, as ActesTransactionsSQL::getListByStatusAndAuthority selects them.
import { and, desc, inArray } from 'drizzle-orm';
import { acts } from '../../../db/schema/acts.ts';
import { structuresWithRole, type Actor } from '../../platform/auth/index.ts';
import { parisDate } from '../../platform/calendar/index.ts';
import { invalidField } from '../create/act-input.ts';
import type { ActsDeps } from '../deps.ts';
import { ACT_NATURES, type ActNature } from '../domain/natures.ts';
import { ACT_STATUSES, s2lowStatus, type ActStatus } from '../domain/statuses.ts';
import { unansweredLetterActs } from './transactions.ts';

export interface ListQuery {
  statusId: number;
  offset: number;
  limit: number;
  minSubmissionDate?: string;
  maxSubmissionDate?: string;
}

const MAX_LIMIT = 1000;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

export function readListQuery(get: (name: string) => string | undefined): ListQuery {
  const int = (name: string, fallback: number) => {
    const raw = get(name);
    if (raw === undefined || raw === '') return fallback;
    if (!/^-?\d+$/.test(raw)) throw invalidField(name, `nombre entier attendu (« ${raw} »)`);
    return Number(raw);
  };
  const date = (name: string) => {
    const raw = get(name);
    if (raw === undefined || raw === '') return undefined;
    if (!DATE.test(raw)) throw invalidField(name, 'date attendue au format AAAA-MM-JJ');
    return raw;
  };
  const limit = int('limit', 100);
  if (limit < 1 || limit > MAX_LIMIT) throw invalidField('limit', `de 1 à ${MAX_LIMIT}`);
  const offset = int('offset', 0);
  if (offset < 0) throw invalidField('offset', 'nombre positif attendu');
  return {
    statusId: int('status_id', 0),
    offset,
    limit,
    minSubmissionDate: date('min_submission_date'),
    maxSubmissionDate: date('max_submission_date'),
  };
}

/** The hub statuses that can be reported as `n` (4 and 7, 21 and 7 differ by an unanswered letter). */
const hubStatusesFor = (n: number): ActStatus[] =>
  ACT_STATUSES.filter((s) => s2lowStatus(s, false) === n || s2lowStatus(s, true) === n);

async function matching(deps: ActsDeps, actor: Actor | undefined, query: ListQuery) {
  const mine = structuresWithRole(actor, 'agent');
  const statuses = hubStatusesFor(query.statusId);
  if (mine.length === 0 || statuses.length === 0) return { authority: mine[0] ?? null, rows: [] };
  const rows = await deps.db
    .select()
    .from(acts)
    .where(and(inArray(acts.structureId, mine), inArray(acts.status, statuses)))
    .orderBy(desc(acts.createdAt), desc(acts.id));
  const unanswered = await unansweredLetterActs(
    deps,
    rows.map((r) => r.id),
  );
  const filtered = rows.filter((r) => {
    if (s2lowStatus(r.status as ActStatus, unanswered.has(r.id)) !== query.statusId) return false;
    const submitted = parisDate(r.createdAt);
    if (query.minSubmissionDate && submitted < query.minSubmissionDate) return false;
    if (query.maxSubmissionDate && submitted > query.maxSubmissionDate) return false;
    return true;
  });
  return { authority: mine[0]!, rows: filtered };
}

export async function listActs(deps: ActsDeps, actor: Actor | undefined, query: ListQuery) {
  const { authority, rows } = await matching(deps, actor, query);
  return {
    status_id: query.statusId,
    authority_id: authority,
    offset: query.offset,
    limit: query.limit,
    transactions: rows.slice(query.offset, query.offset + query.limit).map((r) => ({
      id: r.id,
      subject: r.object,
      number: r.number,
      date: r.decisionDate,
      nature_descr: ACT_NATURES[r.nature as ActNature]?.label ?? '',
      classification: r.classification,
      type: '1',
    })),
  };
}

export async function countActs(deps: ActsDeps, actor: Actor | undefined, statusId: number) {
  const { authority, rows } = await matching(deps, actor, { statusId, offset: 0, limit: 1 });
  return { status_id: statusId, authority_id: authority, nb_transactions: rows.length };
}
