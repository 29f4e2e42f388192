// The secure delivery of letters: a company reads the letters addressed to it in its space; the first download is
// its read receipt (the delivery receipt is the letter's sending time).
import { and, eq, isNull } from 'drizzle-orm';
import { tenderLetters } from '../../../db/schema/tenders.ts';
import { hasRole, requireActorPresent, structuresWithRole, type Actor } from '../../platform/auth/index.ts';
import { notFound } from '../../platform/errors.ts';
import type { OpenedFile } from '../../platform/files/index.ts';
import type { TenderDeps } from '../settings.ts';
import { inArray } from 'drizzle-orm';

export async function companyLetters(deps: TenderDeps, actorInput: Actor | undefined) {
  const actor = requireActorPresent(actorInput);
  const companies = structuresWithRole(actor, 'supplier');
  if (companies.length === 0) return [];
  const rows = await deps.db.select().from(tenderLetters).where(inArray(tenderLetters.companyId, companies));
  return rows.map((r) => ({
    letterId: r.id,
    kind: r.kind,
    sentAt: r.sentAt.toISOString(),
    readAt: r.readAt?.toISOString() ?? null,
  }));
}

export async function readLetter(
  deps: TenderDeps,
  actorInput: Actor | undefined,
  letterId: string,
): Promise<OpenedFile> {
  const actor = requireActorPresent(actorInput);
  if (!/^[0-9a-f-]{36}$/i.test(letterId)) throw notFound('Lettre');
  const [letter] = await deps.db.select().from(tenderLetters).where(eq(tenderLetters.id, letterId));
  if (!letter || !hasRole(actor, 'supplier', letter.companyId)) throw notFound('Lettre');
  const opened = await deps.files?.get(letter.fileId);
  if (!opened) throw notFound('Lettre');
  await deps.db
    .update(tenderLetters)
    .set({ readAt: deps.clock.now() })
    .where(and(eq(tenderLetters.id, letterId), isNull(tenderLetters.readAt)));
  return opened;
}
