// Sends a prepared flow to the treasury under its wire name, after the routing commands, then records it TRANSMIS.
// A retry after a worker died between the upload and the record finds the file on the server and does not send it
// again (uploadToTreasury).
import { recordAudit } from '../../platform/audit/index.ts';
import { systemActor } from '../../platform/auth/index.ts';
import type { AccountingDeps } from '../settings.ts';
import { uploadToTreasury } from '../transport/treasury-ftp.ts';
import { loadFlow, moveFlow } from './flow-row.ts';
import { treasuryOf } from './treasury-of.ts';

export type UploadDeps = Pick<AccountingDeps, 'db' | 'files' | 'accounting'>;

export async function uploadFlow(deps: UploadDeps, flowId: string): Promise<{ uploaded: boolean; wireName: string }> {
  const flow = await loadFlow(deps.db, flowId);
  if (!flow.wireName || !flow.sentFileId) throw new Error(`flow ${flowId} not ready to send`);
  const wireName = flow.wireName;
  if (flow.transmittedAt) return { uploaded: false, wireName };
  const files = deps.files;
  if (!files) throw new Error('no file store');
  const head = await files.head(flow.sentFileId);
  if (!head) throw new Error(`file to send of flow ${flowId} missing`);
  const { endpoint, routing } = await treasuryOf(deps, flow);
  const result = await uploadToTreasury(endpoint, wireName, head.size, routing, async () => {
    const opened = await files.get(head.id);
    if (!opened) throw new Error('file to send vanished');
    return opened.stream;
  });
  await deps.db.transaction(async (tx) => {
    await moveFlow(tx, flowId, 'TRANSMIS', { transmittedAt: new Date() });
    await recordAudit(tx, {
      actor: systemActor('treasury-flows'),
      action: 'accounting.transmit',
      subject: { type: 'pes_flow', id: flowId },
      structureId: flow.structureId,
      after: { wireName, uploaded: result.uploaded },
    });
  });
  return { ...result, wireName };
}
