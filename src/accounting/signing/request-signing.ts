// The ordonnateur asks the hub to sign a flow's unsigned bordereaux (« Signer » on the flow's page, or POST
// /api/accounting/flows/{id}/sign): the structure's accountant only, with a usable signing identity, while the flow
// has not gone past its signing step — which the workflow's update validator alone knows for sure.
import { WorkflowUpdateFailedError } from '@temporalio/client';
import { WorkflowNotFoundError } from '@temporalio/common';
import { eq } from 'drizzle-orm';
import { pesFlows } from '../../../db/schema/accounting.ts';
import { recordAudit } from '../../platform/audit/index.ts';
import { hasRole, requireActorPresent } from '../../platform/auth/index.ts';
import { AppError, forbidden } from '../../platform/errors.ts';
import type { VerbCall } from '../../platform/verb.ts';
import { pesSignRequested, SIGNING_CLOSED_MESSAGE } from '../domain/contract.ts';
import { findVisibleFlow } from '../queries/flow-views.ts';
import type { AccountingDeps } from '../settings.ts';
import { openSigningIdentity } from './signing-identities.ts';

type RequestDeps = Pick<AccountingDeps, 'db' | 'temporal' | 'accounting' | 'clock'>;

const closed = () => new AppError('FLOW_SIGNING_CLOSED', SIGNING_CLOSED_MESSAGE, 409);

export async function requestFlowSigning({
  ctx,
  input,
}: VerbCall<RequestDeps, { flowId: string }>): Promise<{ flowId: string; requested: true }> {
  const actor = requireActorPresent(ctx.actor);
  const { deps } = ctx;
  const flow = await findVisibleFlow(deps, actor, { id: input.flowId });
  if (!hasRole(actor, 'accountant', flow.structureId))
    throw forbidden('Seul le comptable de la collectivité peut faire signer ses bordereaux par le hub.');
  if (flow.hubSignedAt || (flow.status !== 'POSTE' && flow.status !== 'ATTENTE')) throw closed();
  const identity = await openSigningIdentity(deps, flow.structureId, deps.clock.now());
  if (!identity.ok) throw new AppError(identity.code, identity.message, 422);
  const temporal = deps.temporal;
  if (!temporal)
    throw new AppError('WORKFLOW_UNAVAILABLE', 'Le moteur de traitement est indisponible : réessayez plus tard.', 503);
  try {
    await temporal.connection.withDeadline(Date.now() + 30_000, () =>
      temporal.workflow.getHandle(flow.workflowId).executeUpdate(pesSignRequested, { args: [] }),
    );
  } catch (error) {
    if (error instanceof WorkflowUpdateFailedError) throw closed();
    // Not started yet (Temporal was down at deposit): the relay starts it, and it signs what the row asks.
    if (!(error instanceof WorkflowNotFoundError) || flow.status !== 'POSTE') throw error;
  }
  await deps.db.transaction(async (tx) => {
    await tx.update(pesFlows).set({ signRequested: true }).where(eq(pesFlows.id, flow.id));
    await recordAudit(tx, {
      actor,
      action: 'accounting.sign_requested',
      subject: { type: 'pes_flow', id: flow.id },
      structureId: flow.structureId,
      after: { certificate: identity.facts.fingerprintSha256 },
    });
  });
  return { flowId: flow.id, requested: true };
}
