// What the public publication pages read: the collectivities that publish, and a collectivity's published acts,
// searched by words of the object (French stemming, accents folded), nature and decision-date range.
import { and, desc, eq, gte, isNotNull, lte, sql, type SQL } from 'drizzle-orm';
import { acts } from '../../../db/schema/acts.ts';
import { structures } from '../../../db/schema/directory.ts';
import { notFound } from '../../platform/errors.ts';
import type { ActsDeps } from '../deps.ts';
import { enforceableAt, type ActRow } from '../queries/find-act.ts';

export const PUBLIC_PAGE_SIZE = 20;

/** The same expression as the GIN index `acts_object_search_idx` (db/schema/acts.ts), so the index is used. */
const ACCENTED = 'àâäáãåçéèêëíìîïñóòôöõúùûüýÿœæ';
const PLAIN = 'aaaaaaceeeeiiiinooooouuuuyyoa';
export const objectSearchVector = sql`to_tsvector('french'::regconfig, translate(lower(${acts.object}), ${sql.raw(`'${ACCENTED}'`)}, ${sql.raw(`'${PLAIN}'`)}))`;
const searchQuery = (words: string) =>
  sql`websearch_to_tsquery('french'::regconfig, translate(lower(${words}), ${sql.raw(`'${ACCENTED}'`)}, ${sql.raw(`'${PLAIN}'`)}))`;

export async function publishingStructures(deps: ActsDeps) {
  return deps.db
    .select({ siren: structures.siren, name: structures.name })
    .from(structures)
    .where(
      and(
        isNotNull(structures.siren),
        sql`exists (select 1 from ${acts} where ${acts.structureId} = ${structures.id} and ${acts.publishedAt} is not null)`,
      ),
    )
    .orderBy(structures.name);
}

export interface PublicSearch {
  words?: string;
  nature?: number;
  from?: string;
  to?: string;
  page: number;
}

export async function publishingStructure(deps: ActsDeps, siren: string) {
  const [row] = /^\d{9}$/.test(siren)
    ? await deps.db
        .select({ id: structures.id, name: structures.name, siren: structures.siren })
        .from(structures)
        .where(eq(structures.siren, siren))
    : [];
  if (!row) throw notFound('Collectivité');
  return row;
}

export async function searchPublishedActs(deps: ActsDeps, structureId: string, search: PublicSearch) {
  const filters: SQL[] = [eq(acts.structureId, structureId), isNotNull(acts.publishedAt)];
  if (search.words) filters.push(sql`${objectSearchVector} @@ ${searchQuery(search.words)}`);
  if (search.nature) filters.push(eq(acts.nature, search.nature));
  if (search.from) filters.push(gte(acts.decisionDate, search.from));
  if (search.to) filters.push(lte(acts.decisionDate, search.to));
  const where = and(...filters);
  const [rows, [counted]] = await Promise.all([
    deps.db
      .select()
      .from(acts)
      .where(where)
      .orderBy(sql`${acts.publishedAt} desc nulls last`, desc(acts.id))
      .limit(PUBLIC_PAGE_SIZE)
      .offset((search.page - 1) * PUBLIC_PAGE_SIZE),
    deps.db
      .select({ n: sql<number>`count(*)::int` })
      .from(acts)
      .where(where),
  ]);
  return { total: counted?.n ?? 0, acts: rows.map(publicView) };
}

const publicView = (a: ActRow) => ({
  id: a.id,
  number: a.number,
  nature: a.nature,
  object: a.object,
  decisionDate: a.decisionDate,
  publishedAt: a.publishedAt!,
  enforceableAt: enforceableAt(a),
});

/** A published act of this structure, or the same 404 as a missing one. */
export async function findPublishedAct(deps: ActsDeps, structureId: string, id: string): Promise<ActRow> {
  if (!/^[0-9a-f-]{36}$/i.test(id)) throw notFound('Acte');
  const [act] = await deps.db
    .select()
    .from(acts)
    .where(and(eq(acts.id, id), eq(acts.structureId, structureId), isNotNull(acts.publishedAt)));
  if (!act) throw notFound('Acte');
  return act;
}
