import { randomBytes } from 'node:crypto';
import { PassThrough, Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { describe, expect, it } from 'vitest';
import { createConsultationKeys, openSealedFile, sealingTransform, unsealConsultationKey } from './bid-cipher.ts';

const secret = randomBytes(32);

async function sealBytes(publicKeyPem: string, plaintext: Buffer) {
  const sealing = sealingTransform(publicKeyPem);
  const chunks: Buffer[] = [];
  const sink = new PassThrough();
  sink.on('data', (c: Buffer) => chunks.push(c));
  await pipeline(Readable.from([plaintext.subarray(0, 7), plaintext.subarray(7)]), sealing.stream, sink);
  return { ciphertext: Buffer.concat(chunks), keys: sealing.keys() };
}

describe('sealed bid files', () => {
  const keys = createConsultationKeys(secret, 'c-1');

  it('stores ciphertext only, and opens with the unsealed key to the same bytes and hash', async () => {
    const plaintext = Buffer.from('Offre financière : 12 345,67 € HT');
    const { ciphertext, keys: fileKeys } = await sealBytes(keys.publicKeyPem, plaintext);
    expect(ciphertext.includes(Buffer.from('Offre'))).toBe(false);
    expect(fileKeys.size).toBe(plaintext.length);
    const privateKey = unsealConsultationKey(secret, 'c-1', keys.sealedPrivateKey);
    const out: Buffer[] = [];
    const sink = new PassThrough();
    sink.on('data', (c: Buffer) => out.push(c));
    const check = await openSealedFile(privateKey, fileKeys, Readable.from([ciphertext]), sink);
    expect(check).toMatchObject({ intact: true, sha256: fileKeys.sha256 });
    expect(Buffer.concat(out).toString()).toBe(plaintext.toString());
  });

  it('detects one altered byte by the GCM tag', async () => {
    const { ciphertext, keys: fileKeys } = await sealBytes(keys.publicKeyPem, randomBytes(4096));
    ciphertext[1000] = (ciphertext[1000] as number) ^ 0x01;
    const privateKey = unsealConsultationKey(secret, 'c-1', keys.sealedPrivateKey);
    const check = await openSealedFile(privateKey, fileKeys, Readable.from([ciphertext]));
    expect(check.intact).toBe(false);
    expect(check.reason).toMatch(/GCM/);
  });

  it('does not unseal a private key for another consultation or under another secret', () => {
    expect(() => unsealConsultationKey(secret, 'c-2', keys.sealedPrivateKey)).toThrow();
    expect(() => unsealConsultationKey(randomBytes(32), 'c-1', keys.sealedPrivateKey)).toThrow();
  });
});
