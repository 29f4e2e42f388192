import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { Connection } from '@temporalio/client';
import { freePort, portFree } from '../net.ts';

export interface DevServer {
  address: string;
  uiUrl: string | undefined;
  namespace: string;
  /** The server's process id (benchmarks read its CPU time). */
  pid: number | undefined;
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
}

/**
 * Launches `temporal server start-dev` with its SQLite file under dataDir (workflows survive restarts),
 * waits until its frontend answers, and stops it with the hub.
 */
export async function startDevServer(options: DevServerOptions): Promise<DevServer> {
  mkdirSync(options.dataDir, { recursive: true });
  const port = await pickPort(options.port ?? 7233);
  const uiPort = options.ui === false ? undefined : await pickPort(options.uiPort ?? 8233);
  const args = [
    'server',
    'start-dev',
    '--ip',
    '127.0.0.1',
    '--port',
    String(port),
    '--namespace',
    options.namespace,
    '--db-filename',
    join(options.dataDir, 'temporal.sqlite'),
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
  const child = spawn(options.binary, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  const output: string[] = [];
  const keep = (chunk: Buffer) => {
    output.push(chunk.toString());
    if (output.length > 50) output.shift();
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const address = `127.0.0.1:${port}`;
  try {
    await waitUntilReady(child, address, 30_000);
  } catch (error) {
    child.kill('SIGKILL');
    throw new Error(
      `Le serveur Temporal n'a pas démarré : ${(error as Error).message}\n${output.join('').slice(-2000)}`,
      { cause: error },
    );
  }
  options.log?.(`Temporal dev server on ${address}${uiPort ? `, Web UI http://127.0.0.1:${uiPort}` : ''}`);
  return {
    address,
    uiUrl: uiPort ? `http://127.0.0.1:${uiPort}` : undefined,
    namespace: options.namespace,
    pid: child.pid,
    stop: () => stopChild(child),
  };
}

async function pickPort(preferred: number): Promise<number> {
  return (await portFree(preferred)) ? preferred : freePort();
}

async function waitUntilReady(child: ChildProcess, address: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let exited: string | undefined;
  child.once('exit', (code, signal) => {
    exited = `processus terminé (code ${code ?? signal})`;
  });
  while (Date.now() < deadline) {
    if (exited) throw new Error(exited);
    try {
      const connection = await Connection.connect({ address, connectTimeout: 1000 });
      await connection.workflowService.getSystemInfo({});
      await connection.close();
      return;
    } catch {
      await new Promise((r) => setTimeout(r, 200));
    }
  }
  throw new Error(`pas de réponse sur ${address} après ${timeoutMs / 1000} s`);
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const killer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    child.once('exit', () => {
      clearTimeout(killer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}
