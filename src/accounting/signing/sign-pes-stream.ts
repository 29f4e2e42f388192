// Copies a PES Aller while signing each unsigned bordereau (sign-bordereau.ts), streamed: a bordereau is captured
// alone as the file passes, signed, and its ds:Signature inserted into the original bytes after its last child. The
// bytes of a bordereau being read are held until its signature is known; memory: about two bordereaux.
import type { Readable } from 'node:stream';
import { SaxesParser } from 'saxes';
import { captureBordereaux } from '../signature/bordereau-capture.ts';
import { bordereauIdOf, signBordereau, type SignOptions, type SigningIdentity } from '../signature/sign-bordereau.ts';
import { signatureIdOf } from '../signature/xades-profile.ts';

/** Characters Latin-1 cannot carry (and C1 controls, which a PES refuses) as character references. */
const latin1Safe = (text: string): string =>
  text.replace(/[\u0080-\u009f]|[^\u0000-\u00ff]/gu, (c) => `&#${c.codePointAt(0)};`);

/** The ds:Signature element a signed bordereau ends with, alone. */
export function signatureElementOf(signedBordereau: string, bordereauId: string): string {
  const start = signedBordereau.indexOf(`<ds:Signature Id="${signatureIdOf(bordereauId)}"`);
  const end = signedBordereau.lastIndexOf('</');
  if (start < 0 || end < start) throw new Error(`signature of bordereau ${bordereauId} not found in its output`);
  return signedBordereau.slice(start, end);
}

export interface SigningCount {
  signed: number;
}

/** Yields the signed file; `count.signed` once it has ended. Throws BordereauSigningError (no Id, …). */
export async function* signUnsignedBordereaux(
  source: Readable,
  identity: SigningIdentity,
  options: SignOptions,
  count: SigningCount,
): AsyncGenerator<Buffer> {
  const parser = new SaxesParser({ xmlns: true, position: true });
  const ready: { offset: number; text: Buffer }[] = [];
  const capture = captureBordereaux(parser, (bordereau) => {
    if (bordereau.signed) return;
    const id = bordereauIdOf(bordereau.xml);
    const signature = signatureElementOf(signBordereau(bordereau.xml, identity, options), id);
    ready.push({ offset: bordereau.innerEnd, text: Buffer.from(latin1Safe(signature), 'latin1') });
    count.signed += 1;
  });
  let failure: Error | undefined;
  parser.on('error', (error) => {
    failure ??= error;
  });
  // Bytes read but not yet sent, from offset `heldFrom`.
  let held: Buffer[] = [];
  let heldFrom = 0;
  function* release(upTo: number): Generator<Buffer> {
    // Inside a long bordereau: nothing to send yet, and no copy of what is held.
    if (upTo <= heldFrom) return;
    let bytes = Buffer.concat(held);
    held = [];
    for (let next = ready[0]; next && next.offset <= upTo; next = ready[0]) {
      ready.shift();
      yield bytes.subarray(0, next.offset - heldFrom);
      yield next.text;
      bytes = bytes.subarray(next.offset - heldFrom);
      heldFrom = next.offset;
    }
    const keep = bytes.subarray(upTo - heldFrom);
    yield bytes.subarray(0, upTo - heldFrom);
    if (keep.length > 0) held.push(Buffer.from(keep));
    heldFrom = upTo;
  }
  let read = 0;
  for await (const chunk of source as AsyncIterable<Buffer>) {
    held.push(chunk);
    read += chunk.length;
    parser.write(chunk.toString('latin1'));
    if (failure) throw failure;
    yield* release(capture.opening() ?? read);
  }
  parser.close();
  if (failure) throw failure;
  yield* release(read);
}
