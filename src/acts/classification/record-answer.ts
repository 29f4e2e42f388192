// The ministry's answer to a 7-1, read from the mailbox: a 7-2 (the new file, stored by the caller) or a 7-3 (no
// change). It answers every request of the structure sent and still unanswered; a repeated mail changes nothing.
import { and, eq, isNotNull, isNull } from 'drizzle-orm';
import { actClassificationRequests } from '../../../db/schema/acts.ts';
import { recordAudit } from '../../platform/audit/index.ts';
import { systemActor } from '../../platform/auth/index.ts';
import type { ActsDeps } from '../deps.ts';

export async function recordClassificationAnswer(
  deps: ActsDeps,
  structureId: string,
  code: '7-2' | '7-3',
  classificationDate: string | undefined,
): Promise<void> {
  const now = deps.clock.now();
  await deps.db.transaction(async (tx) => {
    const answered = await tx
      .update(actClassificationRequests)
      .set({ answerCode: code, answeredAt: now, answerDate: classificationDate ?? null })
      .where(
        and(
          eq(actClassificationRequests.structureId, structureId),
          isNotNull(actClassificationRequests.sentAt),
          isNull(actClassificationRequests.answeredAt),
        ),
      )
      .returning({ id: actClassificationRequests.id });
    for (const request of answered)
      await recordAudit(tx, {
        actor: systemActor('acts-transmission'),
        action: 'act.classification_answered',
        subject: { type: 'act_classification_request', id: request.id },
        structureId,
        after: { answer: code, classificationDate: classificationDate ?? null },
      });
  });
}
