// Drafts and batches through the JSON API over the real chain (Postgres, a Temporal worker, the demo ministry over
// mutual TLS, dovecot): a draft sends nothing, is edited (metadata, pieces replaced) and deleted by its structure's
// agents only, keeps its number unique; a batch of drafts is acknowledged act by act, sending it twice starts
// nothing twice, and a batch whose Temporal starts fail is started by the mailbox poller's relay.
import { and, count, eq } from 'drizzle-orm';
import { WorkflowNotFoundError } from '@temporalio/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { actPieces, acts } from '../../db/schema/acts.ts';
import { auditEvents } from '../../db/schema/audit.ts';
import { structures } from '../../db/schema/directory.ts';
import { storedFiles } from '../../db/schema/files.ts';
import { actWorkflowId } from '../../src/acts/index.ts';
import { createActivities } from '../../src/activities.ts';
import { createApp } from '../../src/app.ts';
import { createApiClient } from '../../src/platform/auth/index.ts';
import { useTestDatabase } from '../helpers/use-database.ts';
import { clientCredentialsToken } from '../helpers/client-token.ts';
import { startActsChain, type ActsChain } from './chain.ts';
import { actForm, demoRennesToken, metadata, samplePdf } from './harness.ts';

const t = useTestDatabase();
let chain: ActsChain;
let app: ReturnType<typeof createApp>;
let auth: Record<string, string>;
let langouet: Record<string, string>;

beforeAll(async () => {
  chain = await startActsChain(t.handle, { windowMs: 3_600_000 });
  app = createApp(chain.deps);
  auth = { authorization: `Bearer ${await demoRennesToken(app)}` };
  const [other] = await t.handle.db.select().from(structures).where(eq(structures.siren, '213501463'));
  await createApiClient(chain.deps, {
    clientId: 'test-langouet',
    clientSecret: 'test-langouet-secret',
    name: 'Logiciel de Langouët',
    structureId: other!.id,
    grants: [{ role: 'agent', structureId: other!.id }],
    scopes: ['openid'],
  });
  langouet = { authorization: `Bearer ${await clientCredentialsToken(app, 'test-langouet', 'test-langouet-secret')}` };
}, 120_000);

afterAll(async () => {
  await chain?.stop();
});

const draftMeta = (number: string, extra: Record<string, unknown> = {}) =>
  metadata(number, {
    draft: true,
    meetingLabel: 'Conseil municipal du 12 janvier',
    meetingDate: '2026-01-12',
    ...extra,
  });

async function createDraft(number: string, extra: Record<string, unknown> = {}): Promise<string> {
  const res = await app.request('/api/acts', {
    method: 'POST',
    headers: auth,
    body: actForm(draftMeta(number, extra), samplePdf(), [{ name: 'annexe.pdf', bytes: samplePdf('Annexe') }]),
  });
  expect(res.status).toBe(201);
  const body = (await res.json()) as { id: string; status: string };
  expect(body.status).toBe('BROUILLON');
  return body.id;
}

const row = async (id: string) => (await t.handle.db.select().from(acts).where(eq(acts.id, id)))[0];
const piecesOf = (id: string) =>
  t.handle.db.select().from(actPieces).where(eq(actPieces.actId, id)).orderBy(actPieces.position);
const sentToMinistry = (number: string) =>
  chain.ministry.received.filter((r) => r.acte && r.messageName.includes(`-${number}-`));
async function workflowExists(actId: string): Promise<boolean> {
  try {
    await chain.client.workflow.getHandle(actWorkflowId(actId)).describe();
    return true;
  } catch (error) {
    if (error instanceof WorkflowNotFoundError) return false;
    throw error;
  }
}
const auditCount = async (action: string) =>
  (await t.handle.db.select({ n: count() }).from(auditEvents).where(eq(auditEvents.action, action)))[0]!.n;
/** The relay as the mailbox poller runs it, two minutes on (past its one-minute grace). */
const relayLater = () =>
  createActivities({ ...chain.deps, clock: { now: () => new Date(Date.now() + 120_000) } }).actsReadMailbox();
const sendBatch = (actIds: string[], headers = auth, on = app) =>
  on.request('/api/acts/batches', {
    method: 'POST',
    headers: { ...headers, 'content-type': 'application/json' },
    body: JSON.stringify({ actIds }),
  });
const acknowledged = (ids: string[]) =>
  chain.until('the acknowledgements', async () => {
    const rows = await Promise.all(ids.map(row));
    return rows.every((r) => r?.status === 'ACQUITTE') ? rows : undefined;
  });

describe('drafts', () => {
  let draftId: string;

  it('keeps a draft: nothing reaches the ministry, no workflow, even when the relay runs', async () => {
    draftId = await createDraft('BR2026_001');
    const stored = await row(draftId);
    expect(stored).toMatchObject({
      status: 'BROUILLON',
      submittedAt: null,
      meetingLabel: 'Conseil municipal du 12 janvier',
      meetingDate: '2026-01-12',
    });
    const detail = (await (await app.request(`/api/acts/${draftId}`, { headers: auth })).json()) as any;
    expect(detail.status).toBe('BROUILLON');
    expect(detail.events.map((e: { kind: string }) => e.kind)).toEqual(['draft_created']);
    await relayLater();
    await new Promise((r) => setTimeout(r, 1000));
    expect(sentToMinistry('BR2026_001')).toHaveLength(0);
    expect(await workflowExists(draftId)).toBe(false);
    expect((await row(draftId))!.status).toBe('BROUILLON');
    expect(await auditCount('act.draft_created')).toBe(1);

    const listed = (await (await app.request('/api/acts?status=BROUILLON', { headers: auth })).json()) as any;
    expect(listed.items.map((a: { number: string }) => a.number)).toContain('BR2026_001');
    expect(listed.items.every((a: { status: string }) => a.status === 'BROUILLON')).toBe(true);
    const searched = (await (await app.request('/api/acts?q=BR2026_001', { headers: auth })).json()) as any;
    expect(searched.total).toBe(1);
  }, 60_000);

  it('edits a draft: metadata changed, pieces renamed with the number, then replaced (old files deleted)', async () => {
    const put = (form: FormData, headers = auth) =>
      app.request(`/api/acts/${draftId}`, { method: 'PUT', headers, body: form });
    const renamed = await put(actForm(draftMeta('BR2026_002', { object: 'Tarifs de la piscine' }), undefined));
    expect(renamed.status).toBe(200);
    expect(await row(draftId)).toMatchObject({
      number: 'BR2026_002',
      object: 'Tarifs de la piscine',
      status: 'BROUILLON',
    });
    const kept = await piecesOf(draftId);
    expect(kept.map((p) => p.archiveName)).toEqual([
      '99_DE-035-213502388-20260115-BR2026_002-DE-1-1_1.pdf',
      '99_DE-035-213502388-20260115-BR2026_002-DE-1-1_2.pdf',
    ]);

    const replaced = await put(actForm(draftMeta('BR2026_002'), samplePdf('Nouvelle version')));
    expect(replaced.status).toBe(200);
    const pieces = await piecesOf(draftId);
    expect(pieces).toHaveLength(1);
    expect(pieces[0]!.fileId).not.toBe(kept[0]!.fileId);
    const oldFiles = await t.handle.db.select().from(storedFiles).where(eq(storedFiles.id, kept[0]!.fileId));
    expect(oldFiles).toHaveLength(0);

    // Refusals name their field and change nothing.
    const wrong = await put(actForm(draftMeta('BR2026_002', { classification: '42.1' }), undefined));
    expect(wrong.status).toBe(400);
    expect(((await wrong.json()) as any).details.field).toBe('classification');
    const other = await createDraft('BR2026_003');
    const taken = await put(actForm(draftMeta('BR2026_003'), undefined));
    expect(taken.status).toBe(409);
    expect(((await taken.json()) as { code: string }).code).toBe('DUPLICATE_ACT_NUMBER');
    const duplicate = await app.request('/api/acts', {
      method: 'POST',
      headers: auth,
      body: actForm(draftMeta('BR2026_003'), samplePdf()),
    });
    expect(duplicate.status).toBe(409);
    expect((await row(draftId))!.number).toBe('BR2026_002');
    expect(await auditCount('act.draft_edited')).toBe(2);

    // Another collectivity's agent: the same 404 as for an act that does not exist.
    expect((await put(actForm(draftMeta('BR2026_009'), undefined), langouet)).status).toBe(404);
    expect((await app.request(`/api/acts/${other}`, { method: 'DELETE', headers: langouet })).status).toBe(404);
    expect((await sendBatch([other], langouet)).status).toBe(404);
    expect((await row(other))!.status).toBe('BROUILLON');

    const deleted = await app.request(`/api/acts/${other}`, { method: 'DELETE', headers: auth });
    expect(deleted.status).toBe(200);
    expect(await row(other)).toBeUndefined();
    expect(await auditCount('act.draft_deleted')).toBe(1);
  }, 60_000);

  it('sends a batch of drafts: one archive per act, all acknowledged; sent twice, nothing starts twice', async () => {
    const ids = [draftId, await createDraft('BR2026_010'), await createDraft('BR2026_011')];
    const res = await sendBatch(ids);
    expect(res.status).toBe(202);
    const batch = (await res.json()) as { id: string; replayed: boolean; acts: { id: string; status: string }[] };
    expect(batch.replayed).toBe(false);
    expect(batch.acts.map((a) => a.status)).toEqual(Array(3).fill('EN_ATTENTE_TRANSMISSION'));
    const rows = await acknowledged(ids);
    expect(rows.every((r) => r!.batchId === batch.id && r!.submittedAt !== null)).toBe(true);
    for (const n of ['BR2026_002', 'BR2026_010', 'BR2026_011']) expect(sentToMinistry(n)).toHaveLength(1);

    const again = await sendBatch([...ids].reverse());
    expect(again.status).toBe(202);
    const replay = (await again.json()) as { id: string; replayed: boolean; acts: { idActe: string }[] };
    expect(replay).toMatchObject({ id: batch.id, replayed: true });
    expect(replay.acts.map((a) => a.idActe)).toEqual([
      '035-213502388-20260115-BR2026_002-DE',
      '035-213502388-20260115-BR2026_010-DE',
      '035-213502388-20260115-BR2026_011-DE',
    ]);
    await chain.readMailbox();
    for (const n of ['BR2026_002', 'BR2026_010', 'BR2026_011']) expect(sentToMinistry(n)).toHaveLength(1);
    expect(await auditCount('act.batch_sent')).toBe(1);

    // A sent act is no longer a draft: not editable, not deletable, not in another batch.
    const del = await app.request(`/api/acts/${draftId}`, { method: 'DELETE', headers: auth });
    expect(del.status).toBe(409);
    expect(((await del.json()) as { code: string }).code).toBe('ACT_NOT_DRAFT');
    const mixed = await sendBatch([draftId, await createDraft('BR2026_012')]);
    expect(mixed.status).toBe(409);
    const view = (await (await app.request(`/api/acts/batches/${batch.id}`, { headers: auth })).json()) as any;
    expect(view.acts.map((a: { status: string }) => a.status)).toEqual(Array(3).fill('ACQUITTE'));
    expect((await app.request(`/api/acts/batches/${batch.id}`, { headers: langouet })).status).toBe(404);
  }, 120_000);

  it('a batch whose workflow starts fail stays waiting, and the relay starts every act of it', async () => {
    const ids = [await createDraft('BR2026_020'), await createDraft('BR2026_021')];
    // The same hub with Temporal out of reach.
    const offline = createApp({ ...chain.deps, temporal: undefined });
    const res = await sendBatch(ids, auth, offline);
    expect(res.status).toBe(202);
    for (const id of ids) {
      expect((await row(id))!.status).toBe('EN_ATTENTE_TRANSMISSION');
      expect(await workflowExists(id)).toBe(false);
    }
    // Within its grace minute the relay leaves them to their own start.
    await chain.readMailbox();
    for (const id of ids) expect(await workflowExists(id)).toBe(false);
    const relayed = (await relayLater()) as { relayed: number };
    expect(relayed.relayed).toBeGreaterThanOrEqual(2);
    await acknowledged(ids);
    for (const n of ['BR2026_020', 'BR2026_021']) expect(sentToMinistry(n)).toHaveLength(1);
    const rows = await t.handle.db
      .select()
      .from(acts)
      .where(and(eq(acts.number, 'BR2026_012'), eq(acts.status, 'BROUILLON')));
    expect(rows).toHaveLength(1);
  }, 120_000);
});
