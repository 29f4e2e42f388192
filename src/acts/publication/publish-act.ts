// Publishing an act on the collectivity's public page (CGCT L2131-1 since 1 July 2022). Only once the prefecture
// acknowledged it: the published file is the stamped PDF, whose ID and reception date exist only then. Publication
// is final (acts stay online, « de manière permanente et gratuite », L2131-1; at least two months, R2131-1): no
// verb removes it. Publishing again changes nothing and answers the first publication.
import { and, eq, isNull } from 'drizzle-orm';
import { acts } from '../../../db/schema/acts.ts';
import { auditActorRef } from '../../platform/audit/index.ts';
import { requireActorPresent, structuresWithRole } from '../../platform/auth/index.ts';
import { parisDate } from '../../platform/calendar/index.ts';
import { AppError, forbidden } from '../../platform/errors.ts';
import type { VerbCall } from '../../platform/verb.ts';
import type { ActsDeps } from '../deps.ts';
import type { ActStatus } from '../domain/statuses.ts';
import { recordActStep } from '../events.ts';
import { enforceableAt, findVisibleAct } from '../queries/find-act.ts';

export interface Publication {
  id: string;
  publishedAt: string;
  enforceableAt: string | null;
  alreadyPublished: boolean;
}

export async function publishAct({ ctx, input }: VerbCall<ActsDeps, { actId: string }>): Promise<Publication> {
  const { deps } = ctx;
  const actor = requireActorPresent(ctx.actor);
  const seen = await findVisibleAct(deps, actor, input.actId);
  if (!structuresWithRole(actor, 'agent').includes(seen.structureId))
    throw forbidden('Seul un agent de la collectivité peut publier cet acte.');
  const now = deps.clock.now();
  return deps.db.transaction(async (tx) => {
    const [act] = await tx.select().from(acts).where(eq(acts.id, seen.id)).for('update');
    if (act!.publishedAt)
      return {
        id: act!.id,
        publishedAt: act!.publishedAt.toISOString(),
        enforceableAt: enforceableAt(act!),
        alreadyPublished: true,
      };
    if (!act!.idActe || !act!.receivedOn)
      throw new AppError(
        'ACT_NOT_ACKNOWLEDGED',
        'Cet acte ne peut être publié qu’après l’accusé de réception de la préfecture, qui n’est pas encore reçu.',
        409,
      );
    if (act!.status === 'ANNULE' || act!.status === 'ANNULATION_DEMANDEE')
      throw new AppError('ACT_CANCELLED', 'La transmission de cet acte est annulée : il ne peut pas être publié.', 409);
    await tx
      .update(acts)
      .set({ publishedAt: now, updatedAt: now })
      .where(and(eq(acts.id, act!.id), isNull(acts.publishedAt)));
    const published = { ...act!, publishedAt: now };
    await recordActStep(tx, {
      actId: act!.id,
      structureId: act!.structureId,
      kind: 'published',
      status: act!.status as ActStatus,
      label: `Acte ${act!.number} publié le ${parisDate(now).split('-').reverse().join('/')}`,
      detail: { publishedAt: now.toISOString(), enforceableAt: enforceableAt(published) },
      dedupeKey: 'published',
      at: now,
      actor: auditActorRef(actor),
      before: { publishedAt: null },
    });
    return {
      id: act!.id,
      publishedAt: now.toISOString(),
      enforceableAt: enforceableAt(published),
      alreadyPublished: false,
    };
  });
}
