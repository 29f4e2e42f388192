import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { Connection } from '@temporalio/client';
import { freePort, portFree } from '../net.ts';
import { removePidFile, takeOverDbFile, writePidFile } from './dev-server-lock.ts';

export type DevServerState = 'running' | 'restarting' | 'stopped';

export interface DevServer {
  address: string;
  uiUrl: string | undefined;
  namespace: string;
  /** The current server process's id (benchmarks read its CPU time; a restart changes it). */
  readonly pid: number | undefined;
  /** `restarting` between the death of the server and the moment a new one answers (health reports it). */
  state(): DevServerState;
  /** Restarts since the start. */
  readonly restarts: number;
  stop(): Promise<void>;
}

export interface DevServerOptions {
  binary: string;
  dataDir: string;
  namespace: string;
  /** Preferred ports; a busy one is replaced by a free one. */
  port?: number;
  uiPort?: number;
  ui?: boolean;
  log?: (line: string) => void;
  warn?: (line: string) => void;
  /** Wait before the first restart; doubles after each failed one, up to `maxRestartDelayMs` (500 ms, 30 s). */
  restartDelayMs?: number;
  maxRestartDelayMs?: number;
}

/** A server that stayed up this long is healthy again: the next death restarts after the first delay. */
const STABLE_MS = 60_000;
const READY_TIMEOUT_MS = 30_000;

/**
 * Launches `temporal server start-dev` with its SQLite file under dataDir (workflows survive restarts), waits until
 * its frontend answers, and supervises it: a server that dies is started again on the same port, with a growing
 * delay. It runs in its own process group, named in `temporal.pid` beside the file, and is stopped with the hub
 * (stop(), or the process's exit). A server left on the same file by a killed hub is stopped first: never two
 * servers on one file.
 */
export async function startDevServer(options: DevServerOptions): Promise<DevServer> {
  mkdirSync(options.dataDir, { recursive: true });
  const dbFile = join(options.dataDir, 'temporal.sqlite');
  const pidPath = join(options.dataDir, 'temporal.pid');
  const log = options.log ?? (() => {});
  const warn = options.warn ?? log;
  await takeOverDbFile(pidPath, dbFile, warn);

  const port = await pickPort(options.port ?? 7233);
  const uiPort = options.ui === false ? undefined : await pickPort(options.uiPort ?? 8233);
  const address = `127.0.0.1:${port}`;
  const args = devServerArgs(options.namespace, dbFile, port, uiPort);

  let child: ChildProcess | undefined;
  /** A server being launched, not answering yet. */
  let pending: ChildProcess | undefined;
  let state: DevServerState = 'restarting';
  let restarts = 0;
  let stopping = false;
  let timer: NodeJS.Timeout | undefined;
  const firstDelay = options.restartDelayMs ?? 500;
  let delay = firstDelay;

  // A hub that exits without stop() (process.exit after a fatal error) still takes its server with it.
  const killOnExit = () => {
    if (pending?.pid !== undefined) killGroup(pending.pid, 'SIGKILL');
    if (child?.pid !== undefined) {
      killGroup(child.pid, 'SIGKILL');
      removePidFile(pidPath, child.pid);
    }
  };
  process.on('exit', killOnExit);

  async function launch(): Promise<void> {
    const started = await launchServer(options.binary, args, address, (spawned) => (pending = spawned)).finally(
      () => (pending = undefined),
    );
    if (stopping) {
      killGroup(started.pid!, 'SIGKILL');
      return;
    }
    child = started;
    state = 'running';
    writePidFile(pidPath, {
      pid: started.pid!,
      hubPid: process.pid,
      dbFile,
      port,
      startedAt: new Date().toISOString(),
    });
    const upSince = Date.now();
    started.once('exit', (code, signal) => {
      if (stopping) return;
      state = 'restarting';
      if (Date.now() - upSince > STABLE_MS) delay = firstDelay;
      warn(`Temporal dev server stopped (${signal ?? `code ${code}`}); restarting in ${delay} ms`);
      scheduleRestart();
    });
  }

  function scheduleRestart(): void {
    timer = setTimeout(() => {
      timer = undefined;
      if (stopping) return;
      restarts += 1;
      launch().then(
        () => log(`Temporal dev server restarted on ${address} (restart ${restarts})`),
        (error: unknown) => {
          delay = Math.min(delay * 2, options.maxRestartDelayMs ?? 30_000);
          warn(`Temporal dev server did not restart: ${(error as Error).message}; next try in ${delay} ms`);
          scheduleRestart();
        },
      );
    }, delay);
  }

  try {
    await launch();
  } catch (error) {
    process.off('exit', killOnExit);
    throw error;
  }
  log(`Temporal dev server on ${address}${uiPort ? `, Web UI http://127.0.0.1:${uiPort}` : ''}`);
  return {
    address,
    uiUrl: uiPort ? `http://127.0.0.1:${uiPort}` : undefined,
    namespace: options.namespace,
    get pid() {
      return child?.pid;
    },
    get restarts() {
      return restarts;
    },
    state: () => state,
    async stop() {
      stopping = true;
      state = 'stopped';
      clearTimeout(timer);
      process.off('exit', killOnExit);
      if (pending?.pid !== undefined) killGroup(pending.pid, 'SIGKILL');
      if (child) {
        await stopChild(child);
        removePidFile(pidPath, child.pid);
      }
    },
  };
}

function devServerArgs(namespace: string, dbFile: string, port: number, uiPort: number | undefined): string[] {
  return [
    'server',
    'start-dev',
    '--ip',
    '127.0.0.1',
    '--port',
    String(port),
    '--namespace',
    namespace,
    '--db-filename',
    dbFile,
    // Write-ahead log, synced at checkpoints: a crash of the hub loses nothing; a power cut may lose the last
    // instants, which the hub's own records (Postgres) and the start relay recover.
    '--sqlite-pragma',
    'journal_mode=wal',
    '--sqlite-pragma',
    'synchronous=normal',
    '--log-level',
    'warn',
    '--dynamic-config-value',
    'frontend.enableUpdateWorkflowExecution=true',
    '--dynamic-config-value',
    'frontend.enableUpdateWorkflowExecutionAsyncAccepted=true',
    ...(uiPort ? ['--ui-port', String(uiPort)] : ['--headless']),
  ];
}

/** Spawns the server in a process group of its own (Ctrl-C in a terminal reaches the hub, which stops it in order). */
async function launchServer(
  binary: string,
  args: string[],
  address: string,
  onSpawn: (child: ChildProcess) => void,
): Promise<ChildProcess> {
  const child = spawn(binary, args, { stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  onSpawn(child);
  const output: string[] = [];
  const keep = (chunk: Buffer) => {
    output.push(chunk.toString());
    if (output.length > 50) output.shift();
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  try {
    await waitUntilReady(child, address, READY_TIMEOUT_MS);
  } catch (error) {
    if (child.pid !== undefined) killGroup(child.pid, 'SIGKILL');
    throw new Error(
      `Le serveur Temporal n’a pas démarré : ${(error as Error).message}\n${output.join('').slice(-2000)}`,
      { cause: error },
    );
  }
  return child;
}

async function pickPort(preferred: number): Promise<number> {
  return (await portFree(preferred)) ? preferred : freePort();
}

async function waitUntilReady(child: ChildProcess, address: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let exited: string | undefined;
  child.once('error', (error) => {
    exited = `lancement impossible (${error.message})`;
  });
  child.once('exit', (code, signal) => {
    exited = `processus terminé (code ${code ?? signal})`;
  });
  while (Date.now() < deadline) {
    if (exited) throw new Error(exited);
    try {
      const connection = await Connection.connect({ address, connectTimeout: 1000 });
      await connection.workflowService.getSystemInfo({});
      await connection.close();
      if (exited) throw new Error(exited);
      return;
    } catch {
      await new Promise((r) => setTimeout(r, 200));
    }
  }
  throw new Error(`pas de réponse sur ${address} après ${timeoutMs / 1000} s`);
}

function killGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    // already gone
  }
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return Promise.resolve();
  const pid = child.pid;
  return new Promise((resolve) => {
    const killer = setTimeout(() => killGroup(pid, 'SIGKILL'), 10_000);
    child.once('exit', () => {
      clearTimeout(killer);
      resolve();
    });
    killGroup(pid, 'SIGTERM');
  });
}
