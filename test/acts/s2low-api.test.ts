// A Pastell S²LOW connector's call sequence against the real hub over a real socket: the requests as
// connecteur/s2low/S2low.php builds them (curl multipart, ISO-8859-1 subject, HTTP Basic or the nonce), the act
// sent by the hub's worker to the demo ministry over mutual TLS, its answers read from a real dovecot mailbox.
import { createHash, randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { gunzipSync } from 'node:zlib';
import { serve, type ServerType } from '@hono/node-server';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { acts } from '../../db/schema/acts.ts';
import { structures } from '../../db/schema/directory.ts';
import { createApp } from '../../src/app.ts';
import { createPerson } from '../../src/platform/auth/people.ts';
import { issueS2lowApiPassword } from '../../src/platform/auth/s2low/index.ts';
import { useTestDatabase } from '../helpers/use-database.ts';
import { startActsChain, type ActsChain } from './chain.ts';
import { samplePdf } from './harness.ts';

const t = useTestDatabase();
const secretKey = randomBytes(32);
const RENNES_AGENT = { email: 'agent.actes@rennes.example', password: 'Délibérations-2026' };
const LANGOUET_AGENT = { email: 'agent.actes@langouet.example', password: 'Langouët-2026-actes' };
let chain: ActsChain;
let server: ServerType;
let base: string;
let apiPassword: string;

beforeAll(async () => {
  process.env.S2LOW_SECRET_KEY = secretKey.toString('base64');
  // The window stays open for the whole test: cancelling needs an acknowledged act.
  chain = await startActsChain(t.handle, { windowMs: 10 * 60_000 });
  const siren = async (s: string) =>
    (await t.handle.db.select({ id: structures.id }).from(structures).where(eq(structures.siren, s)))[0]!.id;
  const rennes = await createPerson(chain.deps, {
    ...RENNES_AGENT,
    displayName: 'Agent des actes de Rennes',
    grants: [{ role: 'agent', structureId: await siren('213502388') }],
  });
  await createPerson(chain.deps, {
    ...LANGOUET_AGENT,
    displayName: 'Agent des actes de Langouët',
    grants: [{ role: 'agent', structureId: await siren('213501463') }],
  });
  apiPassword = await issueS2lowApiPassword(chain.deps, secretKey, rennes.id);
  server = serve({ fetch: createApp(chain.deps).fetch, port: 0, hostname: '127.0.0.1' });
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}, 120_000);

afterAll(async () => {
  await new Promise((r) => server?.close(r));
  await chain?.stop();
  delete process.env.S2LOW_SECRET_KEY;
});

const basic = (who: { email: string; password: string }) => ({
  authorization: `Basic ${Buffer.from(`${who.email}:${who.password}`, 'utf8').toString('base64')}`,
});

/** What a PHP client reads: the bytes as ISO-8859-1 (Pastell utf8_encode's them). */
async function call(path: string, init: RequestInit & { as?: { email: string; password: string } } = {}) {
  const res = await fetch(`${base}${path}`, {
    ...init,
    headers: { ...basic(init.as ?? RENNES_AGENT), ...(init.headers as Record<string, string>) },
  });
  const bytes = Buffer.from(await res.arrayBuffer());
  return {
    status: res.status,
    type: res.headers.get('content-type'),
    bytes,
    text: bytes.toString('latin1'),
    json: () => JSON.parse(bytes.toString('utf8')),
  };
}

type Part =
  { name: string; value: string | Buffer } | { name: string; fileName: string; type: string; bytes: Uint8Array };

/** A multipart body as curl writes PHP's postfields: text parts raw (here ISO-8859-1 bytes), then the files. */
function curlForm(parts: Part[]): { body: Buffer; headers: Record<string, string> } {
  const boundary = `------------------------${randomBytes(8).toString('hex')}`;
  const chunks: Buffer[] = [];
  for (const p of parts) {
    if ('value' in p) {
      chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${p.name}"\r\n\r\n`));
      chunks.push(typeof p.value === 'string' ? Buffer.from(p.value, 'utf8') : p.value, Buffer.from('\r\n'));
    } else {
      chunks.push(
        Buffer.from(
          `--${boundary}\r\nContent-Disposition: form-data; name="${p.name}"; filename="${p.fileName}"\r\nContent-Type: ${p.type}\r\n\r\n`,
        ),
        Buffer.from(p.bytes),
        Buffer.from('\r\n'),
      );
    }
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { body: Buffer.concat(chunks), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

const SUBJECT = 'Budget primitif 2026 : vote des taux, redevances & tarifs de l’école';
const SUBJECT_LATIN1 = "Budget primitif 2026 : vote des taux, redevances & tarifs de l'école";

/** S2low::sendActes: api, nature_code, number, subject (utf8_decode), decision_date, en_attente, document_papier, type_acte, type_pj[], files, classif1… */
function pastellCreate(number: string, extra: Part[] = []) {
  return curlForm([
    { name: 'api', value: '1' },
    { name: 'nature_code', value: '1' },
    { name: 'number', value: number },
    { name: 'subject', value: Buffer.from(SUBJECT_LATIN1, 'latin1') },
    { name: 'decision_date', value: '2026-01-15' },
    { name: 'en_attente', value: '0' },
    { name: 'document_papier', value: '0' },
    { name: 'type_acte', value: '99_DE' },
    { name: 'type_pj[]', value: '99_DE' },
    { name: 'acte_pdf_file', fileName: 'deliberation_budget.pdf', type: 'application/pdf', bytes: samplePdf() },
    { name: 'acte_attachments[]', fileName: 'annexe_1.pdf', type: 'application/pdf', bytes: samplePdf('Annexe') },
    { name: 'classif1', value: '7' },
    { name: 'classif2', value: '1' },
    ...extra,
  ]);
}

// The mailbox read as the hub's schedule does, with a longer wait than the chain's default.
const until = <T>(what: string, probe: () => Promise<T | undefined>) => chain.until(what, probe, 40_000);

const statusLine = async (id: string) =>
  (await call(`/modules/actes/actes_transac_get_status.php?transaction=${id}`)).text;
const UUID_LINE = /^OK\n([0-9a-f-]{36})\n\n$/;
let actId: string;
let idActe: string;
let letterId: string;

describe('authentication as S²LOW allows it', () => {
  it('accepts the nonce: get-nounce.php, then nounce, login and hash = sha256("password:nounce")', async () => {
    const got = await fetch(`${base}/api/get-nounce.php`);
    const { nounce } = (await got.json()) as { nounce: string };
    const hash = createHash('sha256').update(`${apiPassword}:${nounce}`).digest('hex');
    const query = new URLSearchParams({ nounce, login: RENNES_AGENT.email, hash });
    const ok = await fetch(`${base}/api/test-connexion.php?${query}`);
    expect(ok.status).toBe(200);
    expect(Buffer.from(await ok.arrayBuffer()).toString('latin1')).toMatch(/^OK\n/);
    // The same nonce a second time: spent.
    const replay = await fetch(`${base}/api/test-connexion.php?${query}`);
    expect(Buffer.from(await replay.arrayBuffer()).toString('latin1')).toBe(
      'KO\nNonce inconnu, expiré ou déjà utilisé : demandez-en un nouveau à /api/get-nounce.php.\n',
    );
  });

  it('refuses a wrong hash and a wrong password with KO, and an ACTES path without credentials', async () => {
    const { nounce } = (await (await fetch(`${base}/api/get-nounce.php`)).json()) as { nounce: string };
    const wrongHash = createHash('sha256').update(`mauvais:${nounce}`).digest('hex');
    const query = new URLSearchParams({ nounce, login: RENNES_AGENT.email, hash: wrongHash });
    const res = await fetch(`${base}/modules/actes/api/list_actes.php?status_id=4&${query}`);
    expect(Buffer.from(await res.arrayBuffer()).toString('latin1')).toBe(
      'KO\nIdentifiant ou mot de passe incorrect.\n',
    );
    const wrong = await call('/modules/actes/api/list_actes.php?status_id=4', {
      as: { email: RENNES_AGENT.email, password: 'pas-le-bon' },
    });
    expect(wrong.status).toBe(401);
    expect(wrong.text).toBe('KO\nIdentifiant ou mot de passe incorrect.\n');
    // A browser's session cookie alone does not reach these paths (their GETs change state).
    const login = await fetch(`${base}/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: RENNES_AGENT.email, password: RENNES_AGENT.password }),
    });
    expect(login.status).toBe(200);
    const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
    const withCookie = await fetch(`${base}/modules/actes/api/list_document_prefecture.php`, { headers: { cookie } });
    expect(withCookie.status).toBe(401);
    expect(Buffer.from(await withCookie.arrayBuffer()).toString('latin1')).toMatch(/^KO\nAuthentification requise/);
    const none = await fetch(`${base}/modules/actes/actes_transac_get_status.php?transaction=1`);
    expect(Buffer.from(await none.arrayBuffer()).toString('latin1')).toMatch(/^KO\nAuthentification requise/);
  });
});

describe('a Pastell connector’s ACTES sequence', () => {
  it('fetches the classification (RetourClassification, ISO-8859-1)', async () => {
    const res = await call('/modules/actes/actes_classification_fetch.php?api=1');
    expect(res.type).toBe('text/xml; charset=ISO-8859-1');
    expect(res.text).toMatch(/^<\?xml version="1.0" encoding="ISO-8859-1"\?>/);
    expect(res.text).toContain('<actes:DateClassification>2026-01-05</actes:DateClassification>');
    expect(res.text).toContain('actes:CodeTypePJ="99_DE"');
  });

  it('creates the act (OK, its id), keeping the ISO-8859-1 subject, and the hub transmits it', async () => {
    const form = pastellCreate('S2026_001');
    const res = await call('/modules/actes/actes_transac_create.php', { method: 'POST', ...form });
    expect(res.status).toBe(200);
    expect(res.type).toBe('text/plain; charset=ISO-8859-1');
    expect(res.text).toMatch(UUID_LINE);
    actId = UUID_LINE.exec(res.text)![1]!;
    const [row] = await t.handle.db.select().from(acts).where(eq(acts.id, actId));
    expect(row!.object).toBe(SUBJECT_LATIN1);
    expect(row!.classification).toBe('7.1');
    // A UTF-8 subject is read as UTF-8.
    const utf8 = curlForm([
      { name: 'api', value: '1' },
      { name: 'nature_code', value: '3' },
      { name: 'number', value: 'S2026_002' },
      { name: 'subject', value: SUBJECT },
      { name: 'decision_date', value: '2026-01-16' },
      { name: 'type_acte', value: '99_AI' },
      { name: 'acte_pdf_file', fileName: 'arrete.pdf', type: 'application/pdf', bytes: samplePdf('Arrêté') },
      { name: 'classif1', value: '7' },
      { name: 'classif2', value: '1' },
    ]);
    const second = await call('/modules/actes/actes_transac_create.php', { method: 'POST', ...utf8 });
    const secondId = UUID_LINE.exec(second.text)![1]!;
    const [other] = await t.handle.db.select().from(acts).where(eq(acts.id, secondId));
    expect(other!.object).toBe(SUBJECT);
  });

  it('refuses a bad create with KO and the field in S²LOW’s name, storing nothing', async () => {
    const before = (await t.handle.db.select().from(acts)).length;
    const duplicate = await call('/modules/actes/actes_transac_create.php', {
      method: 'POST',
      ...pastellCreate('S2026_001'),
    });
    expect(duplicate.status).toBe(200);
    expect(duplicate.text).toBe(
      'KO\nnumber : un acte portant le numéro S2026_001 existe déjà pour cette collectivité.\n',
    );
    const badNature = curlForm([
      { name: 'api', value: '1' },
      { name: 'nature_code', value: '9' },
      { name: 'number', value: 'S2026_003' },
      { name: 'subject', value: 'Objet' },
      { name: 'decision_date', value: '2026-01-15' },
      { name: 'acte_pdf_file', fileName: 'a.pdf', type: 'application/pdf', bytes: samplePdf() },
      { name: 'classif1', value: '7' },
    ]);
    const badType = await call('/modules/actes/actes_transac_create.php', { method: 'POST', ...badNature });
    expect(badType.text).toMatch(/^KO\nnature_code : nature d'acte inconnue/);
    expect((await t.handle.db.select().from(acts)).length).toBe(before);
  });

  it('reports the status numbers as the acknowledgement arrives: 2 or 3, then 4 with the ARActe', async () => {
    const seen: string[] = [];
    const acked = await until('the acknowledgement (status 4)', async () => {
      const text = await statusLine(actId);
      seen.push(text.split('\n')[1]!);
      return text.startsWith('OK\n4\n') ? text : undefined;
    });
    expect(seen.every((s) => ['2', '3', '4'].includes(s))).toBe(true);
    expect(acked).toMatch(/^OK\n4\n<\?xml version="1.0" encoding="ISO-8859-1"\?>/);
    idActe = /actes:IDActe="([^"]+)"/.exec(acked)![1]!;
    expect(idActe).toBe('035-213502388-20260115-S2026_001-DE');
    // Pastell's getDateAR: the 10 characters 21 after "actes:DateReception".
    const at = acked.indexOf('actes:DateReception');
    expect(acked.substring(at + 21, at + 31)).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    // By the IDActe too.
    expect(await (await call(`/modules/actes/actes_transac_get_status.php?unique_id=${idActe}`)).text).toBe(acked);
  }, 60_000);

  it('gives the bordereau PDF, the files list and the stamped act', async () => {
    const bordereau = await call(`/modules/actes/actes_create_pdf.php?trans_id=${actId}`);
    expect(bordereau.type).toBe('application/pdf');
    expect(bordereau.text.startsWith('%PDF-')).toBe(true);
    expect(bordereau.text.trimEnd().endsWith('%%EOF')).toBe(true);

    const list = await call(`/modules/actes/actes_transac_get_files_list.php?transaction=${actId}`);
    const files = list.json() as {
      id: string;
      name: string;
      mimetype: string;
      code_pj: string;
      posted_filename: string;
    }[];
    expect(files.map((f) => f.mimetype)).toEqual(['application/xml', 'application/pdf', 'application/pdf']);
    expect(files[1]!.posted_filename).toBe('deliberation_budget.pdf');
    expect(files[1]!.code_pj).toBe('99_DE');
    const message = await call(`/modules/actes/actes_download_file.php?file=${files[0]!.id}`);
    expect(message.text).toContain(`actes:NumeroInterne="S2026_001"`);
    const stamped = await call(`/modules/actes/actes_download_file.php?file=${files[1]!.id}&tampon=true`);
    expect(stamped.type).toBe('application/pdf');
    expect(stamped.text.startsWith('%PDF-')).toBe(true);
    const tampon = await call(`/modules/actes/actes_transac_get_tampon.php?transaction=${actId}`);
    expect(tampon.bytes.equals(stamped.bytes)).toBe(true);
  });

  it('lists the act among those in status 4, and counts them', async () => {
    const list = (await call('/modules/actes/api/list_actes.php?status_id=4&offset=0&limit=100')).json();
    expect(list).toMatchObject({ status_id: 4, offset: 0, limit: 100 });
    expect(list.transactions).toContainEqual({
      id: actId,
      subject: SUBJECT_LATIN1,
      number: 'S2026_001',
      date: '2026-01-15',
      nature_descr: 'Délibérations',
      classification: '7.1',
      type: '1',
    });
    const none = (await call('/modules/actes/api/list_actes.php?status_id=0')).json();
    expect(none.transactions).toEqual([]);
    const count = (await call('/modules/actes/api/number_actes.php?status_id=4')).json();
    expect(count.nb_transactions).toBe(list.transactions.length);
  });

  it('lists a prefecture letter (3-1), gives its archive, marks it read and sends the 3-4 reply', async () => {
    await chain.ministry.sendLetter(idActe, '3-1', 'Merci de transmettre le rapport de présentation.');
    // 7 once read, 8 once the hub sent its 3-2 (acquittement envoyé), which follows within moments.
    const letter = await until('the 3-1 acknowledged in the unread list', async () => {
      const list = (await call('/modules/actes/api/list_document_prefecture.php')).json() as Record<string, string>[];
      return list.find((l) => l.related_transaction_id === actId && l.last_status_id === '8');
    });
    expect(letter).toMatchObject({ type: '3', number: 'S2026_001', unique_id: idActe, last_status_id: '8' });
    letterId = letter.id!;
    expect(await statusLine(actId)).toBe('OK\n7\n');

    const archive = await call(`/modules/actes/actes_transac_get_document.php?id=${letterId}`);
    expect(archive.type).toBe('application/gzip');
    expect(gunzipSync(archive.bytes).toString('latin1')).toContain('%PDF-');

    expect(
      (await call(`/modules/actes/api/document_prefecture_mark_as_read.php?transaction_id=${letterId}`)).json(),
    ).toEqual({ result: 'ok' });
    const after = (await call('/modules/actes/api/list_document_prefecture.php')).json() as { id: string }[];
    expect(after.map((l) => l.id)).not.toContain(letterId);

    // S2low::sendReponseType for a 3-1 answered with pieces: type_envoie 4, the letter, one piece.
    const reply = curlForm([
      { name: 'type_acte', value: '99_DE' },
      { name: 'id', value: letterId },
      { name: 'api', value: '1' },
      { name: 'type_envoie', value: '4' },
      { name: 'acte_pdf_file', fileName: 'reponse.pdf', type: 'application/pdf', bytes: samplePdf('Réponse') },
      { name: 'acte_attachments[]', fileName: 'rapport.pdf', type: 'application/pdf', bytes: samplePdf('Rapport') },
      { name: 'type_pj[]', value: '99_DE' },
    ]);
    const sent = await call('/modules/actes/actes_transac_reponse_create.php', { method: 'POST', ...reply });
    expect(sent.text).toBe(`OK\n${letterId}\n\n`);
    await until('the 3-4 at the ministry', async () =>
      chain.ministry.received.find((r) => r.messageName.endsWith('-3-4_0.xml')),
    );
    expect(
      await until('the letter answered', async () =>
        (await statusLine(actId)).startsWith('OK\n4\n<?xml') ? true : undefined,
      ),
    ).toBe(true);
    const again = await call('/modules/actes/actes_transac_reponse_create.php', { method: 'POST', ...reply });
    expect(again.text).toBe('KO\nUne réponse à ce courrier a déjà été demandée ou envoyée.\n');
  }, 90_000);

  it('hides the act from another collectivity’s agent', async () => {
    const langouet = { as: LANGOUET_AGENT };
    expect((await call(`/modules/actes/actes_transac_get_status.php?transaction=${actId}`, langouet)).text).toBe(
      'KO\nNuméro de transaction invalide.\n',
    );
    const cancel = curlForm([
      { name: 'api', value: '1' },
      { name: 'id', value: actId },
    ]);
    expect(
      (await call('/modules/actes/actes_transac_cancel.php', { method: 'POST', ...cancel, ...langouet })).text,
    ).toBe('KO\nNuméro de transaction invalide.\n');
    expect((await call(`/modules/actes/actes_create_pdf.php?trans_id=${actId}`, langouet)).text).toBe(
      'KO\nNuméro de transaction invalide.\n',
    );
    const theirs = (await call('/modules/actes/api/list_actes.php?status_id=4', langouet)).json();
    expect(theirs.transactions).toEqual([]);
  });

  it('cancels (6-1): OK, a second request is refused, and the status becomes 0 after the 6-2', async () => {
    const cancel = curlForm([
      { name: 'api', value: '1' },
      { name: 'id', value: actId },
    ]);
    const first = await call('/modules/actes/actes_transac_cancel.php', { method: 'POST', ...cancel });
    expect(first.text).toBe(`OK\n${actId}\n\n`);
    const second = await call('/modules/actes/actes_transac_cancel.php', { method: 'POST', ...cancel });
    expect(second.text).toBe("KO\nUne demande d'annulation est déjà en cours pour cette transaction.\n");
    await until('the cancellation (status 0)', async () =>
      (await statusLine(actId)) === 'OK\n0\n' ? true : undefined,
    );
    const third = await call('/modules/actes/actes_transac_cancel.php', { method: 'POST', ...cancel });
    expect(third.text).toBe("KO\nImpossible d'annuler une transaction qui n'est pas en état « Acquittement reçu ».\n");
  }, 60_000);
});
