// PassTrans transports against real servers: FTPS (ftp-srv with TLS, a certificate made by openssl for the test)
// and SFTP (an in-process ssh2 server). Each one: routing sent as the transport carries it, a file already on the
// server never sent twice, returns listed, downloaded and removed, and an untrusted server refused.
import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pesAllerText } from '../../src/accounting/domain/build-pes.ts';
import type { TreasuryEndpoint } from '../../src/accounting/settings.ts';
import {
  downloadReturn,
  listReturns,
  removeReturn,
  uploadToTreasury,
} from '../../src/accounting/transport/treasury-ftp.ts';
import { FakeSftpTreasury } from './fake-sftp-treasury.ts';
import { FakeTreasury } from '../../src/demo-treasury/index.ts';
import { demoSpec } from './pes-fixtures.ts';
import { selfSignedCertificate } from '../helpers/self-signed-certificate.ts';

const routing = { pDest: 'MHPCE21', pAppli: 'GHELPES2', pMsg: 'PES#123#035000#01' };
const common = { entree: '/entree/', sortie: '/sortie/', pAppli: 'GHELPES2', pDest: 'VHPCE11', timeoutMs: 10_000 };
const bytes = Buffer.from(pesAllerText(demoSpec({ nomFic: 'PASSTRANS-1' })), 'latin1');
const open = async () => Readable.from([bytes]);

async function download(endpoint: TreasuryEndpoint, name: string): Promise<string> {
  const pass = new PassThrough();
  const chunks: Buffer[] = [];
  pass.on('data', (c: Buffer) => chunks.push(c));
  await downloadReturn(endpoint, name, pass);
  return Buffer.concat(chunks).toString('latin1');
}

/** The fake's TLS certificate, for the address it listens on. */
function tlsCertificate(): { key: string; cert: string } {
  const made = selfSignedCertificate('/CN=127.0.0.1', { days: 1, extensions: ['subjectAltName=IP:127.0.0.1'] });
  return { key: made.privateKeyPem, cert: made.certificatePem };
}

describe('PassTrans over FTPS', () => {
  let fake: FakeTreasury;
  let endpoint: TreasuryEndpoint;
  let tls: { key: string; cert: string };

  beforeAll(async () => {
    tls = tlsCertificate();
    fake = await FakeTreasury.start({ tls });
    endpoint = { ...common, url: fake.url, transport: 'ftps', caPem: tls.cert };
  });
  afterAll(async () => fake?.stop());

  it('uploads over TLS with the routing in one SITE META, and never sends the same file twice', async () => {
    expect(endpoint.url).toMatch(/^ftps:\/\//);
    const name = 'PESALR2_21350238800019_261201_001.xml';
    expect(await uploadToTreasury(endpoint, name, bytes.length, routing, open)).toEqual({ uploaded: true });
    expect(await readFile(join(fake.entreeDir, name))).toEqual(bytes);
    await expect.poll(() => fake.received.find((r) => r.name === name)?.routing).toEqual(routing);
    expect(await uploadToTreasury(endpoint, name, bytes.length, routing, open)).toEqual({ uploaded: false });
    expect(fake.stores.get(name)).toBe(1);
  });

  it('lists, downloads and removes the returns over TLS', async () => {
    await expect
      .poll(async () => (await listReturns(endpoint)).map((f) => f.name))
      .toContain('ACQUIT_PESALR2_21350238800019_261201_001.xml');
    const text = await download(endpoint, 'ACQUIT_PESALR2_21350238800019_261201_001.xml');
    expect(text).toContain('PASSTRANS-1');
    await removeReturn(endpoint, 'ACQUIT_PESALR2_21350238800019_261201_001.xml');
    expect(existsSync(join(fake.sortieDir, 'ACQUIT_PESALR2_21350238800019_261201_001.xml'))).toBe(false);
  });

  it('refuses a server whose certificate it does not trust', async () => {
    const other = tlsCertificate();
    await expect(listReturns({ ...endpoint, caPem: other.cert })).rejects.toThrow(/self[- ]signed|certificate/i);
  });
});

describe('PassTrans over SFTP', () => {
  let fake: FakeSftpTreasury;
  let endpoint: TreasuryEndpoint;

  beforeAll(async () => {
    fake = await FakeSftpTreasury.start();
    endpoint = { ...common, url: fake.url(), hostKeySha256: fake.hostKeyFingerprint };
  });
  afterAll(async () => fake?.stop());

  it('uploads the file into /entree/ and never sends the same file twice', async () => {
    const name = 'PESALR2_21350238800019_261201_002.xml';
    expect(await uploadToTreasury(endpoint, name, bytes.length, routing, open)).toEqual({ uploaded: true });
    expect(await readFile(join(fake.entreeDir, name))).toEqual(bytes);
    expect(await uploadToTreasury(endpoint, name, bytes.length, routing, open)).toEqual({ uploaded: false });
    expect(fake.stores.get(name)).toBe(1);
  });

  it('sends again a file left truncated by an interrupted upload', async () => {
    const name = 'PESALR2_21350238800019_261201_003.xml';
    await writeFile(join(fake.entreeDir, name), bytes.subarray(0, 100));
    expect(await uploadToTreasury(endpoint, name, bytes.length, routing, open)).toEqual({ uploaded: true });
    expect(await readFile(join(fake.entreeDir, name))).toEqual(bytes);
  });

  it('lists the returns (not our own PESALR2 files), downloads and removes them', async () => {
    await writeFile(join(fake.sortieDir, 'ACQUIT_X.xml'), '<PES_ACQUIT>retour</PES_ACQUIT>');
    await writeFile(join(fake.sortieDir, 'PESALR2_ours.xml'), 'x');
    expect((await listReturns(endpoint)).map((f) => f.name)).toEqual(['ACQUIT_X.xml']);
    expect(await download(endpoint, 'ACQUIT_X.xml')).toBe('<PES_ACQUIT>retour</PES_ACQUIT>');
    await removeReturn(endpoint, 'ACQUIT_X.xml');
    expect(existsSync(join(fake.sortieDir, 'ACQUIT_X.xml'))).toBe(false);
  });

  it('refuses a server whose host key is not the pinned one, and a wrong password', async () => {
    await expect(listReturns({ ...endpoint, hostKeySha256: 'AAAA' })).rejects.toThrow();
    await expect(listReturns({ ...endpoint, url: fake.url('hub', 'faux') })).rejects.toThrow();
  });
});
