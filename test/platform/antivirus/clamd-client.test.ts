// The clamd client against Debian's clamd with the EICAR signature: a clean file, EICAR alone and inside a larger
// file sent in many chunks, a file over clamd's stream limit, TCP as well as unix sockets, and clamd down.
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  antivirusFromEnvironment,
  clamdAntivirus,
  parseClamdAddress,
  scanningTee,
  scanReadable,
} from '../../../src/platform/antivirus/index.ts';
import { AppError } from '../../../src/platform/errors.ts';
import { clamdMissing, EICAR, EICAR_SIGNATURE, startClamd, type RunningClamd } from '../../helpers/clamd.ts';
import { skipUnlessCi } from '../../helpers/required-under-ci.ts';

const missing = skipUnlessCi(clamdMissing(), 'clamd');
let unix: RunningClamd;
let tcp: RunningClamd;

beforeAll(async () => {
  if (missing) return;
  [unix, tcp] = await Promise.all([startClamd(), startClamd({ tcp: true })]);
}, 120_000);
afterAll(async () => {
  await Promise.all([unix?.stop(), tcp?.stop()]);
});

/** `total` bytes of text in 64 KiB chunks, with `inside` somewhere in the middle. */
function* chunks(total: number, inside?: Buffer): Generator<Buffer> {
  const chunk = Buffer.alloc(64 * 1024, 'lorem ipsum ');
  for (let sent = 0; sent < total; sent += chunk.length) {
    if (inside && sent >= total / 2 && sent < total / 2 + chunk.length) yield Buffer.concat([chunk, inside]);
    else yield chunk;
  }
}

describe.skipIf(missing)('clamd client (zINSTREAM)', () => {
  it('says a clean file is clean, with the engine version', async () => {
    const verdict = await scanReadable(unix.antivirus, Readable.from(chunks(3 * 1024 * 1024)));
    expect(verdict).toMatchObject({ result: 'clean', signature: null, detail: 'sain' });
    expect(verdict.engine).toMatch(/^ClamAV \d+\.\d+/);
  });

  it('finds EICAR alone and inside a larger file, over unix and TCP', async () => {
    const alone = await scanReadable(unix.antivirus, Readable.from([EICAR]));
    expect(alone.result).toBe('infected');
    expect(alone.signature).toContain(EICAR_SIGNATURE);
    expect(alone.detail).toBe(`infecté : ${alone.signature}`);
    const inside = await scanReadable(tcp.antivirus, Readable.from(chunks(2 * 1024 * 1024, EICAR)));
    expect(inside).toMatchObject({ result: 'infected', signature: alone.signature });
  });

  it('passes every byte through the tee while scanning', async () => {
    const tee = scanningTee(unix.antivirus);
    let seen = 0;
    for await (const chunk of Readable.from(chunks(1024 * 1024, EICAR)).pipe(tee.stream)) seen += chunk.length;
    expect(seen).toBe(1024 * 1024 + EICAR.length);
    expect((await tee.verdict).result).toBe('infected');
  });

  it('reports a file over the stream limit as not scanned, in French, without breaking the stream', async () => {
    const verdict = await scanReadable(unix.antivirus, Readable.from(chunks(65 * 1024 * 1024)));
    expect(verdict.result).toBe('failed');
    expect(verdict.detail).toMatch(/^analyse impossible : fichier plus grand/);
  }, 60_000);

  it('with clamd down: a failed verdict on scans, a French 503 on check', async () => {
    const down = clamdAntivirus({ address: parseClamdAddress(`${unix.address}.absent`), timeoutMs: 2_000 });
    const verdict = await scanReadable(down, Readable.from([EICAR]));
    expect(verdict).toMatchObject({ result: 'failed', engine: null });
    expect(verdict.detail).toMatch(/^analyse impossible : antivirus injoignable \(.*aucun service à cette adresse\)/);
    const error = await down.check().then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ code: 'ANTIVIRUS_UNAVAILABLE', status: 503 });
    expect((error as AppError).message).toMatch(/^L’antivirus est injoignable/);
  });

  it('is off without CLAMD_ADDRESS, « non analysé »', async () => {
    const none = antivirusFromEnvironment({});
    expect(none.configured).toBe(false);
    expect(await scanReadable(none, Readable.from([EICAR]))).toMatchObject({
      result: 'not_scanned',
      detail: 'non analysé (aucun antivirus configuré)',
    });
    expect(antivirusFromEnvironment({ CLAMD_ADDRESS: tcp.address }).describe()).toBe(`clamd (${tcp.address})`);
    expect(() => parseClamdAddress('clamd')).toThrow(/CLAMD_ADDRESS « clamd » invalide/);
  });
});
