import { Readable, Writable } from 'node:stream';
import { Client } from 'basic-ftp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pesAllerText } from '../../src/accounting/domain/build-pes.ts';
import type { TreasuryEndpoint } from '../../src/accounting/settings.ts';
import { downloadReturn, listReturns, uploadToTreasury } from '../../src/accounting/transport/treasury-ftp.ts';
import { signUnsignedBordereaux } from '../../src/accounting/signing/sign-pes-stream.ts';
import { FakeTreasury } from '../../src/demo-treasury/index.ts';
import { fakeTreasuryEndpoint } from './fake-treasury-endpoint.ts';
import { demoSpec } from './pes-fixtures.ts';
import { makeTestIdentity } from './test-identity.ts';

let fake: FakeTreasury;
let endpoint: TreasuryEndpoint;
const account = { idPost: '035000', idColl: '21350238800019', codCol: '123', codBud: '01' };
const routing = { pDest: 'VHPCE11', pAppli: 'GHELPES2', pMsg: 'PES#123#035000#01' };

beforeAll(async () => {
  fake = await FakeTreasury.start({ accounts: [account] });
  endpoint = fakeTreasuryEndpoint(fake);
});
afterAll(async () => fake?.stop());

async function waitForReturn(prefix: string): Promise<string> {
  for (let i = 0; i < 100; i++) {
    const found = (await listReturns(endpoint)).find((f) => f.name.startsWith(prefix));
    if (found) return found.name;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`no ${prefix} return`);
}

async function download(name: string): Promise<string> {
  const chunks: Buffer[] = [];
  await downloadReturn(endpoint, name, new Writable({ write: (c, _e, cb) => (chunks.push(c), cb()) }));
  return Buffer.concat(chunks).toString('latin1');
}

describe('the fake treasury over real FTP', () => {
  it('refuses an upload without the routing commands', async () => {
    const client = new Client(5000);
    const url = new URL(fake.url);
    await client.access({
      host: url.hostname,
      port: Number(url.port),
      user: url.username,
      password: decodeURIComponent(url.password),
    });
    await expect(client.uploadFrom(Readable.from([Buffer.from('x')]), '/entree/PESALR2_x.xml')).rejects.toThrow(
      /routage/,
    );
    client.close();
  });

  it('acknowledges an accepted PES, and uploads once per wire name', async () => {
    const bytes = Buffer.from(pesAllerText(demoSpec({ nomFic: 'FAKE-OK-1' })), 'latin1');
    const name = 'PESALR2_21350238800019_261201_001.xml';
    const first = await uploadToTreasury(endpoint, name, bytes.length, routing, async () => Readable.from([bytes]));
    const again = await uploadToTreasury(endpoint, name, bytes.length, routing, async () => Readable.from([bytes]));
    expect([first.uploaded, again.uploaded]).toEqual([true, false]);
    expect(fake.stores.get(name)).toBe(1);
    const ack = await download(await waitForReturn(`ACQUIT_${name}`));
    expect(ack).toContain('<n:PES_ACQUIT');
    expect(ack).toContain('<NomFic V="FAKE-OK-1"/>');
    expect(ack).toContain('<EtatAck V="1"/>');
    expect(fake.received[0]?.routing).toEqual(routing);
  });

  it('refuses an unknown codique with PES_NonAcquit, and reports duplicates in the acquit', async () => {
    const unknown = Buffer.from(pesAllerText({ ...demoSpec({ nomFic: 'FAKE-KO-1' }), idPost: '099000' }), 'latin1');
    const name = 'PESALR2_21350238800019_261201_002.xml';
    await uploadToTreasury(endpoint, name, unknown.length, routing, async () => Readable.from([unknown]));
    expect(await download(await waitForReturn(`NACK_${name}`))).toContain('ERREUR_CODIQUE');
    const dup = Buffer.from(pesAllerText(demoSpec({ nomFic: 'FAKE-DUP' })), 'latin1');
    const dupName = 'PESALR2_21350238800019_261201_003.xml';
    await uploadToTreasury(endpoint, dupName, dup.length, routing, async () => Readable.from([dup]));
    const ack = await download(await waitForReturn(`ACQUIT_${dupName}`));
    expect(ack).toContain('ERREUR_DOUBLON_BORDEREAU');
    expect(ack).toContain('ERREUR_DOUBLON_PJ');
  });

  it('verifies bordereau signatures itself (xmlsec1) and refuses a broken one with PES_NonAcquit', async () => {
    const signed = async (nomFic: string, idBord: string) => {
      const spec = { ...demoSpec({ nomFic, pjs: [] }), dematerialised: true };
      spec.bordereaux[0]!.idBord = idBord;
      spec.bordereaux[0]!.pieces[0]!.idPce = `${idBord}01`;
      spec.bordereaux[0]!.pieces[0]!.pjRefs = [];
      const out: Buffer[] = [];
      const source = Readable.from([Buffer.from(pesAllerText(spec), 'latin1')]);
      for await (const piece of signUnsignedBordereaux(source, identity, { signingTime: new Date() }, { signed: 0 }))
        out.push(piece);
      return Buffer.concat(out);
    };
    const identity = makeTestIdentity();
    const good = await signed('FAKE-SIG-OK', '31');
    const goodName = 'PESALR2_21350238800019_261201_004.xml';
    await uploadToTreasury(endpoint, goodName, good.length, routing, async () => Readable.from([good]));
    expect(await download(await waitForReturn(`ACQUIT_${goodName}`))).toContain('<EtatAck V="1"/>');
    expect(fake.verifiedSignatures).toContain('FAKE-SIG-OK/31');
    const text = (await signed('FAKE-SIG-KO', '32')).toString('latin1');
    const broken = Buffer.from(text.replace('<MtBordHT V="1000.00"/>', '<MtBordHT V="1000.01"/>'), 'latin1');
    expect(broken.toString('latin1')).not.toBe(text);
    const brokenName = 'PESALR2_21350238800019_261201_005.xml';
    await uploadToTreasury(endpoint, brokenName, broken.length, routing, async () => Readable.from([broken]));
    const nack = await download(await waitForReturn(`NACK_${brokenName}`));
    expect(nack).toContain('ERREUR_SIGNATURE_BORDEREAU_INVALIDE');
    expect(nack).toContain('bordereau 32');
  });
});
