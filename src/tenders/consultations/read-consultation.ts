// A consultation as companies and the public see it once published (no account needed), and as its buyer's agents
// see it at any stage; lots with their deadlines, documents with size and format (TECH-02).
import { and, asc, desc, eq, ilike, lte, ne, or, sql } from 'drizzle-orm';
import { structures } from '../../../db/schema/directory.ts';
import { storedFiles } from '../../../db/schema/files.ts';
import { tenderConsultations, tenderDocuments, tenderLots } from '../../../db/schema/tenders.ts';
import { hasRole, isOperator, type Actor } from '../../platform/auth/index.ts';
import { notFound } from '../../platform/errors.ts';
import type { TenderDeps } from '../settings.ts';
import { partyOf } from '../deposits/parties.ts';
import { loadConsultation } from './buyer-scope.ts';

export interface ConsultationView {
  id: string;
  reference: string;
  title: string;
  object: string;
  buyer: { id: string; name: string; siret: string | null };
  procedure: string;
  nature: string;
  cpv: string;
  estimatedAmount: string;
  status: string;
  isTest: boolean;
  backupCopyAllowed: boolean;
  signatureRequired: boolean;
  publishedAt: string | null;
  lots: { number: number; title: string; cpv: string; estimatedAmount: string; deadline: string; closed: boolean }[];
  documents: {
    id: string;
    name: string;
    version: number;
    size: number;
    mediaType: string;
    sha256: string;
    publishedAt: string;
  }[];
}

export async function readConsultation(
  deps: TenderDeps,
  actor: Actor | undefined,
  id: string,
): Promise<ConsultationView> {
  const c = await loadConsultation(deps.db, id);
  if (!c) throw notFound('Consultation');
  const insider = hasRole(actor, 'agent', c.buyerId) || isOperator(actor);
  if (c.status === 'draft' && !insider) throw notFound('Consultation');
  const buyer = await partyOf(deps.db, c.buyerId);
  const lots = await deps.db
    .select()
    .from(tenderLots)
    .where(eq(tenderLots.consultationId, c.id))
    .orderBy(asc(tenderLots.number));
  const documents = await deps.db
    .select({ doc: tenderDocuments, file: storedFiles })
    .from(tenderDocuments)
    .innerJoin(storedFiles, eq(storedFiles.id, tenderDocuments.fileId))
    .where(eq(tenderDocuments.consultationId, c.id))
    .orderBy(asc(tenderDocuments.name), desc(tenderDocuments.version));
  return {
    id: c.id,
    reference: c.reference,
    title: c.title,
    object: c.object,
    buyer: { id: c.buyerId, name: buyer.name, siret: buyer.siret },
    procedure: c.procedure,
    nature: c.nature,
    cpv: c.cpv,
    estimatedAmount: c.estimatedAmount,
    status: c.status,
    isTest: c.isTest,
    backupCopyAllowed: c.backupCopyAllowed,
    signatureRequired: c.signatureRequired,
    publishedAt: c.publishedAt?.toISOString() ?? null,
    lots: lots.map((l) => ({
      number: l.number,
      title: l.title,
      cpv: l.cpv,
      estimatedAmount: l.estimatedAmount,
      deadline: l.deadline.toISOString(),
      closed: l.closedAt !== null,
    })),
    documents: documents.map(({ doc, file }) => ({
      id: doc.id,
      name: doc.name,
      version: doc.version,
      size: file.size,
      mediaType: file.mediaType,
      sha256: file.sha256,
      publishedAt: doc.createdAt.toISOString(),
    })),
  };
}

export interface ConsultationSummary {
  id: string;
  reference: string;
  title: string;
  buyer: string;
  procedure: string;
  cpv: string;
  status: string;
  isTest: boolean;
  nextDeadline: string;
}

/** The public search (OE-04): published consultations, open ones first by nearest deadline; text, CPV prefix, buyer. */
export async function searchConsultations(
  deps: TenderDeps,
  query: {
    q?: string | undefined;
    cpv?: string | undefined;
    buyerId?: string | undefined;
    /** Only consultations with a lot whose deadline is at or before this instant. */
    deadlineBefore?: Date | undefined;
    openOnly?: boolean;
    limit?: number;
  },
): Promise<ConsultationSummary[]> {
  const filters = [ne(tenderConsultations.status, 'draft')];
  if (query.openOnly !== false) filters.push(eq(tenderConsultations.status, 'published'));
  if (query.q) {
    const pattern = `%${query.q.replace(/[%_\\]/g, (m) => `\\${m}`)}%`;
    filters.push(or(ilike(tenderConsultations.title, pattern), ilike(tenderConsultations.object, pattern))!);
  }
  if (query.cpv && /^[0-9]{2,8}$/.test(query.cpv))
    filters.push(sql`${tenderConsultations.cpv} like ${`${query.cpv}%`}`);
  if (query.buyerId && /^[0-9a-f-]{36}$/i.test(query.buyerId))
    filters.push(eq(tenderConsultations.buyerId, query.buyerId));
  const limit = Math.min(query.limit ?? 50, 200);
  const rows =
    query.openOnly === false
      ? await firstByDeadline(deps, filters, query.deadlineBefore, limit)
      : await openByDeadline(deps, filters, query.deadlineBefore, limit);
  return rows.map((r) => ({
    id: r.c.id,
    reference: r.c.reference,
    title: r.c.title,
    buyer: r.buyer,
    procedure: r.c.procedure,
    cpv: r.c.cpv,
    status: r.c.status,
    isTest: r.c.isTest,
    nextDeadline: new Date(r.nextDeadline).toISOString(),
  }));
}

type SearchFilter = ReturnType<typeof ne>;

/** Published ones (about a thousand at a time): grouped with their lots, nearest deadline first. */
function openByDeadline(deps: TenderDeps, filters: SearchFilter[], deadlineBefore: Date | undefined, limit: number) {
  const having = deadlineBefore
    ? sql`min(${tenderLots.deadline}) <= ${deadlineBefore.toISOString()}::timestamptz`
    : undefined;
  return deps.db
    .select({ c: tenderConsultations, buyer: structures.name, nextDeadline: sql<Date>`min(${tenderLots.deadline})` })
    .from(tenderConsultations)
    .innerJoin(structures, eq(structures.id, tenderConsultations.buyerId))
    .innerJoin(tenderLots, eq(tenderLots.consultationId, tenderConsultations.id))
    .where(and(...filters))
    .groupBy(tenderConsultations.id, structures.name)
    .having(having)
    .orderBy(sql`min(${tenderLots.deadline})`)
    .limit(limit);
}

/**
 * Closed ones too (9,000 a year): the lots are walked in deadline order (`tender_lots_deadline_idx`), each
 * consultation met at its first lot, and the walk stops at `limit` consultations, instead of grouping every lot of
 * every consultation to sort them. Same order as `openByDeadline`.
 */
function firstByDeadline(deps: TenderDeps, filters: SearchFilter[], deadlineBefore: Date | undefined, limit: number) {
  const first = sql`not exists (select 1 from ${tenderLots} earlier where earlier.consultation_id = ${tenderLots.consultationId}
    and (earlier.deadline, earlier.number) < (${tenderLots.deadline}, ${tenderLots.number}))`;
  return deps.db
    .select({ c: tenderConsultations, buyer: structures.name, nextDeadline: tenderLots.deadline })
    .from(tenderLots)
    .innerJoin(tenderConsultations, eq(tenderConsultations.id, tenderLots.consultationId))
    .innerJoin(structures, eq(structures.id, tenderConsultations.buyerId))
    .where(and(...filters, first, deadlineBefore ? lte(tenderLots.deadline, deadlineBefore) : undefined))
    .orderBy(asc(tenderLots.deadline))
    .limit(limit);
}

/**
 * The buyers that have published at least one consultation, for the search's buyer filter. A loose index scan of
 * `tender_consultations_published_buyer_idx`: one probe per buyer (hundreds) rather than a pass over every
 * consultation (9,000 a year), since the search page shows this list on every visit.
 */
export async function publishingBuyers(deps: TenderDeps): Promise<{ id: string; name: string }[]> {
  const c = tenderConsultations;
  const walked = sql`with recursive buyer(id) as (
      (select ${c.buyerId} from ${c} where ${c.status} <> 'draft' order by ${c.buyerId} limit 1)
      union all
      select (select next.buyer_id from ${c} next where next.buyer_id > buyer.id and next.status <> 'draft'
              order by next.buyer_id limit 1)
      from buyer where buyer.id is not null
    ) select id from buyer where id is not null`;
  return deps.db
    .select({ id: structures.id, name: structures.name })
    .from(structures)
    .where(sql`${structures.id} in (${walked})`)
    .orderBy(asc(structures.name))
    .limit(1000);
}
