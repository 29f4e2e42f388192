import { execFileSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * A throw-away PostgreSQL cluster of the test's own, which the test may stop and restart without disturbing
 * the shared server. Needs the Debian server binaries and root (to run them as the postgres user).
 */
export interface PrivatePostgres {
  url: string;
  stop(): void;
  start(): void;
  destroy(): void;
}

function binDir(): string | undefined {
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return undefined;
  const versions = readdirSync(root).sort((a, b) => Number(b) - Number(a));
  const found = versions.map((v) => join(root, v, 'bin')).find((dir) => existsSync(join(dir, 'pg_ctl')));
  return found;
}

export function privatePostgresUnavailable(): string | undefined {
  const reason =
    process.getuid?.() !== 0
      ? 'needs root to run the server as the postgres user'
      : !binDir()
        ? 'no PostgreSQL server binaries under /usr/lib/postgresql'
        : undefined;
  // Under CI a missing server fails the run instead of skipping the restart tests.
  if (reason !== undefined && process.env.CI) throw new Error(`private PostgreSQL unavailable under CI: ${reason}`);
  return reason;
}

export function createPrivatePostgres(port: number): PrivatePostgres {
  const bin = binDir()!;
  const dir = mkdtempSync(join(tmpdir(), 'hub-pg-'));
  const { uid, gid } = {
    uid: Number(execFileSync('id', ['-u', 'postgres']).toString()),
    gid: Number(execFileSync('id', ['-g', 'postgres']).toString()),
  };
  chownSync(dir, uid, gid);
  const data = join(dir, 'data');
  const asPostgres = (args: string[]) => execFileSync('runuser', ['-u', 'postgres', '--', ...args], { stdio: 'pipe' });
  asPostgres([join(bin, 'initdb'), '-D', data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--no-sync']);
  const start = () =>
    asPostgres([
      join(bin, 'pg_ctl'),
      '-D',
      data,
      '-w',
      '-l',
      join(dir, 'log'),
      '-o',
      `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off`,
      'start',
    ]);
  const stop = () => asPostgres([join(bin, 'pg_ctl'), '-D', data, '-w', '-m', 'fast', 'stop']);
  start();
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    start,
    stop,
    destroy: () => {
      try {
        stop();
      } catch {
        // already stopped
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
