// The verb by which client software marks a prefecture letter as fetched (S²LOW's "lu"): it leaves the list of
// unread letters. Marking twice changes nothing.
import { and, eq, isNull } from 'drizzle-orm';
import { actLetters } from '../../../db/schema/acts.ts';
import { auditActorRef, recordAudit } from '../../platform/audit/index.ts';
import { requireActorPresent } from '../../platform/auth/index.ts';
import type { VerbCall } from '../../platform/verb.ts';
import type { ActsDeps } from '../deps.ts';
import { findVisibleLetter } from './reply-to-letter.ts';

export async function markLetterRead({ ctx, input }: VerbCall<ActsDeps, { letterId: string }>): Promise<void> {
  const { deps } = ctx;
  const actor = requireActorPresent(ctx.actor);
  const { letter, act } = await findVisibleLetter(deps, actor, input.letterId);
  const now = deps.clock.now();
  await deps.db.transaction(async (tx) => {
    const marked = await tx
      .update(actLetters)
      .set({ readAt: now })
      .where(and(eq(actLetters.id, letter.id), isNull(actLetters.readAt)))
      .returning({ id: actLetters.id });
    if (marked.length > 0)
      await recordAudit(tx, {
        actor: auditActorRef(actor),
        action: 'act.letter_read',
        subject: { type: 'act_letter', id: letter.id },
        structureId: act.structureId,
        before: { readAt: null },
        after: { readAt: now.toISOString() },
      });
  });
}
