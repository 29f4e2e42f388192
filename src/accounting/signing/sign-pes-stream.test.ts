import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { makeTestIdentity } from '../../../test/accounting/test-identity.ts';
import { demoSpec } from '../../../test/accounting/pes-fixtures.ts';
import { pesAllerText, type PesAllerSpec } from '../domain/build-pes.ts';
import { verifyPesSignatures } from '../signature/verify-pes-signatures.ts';
import { signUnsignedBordereaux } from './sign-pes-stream.ts';

const identity = makeTestIdentity('/CN=Ordonnatrice de test/O=Commune de Rennes');

function twoBordereaux(): string {
  const spec: PesAllerSpec = demoSpec({ nomFic: 'SIGN-STREAM-1', dematerialised: true });
  const first = spec.bordereaux[0]!;
  spec.bordereaux.push({
    ...first,
    idBord: '13',
    pieces: first.pieces.map((p) => ({ ...p, idPce: '457', obj: 'Réparations été' })),
  });
  return pesAllerText(spec);
}

/** The file cut in pieces of `size` bytes: signatures must not depend on where chunks end. */
const inChunks = (bytes: Buffer, size: number) =>
  Readable.from(
    Array.from({ length: Math.ceil(bytes.length / size) }, (_, i) => bytes.subarray(i * size, (i + 1) * size)),
  );

async function signAll(bytes: Buffer, chunkSize: number) {
  const count = { signed: 0 };
  const out: Buffer[] = [];
  for await (const piece of signUnsignedBordereaux(
    inChunks(bytes, chunkSize),
    identity,
    { signingTime: new Date(), city: 'Rennes' },
    count,
  ))
    out.push(piece);
  return { bytes: Buffer.concat(out), count };
}

describe('signing the unsigned bordereaux of a streamed PES', () => {
  for (const chunkSize of [7, 256, 1 << 20]) {
    it(`signs each bordereau in place, chunks of ${chunkSize} bytes, and the verifier accepts them`, async () => {
      const original = Buffer.from(twoBordereaux(), 'latin1');
      const { bytes, count } = await signAll(original, chunkSize);
      expect(count.signed).toBe(2);
      const text = bytes.toString('latin1');
      expect(text.match(/<ds:Signature Id="/g)).toHaveLength(2);
      // Only the signatures were added: the rest of the file is byte for byte the original.
      expect(text.replace(/<ds:Signature Id="[\s\S]*?<\/ds:Signature>/g, '')).toBe(original.toString('latin1'));
      expect(await verifyPesSignatures(Readable.from([bytes]))).toEqual([]);
    });
  }

  it('leaves a signed bordereau alone and a file signed twice unchanged', async () => {
    const once = await signAll(Buffer.from(twoBordereaux(), 'latin1'), 4096);
    const twice = await signAll(once.bytes, 4096);
    expect(twice.count.signed).toBe(0);
    expect(twice.bytes.equals(once.bytes)).toBe(true);
  });

  it('a changed amount after signing is refused by the verifier', async () => {
    const { bytes } = await signAll(Buffer.from(twoBordereaux(), 'latin1'), 4096);
    const tampered = bytes.toString('latin1').replace('<MtBordHT V="1000.00"/>', '<MtBordHT V="1001.00"/>');
    const issues = await verifyPesSignatures(Readable.from([Buffer.from(tampered, 'latin1')]));
    expect(issues[0]?.code).toBe('ERREUR_SIGNATURE_BORDEREAU_INVALIDE');
  });
});
