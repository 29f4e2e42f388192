// The Temporal server on PostgreSQL (ops/temporal-server): built once with Go, its two databases created and brought
// to the embedded schema, then run. The production persistence of a Temporal cluster, on one machine; a region runs
// a Temporal cluster or Temporal Cloud instead and only sets TEMPORAL_ADDRESS.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { accessSync, constants, mkdirSync, readFileSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { goBinDir, hasGo } from './binary.ts';

const MODULE_DIR = fileURLToPath(new URL('../../../ops/temporal-server/', import.meta.url));
const SOURCES = ['main.go', 'go.mod', 'go.sum'];
const READY = 'temporal server ready on';

export interface PostgresTemporalOptions {
  /** `postgres://user:password@host:port/` of the PostgreSQL server holding the two Temporal databases. */
  postgresUrl: string;
  /** Database names (`temporal`, `temporal_visibility`). */
  database?: string;
  visibilityDatabase?: string;
  port: number;
  namespace?: string;
  /** History shards: fixed for the life of the databases (4). */
  shards?: number;
  log?: (line: string) => void;
}

export interface PostgresTemporal {
  address: string;
  pid: number;
  stop(): Promise<void>;
}

/** The binary's name carries a hash of its sources: an edited main.go or go.mod is built again, once. */
function binaryPath(): string {
  const hash = createHash('sha256');
  for (const file of SOURCES) hash.update(readFileSync(join(MODULE_DIR, file)));
  const dir = goBinDir();
  if (!dir) throw new Error('Go est introuvable : il faut Go pour construire le serveur Temporal sur PostgreSQL.');
  return join(dir, `hub-temporal-server-${hash.digest('hex').slice(0, 12)}`);
}

function executable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** Finds or builds ops/temporal-server (go build, from the Go module cache or the Go module proxy; minutes once). */
export function ensurePostgresTemporalBinary(log: (line: string) => void = () => {}): string {
  const path = binaryPath();
  if (executable(path)) return path;
  if (!hasGo()) throw new Error('Go est introuvable : il faut Go pour construire le serveur Temporal sur PostgreSQL.');
  log(`Construction du serveur Temporal sur PostgreSQL (go build ops/temporal-server → ${path}) : une seule fois…`);
  mkdirSync(join(path, '..'), { recursive: true });
  // Built beside, then renamed: two processes building at once never run a half-written binary.
  const partial = `${path}.${process.pid}.partial`;
  const build = spawnSync('go', ['build', '-o', partial, '.'], { cwd: MODULE_DIR, encoding: 'utf8' });
  if (build.status !== 0) throw new Error(`go build ops/temporal-server a échoué :\n${build.stderr}`);
  renameSync(partial, path);
  return path;
}

function toolArgs(options: PostgresTemporalOptions): { args: string[]; env: NodeJS.ProcessEnv } {
  const url = new URL(options.postgresUrl);
  return {
    args: [
      '-pg-host',
      url.hostname,
      '-pg-port',
      url.port || '5432',
      '-pg-user',
      decodeURIComponent(url.username) || 'postgres',
      '-db',
      options.database ?? 'temporal',
      '-visibility-db',
      options.visibilityDatabase ?? 'temporal_visibility',
    ],
    // The password goes through the environment, never the process list.
    env: { ...process.env, PGPASSWORD: decodeURIComponent(url.password) },
  };
}

/** Creates both databases when absent and applies the embedded schema (idempotent: an up-to-date schema is kept). */
export function setupPostgresTemporal(binary: string, options: PostgresTemporalOptions): void {
  const { args, env } = toolArgs(options);
  const result = spawnSync(binary, ['setup', ...args, '-log-level', 'error'], { env, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`schéma Temporal non créé :\n${result.stdout}${result.stderr}`);
  for (const line of result.stdout.trim().split('\n')) options.log?.(line);
}

/** Starts the server and resolves once its namespace is served; stop() ends it (SIGTERM, then SIGKILL). */
export async function startPostgresTemporal(
  binary: string,
  options: PostgresTemporalOptions,
): Promise<PostgresTemporal> {
  const { args, env } = toolArgs(options);
  const child = spawn(
    binary,
    [
      'start',
      ...args,
      '-port',
      String(options.port),
      '-namespace',
      options.namespace ?? 'default',
      '-shards',
      String(options.shards ?? 4),
    ],
    { env, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  await waitReady(child);
  const killOnExit = () => child.kill('SIGKILL');
  process.on('exit', killOnExit);
  options.log?.(`Temporal sur PostgreSQL prêt sur 127.0.0.1:${options.port} (pid ${child.pid})`);
  return {
    address: `127.0.0.1:${options.port}`,
    pid: child.pid!,
    async stop() {
      process.off('exit', killOnExit);
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

function waitReady(child: ChildProcess): Promise<void> {
  return new Promise((resolve, reject) => {
    let output = '';
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.length > 20_000) output = output.slice(-10_000);
      if (output.includes(READY)) {
        // Once ready, its output is only drained (a full pipe would block the server).
        output = '';
        for (const stream of [child.stdout, child.stderr]) {
          stream?.off('data', onData);
          stream?.resume();
        }
        resolve();
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code, signal) =>
      reject(new Error(`le serveur Temporal s'est arrêté avant d'être prêt (${signal ?? code}) :\n${output}`)),
    );
  });
}
