// The collectivity's acknowledgement of a prefecture letter on the real chain (worker, demo ministry over mutual
// TLS, answers read over IMAP from dovecot): a 3-1 gets exactly one 3-2 ARDemandePieceComplementaire and a 4-1 one
// 4-2 ARLettreObservations, each sent before the reply, recorded as a step and mirrored as S²LOW status 8; the
// ministry answers the reply with 3-5 / 4-5. A worker killed between the ministry's 200 for the 3-2 and its record
// leaves one 3-2 at the ministry.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { NativeConnection, type Worker } from '@temporalio/worker';
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { actEvents, actLetters } from '../../db/schema/acts.ts';
import { ACTES_NS } from '../../src/acts/domain/xml-text.ts';
import { readXml } from '../../src/acts/index.ts';
import { letterS2lowStatus } from '../../src/acts/s2low/transactions.ts';
import { createActivities } from '../../src/activities.ts';
import { createApp } from '../../src/app.ts';
import { createFileStore, diskBackend } from '../../src/platform/files/index.ts';
import { createHubWorker } from '../../src/platform/temporal/worker.ts';
import { skipUnlessCi } from '../helpers/required-under-ci.ts';
import { urlForDatabase } from '../helpers/test-database.ts';
import { useTestDatabase } from '../helpers/use-database.ts';
import { startActsChain, type ActsChain } from './chain.ts';
import { actForm, demoRennesToken, metadata, samplePdf } from './harness.ts';

const t = useTestDatabase();
const source = inject('testDatabase');
const filesRoot = mkdtempSync(join(tmpdir(), 'hub-acts-ack-files-'));
let chain: ActsChain;
let app: ReturnType<typeof createApp>;
let auth: Record<string, string>;
let child: ChildProcess | undefined;
let replacement: { worker: Worker; running: Promise<void>; connection: NativeConnection } | undefined;

beforeAll(async () => {
  chain = await startActsChain(t.handle, {
    ministry: { ackDelayMs: 100 },
    deps: { files: createFileStore({ db: t.handle.db, backend: diskBackend(filesRoot) }) },
  });
  app = createApp(chain.deps);
  auth = { authorization: `Bearer ${await demoRennesToken(app)}` };
}, 120_000);

afterAll(async () => {
  child?.kill('SIGKILL');
  replacement?.worker.shutdown();
  await replacement?.running;
  await replacement?.connection.close();
  await chain?.stop();
});

type ActDetail = { status: string; idActe: string; events: { kind: string; label: string; status: string }[] };
const detail = async (id: string, on = app) =>
  (await (await on.request(`/api/acts/${id}`, { headers: auth })).json()) as ActDetail;

async function acknowledgedAct(number: string, on = app): Promise<{ id: string; idActe: string }> {
  const res = await on.request('/api/acts', {
    method: 'POST',
    headers: auth,
    body: actForm(metadata(number), samplePdf()),
  });
  expect(res.status).toBe(201);
  const { id } = (await res.json()) as { id: string };
  const act = await chain.until(
    `the 1-2 of ${number}`,
    async () => {
      const a = await detail(id, on);
      return a.status === 'ACQUITTE' ? a : undefined;
    },
    90_000,
  );
  return { id, idActe: act.idActe };
}

async function letterOf(actId: string, code: string) {
  return chain.until(`the ${code} letter`, async () => {
    const [row] = await t.handle.db
      .select()
      .from(actLetters)
      .where(and(eq(actLetters.actId, actId), eq(actLetters.code, code)));
    return row;
  });
}

const acknowledgementsOf = (idActe: string) => chain.ministry.acknowledgements.filter((a) => a.idActe === idActe);
const eventsOf = (actId: string, kind: string) =>
  t.handle.db
    .select()
    .from(actEvents)
    .where(and(eq(actEvents.actId, actId), eq(actEvents.kind, kind)));

/** The message's root, its prefixed attributes by local name, and whether it holds anything besides them. */
function parsedAcknowledgement(xml: Buffer) {
  const node = readXml(xml);
  const attrs = Object.fromEntries(
    Object.entries(node.attrs)
      .filter(([k]) => k.startsWith(`{${ACTES_NS}}`))
      .map(([k, v]) => [k.slice(ACTES_NS.length + 2), v]),
  );
  return { root: node.name, ns: node.ns, attrs, children: node.children.length, text: node.text.trim() };
}

describe('letter acknowledgements (3-2, 4-2)', () => {
  it('acknowledges a 3-1 with one 3-2 before the 3-3, records it, reports S²LOW status 8, and gets the 3-5', async () => {
    const { id, idActe } = await acknowledgedAct('A2026_001');
    await chain.ministry.sendLetter(idActe, '3-1', 'Merci de transmettre le rapport de présentation.');
    const letter = await letterOf(id, '3-1');
    const [ack] = await chain.until('the 3-2 at the ministry', async () =>
      acknowledgementsOf(idActe).length > 0 ? acknowledgementsOf(idActe) : undefined,
    );
    expect(parsedAcknowledgement(ack!.xml)).toEqual({
      root: 'ARDemandePieceComplementaire',
      ns: ACTES_NS,
      attrs: { IDActe: idActe, DateCourrierPref: letter.letterDate },
      children: 0,
      text: '',
    });
    expect(ack!.xml.toString('latin1')).toMatch(/^<\?xml version="1\.0" encoding="ISO-8859-1"\?>/);
    const taken = chain.ministry.received.find((r) => r.archiveName === ack!.archiveName)!;
    expect(taken.messageName).toBe(`${idActe}-3-2_0.xml`);
    expect(ack!.archiveName).toMatch(/^HUB-EACT--213502388--20260115-\d+\.tar\.gz$/);

    const recorded = await chain.until('the 3-2 recorded', async () => {
      const [row] = await t.handle.db.select().from(actLetters).where(eq(actLetters.id, letter.id));
      return row?.ackSentAt ? row : undefined;
    });
    expect(recorded.ackArchiveName).toBe(ack!.archiveName);
    expect(letterS2lowStatus(recorded)).toBe(8);
    const steps = await eventsOf(id, 'acknowledgement_sent');
    expect(steps).toHaveLength(1);
    expect(steps[0]!.detail).toEqual({ code: '3-2', letterId: letter.id, archiveName: ack!.archiveName });
    expect((await detail(id)).events.map((e) => e.label)).toContain(
      `Acquittement envoyé à la préfecture (3-2) : « Demande de pièces complémentaires » du ${letter.letterDate} bien reçue`,
    );

    const reply = await app.request(`/api/acts/${id}/replies`, {
      method: 'POST',
      headers: { ...auth, 'content-type': 'application/json' },
      body: JSON.stringify({ letterId: letter.id, code: '3-3' }),
    });
    expect(reply.status).toBe(202);
    expect(await reply.json()).toEqual({
      status: 'DEMANDE_ENREGISTREE',
      message: 'Demande enregistrée : elle est transmise à la préfecture.',
    });
    await chain.until('the 3-5', async () =>
      (await eventsOf(id, 'reply_acknowledged')).length > 0 ? true : undefined,
    );
    // The 3-2 went before the 3-3, and only once.
    const forThisAct = chain.ministry.received.filter((r) => r.messageName.startsWith(idActe));
    expect(forThisAct.map((r) => r.messageName.slice(idActe.length))).toEqual([
      '-1-1_0.xml',
      '-3-2_0.xml',
      '-3-3_0.xml',
    ]);
    expect(acknowledgementsOf(idActe)).toHaveLength(1);
    const kinds = (await detail(id)).events.map((e) => e.kind);
    expect(kinds).toEqual([
      'created',
      'sent',
      'acknowledged',
      'letter_received',
      'acknowledgement_sent',
      'reply_requested',
      'reply_sent',
      'reply_acknowledged',
    ]);
  }, 150_000);

  it('acknowledges a 4-1 with one 4-2, and the 4-4 reply gets the 4-5', async () => {
    const { id, idActe } = await acknowledgedAct('A2026_002');
    await chain.ministry.sendLetter(idActe, '4-1', "L'acte appelle les observations suivantes.");
    const letter = await letterOf(id, '4-1');
    await chain.until('the 4-2 recorded', async () =>
      (await eventsOf(id, 'acknowledgement_sent')).length > 0 ? true : undefined,
    );
    const acks = acknowledgementsOf(idActe);
    expect(acks).toHaveLength(1);
    expect(acks[0]!.code).toBe('4-2');
    expect(parsedAcknowledgement(acks[0]!.xml)).toEqual({
      root: 'ARLettreObservations',
      ns: ACTES_NS,
      attrs: { IDActe: idActe, DateCourrierPref: letter.letterDate },
      children: 0,
      text: '',
    });
    const reply = await app.request(`/api/acts/${id}/replies`, {
      method: 'POST',
      headers: { ...auth, 'content-type': 'application/json' },
      body: JSON.stringify({ letterId: letter.id, code: '4-4' }),
    });
    expect(reply.status).toBe(202);
    const receipt = await chain.until('the 4-5', async () => (await eventsOf(id, 'reply_acknowledged'))[0]);
    expect((receipt.detail as { code: string }).code).toBe('4-5');
    expect(acknowledgementsOf(idActe)).toHaveLength(1);
    const [row] = await t.handle.db.select().from(actLetters).where(eq(actLetters.id, letter.id));
    expect(letterS2lowStatus(row!)).toBe(9);
  }, 150_000);

  it.skipIf(skipUnlessCi(source.mode !== 'postgres', 'base de test PostgreSQL'))(
    'a worker killed after the ministry took the 3-2 and before its record: another sends it again, one 3-2',
    { timeout: 240_000 },
    async () => {
      const killQueue = `acts-ack-kill-${randomBytes(4).toString('hex')}`;
      const killDeps = { ...chain.deps, taskQueue: killQueue };
      const killApp = createApp(killDeps);
      const [{ name }] = (await t.handle.db.execute(sql`select current_database() as name`)) as unknown as [
        { name: string },
      ];
      // Its first upload (the act) goes through; it dies after the second (the 3-2) was taken.
      child = await spawnDyingWorker(urlForDatabase((source as { adminUrl: string }).adminUrl, name), killQueue, 2);
      const uploaded = new Promise<string>((resolve) =>
        child!.stdout!.on('data', (chunk: Buffer) => {
          const line = /uploaded (\S+)/.exec(chunk.toString());
          if (line) resolve(line[1]!);
        }),
      );
      const { id, idActe } = await acknowledgedAct('K2026_003', killApp);
      await chain.ministry.sendLetter(idActe, '3-1', 'Merci de transmettre le plan.');
      const letter = await letterOf(id, '3-1');
      const archiveName = await uploaded;
      child.kill('SIGKILL');
      await new Promise((resolve) => child!.once('exit', resolve));
      expect(acknowledgementsOf(idActe).map((a) => a.archiveName)).toEqual([archiveName]);
      const [unrecorded] = await t.handle.db.select().from(actLetters).where(eq(actLetters.id, letter.id));
      expect(unrecorded).toMatchObject({ ackArchiveName: archiveName, ackSentAt: null });
      expect(await eventsOf(id, 'acknowledgement_sent')).toHaveLength(0);
      const uploadsBefore = chain.ministry.uploads;

      const connection = await NativeConnection.connect({ address: inject('temporalAddress') });
      const next = await createHubWorker({
        connection,
        namespace: 'default',
        taskQueue: killQueue,
        activities: createActivities(killDeps),
      });
      replacement = { worker: next, running: next.run(), connection };
      await chain.until(
        'the 3-2 recorded by the other worker',
        async () => ((await eventsOf(id, 'acknowledgement_sent')).length > 0 ? true : undefined),
        120_000,
      );
      // Posted again under the same name, taken once.
      expect(chain.ministry.uploads - uploadsBefore).toBe(1);
      expect(acknowledgementsOf(idActe).map((a) => a.archiveName)).toEqual([archiveName]);
      expect(chain.ministry.received.filter((r) => r.archiveName === archiveName)).toHaveLength(1);
      expect(await eventsOf(id, 'acknowledgement_sent')).toHaveLength(1);
    },
  );
});

/** The worker of worker-process.ts on this test's database, file store, ministry and Maildir, dying at `dieAt`. */
async function spawnDyingWorker(dbUrl: string, taskQueue: string, dieAt: number): Promise<ChildProcess> {
  const script = fileURLToPath(new URL('./worker-process.ts', import.meta.url));
  const proc = spawn(process.execPath, ['--import', 'tsx', script], {
    env: {
      ...process.env,
      ACTS_DB_URL: dbUrl,
      ACTS_TEMPORAL_ADDRESS: inject('temporalAddress'),
      ACTS_TASK_QUEUE: taskQueue,
      ACTS_FILES_ROOT: filesRoot,
      ACTS_MINISTRY_URL: chain.ministry.url,
      ACTS_MINISTRY_CERT: chain.ministry.clientCert,
      ACTS_MINISTRY_KEY: chain.ministry.clientKey,
      ACTS_MINISTRY_CA: chain.ministry.ca,
      ACTS_MAILDIR: chain.maildir,
      ACTS_DIE_AT_UPLOAD: String(dieAt),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let errors = '';
  proc.stderr?.on('data', (chunk: Buffer) => (errors += chunk.toString()));
  await new Promise<void>((resolve, reject) => {
    proc.stdout?.on('data', (chunk: Buffer) => chunk.toString().includes('ready') && resolve());
    proc.once('exit', (code) => reject(new Error(`worker process exited (${code}): ${errors}`)));
  });
  return proc;
}
