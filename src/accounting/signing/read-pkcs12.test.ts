import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeTestIdentity } from '../../../test/accounting/test-identity.ts';
import { AppError } from '../../platform/errors.ts';
import { readSigningIdentity } from './read-identity.ts';
import { identityFromPkcs12 } from './read-pkcs12.ts';

const identity = makeTestIdentity('/CN=Ordonnateur PKCS12/O=Commune de test');

/** The identity exported by openssl as a PKCS#12 file under `passphrase` (OpenSSL 3 defaults: PBES2, AES-256). */
function pkcs12Of(passphrase: string): Buffer {
  const dir = mkdtempSync(join(tmpdir(), 'p12-'));
  try {
    writeFileSync(join(dir, 'key.pem'), identity.privateKeyPem);
    writeFileSync(join(dir, 'cert.pem'), identity.certificatePem);
    execFileSync('openssl', [
      'pkcs12',
      '-export',
      '-inkey',
      join(dir, 'key.pem'),
      '-in',
      join(dir, 'cert.pem'),
      '-out',
      join(dir, 'id.p12'),
      '-passout',
      `pass:${passphrase}`,
    ]);
    return readFileSync(join(dir, 'id.p12'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('a signing identity from a PKCS#12 file', () => {
  it('gives the key and its certificate, which pass the same checks as PEM files', async () => {
    const uploaded = await identityFromPkcs12(pkcs12Of('phrase secrète'), 'phrase secrète');
    const { facts } = readSigningIdentity(uploaded, new Date());
    expect(facts.subject).toBe('CN=Ordonnateur PKCS12, O=Commune de test');
    expect(uploaded.certificatePem.replace(/\s/g, '')).toBe(identity.certificatePem.replace(/\s/g, ''));
  });

  it('refuses a wrong passphrase in French', async () => {
    const error = await identityFromPkcs12(pkcs12Of('la bonne'), 'la mauvaise').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('SIGNING_PKCS12_UNREADABLE');
    expect((error as AppError).message).toContain('phrase secrète');
  });
});
