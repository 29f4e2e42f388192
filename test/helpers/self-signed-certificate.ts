// A self-signed certificate and its RSA key made by openssl for each run (no private key is committed): signing
// identities for the PES tests and the bench, TLS certificates for the fake servers.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface SelfSigned {
  privateKeyPem: string;
  certificatePem: string;
}

/** `subject` as openssl writes it (`/CN=…/O=…`); `extensions` as `-addext` takes them (`subjectAltName=IP:…`). */
export function selfSignedCertificate(
  subject: string,
  options: { days?: number; extensions?: string[] } = {},
): SelfSigned {
  const dir = mkdtempSync(join(tmpdir(), 'self-signed-'));
  try {
    const key = join(dir, 'key.pem');
    const cert = join(dir, 'cert.pem');
    const request = ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', key, '-out', cert];
    const extensions = (options.extensions ?? []).flatMap((e) => ['-addext', e]);
    execFileSync('openssl', [...request, '-days', String(options.days ?? 30), '-subj', subject, ...extensions], {
      stdio: 'ignore',
    });
    return { privateKeyPem: readFileSync(key, 'utf8'), certificatePem: readFileSync(cert, 'utf8') };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
