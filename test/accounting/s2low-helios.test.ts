// The calls Pastell's S2low connector makes to S²LOW's Hélios API (sendHelios, getStatusHelios, getFichierRetour,
// getPESRetourListe → getPESRetour → change status), with their exact request shapes, over a real socket against
// the hub app, the worker on the real Temporal server and the fake treasury over FTP.
import { randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { XMLParser } from 'fast-xml-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pesFlows, pesReturns } from '../../db/schema/accounting.ts';
import { people } from '../../db/schema/auth.ts';
import { expectedHash, issueS2lowApiPassword } from '../../src/platform/auth/s2low/index.ts';
import { depositPes } from '../../src/accounting/deposit/deposit-pes.ts';
import { pesAllerText } from '../../src/accounting/domain/build-pes.ts';
import { pollTreasuryReturns } from '../../src/accounting/returns/poll-returns.ts';
import { parisDate } from '../../src/platform/calendar/index.ts';
import { useTestDatabase } from '../helpers/use-database.ts';
import { waitForStatus } from '../invoices/lifecycle-fixtures.ts';
import { storeBytes } from './accounting-harness.ts';
import {
  ACCOUNT,
  availableInvoice,
  formWithFile,
  mandateSpec,
  startApiHarness,
  type ApiHarness,
} from './api-harness.ts';

const t = useTestDatabase();
let h: ApiHarness;
const xml = new XMLParser({ parseTagValue: false });

const secretKey = randomBytes(32);
const previousKey = process.env.S2LOW_SECRET_KEY;

beforeAll(async () => {
  // The nonce scheme needs the key sealing the S²LOW API passwords; the app reads it at its creation.
  process.env.S2LOW_SECRET_KEY = secretKey.toString('base64');
  h = await startApiHarness(t.handle);
}, 120_000);
afterAll(async () => {
  if (previousKey === undefined) delete process.env.S2LOW_SECRET_KEY;
  else process.env.S2LOW_SECRET_KEY = previousKey;
  await h?.stopAll();
});

async function get(path: string, authorization = h.basic) {
  const res = await fetch(`${h.base}${path}`, { headers: { authorization } });
  return { res, bytes: Buffer.from(await res.arrayBuffer()) };
}

/** CurlWrapper::addPostFile('enveloppe', path, name) then exec(URL_POST_HELIOS). */
async function importPes(text: string, fileName: string) {
  const form = formWithFile('enveloppe', fileName.replace(/[^a-zA-Z0-9._\- ]/g, '_'), Buffer.from(text, 'latin1'));
  const res = await fetch(`${h.base}/modules/helios/api/helios_importer_fichier.php`, {
    method: 'POST',
    headers: { authorization: h.basic, 'content-type': form.contentType },
    body: form.body,
  });
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toMatch(/^text\/xml/);
  return xml.parse(await res.text()) as { import: { id: string; resultat: string; message: string } };
}

async function status(transaction: string) {
  const { res, bytes } = await get(`/modules/helios/api/helios_transac_get_status.php?transaction=${transaction}`);
  expect(res.headers.get('content-type')).toBe('text/xml; charset=ISO-8859-1');
  const text = bytes.toString('latin1');
  expect(text.startsWith('<?xml version="1.0" encoding="ISO-8859-1"?>\n<transaction>')).toBe(true);
  return (xml.parse(text) as { transaction: { id: string; resultat: string; message: string; status: string } })
    .transaction;
}

describe('a Pastell connector driving the hub as its S²LOW', () => {
  it('imports, follows the status to 4, downloads the acquit, lists, fetches and marks the PES_Retour read', async () => {
    const invoice = await availableInvoice(h, t.handle.db);
    const nomFic = `S2LOW-${Date.now()}`;
    const sentBefore = h.fake.received.length;
    const imported = await importPes(pesAllerText(mandateSpec(h, nomFic, invoice.number, '61', '8001')), 'PES é.xml');
    expect(imported.import).toMatchObject({ resultat: 'OK', message: 'Téléchargement du fichier réussi.' });
    const transaction = imported.import.id;
    expect(transaction).toMatch(/^\d+$/);
    const [row] = await t.handle.db.select().from(pesFlows).where(eq(pesFlows.nomFic, nomFic));
    expect(row).toMatchObject({ channel: 's2low', transactionNumber: Number(transaction) });

    // getStatusHelios until the acquit: 1/2/3 on the way, then 4 (ACQUITTE).
    const seen: string[] = [];
    for (let i = 0; i < 300; i++) {
      const s = await status(transaction);
      expect(s).toMatchObject({ id: transaction, resultat: 'OK' });
      seen.push(s.status);
      if (s.status === '4') break;
      await pollTreasuryReturns(h.deps);
      await new Promise((r) => setTimeout(r, 200));
    }
    expect(seen.at(-1)).toBe('4');
    expect(seen.every((s) => ['1', '2', '3', '4'].includes(s))).toBe(true);
    expect(h.fake.received.length).toBe(sentBefore + 1);
    expect((await status(transaction)).message).toBe('Acquittement reçu');

    // getFichierRetour: the PES_ACQUIT as the treasury wrote it.
    const acquit = await get(`/modules/helios/helios_download_acquit.php?id=${transaction}`);
    expect(acquit.res.status).toBe(200);
    const [flow] = await t.handle.db.select().from(pesFlows).where(eq(pesFlows.id, row!.id));
    const [ackRow] = await t.handle.db.select().from(pesReturns).where(eq(pesReturns.id, flow!.ackReturnId!));
    const stored = await h.deps.files!.get(ackRow!.fileId);
    const chunks: Buffer[] = [];
    for await (const c of stored!.stream) chunks.push(c as Buffer);
    expect(acquit.bytes.equals(Buffer.concat(chunks))).toBe(true);
    expect(acquit.bytes.toString('latin1')).toMatch(/<n:PES_ACQUIT /);
    await waitForStatus(t.handle.db, invoice.invoiceId, 'MANDATEE');

    // The comptable pays the mandate: a PES_Retour arrives, listed unread until the connector marks it read.
    const today = parisDate(new Date());
    await h.fake.emitRetour(
      {
        idPost: ACCOUNT.idPost,
        idColl: h.parties.accountant.party.siret,
        codColl: ACCOUNT.codCol,
        codBud: ACCOUNT.codBud,
      },
      [{ exer: '2026', idBord: '61', idPce: '8001', paidOn: today }],
    );
    await pollTreasuryReturns(h.deps);
    const listed = await get('/modules/helios/api/helios_get_list.php');
    const liste = (
      xml.parse(listed.bytes.toString('utf8')) as {
        liste: { resultat: string; pes_retour?: { id: string; nom: string; date: string } | { id: string }[] };
      }
    ).liste;
    expect(liste.resultat).toBe('OK');
    const retours = [liste.pes_retour ?? []].flat() as { id: string; nom: string; date: string }[];
    expect(retours).toHaveLength(1);
    const retour = retours[0]!;
    expect(retour.nom).toMatch(/\.xml$/);
    expect(retour.date).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);

    const fetched = await get(`/modules/helios/api/helios_get_retour.php?id=${retour.id}`);
    expect(fetched.res.status).toBe(200);
    expect(fetched.bytes.toString('latin1')).toMatch(/<n:PES_Retour /);
    expect(fetched.bytes.toString('latin1')).toContain('<IdPce V="8001"/>');

    const changed = await get(`/modules/helios/api/helios_change_status.php?id=${retour.id}`);
    expect(xml.parse(changed.bytes.toString('utf8'))).toMatchObject({
      transaction: { idRetour: retour.id, resultat: 'OK' },
    });
    const after = xml.parse((await get('/modules/helios/api/helios_get_list.php')).bytes.toString('utf8')) as {
      liste: { pes_retour?: unknown };
    };
    expect(after.liste.pes_retour).toBeUndefined();
    const [readRow] = await t.handle.db
      .select()
      .from(pesReturns)
      .where(eq(pesReturns.number, Number(retour.id)));
    expect(readRow?.readAt).not.toBeNull();
    await waitForStatus(t.handle.db, invoice.invoiceId, 'MISE_EN_PAIEMENT');
  }, 180_000);

  it('accepts the nonce scheme of Pastell (get-nounce.php, then nounce, login and hash) on the Hélios paths', async () => {
    const [person] = await t.handle.db.select().from(people).where(eq(people.email, h.login));
    const apiPassword = await issueS2lowApiPassword(h.deps, secretKey, person!.id);
    const nonce = async () =>
      ((await (await fetch(`${h.base}/api/get-nounce.php`)).json()) as { nounce: string }).nounce;
    const n = await nonce();
    const query = new URLSearchParams({ nounce: n, login: h.login, hash: expectedHash(apiPassword, n) });
    const listed = await fetch(`${h.base}/modules/helios/api/helios_get_list.php?${query}`);
    expect(listed.status).toBe(200);
    expect(xml.parse(await listed.text())).toMatchObject({ liste: { resultat: 'OK' } });
    const replay = await fetch(`${h.base}/modules/helios/api/helios_get_list.php?${query}`);
    expect(replay.status).toBe(401);
    const m = await nonce();
    const wrong = new URLSearchParams({ nounce: m, login: h.login, hash: expectedHash('autre', m) });
    expect((await fetch(`${h.base}/modules/helios/api/helios_get_list.php?${wrong}`)).status).toBe(401);
  });

  it('answers KO as S²LOW does: duplicate import, unknown transaction, missing number, other commune, no login', async () => {
    const nomFic = `S2LOW-DUP-${Date.now()}`;
    const first = await importPes(pesAllerText(mandateSpec(h, nomFic, 'X-1', '71', '8101')), 'a.xml');
    expect(first.import.resultat).toBe('OK');
    const second = await importPes(pesAllerText(mandateSpec(h, nomFic, 'X-1', '72', '8102')), 'b.xml');
    expect(second.import.resultat).toBe('KO');
    expect(second.import.message).toContain(`« ${nomFic} », déjà utilisé`);
    const refused = await status(second.import.id);
    expect(refused).toMatchObject({ resultat: 'OK', status: '-1' });
    expect(refused.message).toMatch(/^Erreur : .*NomFic/);

    // A declared length far over 128 MiB is refused from the headers, still in the import's XML (in process: over
    // a socket the server's early close races the client's writes).
    const small = formWithFile('enveloppe', 'gros.xml', Buffer.from('<x/>'));
    const big = await h.app.request('/modules/helios/api/helios_importer_fichier.php', {
      method: 'POST',
      headers: {
        authorization: h.basic,
        'content-type': small.contentType,
        'content-length': String(200 * 1024 * 1024),
      },
      body: small.body,
    });
    expect(big.status).toBe(200);
    expect(xml.parse(await big.text())).toMatchObject({
      import: { resultat: 'KO', message: expect.stringMatching(/^Le fichier dépasse 128 Mio/) },
    });

    expect(await status('999999999')).toMatchObject({ resultat: 'KO', message: 'Numéro de transaction invalide' });
    expect(await status('')).toMatchObject({ resultat: 'KO', message: 'Pas de numéro de transaction.' });

    // A flow of another commune exists under its number, and reads as unknown to this accountant.
    const file = await storeBytes(
      h.deps,
      Buffer.from(pesAllerText(mandateSpec(h, `OTHER-${Date.now()}`, 'X', '1', '1')), 'latin1'),
    );
    const other = await depositPes({
      ctx: { deps: h.deps, actor: h.parties.otherAccountant.actor },
      input: { fileId: file.id, channel: 'api' },
    });
    expect(await status(String(other.transactionNumber))).toMatchObject({
      resultat: 'KO',
      message: 'Numéro de transaction invalide',
    });

    const otherRetour = await get('/modules/helios/api/helios_get_retour.php?id=999999999');
    expect(xml.parse(otherRetour.bytes.toString('utf8'))).toMatchObject({ get_retour: { resultat: 'KO' } });

    const anonymous = await fetch(`${h.base}/modules/helios/api/helios_get_list.php`);
    expect(anonymous.status).toBe(401);
    expect(Buffer.from(await anonymous.arrayBuffer()).toString('latin1')).toMatch(/^KO\nAuthentification requise/);
    const wrong = await get(
      '/modules/helios/api/helios_get_list.php',
      `Basic ${Buffer.from('personne@nulle-part.example:x').toString('base64')}`,
    );
    expect(wrong.res.status).toBe(401);
  }, 120_000);
});
