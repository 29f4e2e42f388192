// The acts of the structures an agent acts for, newest first, with the filters of the page `/actes` and, per act,
// the prefecture's letters still waiting for an answer and how many of them are late.
import { and, count, desc, eq, gte, ilike, inArray, lte, or, sql, type SQL } from 'drizzle-orm';
import { actLetters, acts } from '../../../db/schema/acts.ts';
import { structures } from '../../../db/schema/directory.ts';
import type { ActsDeps } from '../deps.ts';
import { lateBefore } from '../domain/letter-answers.ts';
import type { ActStatus } from '../domain/statuses.ts';

export interface AgentActsFilter {
  status?: ActStatus;
  nature?: number;
  /** Words of the number or of the object. */
  text?: string;
  /** Decision date range (YYYY-MM-DD). */
  from?: string;
  to?: string;
  /** Only the acts with a late answer to the prefecture. */
  lateOnly?: boolean;
  page: number;
  pageSize: number;
}

export interface AgentActItem {
  id: string;
  number: string;
  object: string;
  nature: number;
  status: ActStatus;
  idActe: string | null;
  decisionDate: string;
  windowEndsOn: string | null;
  windowSuspended: number;
  createdAt: Date;
  meetingLabel: string | null;
  meetingDate: string | null;
  structureName: string;
  awaitingAnswers: number;
  lateAnswers: number;
}

// Letters admitting a reply (statuses.ts LETTER_REPLIES) with none asked for yet.
const AWAITING = sql`${actLetters.code} in ('2-1', '3-1', '4-1') and ${actLetters.replyRequestedAt} is null`;

const escapeLike = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

export async function listAgentActs(
  deps: ActsDeps,
  structureIds: string[],
  filter: AgentActsFilter,
): Promise<{ items: AgentActItem[]; total: number }> {
  if (structureIds.length === 0) return { items: [], total: 0 };
  // An ISO text: a Date inside a raw sql fragment is not serialised by the driver.
  const late = lateBefore(deps.clock.now()).toISOString();
  const awaiting = sql<number>`(select count(*)::int from ${actLetters} where ${actLetters.actId} = ${acts.id} and ${AWAITING})`;
  const lateCount = sql<number>`(select count(*)::int from ${actLetters} where ${actLetters.actId} = ${acts.id} and ${AWAITING} and ${actLetters.receivedAt} < ${late}::timestamptz)`;
  const conditions: SQL[] = [inArray(acts.structureId, structureIds)];
  if (filter.status) conditions.push(eq(acts.status, filter.status));
  if (filter.nature) conditions.push(eq(acts.nature, filter.nature));
  if (filter.from) conditions.push(gte(acts.decisionDate, filter.from));
  if (filter.to) conditions.push(lte(acts.decisionDate, filter.to));
  if (filter.text) {
    const pattern = `%${escapeLike(filter.text)}%`;
    conditions.push(or(ilike(acts.number, pattern), ilike(acts.object, pattern))!);
  }
  if (filter.lateOnly) conditions.push(sql`${lateCount} > 0`);
  const where = and(...conditions);
  const [items, [total]] = await Promise.all([
    deps.db
      .select({
        id: acts.id,
        number: acts.number,
        object: acts.object,
        nature: acts.nature,
        status: acts.status,
        idActe: acts.idActe,
        decisionDate: acts.decisionDate,
        windowEndsOn: acts.windowEndsOn,
        windowSuspended: acts.windowSuspended,
        createdAt: acts.createdAt,
        meetingLabel: acts.meetingLabel,
        meetingDate: acts.meetingDate,
        structureName: structures.name,
        awaitingAnswers: awaiting,
        lateAnswers: lateCount,
      })
      .from(acts)
      .innerJoin(structures, eq(structures.id, acts.structureId))
      .where(where)
      .orderBy(desc(acts.createdAt), desc(acts.id))
      .limit(filter.pageSize)
      .offset((filter.page - 1) * filter.pageSize),
    deps.db.select({ n: count() }).from(acts).where(where),
  ]);
  return { items: items as AgentActItem[], total: total?.n ?? 0 };
}
