// A resumable upload's file is sealed segment by segment (a STREAM construction, after Hoang, Reyhanitabar, Rogaway
// and Vizár): AES-256-GCM under one data key for the file, each segment with a fresh random 12-byte nonce and, as
// additional data, its index (4 bytes, big-endian) and a final flag (1 byte). A segment dropped, repeated, moved or
// cut off, or a file cut after a segment, fails: the index or the final flag no longer matches. Random nonces mean
// that a segment sealed twice (a retried request) never reuses a nonce. Stored, each segment is framed by its
// length (4 bytes, big-endian) before its nonce, ciphertext and 16-byte tag, so the stored file is the plain
// concatenation of the framed segments.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { Transform } from 'node:stream';

export const SEGMENT_CIPHER = 'aes-256-gcm-segments';
/** The largest plaintext of one segment: the memory an upload holds, and what a broken connection costs at most. */
export const SEGMENT_BYTES = 1024 * 1024;
const TAG = 16;
const NONCE = 12;
const FRAME = 4;
/** Stored bytes added to each segment: frame, nonce and tag. */
export const SEGMENT_OVERHEAD = FRAME + NONCE + TAG;

function boundData(index: number, final: boolean): Buffer {
  const aad = Buffer.alloc(5);
  aad.writeUInt32BE(index, 0);
  aad[4] = final ? 1 : 0;
  return aad;
}

/** One framed, sealed segment: length, nonce, ciphertext, tag. */
export function sealSegment(dataKey: Buffer, index: number, final: boolean, plain: Buffer): Buffer {
  const nonce = randomBytes(NONCE);
  const cipher = createCipheriv('aes-256-gcm', dataKey, nonce);
  cipher.setAAD(boundData(index, final));
  const body = Buffer.concat([nonce, cipher.update(plain), cipher.final(), cipher.getAuthTag()]);
  const frame = Buffer.alloc(FRAME);
  frame.writeUInt32BE(body.length, 0);
  return Buffer.concat([frame, body]);
}

function openSegment(dataKey: Buffer, index: number, final: boolean, body: Buffer): Buffer {
  if (body.length < NONCE + TAG) throw new Error('segment shorter than its nonce and tag');
  const decipher = createDecipheriv('aes-256-gcm', dataKey, body.subarray(0, NONCE));
  decipher.setAAD(boundData(index, final));
  decipher.setAuthTag(body.subarray(body.length - TAG));
  return Buffer.concat([decipher.update(body.subarray(NONCE, body.length - TAG)), decipher.final()]);
}

/**
 * Decrypts framed segments as they stream: a segment is known to be the last only when the stream ends, so one
 * framed segment is held back (memory: two segments). Errors on any altered, missing, reordered or extra segment.
 * `final: false` opens the stored prefix of an upload still running (its last stored segment is not the final one).
 */
export function openingSegments(dataKey: Buffer, options: { final?: boolean } = {}): Transform {
  const key = Buffer.from(dataKey);
  const expectFinal = options.final ?? true;
  let pending: Buffer = Buffer.alloc(0);
  let held: Buffer | undefined;
  let index = 0;
  const release = (final: boolean): Buffer => {
    const plain = openSegment(key, index, final, held!);
    index += 1;
    held = undefined;
    return plain;
  };
  return new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      try {
        pending = pending.length ? Buffer.concat([pending, chunk]) : chunk;
        while (pending.length >= FRAME) {
          const size = pending.readUInt32BE(0);
          if (size > SEGMENT_BYTES + NONCE + TAG) throw new Error('segment frame larger than a segment');
          if (pending.length < FRAME + size) break;
          if (held) this.push(release(false));
          held = Buffer.from(pending.subarray(FRAME, FRAME + size));
          pending = pending.subarray(FRAME + size);
        }
        callback();
      } catch (error) {
        callback(error as Error);
      }
    },
    flush(callback) {
      try {
        if (pending.length) throw new Error('file cut inside a segment');
        if (!held) throw new Error('no segment');
        const plain = release(expectFinal);
        key.fill(0);
        callback(null, plain);
      } catch (error) {
        key.fill(0);
        callback(error as Error);
      }
    },
  });
}
