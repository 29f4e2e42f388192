// Directory search: by name (case and accents ignored), SIREN, SIRET or INSEE code, with filters and paging.
import { and, asc, count, desc, eq, exists, like, ne, or, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { establishments, structures } from '../../db/schema/directory.ts';
import { mainEstablishmentJoin, summaryColumns } from './columns.ts';
import { compactIdentifier } from './identifiers.ts';
import { normalizeForSearch } from './normalize.ts';
import type { SearchStructuresInput, SearchStructuresResult } from './types.ts';

export const SEARCH_DEFAULT_LIMIT = 20;
export const SEARCH_MAX_LIMIT = 100;

interface TextMatch {
  where: SQL | undefined;
  /** Ranking for name queries: exact name first, then names starting with the query. */
  rank: SQL[];
}

function textMatch(q: string | undefined): TextMatch {
  const raw = q?.trim() ?? '';
  const digits = compactIdentifier(raw);
  if (/^[0-9]{14}$/.test(digits)) {
    const owns = exists(
      sql`(select 1 from ${establishments} where ${establishments.structureId} = ${structures.id} and ${establishments.siret} = ${digits})`,
    );
    return { where: owns, rank: [] };
  }
  if (/^[0-9]{9}$/.test(digits)) return { where: eq(structures.siren, digits), rank: [] };
  if (/^(2A|2B)[0-9]{3}$/i.test(digits)) return { where: eq(structures.inseeCode, digits.toUpperCase()), rank: [] };
  if (/^[0-9]+$/.test(digits)) {
    // Partial number: an INSEE code or SIREN being typed.
    return { where: or(like(structures.inseeCode, `${digits}%`), like(structures.siren, `${digits}%`)), rank: [] };
  }
  const name = normalizeForSearch(raw);
  if (name === '') return { where: undefined, rank: [] };
  // The normalised form holds only [a-z0-9 ]: no LIKE wildcard can slip in.
  return {
    where: like(structures.searchName, `%${name}%`),
    rank: [desc(sql`${structures.searchName} = ${name}`), desc(sql`${structures.searchName} like ${`${name}%`}`)],
  };
}

export async function searchStructures(db: Db, input: SearchStructuresInput): Promise<SearchStructuresResult> {
  const limit = Math.min(Math.max(Math.trunc(input.limit ?? SEARCH_DEFAULT_LIMIT), 1), SEARCH_MAX_LIMIT);
  const offset = Math.max(Math.trunc(input.offset ?? 0), 0);
  const text = textMatch(input.q);
  const where = and(
    text.where,
    input.kind ? eq(structures.kind, input.kind) : undefined,
    input.recipientsOnly ? and(ne(structures.kind, 'supplier'), eq(structures.active, true)) : undefined,
    input.departement ? eq(structures.departementCode, input.departement.toUpperCase()) : undefined,
    input.publicOnly ? ne(structures.kind, 'supplier') : undefined,
  );

  const [items, totals] = await Promise.all([
    db
      .select(summaryColumns)
      .from(structures)
      .leftJoin(establishments, mainEstablishmentJoin)
      .where(where)
      .orderBy(
        ...text.rank,
        asc(structures.kind),
        sql`${structures.population} desc nulls last`,
        asc(structures.name),
        asc(structures.id),
      )
      .limit(limit)
      .offset(offset),
    db.select({ n: count() }).from(structures).where(where),
  ]);
  return { items, total: totals[0]?.n ?? 0, limit, offset };
}
