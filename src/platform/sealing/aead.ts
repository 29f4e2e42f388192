// Small secrets (a consultation's private key, a structure's signing key) sealed with AES-256-GCM under a seal secret,
// bound by the additional data to what they belong to: a sealed key copied to another row does not open.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

export function seal(secret: Buffer, boundTo: string, plaintext: Buffer): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', secret, iv);
  cipher.setAAD(Buffer.from(boundTo, 'utf8'));
  const body = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64');
}

/** Throws when the sealed text was altered, or sealed under another secret or for another subject. */
export function unseal(secret: Buffer, boundTo: string, sealed: string): Buffer {
  const bytes = Buffer.from(sealed, 'base64');
  const decipher = createDecipheriv('aes-256-gcm', secret, bytes.subarray(0, 12));
  decipher.setAAD(Buffer.from(boundTo, 'utf8'));
  decipher.setAuthTag(bytes.subarray(12, 28));
  return Buffer.concat([decipher.update(bytes.subarray(28)), decipher.final()]);
}
