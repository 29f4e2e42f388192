// The signing step of the transmission workflow: after linking (the PJRefs the hub added are signed too), before
// the wire name and the upload, each unsigned bordereau of the file to send is signed with the structure's identity.
// Without a usable identity the flow keeps waiting, the reason on it in French, and nothing is sent.
import { eq } from 'drizzle-orm';
import { pesFlows } from '../../../db/schema/accounting.ts';
import { recordAudit } from '../../platform/audit/index.ts';
import { systemActor } from '../../platform/auth/index.ts';
import { issue, type CheckIssue } from '../domain/check-issue.ts';
import { BordereauSigningError } from '../signature/sign-bordereau.ts';
import type { AccountingDeps } from '../settings.ts';
import { issuesOf, loadFlow, moveFlow } from '../transmission/flow-row.ts';
import { signUnsignedBordereaux } from './sign-pes-stream.ts';
import { openSigningIdentity } from './signing-identities.ts';

export type SignFlowDeps = Pick<AccountingDeps, 'db' | 'files' | 'accounting' | 'clock'>;

export type SignFlowOutcome =
  | { outcome: 'NOT_REQUESTED' }
  | { outcome: 'SIGNED'; bordereaux: number }
  | { outcome: 'NO_IDENTITY'; message: string }
  | { outcome: 'FAILED'; message: string };

const SIGNATURE_PLACE = { element: 'Bordereau/ds:Signature' };
const isSigningIssue = (i: CheckIssue) =>
  i.code === 'ERREUR_PES_SIGNATURE' && i.place.element === SIGNATURE_PLACE.element;

/** `requested`: the ordonnateur asked from the flow's page or the API (the deposit's request is on the row). */
export async function signFlow(deps: SignFlowDeps, flowId: string, requested: boolean): Promise<SignFlowOutcome> {
  const flow = await loadFlow(deps.db, flowId);
  if (flow.hubSignedAt) return { outcome: 'SIGNED', bordereaux: 0 };
  if (!flow.signRequested && !requested) return { outcome: 'NOT_REQUESTED' };
  const now = deps.clock.now();
  const opened = await openSigningIdentity(deps, flow.structureId, now);
  const others = issuesOf(flow).filter((i) => !isSigningIssue(i));
  if (!opened.ok) {
    await deps.db
      .update(pesFlows)
      .set({
        signRequested: true,
        issues: [...others, issue('ERREUR_PES_SIGNATURE', SIGNATURE_PLACE, `ne peut être apposée : ${opened.message}`)],
      })
      .where(eq(pesFlows.id, flowId));
    return { outcome: 'NO_IDENTITY', message: opened.message };
  }
  const files = deps.files;
  if (!files) throw new Error('no file store');
  const source = await files.get(flow.sentFileId ?? flow.originalFileId);
  if (!source) throw new Error(`file to sign of flow ${flowId} missing`);
  const count = { signed: 0 };
  let signedFile;
  try {
    signedFile = await files.put(signUnsignedBordereaux(source.stream, opened.identity, { signingTime: now }, count), {
      kind: 'accounting_flow',
      mediaType: 'application/xml',
      fileName: `${flow.nomFic || 'pes'}-signe.xml`,
      owningStructureId: flow.structureId,
    });
  } catch (error) {
    if (!(error instanceof BordereauSigningError)) throw error;
    await moveFlow(deps.db, flowId, 'ERREUR', {
      issues: [...others, issue('ERREUR_PES_SIGNATURE', SIGNATURE_PLACE, `ne peut être apposée : ${error.message}`)],
    });
    return { outcome: 'FAILED', message: error.message };
  }
  await deps.db.transaction(async (tx) => {
    await tx
      .update(pesFlows)
      .set({ sentFileId: signedFile.id, signRequested: true, hubSignedAt: now, issues: others })
      .where(eq(pesFlows.id, flowId));
    await recordAudit(tx, {
      actor: systemActor('treasury-flows'),
      action: 'accounting.sign',
      subject: { type: 'pes_flow', id: flowId },
      structureId: flow.structureId,
      after: { bordereaux: count.signed, certificate: opened.facts.fingerprintSha256 },
    });
  });
  return { outcome: 'SIGNED', bordereaux: count.signed };
}
