// The antivirus a module scans files with: clamd when CLAMD_ADDRESS is set, else none (every verdict then says
// « non analysé »); scanning a stored file, or bytes on their way elsewhere.
import { Transform, Writable, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { parseClamdAddress } from './address.ts';
import { clamdAntivirus } from './clamd.ts';
import { NOT_SCANNED, type Antivirus, type ScanVerdict } from './verdict.ts';

export const noAntivirus: Antivirus = {
  configured: false,
  describe: () => 'aucun antivirus',
  session: () => ({
    sink: new Writable({ write: (_chunk, _encoding, callback) => callback() }),
    verdict: Promise.resolve(NOT_SCANNED),
  }),
  check: async () => undefined,
};

export function antivirusFromEnvironment(env: NodeJS.ProcessEnv = process.env): Antivirus {
  const address = env['CLAMD_ADDRESS']?.trim();
  if (!address) return noAntivirus;
  const timeout = Number(env['CLAMD_TIMEOUT_MS'] ?? '');
  return clamdAntivirus({
    address: parseClamdAddress(address),
    ...(Number.isFinite(timeout) && timeout > 0 ? { timeoutMs: timeout } : {}),
  });
}

/** Streams a readable (a stored file) through the antivirus. */
export async function scanReadable(antivirus: Antivirus, source: Readable): Promise<ScanVerdict> {
  const { sink, verdict } = antivirus.session();
  await pipeline(source, sink);
  return verdict;
}

/**
 * A pass-through that also feeds a scan session, at the pace of the slower of the two; the session's verdict
 * settles after the stream ends. Destroying the tee ends the scan as failed.
 */
export function scanningTee(antivirus: Antivirus): { stream: Transform; verdict: Promise<ScanVerdict> } {
  const { sink, verdict } = antivirus.session();
  const stream = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      if (sink.destroyed || sink.writableEnded) return callback(null, chunk);
      sink.write(chunk, () => callback(null, chunk));
    },
    flush(callback) {
      sink.end();
      callback();
    },
    destroy(error, callback) {
      if (!sink.writableFinished) sink.destroy();
      callback(error);
    },
  });
  return { stream, verdict };
}
