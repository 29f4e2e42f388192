// Determinism of pesTransmissionWorkflow: it replays the kept history of a run recorded before the hub signed
// bordereaux (no 'pes-hub-signing' marker: the step is skipped on replay), and the history of a run made now, whose
// bordereau the hub signed. RECORD_HISTORIES=1 rewrites the kept current one from this run.
import { readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { historyToJSON } from '@temporalio/common/lib/proto-utils';
import { Worker } from '@temporalio/worker';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { depositPes } from '../../src/accounting/deposit/deposit-pes.ts';
import { pesAllerText } from '../../src/accounting/domain/build-pes.ts';
import { pesWorkflowId } from '../../src/accounting/domain/contract.ts';
import { setSigningIdentity } from '../../src/accounting/signing/signing-identities.ts';
import { workflowBundle } from '../../src/platform/temporal/worker.ts';
import { useTestDatabase } from '../helpers/use-database.ts';
import { pollUntil, startHarness, storeBytes, type Harness } from './accounting-harness.ts';
import { demoSpec } from './pes-fixtures.ts';
import { makeTestIdentity } from './test-identity.ts';

const KEPT_V1 = fileURLToPath(new URL('../histories/pes-transmission-v1.json', import.meta.url));
const KEPT = fileURLToPath(new URL('../histories/pes-transmission-v2-signed.json', import.meta.url));

type History = { events: { markerRecordedEventAttributes?: { markerName?: string } }[] };
// The workflow has one patch: a history with a patch marker took the signing step.
const hasSigningPatch = (history: History) =>
  history.events.some((e) => e.markerRecordedEventAttributes?.markerName === 'core_patch');

const t = useTestDatabase();
let h: Harness;

beforeAll(async () => {
  h = await startHarness(t.handle);
}, 120_000);
afterAll(async () => h?.stop());

const replayOptions = async () => ({ workflowBundle: await workflowBundle() });

describe('replay of the PES transmission workflow', () => {
  it('replays the kept history of a run recorded before the hub signed (no signing step)', async () => {
    const history = JSON.parse(await readFile(KEPT_V1, 'utf8')) as History;
    expect(hasSigningPatch(history)).toBe(false);
    await Worker.runReplayHistory(await replayOptions(), history);
  }, 120_000);

  it('replays the history of a run made now, whose bordereau the hub signed, and the kept one of such a run', async () => {
    const actor = h.parties.accountant.actor;
    await setSigningIdentity({ ctx: { deps: h.deps, actor }, input: makeTestIdentity() });
    const spec = demoSpec({ nomFic: `T-REPLAY-${Date.now()}`, idColl: h.parties.accountant.party.siret });
    spec.dematerialised = true;
    const file = await storeBytes(h.deps, Buffer.from(pesAllerText(spec), 'latin1'));
    const result = await depositPes({
      ctx: { deps: h.deps, actor },
      input: { fileId: file.id, channel: 'api', sign: true },
    });
    expect(result.accepted).toBe(true);
    const row = await pollUntil(
      h.deps,
      result.flowId,
      ['ACQUITTE', 'INFORMATION_DISPONIBLE', 'REFUSE', 'ERREUR'],
      120_000,
    );
    expect(row.hubSignedAt).not.toBeNull();
    const handle = h.client.workflow.getHandle(pesWorkflowId(result.flowId));
    await handle.result();
    const history = await handle.fetchHistory();
    if (process.env.RECORD_HISTORIES === '1') await writeFile(KEPT, historyToJSON(history));
    expect(hasSigningPatch(JSON.parse(historyToJSON(history)) as History)).toBe(true);
    await Worker.runReplayHistory(await replayOptions(), history);
    const kept = JSON.parse(await readFile(KEPT, 'utf8')) as History;
    expect(hasSigningPatch(kept)).toBe(true);
    await Worker.runReplayHistory(await replayOptions(), kept);
  }, 180_000);
});
