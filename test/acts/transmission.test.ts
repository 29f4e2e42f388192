// An act through the real chain: the hub's worker sends the archive over mutual TLS to the demo ministry, which
// answers by mail into a real dovecot Maildir; the hub's IMAP reading signals the act's workflow.
import { buffer } from 'node:stream/consumers';
import { pipeline } from 'node:stream/promises';
import { createGunzip } from 'node:zlib';
import tar from 'tar-stream';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { actEvents, actLetters, actMails, acts } from '../../db/schema/acts.ts';
import { legalityWindowEnd } from '../../src/acts/domain/legality-window.ts';
import { parisDate } from '../../src/platform/calendar/index.ts';
import { createApp } from '../../src/app.ts';
import { useTestDatabase } from '../helpers/use-database.ts';
import { deliverToMaildir } from '../../src/acts/index.ts';
import { startActsChain, type ActsChain } from './chain.ts';
import { actForm, demoRennesToken, metadata, samplePdf } from './harness.ts';

const t = useTestDatabase();
let chain: ActsChain;
let app: ReturnType<typeof createApp>;
let auth: Record<string, string>;

beforeAll(async () => {
  chain = await startActsChain(t.handle, { windowMs: 4000 });
  app = createApp(chain.deps);
  auth = { authorization: `Bearer ${await demoRennesToken(app)}` };
}, 120_000);

afterAll(async () => {
  await chain?.stop();
});

/** The entries of a stored .tar.gz, by name, in archive order. */
async function tarEntries(fileId: string): Promise<Map<string, Buffer>> {
  const opened = (await chain.deps.files!.get(fileId))!;
  const extract = tar.extract();
  const entries = new Map<string, Buffer>();
  extract.on('entry', (header, entry, next) => {
    void buffer(entry).then((bytes) => {
      entries.set(header.name, bytes);
      next();
    });
  });
  await pipeline(opened.stream, createGunzip(), extract);
  return entries;
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
    const acked = await chain.until('the acknowledgement', statusIs(id, 'ACQUITTE'));
    expect(acked.idActe).toBe('035-213502388-20260115-T2026_001-DE');
    expect(acked.receivedAt).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(acked.legalityWindowEndsAt).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(chain.ministry.received.filter((r) => r.acte).map((r) => r.archiveName)).toEqual([acked.archiveName]);
    expect(acked.archiveName).toMatch(/^HUB-EACT--213502388--20260115-\d+\.tar\.gz$/);

    // The archive as sent.
    const archive = await app.request(`/api/acts/${id}/archive`, { headers: auth });
    expect(archive.status).toBe(200);
    const bytes = Buffer.from(await archive.arrayBuffer());
    expect(bytes[0]).toBe(0x1f);
    expect(bytes[1]).toBe(0x8b);

    await chain.ministry.sendLetter(acked.idActe, '3-1', 'Merci de transmettre le rapport de présentation.');
    const letter = await chain.until('the 3-1 letter', async () => {
      const [row] = await t.handle.db.select().from(actLetters).where(eq(actLetters.actId, id));
      return row;
    });
    expect(letter.code).toBe('3-1');
    // While suspended, the 4 s window does not close.
    await new Promise((r) => setTimeout(r, 5000));
    expect(await detail(id)).toMatchObject({ status: 'ACQUITTE', legalityWindowSuspended: true });
    // The window as it stood weeks after the acknowledgement, so that its restart from the reply shows.
    await t.handle.db.update(acts).set({ windowEndsOn: '2026-01-31' }).where(eq(acts.id, id));

    // The 3-4 through the JSON API: the collectivity's letter and two pieces, streamed in one multipart form.
    const reply = new FormData();
    reply.append('metadata', JSON.stringify({ letterId: letter.id, code: '3-4', annexTypes: ['99_DE', '99_DE'] }));
    reply.append('document', new Blob([samplePdf('Réponse')], { type: 'application/pdf' }), 'reponse.pdf');
    reply.append('annexes', new Blob([samplePdf('Rapport')], { type: 'application/pdf' }), 'rapport.pdf');
    reply.append('annexes', new Blob([samplePdf('Plan')], { type: 'application/pdf' }), 'plan.pdf');
    const answered = await app.request(`/api/acts/${id}/replies`, { method: 'POST', headers: auth, body: reply });
    expect(answered.status).toBe(202);
    expect(await answered.json()).toEqual({
      status: 'DEMANDE_ENREGISTREE',
      letterId: letter.id,
      message: 'Demande enregistrée : elle est transmise à la préfecture.',
    });
    const again = await app.request(`/api/acts/${id}/replies`, { method: 'POST', headers: auth, body: reply });
    expect(again.status).toBe(409);

    const received = await chain.until('the 3-4 at the ministry', async () =>
      chain.ministry.received.find((r) => r.messageName.endsWith('-3-4_0.xml')),
    );
    const [sent] = await t.handle.db.select().from(actLetters).where(eq(actLetters.id, letter.id));
    expect(sent!.replyArchiveName).toBe(received.archiveName);
    const entries = await tarEntries(sent!.replyArchiveFileId!);
    const stem = '035-213502388-20260115-T2026_001-DE-3-4';
    expect([...entries.keys()]).toEqual([
      expect.stringMatching(/^EACT--213502388--20260115-\d+\.xml$/),
      `${stem}_0.xml`,
      `99_DE-${stem}_1.pdf`,
      `99_DE-${stem}_2.pdf`,
      `99_DE-${stem}_3.pdf`,
    ]);
    const message = entries.get(`${stem}_0.xml`)!.toString('latin1');
    expect(message).toContain('<actes:PieceComplementaire');
    expect(message).toContain(`actes:DateCourrierPref="${letter.letterDate}"`);
    expect(message.match(/<actes:NomFichier>/g)).toHaveLength(3);
    expect(entries.get(`99_DE-${stem}_2.pdf`)!.toString('latin1')).toContain('% Rapport');
    // The window restarts two months from the day the pieces were sent (CE 29 Oct 2008).
    const restarted = await chain.until('the restarted window', async () => {
      const act = await detail(id);
      return act.legalityWindowSuspended ? undefined : act;
    });
    expect(restarted.legalityWindowEndsAt).toBe(legalityWindowEnd(parisDate(new Date())));
    const validated = await chain.until('the window closing', statusIs(id, 'VALIDE'));
    const kinds = validated.events.map((e: { kind: string }) => e.kind);
    // The 3-5 (the prefecture's receipt of the pieces) comes back within the restarted window.
    expect(kinds).toEqual([
      'created',
      'sent',
      'acknowledged',
      'letter_received',
      'acknowledgement_sent',
      'reply_requested',
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
    await deliverToMaildir(chain.maildir, raw, 'casse.1');
    await deliverToMaildir(chain.maildir, raw, 'casse.2');
    await chain.readMailbox();
    const kept = await t.handle.db
      .select()
      .from(actMails)
      .where(eq(actMails.messageId, '<casse@ministere.demo.gouv.fr>'));
    expect(kept).toHaveLength(1);
    expect(kept[0]!.outcome).toBe('unreadable');
    expect((await t.handle.db.select().from(actEvents)).length).toBe(before);
  }, 60_000);
});
