// The verb by which an agent asks the prefecture for the collectivity's classification (7-1 DemandeClassification),
// with the date of the file in use (the ministry then answers 7-3 when nothing changed) or none (`forced`: the
// ministry sends the whole file, 7-2). The request and its audit row are one transaction; its workflow sends it,
// started after the commit or, when Temporal was out of reach, by the request relay.
import { eq } from 'drizzle-orm';
import { actClassificationRequests } from '../../../db/schema/acts.ts';
import { recordAudit } from '../../platform/audit/index.ts';
import { hasRole, requireActorPresent } from '../../platform/auth/index.ts';
import { AppError } from '../../platform/errors.ts';
import type { VerbCall } from '../../platform/verb.ts';
import type { Actor } from '../../platform/auth/index.ts';
import { chooseStructure } from '../create/create-act.ts';
import type { ActsDeps } from '../deps.ts';
import { currentClassification } from '../queries/classification.ts';
import { launchClassificationRequest } from './launch-request.ts';

export interface ClassificationRequestInput {
  siren?: string | undefined;
  forced?: boolean | undefined;
}

export async function requestClassification({
  ctx,
  input,
}: VerbCall<ActsDeps, ClassificationRequestInput>): Promise<{ id: string; status: string }> {
  const { deps } = ctx;
  const actor = requireActorPresent(ctx.actor);
  const structure = await chooseStructure(deps, actor, input.siren);
  const inUse = input.forced ? undefined : await currentClassification(deps.db, structure.id);
  const now = deps.clock.now();
  const request = await deps.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(actClassificationRequests)
      .values({ structureId: structure.id, inUseDate: inUse?.date ?? null, requestedAt: now })
      .returning();
    await recordAudit(tx, {
      actor,
      action: 'act.classification_requested',
      subject: { type: 'act_classification_request', id: row!.id },
      structureId: structure.id,
      after: { inUseDate: row!.inUseDate },
    });
    return row!;
  });
  // After the commit; a start Temporal did not confirm is made by the request relay within minutes.
  try {
    await launchClassificationRequest(deps, request.id);
  } catch (error) {
    deps.logger.warn({ err: error, requestId: request.id }, 'classification request noted; the relay will start it');
  }
  return { id: request.id, status: 'DEMANDE_ENREGISTREE' };
}

/** A request of one of the actor's collectivities, with its answer once the ministry gave it. */
export async function getClassificationRequest(deps: ActsDeps, actor: Actor | undefined, id: string) {
  requireActorPresent(actor);
  const notFound = new AppError('NOT_FOUND', 'Demande de classification introuvable.', 404);
  if (!/^[0-9a-f-]{36}$/i.test(id)) throw notFound;
  const [row] = await deps.db.select().from(actClassificationRequests).where(eq(actClassificationRequests.id, id));
  if (!row || !hasRole(actor, 'agent', row.structureId)) throw notFound;
  return {
    id: row.id,
    status: row.answeredAt ? 'REPONDUE' : row.sentAt ? 'TRANSMISE' : 'EN_ATTENTE_TRANSMISSION',
    inUseDate: row.inUseDate,
    archiveName: row.archiveName,
    sentAt: row.sentAt?.toISOString() ?? null,
    answer: row.answerCode,
    answeredAt: row.answeredAt?.toISOString() ?? null,
    classificationDate: row.answerDate,
  };
}
