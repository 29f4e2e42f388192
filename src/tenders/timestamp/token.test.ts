// The token must verify with the openssl binary, as a company would check it offline.
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { certificatePem, createAuthority, type NewAuthority } from './certificates.ts';
import { timeStampResponse } from './token.ts';

const run = promisify(execFile);
let dir: string;
let authority: NewAuthority;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'tsa-'));
  authority = await createAuthority(new Date(Date.now() - 60_000));
  await writeFile(
    join(dir, 'chain.pem'),
    certificatePem(authority.signer.certificate) + certificatePem(authority.root),
  );
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function verify(data: Uint8Array, token: Buffer): Promise<{ ok: boolean; output: string }> {
  await writeFile(join(dir, 'ack.json'), data);
  await writeFile(join(dir, 'token.tsr'), token);
  const args = [
    'ts',
    '-verify',
    '-data',
    join(dir, 'ack.json'),
    '-in',
    join(dir, 'token.tsr'),
    '-CAfile',
    join(dir, 'chain.pem'),
  ];
  return run('openssl', args).then(
    (r) => ({ ok: true, output: r.stdout + r.stderr }),
    (e: { stdout: string; stderr: string }) => ({ ok: false, output: e.stdout + e.stderr }),
  );
}

describe('RFC 3161 token of the hub’s time-stamping authority', () => {
  it('verifies with openssl ts -verify over the exact bytes, and names the time', async () => {
    const data = new TextEncoder().encode('{"accuse":"de reception"}\n');
    const token = await timeStampResponse(authority.signer, data, new Date('2026-06-15T10:00:00.123Z'));
    const result = await verify(data, token);
    expect(result.output).toContain('Verification: OK');
    expect(result.ok).toBe(true);
    const reply = await run('openssl', ['ts', '-reply', '-in', join(dir, 'token.tsr'), '-text']);
    expect(reply.stdout).toContain('Jun 15 10:00:00.123 2026 GMT');
  });

  it('fails verification when a single byte of the data differs', async () => {
    const data = new TextEncoder().encode('{"taille":12}\n');
    const token = await timeStampResponse(authority.signer, data, new Date());
    const result = await verify(new TextEncoder().encode('{"taille":13}\n'), token);
    expect(result.ok).toBe(false);
    expect(result.output).toMatch(/message imprint mismatch/);
  });
});
