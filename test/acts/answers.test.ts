// The agent's answers through the API: validated against the letter, noted once, and signalled to the act's
// workflow on the real Temporal server (no worker here: the workflow waits, its history shows the signal).
import { randomBytes } from 'node:crypto';
import type { Client } from '@temporalio/client';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { actLetters, acts } from '../../db/schema/acts.ts';
import { storedFiles } from '../../db/schema/files.ts';
import { actWorkflowId } from '../../src/acts/index.ts';
import { createApp } from '../../src/app.ts';
import { testTemporalClient } from '../helpers/test-deps.ts';
import { useTestDatabase } from '../helpers/use-database.ts';
import { actForm, actsTestDeps, demoRennesToken, metadata, samplePdf } from './harness.ts';

const t = useTestDatabase();
let app: ReturnType<typeof createApp>;
let auth: Record<string, string>;
let client: Client;

beforeAll(async () => {
  client = await testTemporalClient();
  app = createApp(
    actsTestDeps(t.handle, { temporal: client, taskQueue: `acts-answers-${randomBytes(4).toString('hex')}` }),
  );
  auth = { authorization: `Bearer ${await demoRennesToken(app)}` };
});
afterAll(async () => {
  await client?.connection.close();
});

const postJson = (path: string, body?: unknown) =>
  app.request(path, {
    method: 'POST',
    headers: { ...auth, 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });

async function agentSignals(actId: string): Promise<unknown[]> {
  const history = await client.workflow.getHandle(actWorkflowId(actId)).fetchHistory();
  return (history.events ?? [])
    .filter((e) => e.workflowExecutionSignaledEventAttributes?.signalName === 'agentRequest')
    .map((e) =>
      JSON.parse(Buffer.from(e.workflowExecutionSignaledEventAttributes!.input!.payloads![0]!.data!).toString()),
    );
}

/** The state the ministry's 1-2 and 3-1 leave (applied by apply-message.ts in the full chain): the 3-1 letter. */
async function acknowledgedWithLetter(id: string, number: string, text: string) {
  await t.handle.db
    .update(acts)
    .set({ status: 'ACQUITTE', idActe: `035-213502388-20260115-${number}-DE` })
    .where(eq(acts.id, id));
  const [letter] = await t.handle.db
    .insert(actLetters)
    .values({ actId: id, code: '3-1', letterDate: '2026-02-01', text, receivedAt: new Date(), dedupeKey: `t-${id}` })
    .returning();
  return letter;
}

describe('agent answers', () => {
  it('replies to a 3-1 with a refusal once, refuses a wrong code and a second answer, cancels an acknowledged act', async () => {
    const res = await app.request('/api/acts', {
      method: 'POST',
      headers: auth,
      body: actForm(metadata('R2026_001'), samplePdf()),
    });
    expect(res.status).toBe(201);
    const { id } = (await res.json()) as { id: string };
    const letter = await acknowledgedWithLetter(id, 'R2026_001', 'Pièces demandées');

    const wrong = await postJson(`/api/acts/${id}/replies`, { letterId: letter!.id, code: '2-2' });
    expect(wrong.status).toBe(400);
    expect(((await wrong.json()) as { code: string }).code).toBe('REPLY_CODE_INVALID');

    const ok = await postJson(`/api/acts/${id}/replies`, { letterId: letter!.id, code: '3-3' });
    expect(ok.status).toBe(202);
    const [noted] = await t.handle.db.select().from(actLetters).where(eq(actLetters.id, letter!.id));
    expect(noted!.replyCode).toBe('3-3');

    const again = await postJson(`/api/acts/${id}/replies`, { letterId: letter!.id, code: '3-3' });
    expect(again.status).toBe(409);

    const cancel = await postJson(`/api/acts/${id}/cancellation`);
    expect(cancel.status).toBe(202);
    expect(await agentSignals(id)).toEqual([{ kind: 'reply', letterId: letter!.id, code: '3-3' }, { kind: 'cancel' }]);
  });

  it('refuses a 3-4 whose document is not a PDF, naming the field, and keeps none of its files', async () => {
    const res = await app.request('/api/acts', {
      method: 'POST',
      headers: auth,
      body: actForm(metadata('R2026_002'), samplePdf()),
    });
    const { id } = (await res.json()) as { id: string };
    const letter = await acknowledgedWithLetter(id, 'R2026_002', 'Pièces');
    const filesBefore = (await t.handle.db.select().from(storedFiles)).length;
    const form = new FormData();
    form.append('metadata', JSON.stringify({ letterId: letter!.id, code: '3-4' }));
    form.append('document', new Blob(['pas un PDF'], { type: 'application/pdf' }), 'reponse.pdf');
    form.append('annexes', new Blob([samplePdf('Rapport')], { type: 'application/pdf' }), 'rapport.pdf');
    const refused = await app.request(`/api/acts/${id}/replies`, { method: 'POST', headers: auth, body: form });
    expect(refused.status).toBe(400);
    const body = (await refused.json()) as { code: string; message: string; details: { field: string } };
    expect(body.details.field).toBe('document');
    expect(body.message).toContain("n'est ni un PDF");
    expect((await t.handle.db.select().from(storedFiles)).length).toBe(filesBefore);
    const [untouched] = await t.handle.db.select().from(actLetters).where(eq(actLetters.id, letter!.id));
    expect(untouched!.replyRequestedAt).toBeNull();
  });

  it('answers 404 for an act that is not there, the same as one not visible', async () => {
    const res = await postJson('/api/acts/00000000-0000-4000-8000-000000000000/cancellation');
    expect(res.status).toBe(404);
  });
});
