// A batch as its page and the API show it: each act's progress (status, IDActe, error). For the agents of its
// structure and the operators; anyone else gets the same 404.
import { eq } from 'drizzle-orm';
import { actBatches } from '../../../db/schema/acts.ts';
import { actsFor, isOperator, type Actor } from '../../platform/auth/index.ts';
import { notFound } from '../../platform/errors.ts';
import type { ActsDeps } from '../deps.ts';
import { batchLines } from './send-batch.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export async function findVisibleBatch(deps: ActsDeps, actor: Actor | undefined, id: string) {
  if (!UUID.test(id)) throw notFound('Lot');
  const [batch] = await deps.db.select().from(actBatches).where(eq(actBatches.id, id));
  if (!batch || !(actsFor(actor, batch.structureId) || isOperator(actor))) throw notFound('Lot');
  return {
    id: batch.id,
    structureId: batch.structureId,
    createdAt: batch.createdAt.toISOString(),
    createdBy: batch.createdBy,
    acts: await batchLines(deps.db, batch.id),
  };
}
