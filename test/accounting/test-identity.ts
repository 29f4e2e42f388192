// Test-only signing identities made by openssl for each run (no private key is committed): an RSA key and its
// self-signed certificate, valid from now for `days`.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SigningIdentity } from '../../src/accounting/signature/sign-bordereau.ts';

export function makeTestIdentity(subject = '/CN=Ordonnateur de test/O=Commune de test', days = 30): SigningIdentity {
  const dir = mkdtempSync(join(tmpdir(), 'pes-identity-'));
  try {
    const key = join(dir, 'key.pem');
    const cert = join(dir, 'cert.pem');
    const request = ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', key, '-out', cert];
    execFileSync('openssl', [...request, '-days', String(days), '-subj', subject], { stdio: 'ignore' });
    return { privateKeyPem: readFileSync(key, 'utf8'), certificatePem: readFileSync(cert, 'utf8') };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
