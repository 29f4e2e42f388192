// The operator's search of the audit log: by subject, actor, owning structure and Paris calendar days, newest first.
import { and, count, desc, eq, gte, lt } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../../../db/client.ts';
import { auditEvents } from '../../../db/schema/audit.ts';
import type { Actor } from '../auth/actor.ts';
import { requireOperator } from '../auth/authorize.ts';
import { addDays, isCalendarDate, parisMidnight } from '../calendar/index.ts';
import { invalidInput } from '../errors.ts';
import { AUDIT_SUBJECT_TYPE, type AuditEvent, type AuditSearchResult } from './types.ts';

export const AUDIT_MAX_PAGE_SIZE = 200;
export const AUDIT_DEFAULT_PAGE_SIZE = 50;

/** What a verb needs to read the log: the database and who asks. */
export interface AuditReadContext {
  db: Db;
  actor: Actor | undefined;
}

const text = (max: number) =>
  z
    .string()
    .trim()
    .max(max, { error: `${max} caractères au plus` })
    .optional()
    .transform((v) => (v === '' ? undefined : v));
const day = z
  .string()
  .trim()
  .optional()
  .transform((v) => (v === '' ? undefined : v))
  .refine((v) => v === undefined || isCalendarDate(v), { error: 'date attendue au format AAAA-MM-JJ' });

export const SearchAuditEventsInput = z
  .object({
    subjectType: text(60).refine((v) => v === undefined || AUDIT_SUBJECT_TYPE.test(v), {
      error: 'lettres minuscules, chiffres et soulignés (ex. invoice)',
    }),
    subjectId: text(200),
    actorId: text(200),
    structureId: text(36).refine((v) => v === undefined || z.uuid().safeParse(v).success, {
      error: 'identifiant (UUID) attendu',
    }),
    /** First Paris calendar day, included. */
    from: day,
    /** Last Paris calendar day, included. */
    to: day,
    page: z.coerce
      .number({ error: 'nombre entier attendu' })
      .int({ error: 'nombre entier attendu' })
      .min(1, { error: 'la page commence à 1' })
      .max(100_000)
      .default(1),
    pageSize: z.coerce
      .number({ error: 'nombre entier attendu' })
      .int({ error: 'nombre entier attendu' })
      .min(1, { error: 'au moins 1' })
      .max(AUDIT_MAX_PAGE_SIZE, { error: `au plus ${AUDIT_MAX_PAGE_SIZE} lignes par page` })
      .default(AUDIT_DEFAULT_PAGE_SIZE),
  })
  .refine((v) => v.from === undefined || v.to === undefined || v.from <= v.to, {
    error: 'la fin de la période précède son début',
    path: ['to'],
  });
export type SearchAuditEventsInput = z.input<typeof SearchAuditEventsInput>;
export type SearchAuditEventsFilters = z.output<typeof SearchAuditEventsInput>;

/** French names of the fields, for messages. */
export const AUDIT_FILTER_LABELS: Record<string, string> = {
  subjectType: 'Type d’objet',
  subjectId: 'Identifiant de l’objet',
  actorId: 'Identifiant de l’acteur',
  structureId: 'Structure',
  from: 'Du',
  to: 'Au',
  page: 'Page',
  pageSize: 'Lignes par page',
};

export function parseAuditFilters(input: SearchAuditEventsInput): SearchAuditEventsFilters {
  const parsed = SearchAuditEventsInput.safeParse(input);
  if (parsed.success) return parsed.data;
  const issues = parsed.error.issues.map((i) => ({ field: String(i.path[0] ?? ''), message: i.message }));
  const first = issues[0];
  throw invalidInput(
    `${AUDIT_FILTER_LABELS[first?.field ?? ''] ?? 'Recherche'} : ${first?.message ?? 'valeur invalide'}.`,
    issues,
  );
}

/** Operators only: the log shows every structure's activity. */
export async function searchAuditEvents(args: {
  ctx: AuditReadContext;
  input: SearchAuditEventsInput;
}): Promise<AuditSearchResult> {
  requireOperator(args.ctx.actor);
  const filters = parseAuditFilters(args.input);
  const where = and(
    filters.subjectType ? eq(auditEvents.subjectType, filters.subjectType) : undefined,
    filters.subjectId ? eq(auditEvents.subjectId, filters.subjectId) : undefined,
    filters.actorId ? eq(auditEvents.actorId, filters.actorId) : undefined,
    filters.structureId ? eq(auditEvents.structureId, filters.structureId.toLowerCase()) : undefined,
    filters.from ? gte(auditEvents.at, parisMidnight(filters.from)) : undefined,
    filters.to ? lt(auditEvents.at, parisMidnight(addDays(filters.to, 1))) : undefined,
  );
  const [items, totals] = await Promise.all([
    args.ctx.db
      .select()
      .from(auditEvents)
      .where(where)
      .orderBy(desc(auditEvents.at), desc(auditEvents.id))
      .limit(filters.pageSize)
      .offset((filters.page - 1) * filters.pageSize),
    args.ctx.db.select({ n: count() }).from(auditEvents).where(where),
  ]);
  return {
    items: items satisfies AuditEvent[],
    total: totals[0]?.n ?? 0,
    page: filters.page,
    pageSize: filters.pageSize,
  };
}
