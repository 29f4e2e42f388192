// The request relay on the real chain: a reply, a cancellation and a 7-1 committed while Temporal is out of reach
// (the app's client points at a closed port) are answered 202 « elle sera transmise dès que possible », stay in the
// outbox, and are delivered by the relay once Temporal answers again, exactly once; the act moves on. A request
// signalled twice is taken once by the workflow.
import { Client, Connection } from '@temporalio/client';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { actAgentRequests, actClassificationRequests, actEvents, actLetters } from '../../db/schema/acts.ts';
import { actWorkflowId } from '../../src/acts/index.ts';
import { relayAgentRequests } from '../../src/acts/requests/relay-requests.ts';
import { deliverAgentRequest } from '../../src/acts/requests/signal-agent.ts';
import { createApp } from '../../src/app.ts';
import { useTestDatabase } from '../helpers/use-database.ts';
import { startActsChain, type ActsChain } from './chain.ts';
import { actForm, demoRennesToken, metadata, samplePdf } from './harness.ts';

const t = useTestDatabase();
let chain: ActsChain;
let app: ReturnType<typeof createApp>;
let outage: ReturnType<typeof createApp>;
let unreachable: Client;
let auth: Record<string, string>;

beforeAll(async () => {
  chain = await startActsChain(t.handle, { mailbox: 'maildir', ministry: { ackDelayMs: 100 } });
  app = createApp(chain.deps);
  // The same hub, its Temporal client pointed at a port nobody listens on.
  unreachable = new Client({ connection: Connection.lazy({ address: '127.0.0.1:9' }) });
  outage = createApp({ ...chain.deps, temporal: unreachable });
  auth = { authorization: `Bearer ${await demoRennesToken(app)}` };
}, 120_000);

afterAll(async () => {
  await unreachable?.connection.close().catch(() => {});
  await chain?.stop();
});

const detail = async (id: string) =>
  (await (await app.request(`/api/acts/${id}`, { headers: auth })).json()) as {
    status: string;
    idActe: string;
    events: { kind: string }[];
  };
const postJson = (on: ReturnType<typeof createApp>, path: string, body?: unknown) =>
  on.request(path, {
    method: 'POST',
    headers: { ...auth, 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
const eventsOf = (actId: string, kind: string) =>
  t.handle.db
    .select()
    .from(actEvents)
    .where(and(eq(actEvents.actId, actId), eq(actEvents.kind, kind)));
const outboxOf = (actId: string) =>
  t.handle.db.select().from(actAgentRequests).where(eq(actAgentRequests.actId, actId));
const RELAYED = {
  status: 'DEMANDE_ENREGISTREE',
  message: 'Demande enregistrée : elle sera transmise dès que possible',
};

/** How many times the act's workflow scheduled an activity of this type. */
async function scheduled(actId: string, activityType: string): Promise<number> {
  const history = await chain.client.workflow.getHandle(actWorkflowId(actId)).fetchHistory();
  return (history.events ?? []).filter(
    (e) => e.activityTaskScheduledEventAttributes?.activityType?.name === activityType,
  ).length;
}

describe('request relay', () => {
  it('delivers a reply and a cancellation committed while Temporal was unreachable, once each', async () => {
    const res = await app.request('/api/acts', {
      method: 'POST',
      headers: auth,
      body: actForm(metadata('Q2026_001'), samplePdf()),
    });
    const { id } = (await res.json()) as { id: string };
    const acked = await chain.until('the 1-2', async () => {
      const a = await detail(id);
      return a.status === 'ACQUITTE' ? a : undefined;
    });
    await chain.ministry.sendLetter(acked.idActe, '3-1', 'Merci de transmettre le plan.');
    const letter = await chain.until('the 3-1 acknowledged', async () => {
      const [row] = await t.handle.db.select().from(actLetters).where(eq(actLetters.actId, id));
      return row?.ackSentAt ? row : undefined;
    });

    // Temporal out of reach: the reply is recorded, the client told it will go.
    const reply = await postJson(outage, `/api/acts/${id}/replies`, { letterId: letter.id, code: '3-3' });
    expect(reply.status).toBe(202);
    expect(await reply.json()).toEqual(RELAYED);
    const [noted] = await outboxOf(id);
    expect(noted).toMatchObject({ requestKey: `reply:${letter.id}`, signalledAt: null, undeliverable: null });
    expect(noted!.signal).toEqual({ kind: 'reply', letterId: letter.id, code: '3-3' });
    // Within its grace the relay leaves it to the verb's own signal; the workflow has not been told.
    expect(await relayAgentRequests(chain.deps)).toMatchObject({ found: 0 });
    expect(await scheduled(id, 'actSendReply')).toBe(0);

    const relayed = await relayAgentRequests(chain.deps, { graceMs: 0 });
    expect(relayed).toEqual({ found: 1, delivered: 1, failed: 0, undeliverable: 0 });
    expect((await outboxOf(id))[0]!.signalledAt).not.toBeNull();
    await chain.until('the 3-5 after the relayed 3-3', async () =>
      (await eventsOf(id, 'reply_acknowledged')).length > 0 ? true : undefined,
    );
    expect(await relayAgentRequests(chain.deps, { graceMs: 0 })).toMatchObject({ found: 0 });

    // The same request signalled again (a relay racing a late confirmation): the workflow drops it.
    await deliverAgentRequest(chain.deps, id, { kind: 'reply', letterId: letter.id, code: '3-3' });

    // A cancellation in the outage too, relayed; the 6-2 ends the act, after the repeated reply was handled.
    const cancel = await postJson(outage, `/api/acts/${id}/cancellation`);
    expect(cancel.status).toBe(202);
    expect(await cancel.json()).toEqual(RELAYED);
    expect(await relayAgentRequests(chain.deps, { graceMs: 0 })).toEqual({
      found: 1,
      delivered: 1,
      failed: 0,
      undeliverable: 0,
    });
    await chain.until('the 6-2', async () => ((await detail(id)).status === 'ANNULE' ? true : undefined));

    expect(await scheduled(id, 'actSendReply')).toBe(1);
    expect(await scheduled(id, 'actSendCancellation')).toBe(1);
    const atMinistry = chain.ministry.received.filter((r) => r.messageName.startsWith(acked.idActe));
    expect(atMinistry.map((r) => r.messageName.slice(acked.idActe.length))).toEqual([
      '-1-1_0.xml',
      '-3-2_0.xml',
      '-3-3_0.xml',
      '-6-1_0.xml',
    ]);
    expect(await eventsOf(id, 'reply_sent')).toHaveLength(1);

    // The workflow has ended: a request still unsignalled is kept with the reason, not retried.
    await t.handle.db.update(actAgentRequests).set({ signalledAt: null }).where(eq(actAgentRequests.actId, id));
    expect(await relayAgentRequests(chain.deps, { graceMs: 0 })).toEqual({
      found: 2,
      delivered: 0,
      failed: 0,
      undeliverable: 2,
    });
    expect((await outboxOf(id)).map((r) => r.undeliverable)).toEqual([
      expect.stringContaining('le suivi de la transmission de cet acte est terminé'),
      expect.stringContaining('le suivi de la transmission de cet acte est terminé'),
    ]);
    expect(await relayAgentRequests(chain.deps, { graceMs: 0 })).toMatchObject({ found: 0 });
  }, 180_000);

  it('starts a 7-1 requested while Temporal was unreachable', async () => {
    const res = await postJson(outage, '/api/acts/classification-requests', {});
    expect(res.status).toBe(202);
    const { id } = (await res.json()) as { id: string };
    const [noted] = await t.handle.db
      .select()
      .from(actClassificationRequests)
      .where(eq(actClassificationRequests.id, id));
    expect(noted).toMatchObject({ startedAt: null, sentAt: null });

    expect(await relayAgentRequests(chain.deps, { graceMs: 0 })).toEqual({
      found: 1,
      delivered: 1,
      failed: 0,
      undeliverable: 0,
    });
    const answered = await chain.until('the 7-1 answered', async () => {
      const [row] = await t.handle.db
        .select()
        .from(actClassificationRequests)
        .where(eq(actClassificationRequests.id, id));
      return row?.answeredAt ? row : undefined;
    });
    expect(answered.startedAt).not.toBeNull();
    expect(chain.ministry.received.filter((r) => r.archiveName === answered.archiveName)).toHaveLength(1);
    // Started once: a second run finds nothing.
    expect(await relayAgentRequests(chain.deps, { graceMs: 0 })).toMatchObject({ found: 0 });
  }, 120_000);
});
