// The integer ids Chorus clients expect, for hub objects identified by UUIDs: given once from one sequence, then stable.
import { and, eq, inArray } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { chorusIds, type chorusIdKinds } from '../../db/schema/chorus.ts';

export type ChorusIdKind = (typeof chorusIdKinds)[number];

/** The Chorus integer ids of these hub objects, created for those that have none yet. */
export async function cppIdsOf(db: Db, kind: ChorusIdKind, hubIds: readonly string[]): Promise<Map<string, number>> {
  const unique = [...new Set(hubIds)];
  if (unique.length === 0) return new Map();
  const read = async () =>
    new Map(
      (
        await db
          .select({ hubId: chorusIds.hubId, cppId: chorusIds.cppId })
          .from(chorusIds)
          .where(and(eq(chorusIds.kind, kind), inArray(chorusIds.hubId, unique)))
      ).map((r) => [r.hubId, r.cppId]),
    );
  const known = await read();
  const missing = unique.filter((id) => !known.has(id));
  if (missing.length === 0) return known;
  await db
    .insert(chorusIds)
    .values(missing.map((hubId) => ({ kind, hubId })))
    .onConflictDoNothing();
  return read();
}

export async function cppIdOf(db: Db, kind: ChorusIdKind, hubId: string): Promise<number> {
  const id = (await cppIdsOf(db, kind, [hubId])).get(hubId);
  if (id === undefined) throw new Error(`no Chorus id for ${kind} ${hubId}`);
  return id;
}

/** The hub object behind a Chorus integer id, if it is one of `kind`. */
export async function hubIdOf(db: Db, kind: ChorusIdKind, cppId: unknown): Promise<string | undefined> {
  if (typeof cppId !== 'number' || !Number.isSafeInteger(cppId) || cppId <= 0 || cppId > 2_147_483_647)
    return undefined;
  const [row] = await db
    .select({ hubId: chorusIds.hubId })
    .from(chorusIds)
    .where(and(eq(chorusIds.kind, kind), eq(chorusIds.cppId, cppId)));
  return row?.hubId;
}
