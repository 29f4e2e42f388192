// A client of clamd (ClamAV's daemon) speaking its own protocol: `zINSTREAM`, then the file in chunks each
// preceded by its length (4 bytes, big-endian), then a zero length; clamd answers `stream: OK` or
// `stream: <signature> FOUND` (or `… ERROR`), NUL-terminated. The file is streamed, never held whole; the engine
// and signature versions come from `zVERSION`. clamd failing never breaks the stream being scanned: the sink then
// swallows the rest and the verdict says `failed`, with why in French.
import { connect, type Socket } from 'node:net';
import { Writable } from 'node:stream';
import { RetryLaterError } from '../errors.ts';
import { describeAddress, type ClamdAddress } from './address.ts';
import type { Antivirus, ScanSession, ScanVerdict } from './verdict.ts';

/** clamd reads each chunk whole; a bounded chunk keeps its memory and ours small. */
const MAX_CHUNK = 256 * 1024;
const END_OF_STREAM = Buffer.alloc(4);

export interface ClamdSettings {
  address: ClamdAddress;
  /** Longest silence of clamd, connection included (its own MaxScanTime defaults to 120 s). */
  timeoutMs?: number;
}

function open(address: ClamdAddress, timeoutMs: number): Socket {
  const socket = address.kind === 'unix' ? connect(address.path) : connect(address.port, address.host);
  socket.setTimeout(timeoutMs);
  return socket;
}

/** Sends one command and reads clamd's NUL-terminated answer. */
function command(address: ClamdAddress, timeoutMs: number, name: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = open(address, timeoutMs);
    let reply = '';
    socket.on('data', (data: Buffer) => (reply += data.toString('utf8')));
    socket.on('timeout', () => socket.destroy(new Error(`pas de réponse en ${Math.round(timeoutMs / 1000)} s`)));
    socket.on('error', reject);
    socket.on('close', () =>
      reply ? resolve(reply.replace(/\0[\s\S]*$/, '').trim()) : reject(new Error('connexion fermée')),
    );
    socket.end(`z${name}\0`);
  });
}

const failed = (why: string, engine: string | null = null): ScanVerdict => ({
  result: 'failed',
  signature: null,
  engine,
  detail: `analyse impossible : ${why}`,
});

export function parseReply(reply: string, engine: string | null): ScanVerdict {
  if (/^stream: OK$/.test(reply)) return { result: 'clean', signature: null, engine, detail: 'sain' };
  const found = /^stream: (.+) FOUND$/.exec(reply);
  if (found) return { result: 'infected', signature: found[1]!, engine, detail: `infecté : ${found[1]}` };
  if (/size limit exceeded/i.test(reply))
    return failed('fichier plus grand que ce que l’antivirus accepte (StreamMaxLength de clamd)', engine);
  return failed(`réponse de l’antivirus « ${reply.replace(/ ERROR$/, '')} »`, engine);
}

function unreachable(address: ClamdAddress, error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  const why = code === 'ENOENT' || code === 'ECONNREFUSED' ? 'aucun service à cette adresse' : (error as Error).message;
  return `antivirus injoignable (${describeAddress(address)} : ${why})`;
}

export function clamdAntivirus(settings: ClamdSettings): Antivirus {
  const { address } = settings;
  const timeoutMs = settings.timeoutMs ?? 120_000;

  function session(): ScanSession {
    const engine = command(address, timeoutMs, 'VERSION').catch(() => null);
    const socket = open(address, timeoutMs);
    let problem: string | undefined;
    let reply = '';
    let finished = false;
    let waiting: (() => void) | undefined;
    const release = () => {
      const next = waiting;
      waiting = undefined;
      next?.();
    };
    const outcome = new Promise<void>((resolve) => {
      socket.on('data', (data: Buffer) => {
        reply += data.toString('utf8');
        // An early answer (a size limit) ends the scan: what follows is swallowed.
        if (reply.includes('\0')) socket.end();
      });
      socket.on('drain', release);
      socket.on('timeout', () => {
        problem ??= `l’antivirus n’a pas répondu en ${Math.round(timeoutMs / 1000)} s`;
        socket.destroy();
      });
      socket.on('error', (error) => {
        problem ??= unreachable(address, error);
      });
      socket.on('close', () => {
        problem ??= 'l’antivirus a fermé la connexion sans répondre';
        release();
        resolve();
      });
    });
    socket.write('zINSTREAM\0');
    const active = () => problem === undefined && !reply.includes('\0') && !socket.destroyed;

    const sink = new Writable({
      write(chunk: Buffer, _encoding, callback) {
        for (let at = 0; at < chunk.length && active(); at += MAX_CHUNK) {
          const piece = chunk.subarray(at, at + MAX_CHUNK);
          const header = Buffer.alloc(4);
          header.writeUInt32BE(piece.length);
          socket.write(header);
          if (!socket.write(piece) && at + MAX_CHUNK >= chunk.length) {
            waiting = () => callback();
            return;
          }
        }
        callback();
      },
      final(callback) {
        finished = true;
        if (active()) socket.write(END_OF_STREAM);
        callback();
      },
      // Also called once the sink has finished (autoDestroy): only a destroy before the end cuts the scan.
      destroy(error, callback) {
        if (!finished) {
          problem ??= 'envoi du fichier interrompu';
          socket.destroy();
        }
        callback(error);
      },
    });
    // A complete answer wins over what went wrong after it (the socket closed, a late timeout).
    const verdict = Promise.all([outcome, engine]).then(([, version]) =>
      reply.includes('\0')
        ? parseReply(reply.slice(0, reply.indexOf('\0')).trim(), version)
        : failed(problem!, version),
    );
    return { sink, verdict };
  }

  return {
    configured: true,
    describe: () => `clamd (${describeAddress(address)})`,
    session,
    async check() {
      try {
        const pong = await command(address, Math.min(timeoutMs, 10_000), 'PING');
        if (pong !== 'PONG') throw new Error(`réponse inattendue « ${pong} »`);
      } catch (error) {
        throw new RetryLaterError(
          'ANTIVIRUS_UNAVAILABLE',
          `L’antivirus est injoignable (clamd, ${describeAddress(address)} : ${(error as Error).message}) : ` +
            'aucun fichier n’a été ouvert, réessayez dans quelques minutes.',
          60,
        );
      }
    },
  };
}
