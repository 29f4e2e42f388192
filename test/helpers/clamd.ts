// A real antivirus for the tests: Debian's clamd (clamav-daemon) on a temporary folder, with no downloaded
// database (freshclam needs the internet) but a local one holding the EICAR test signature, listening on a unix
// socket or a loopback TCP port. The EICAR file is built here, never stored in the repository.
import { spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { clamdAntivirus, parseClamdAddress, type Antivirus } from '../../src/platform/antivirus/index.ts';
import { freePort } from '../../src/platform/net.ts';

export const CLAMD_BIN = '/usr/sbin/clamd';
export const clamdMissing = (): string | false => (existsSync(CLAMD_BIN) ? false : `${CLAMD_BIN} (clamav-daemon)`);

/** The 68-byte EICAR test file, which every antivirus reports as infected and which harms nothing. */
export const EICAR = Buffer.from(
  ['X5O!P%@AP[4\\PZX54(P^)7CC)7}$', 'EICAR-STANDARD-ANTIVIRUS-', 'TEST-FILE!$H+H*'].join(''),
  'latin1',
);
export const EICAR_SIGNATURE = 'Eicar-Test-Signature';

export interface RunningClamd {
  /** What CLAMD_ADDRESS would say. */
  address: string;
  antivirus: Antivirus;
  stop(): Promise<void>;
}

export async function startClamd(options: { tcp?: boolean; timeoutMs?: number } = {}): Promise<RunningClamd> {
  const root = mkdtempSync(join(tmpdir(), 'hub-clamd-'));
  const databases = join(root, 'db');
  mkdirSync(databases);
  // An extended signature (.ndb): the EICAR bytes anywhere in a file, whatever surrounds them.
  writeFileSync(join(databases, 'eicar.ndb'), `${EICAR_SIGNATURE}:0:*:${EICAR.toString('hex')}\n`);
  // And its hash (.hdb), the form freshclam's databases use for whole files.
  writeFileSync(
    join(databases, 'eicar.hdb'),
    `${createHash('md5').update(EICAR).digest('hex')}:${EICAR.length}:${EICAR_SIGNATURE}\n`,
  );
  const socketPath = join(root, 'clamd.sock');
  const port = options.tcp ? await freePort() : 0;
  const listen = options.tcp ? `TCPSocket ${port}\nTCPAddr 127.0.0.1` : `LocalSocket ${socketPath}`;
  const config = join(root, 'clamd.conf');
  writeFileSync(
    config,
    [
      `DatabaseDirectory ${databases}`,
      listen,
      'Foreground yes',
      `LogFile ${join(root, 'clamd.log')}`,
      `PidFile ${join(root, 'clamd.pid')}`,
      'StreamMaxLength 64M',
      'MaxThreads 4',
    ].join('\n') + '\n',
  );
  const child: ChildProcess = spawn(CLAMD_BIN, ['-c', config], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (d) => (stderr += String(d)));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const address = options.tcp ? `127.0.0.1:${port}` : socketPath;
  const antivirus = clamdAntivirus({
    address: parseClamdAddress(address),
    ...(options.timeoutMs ? { timeoutMs: options.timeoutMs } : {}),
  });
  const until = Date.now() + 60_000;
  for (;;) {
    try {
      await antivirus.check();
      break;
    } catch (error) {
      if (child.exitCode !== null || Date.now() > until) {
        child.kill('SIGKILL');
        throw new Error(`clamd did not start: ${stderr}`, { cause: error });
      }
      await new Promise((r) => setTimeout(r, 200));
    }
  }
  return {
    address,
    antivirus,
    async stop() {
      if (child.exitCode === null) {
        child.kill('SIGTERM');
        await exited;
      }
      rmSync(root, { recursive: true, force: true });
    },
  };
}
