// Each deposited file is encrypted the moment its bytes arrive: a fresh AES-256-GCM data key per file, wrapped at
// once with the consultation's public key (RSA-OAEP, SHA-256) and forgotten. Only the private key, sealed until
// the workflow releases it after the deadline, unwraps it. The plaintext's SHA-256 and size are computed on the way
// for the receipt.
import {
  constants,
  createCipheriv,
  createDecipheriv,
  createHash,
  createPrivateKey,
  generateKeyPairSync,
  privateDecrypt,
  publicEncrypt,
  randomBytes,
  type KeyObject,
} from 'node:crypto';
import { Transform, Writable, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { seal, unseal } from './aead.ts';
import { openingSegments, SEGMENT_CIPHER } from './segment-cipher.ts';

export interface SealedFileKeys {
  iv: string;
  authTag: string;
  wrappedKey: string;
  sha256: string;
  size: number;
}

const OAEP = { padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: 'sha256' } as const;
const boundTo = (consultationId: string) => `tender-consultation:${consultationId}`;

/** A consultation's key pair: the public key in clear, the private key sealed under the hub's secret. */
export function createConsultationKeys(
  secret: Buffer,
  consultationId: string,
): { publicKeyPem: string; sealedPrivateKey: string } {
  const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 3072 });
  const der = privateKey.export({ type: 'pkcs8', format: 'der' });
  return {
    publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    sealedPrivateKey: seal(secret, boundTo(consultationId), der),
  };
}

/** A fresh data key for one file, and that key wrapped with the consultation's public key. */
export function newWrappedDataKey(publicKeyPem: string): { dataKey: Buffer; wrappedKey: string } {
  const dataKey = randomBytes(32);
  return { dataKey, wrappedKey: publicEncrypt({ key: publicKeyPem, ...OAEP }, dataKey).toString('base64') };
}

export function unsealConsultationKey(secret: Buffer, consultationId: string, sealed: string): KeyObject {
  const der = unseal(secret, boundTo(consultationId), sealed);
  const key = createPrivateKey({ key: der, format: 'der', type: 'pkcs8' });
  der.fill(0);
  return key;
}

/** A transform that encrypts what passes through it; `keys()` once it has ended. */
export function sealingTransform(publicKeyPem: string): { stream: Transform; keys: () => SealedFileKeys } {
  const dataKey = randomBytes(32);
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', dataKey, iv);
  const wrappedKey = publicEncrypt({ key: publicKeyPem, ...OAEP }, dataKey).toString('base64');
  dataKey.fill(0);
  const hash = createHash('sha256');
  let size = 0;
  let done: SealedFileKeys | undefined;
  const stream = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      hash.update(chunk);
      size += chunk.length;
      callback(null, cipher.update(chunk));
    },
    flush(callback) {
      const last = cipher.final();
      done = {
        iv: iv.toString('base64'),
        authTag: cipher.getAuthTag().toString('base64'),
        wrappedKey,
        sha256: hash.digest('hex'),
        size,
      };
      callback(null, last);
    },
  });
  return {
    stream,
    keys: () => {
      if (!done) throw new Error('sealing transform read before its end');
      return done;
    },
  };
}

export interface OpenedFileCheck {
  intact: boolean;
  sha256?: string;
  size?: number;
  reason?: string;
}

/**
 * Decrypts a stored ciphertext to `sink` (or to nowhere, to check it): the GCM tag, checked at the end, detects any
 * altered byte; the plaintext SHA-256 must also match the receipt's. A file of a resumable upload (`cipher`
 * 'aes-256-gcm-segments') is opened segment by segment, each tag checked with its index and final flag.
 */
export async function openSealedFile(
  privateKey: KeyObject,
  file: { iv: string; authTag: string; wrappedKey: string; sha256: string; cipher?: string },
  ciphertext: Readable,
  sink?: NodeJS.WritableStream,
): Promise<OpenedFileCheck> {
  let dataKey: Buffer;
  try {
    dataKey = privateDecrypt({ key: privateKey, ...OAEP }, Buffer.from(file.wrappedKey, 'base64'));
  } catch {
    ciphertext.destroy();
    return { intact: false, reason: 'clé de fichier illisible' };
  }
  let decipher: Transform;
  if (file.cipher === SEGMENT_CIPHER) decipher = openingSegments(dataKey);
  else {
    const gcm = createDecipheriv('aes-256-gcm', dataKey, Buffer.from(file.iv, 'base64'));
    gcm.setAuthTag(Buffer.from(file.authTag, 'base64'));
    decipher = gcm;
  }
  dataKey.fill(0);
  const hash = createHash('sha256');
  let size = 0;
  const meter = new Transform({
    transform(chunk: Buffer, _e, callback) {
      hash.update(chunk);
      size += chunk.length;
      callback(null, chunk);
    },
  });
  const discard = new Writable({ write: (_chunk, _e, callback) => callback() });
  try {
    await pipeline(ciphertext, decipher, meter, sink ?? discard);
  } catch {
    return { intact: false, reason: 'contrôle d’intégrité (étiquette GCM) en échec : le fichier stocké a été altéré' };
  }
  const sha256 = hash.digest('hex');
  if (sha256 !== file.sha256) return { intact: false, sha256, size, reason: 'empreinte SHA-256 différente du reçu' };
  return { intact: true, sha256, size };
}
