// An act through the real chain: the hub's worker sends the archive over mutual TLS to the demo ministry, which
// answers by mail into a real dovecot Maildir; the hub's IMAP reading signals the act's workflow.
import { randomBytes } from 'node:crypto';
import type { Client } from '@temporalio/client';
import { NativeConnection, type Worker } from '@temporalio/worker';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import { actEvents, actLetters, actMails } from '../../db/schema/acts.ts';
import {
  actWorkflowId,
  deliverToMaildir,
  httpsMinistryClient,
  openImapMailbox,
  type ActsDeps,
} from '../../src/acts/index.ts';
import { createActivities } from '../../src/activities.ts';
import { createApp } from '../../src/app.ts';
import { startDemoMinistry, type DemoMinistry } from '../../src/demo-ministry/index.ts';
import { createHubWorker } from '../../src/platform/temporal/worker.ts';
import { testTemporalClient } from '../helpers/test-deps.ts';
import { useTestDatabase } from '../helpers/use-database.ts';
import { startDovecot, type RunningDovecot } from './dovecot.ts';
import { actForm, actsTestDeps, demoRennesToken, metadata, samplePdf } from './harness.ts';

const t = useTestDatabase();
let dovecot: RunningDovecot;
let ministry: DemoMinistry;
let client: Client;
let worker: Worker;
let running: Promise<void>;
let deps: ActsDeps;
let app: ReturnType<typeof createApp>;
let auth: Record<string, string>;

beforeAll(async () => {
  dovecot = await startDovecot();
  ministry = await startDemoMinistry({
    deliver: (raw) =>
      deliverToMaildir(dovecot.maildir, raw, `${Date.now()}.${randomBytes(6).toString('hex')}.ministere`),
    ackDelayMs: 200,
  });
  client = await testTemporalClient();
  const taskQueue = `acts-${randomBytes(4).toString('hex')}`;
  deps = actsTestDeps(t.handle, {
    temporal: client,
    taskQueue,
    actsTiming: { windowMs: 4000 },
    acts: {
      settings: { trigram: 'HUB', application: 'EACT', pollSeconds: 1 },
      returnAddress: 'actes@demo.hub.bzh',
      ministry: httpsMinistryClient({
        url: ministry.url,
        cert: ministry.clientCert,
        key: ministry.clientKey,
        ca: ministry.ca,
      }),
      openMailbox: () => openImapMailbox(dovecot.url),
    },
  });
  const connection = await NativeConnection.connect({ address: inject('temporalAddress') });
  worker = await createHubWorker({ connection, namespace: 'default', taskQueue, activities: createActivities(deps) });
  running = worker.run();
  app = createApp(deps);
  auth = { authorization: `Bearer ${await demoRennesToken(app)}` };
}, 120_000);

afterAll(async () => {
  worker?.shutdown();
  await running;
  await client?.connection.close();
  await ministry?.close();
  await dovecot?.stop();
});

const activities = () => createActivities(deps);

async function until<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 30_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    await activities().actsReadMailbox();
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 300));
  }
}

const detail = async (id: string) =>
  (await (await app.request(`/api/acts/${id}`, { headers: auth })).json()) as Record<string, any>;
const statusIs = (id: string, status: string) => async () => {
  const act = await detail(id);
  return act.status === status ? act : undefined;
};

describe('act transmission', () => {
  it('sends once, is acknowledged (1-2), a 3-1 suspends the window, the 3-4 reply restarts it, then it closes', async () => {
    const res = await app.request('/api/acts', {
      method: 'POST',
      headers: auth,
      body: actForm(metadata('T2026_001'), samplePdf(), [{ name: 'annexe.pdf', bytes: samplePdf('Annexe') }]),
    });
    expect(res.status).toBe(201);
    const { id } = (await res.json()) as { id: string };
    const acked = await until('the acknowledgement', statusIs(id, 'ACQUITTE'));
    expect(acked.idActe).toBe('035-213502388-20260115-T2026_001-DE');
    expect(acked.receivedAt).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(acked.legalityWindowEndsAt).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(ministry.received.filter((r) => r.acte).map((r) => r.archiveName)).toEqual([acked.archiveName]);
    expect(acked.archiveName).toMatch(/^HUB-EACT--213502388--20260115-\d+\.tar\.gz$/);

    // The archive as sent.
    const archive = await app.request(`/api/acts/${id}/archive`, { headers: auth });
    expect(archive.status).toBe(200);
    const bytes = Buffer.from(await archive.arrayBuffer());
    expect(bytes[0]).toBe(0x1f);
    expect(bytes[1]).toBe(0x8b);

    await ministry.sendLetter(acked.idActe, '3-1', 'Merci de transmettre le rapport de présentation.');
    const letter = await until('the 3-1 letter', async () => {
      const [row] = await t.handle.db.select().from(actLetters).where(eq(actLetters.actId, id));
      return row;
    });
    expect(letter.code).toBe('3-1');
    // While suspended, the 4 s window does not close.
    await new Promise((r) => setTimeout(r, 5000));
    expect((await detail(id)).status).toBe('ACQUITTE');
    await client.workflow
      .getHandle(actWorkflowId(id))
      .signal('agentRequest', { kind: 'reply', letterId: letter.id, code: '3-4' });
    const validated = await until('the window closing', statusIs(id, 'VALIDE'));
    const kinds = validated.events.map((e: { kind: string }) => e.kind);
    // The 3-5 (the prefecture's receipt of the pieces) comes back within the restarted window.
    expect(kinds).toEqual([
      'created',
      'sent',
      'acknowledged',
      'letter_received',
      'reply_sent',
      'reply_acknowledged',
      'window_closed',
    ]);
  }, 120_000);

  it('records the same answer mail delivered twice once, and keeps a malformed mail aside', async () => {
    const before = (await t.handle.db.select().from(actEvents)).length;
    const raw = Buffer.from(
      'From: actes@ministere.demo.gouv.fr\r\nTo: actes@demo.hub.bzh\r\nSubject: illisible\r\nMessage-ID: <casse@ministere.demo.gouv.fr>\r\n' +
        'Content-Type: multipart/mixed; boundary="b"\r\n\r\n--b\r\nContent-Type: application/xml\r\nContent-Disposition: attachment; filename="x-1-2_0.xml"\r\n\r\n<actes:ARActe xmlns:actes="http://www.interieur.gouv.fr/ACTES#v1.1-20040216"\r\n--b--\r\n',
    );
    await deliverToMaildir(dovecot.maildir, raw, 'casse.1');
    await deliverToMaildir(dovecot.maildir, raw, 'casse.2');
    await activities().actsReadMailbox();
    const kept = await t.handle.db
      .select()
      .from(actMails)
      .where(eq(actMails.messageId, '<casse@ministere.demo.gouv.fr>'));
    expect(kept).toHaveLength(1);
    expect(kept[0]!.outcome).toBe('unreadable');
    expect((await t.handle.db.select().from(actEvents)).length).toBe(before);
  }, 60_000);
});
