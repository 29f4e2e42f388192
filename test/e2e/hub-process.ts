import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const HUB_BIN = fileURLToPath(new URL('../../bin/hub.mjs', import.meta.url));

export interface HubProcess {
  child: ChildProcessWithoutNullStreams;
  output(): string;
  /** JSON log lines the hub printed so far. */
  logs(): Record<string, unknown>[];
  waitFor(text: string, timeoutMs: number): Promise<void>;
  exited(): Promise<number | null>;
}

/** Runs `node bin/hub.mjs …` as a newcomer would, with its own environment. */
export function runHub(args: string[], env: Record<string, string>): HubProcess {
  const child = spawn(process.execPath, [HUB_BIN, ...args], {
    env: { ...process.env, LOG_LEVEL: 'info', ...env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let out = '';
  const waiters: { text: string; resolve: () => void }[] = [];
  const onData = (chunk: Buffer) => {
    out += chunk.toString();
    for (const w of [...waiters]) if (out.includes(w.text)) w.resolve();
  };
  child.stdout.on('data', onData);
  child.stderr.on('data', onData);
  const exit = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return {
    child,
    output: () => out,
    logs: () =>
      out
        .split('\n')
        .filter((l) => l.startsWith('{'))
        .map((l) => JSON.parse(l) as Record<string, unknown>),
    waitFor: (text, timeoutMs) =>
      new Promise<void>((resolve, reject) => {
        if (out.includes(text)) return resolve();
        const timer = setTimeout(
          () => reject(new Error(`"${text}" not printed after ${timeoutMs} ms:\n${out.slice(-3000)}`)),
          timeoutMs,
        );
        const waiter = {
          text,
          resolve: () => {
            clearTimeout(timer);
            waiters.splice(waiters.indexOf(waiter), 1);
            resolve();
          },
        };
        waiters.push(waiter);
        void exit.then(() => {
          if (!out.includes(text)) {
            clearTimeout(timer);
            reject(new Error(`hub exited before printing "${text}":\n${out.slice(-3000)}`));
          }
        });
      }),
    exited: () => exit,
  };
}
