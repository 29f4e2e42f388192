// What the end-to-end benches share: running `bin/hub.mjs` as a child process, undoing what a run set up, and the
// few figures they print.
import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEMO_API_CLIENT } from '../src/seed/demo-accounts.ts';

export const ADMIN_URL = process.env.BENCH_DATABASE_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const HUB_BIN = fileURLToPath(new URL('../bin/hub.mjs', import.meta.url));

export const log = (line: string) => console.log(line);
export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
export const load = () =>
  loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');
export const percentile = (values: number[], q: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
};

/** Steps undoing what a run set up, run last first whatever happened. */
export type Cleanup = (() => Promise<unknown>)[];

/** Runs `run`, then its cleanup steps; exits 0, or 1 with the error. */
export function runBench(run: (cleanup: Cleanup) => Promise<void>): void {
  const main = async () => {
    const cleanup: Cleanup = [];
    try {
      await run(cleanup);
    } finally {
      for (const step of cleanup.reverse())
        await step().catch((e: unknown) => console.error(`cleanup: ${(e as Error).message}`));
    }
  };
  main().then(
    () => process.exit(0),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}

/** `node bin/hub.mjs <mode>` with its own environment; resolves once it printed `ready`. */
export async function startHubProcess(
  mode: 'serve' | 'worker' | 'start',
  env: Record<string, string>,
  ready: string,
  cleanup: Cleanup,
): Promise<ChildProcess> {
  const child = spawn(process.execPath, [...(process.env.BENCH_NODE_FLAGS?.split(' ') ?? []), HUB_BIN, mode], {
    env: { ...process.env, LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  // BENCH_HUB_LOG_DIR=DIR keeps each hub process's warnings and errors in DIR/hub-<mode>-<pid>.log.
  const logDir = process.env.BENCH_HUB_LOG_DIR;
  const logFile = logDir ? createWriteStream(join(logDir, `hub-${mode}-${child.pid}.log`)) : undefined;
  if (logFile) {
    child.stdout?.pipe(logFile);
    child.stderr?.pipe(logFile);
  }
  let output = '';
  const seen = new Promise<void>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.length > 20_000) output = output.slice(-10_000);
      if (output.includes(ready)) resolve();
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => reject(new Error(`hub ${mode} exited (${code}):\n${output.slice(-3000)}`)));
  });
  cleanup.push(async () => {
    if (child.exitCode !== null) return;
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGTERM');
    await Promise.race([exited, sleep(40_000).then(() => child.kill('SIGKILL'))]);
  });
  await seen;
  return child;
}

/**
 * An access token of the demo API client (the seeded supplier Armor Bureautique), from `base`; `send` is the hub's
 * own `app.fetch` when the bench runs the app in its process.
 */
export async function apiToken(
  base: string,
  send: (request: Request) => Response | Promise<Response> = fetch,
): Promise<string> {
  const response = await send(
    new Request(`${base}/api/oauth/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'client_credentials',
        client_id: DEMO_API_CLIENT.clientId,
        client_secret: DEMO_API_CLIENT.clientSecret,
      }),
    }),
  );
  const token = ((await response.json()) as { access_token?: string }).access_token;
  if (!token) throw new Error(`no access token (${response.status})`);
  return token;
}
