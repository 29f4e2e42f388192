// The Temporal dev server under `hub start`: supervised (a server that dies is started again and /healthz says so
// meanwhile), stopped with the hub, and alone on its SQLite file even after `kill -9` of a hub.
import { readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { freePort } from '../../src/platform/net.ts';
import { runHub, type HubProcess } from './hub-process.ts';

const dirs: string[] = [];
const hubs: HubProcess[] = [];

/** Live (not zombie) processes whose arguments name `dbFile`, read from /proc independently of the hub's code. */
function serversOn(dbFile: string): number[] {
  return readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .filter((pid) => {
      try {
        const args = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
        const state = readFileSync(`/proc/${pid}/stat`, 'utf8').replace(/^.*\) /s, '')[0];
        return args.includes(dbFile) && args.some((a) => a.endsWith('temporal')) && state !== 'Z';
      } catch {
        return false;
      }
    })
    .map(Number);
}

const pidFile = (dir: string): { pid: number; hubPid: number } | undefined => {
  try {
    return JSON.parse(readFileSync(join(dir, 'temporal.pid'), 'utf8')) as { pid: number; hubPid: number };
  } catch {
    return undefined;
  }
};

afterAll(async () => {
  for (const hub of hubs) if (hub.child.exitCode === null) hub.child.kill('SIGKILL');
  for (const dir of dirs) {
    for (const pid of serversOn(join(dir, 'temporal.sqlite'))) process.kill(pid, 'SIGKILL');
    await rm(dir, { recursive: true, force: true });
  }
});

async function hubEnv() {
  const dir = await mkdtemp(join(tmpdir(), 'hub-temporal-'));
  dirs.push(dir);
  return {
    dir,
    dbFile: join(dir, 'temporal.sqlite'),
    env: {
      DATA_DIR: dir,
      PORT: String(await freePort()),
      TEMPORAL_UI_PORT: String(await freePort()),
      TEMPORAL_DEV_PORT: String(await freePort()),
      TEMPORAL_CLI_PATH: inject('temporalBinary'),
    },
  };
}

async function startHub(env: Record<string, string>): Promise<HubProcess> {
  const hub = runHub(['start'], env);
  hubs.push(hub);
  await hub.waitFor('Hub prêt sur', 180_000);
  await hub.waitFor('"msg":"hub started"', 5_000);
  return hub;
}

async function health(port: string): Promise<{ status: string; temporal: string }> {
  const answer = await fetch(`http://127.0.0.1:${port}/healthz`, { signal: AbortSignal.timeout(5_000) });
  return (await answer.json()) as { status: string; temporal: string };
}

describe('the Temporal dev server of hub start', () => {
  it(
    'is started again when it dies: /healthz is degraded meanwhile, then ok, and the worker runs workflows again',
    { timeout: 300_000 },
    async () => {
      const { dir, dbFile, env } = await hubEnv();
      const hub = await startHub(env);
      const first = pidFile(dir)?.pid;
      expect(first).toBeTypeOf('number');
      expect(serversOn(dbFile)).toEqual([first]);
      expect(await health(env.PORT)).toEqual({ status: 'ok', db: 'ok', temporal: 'ok' });

      // Polls start every 100 ms without waiting for each other: one that starts while the server is down may
      // wait for it (the probe's gRPC call waits for the channel), the ones started during the restart answer at once.
      process.kill(first!, 'SIGKILL');
      const killedAt = Date.now();
      const polls: { at: number; ms: number; status: string }[] = [];
      const restartedSeen = () => {
        const degraded = polls.find((p) => p.status === 'degraded');
        return degraded !== undefined && polls.some((p) => p.status === 'ok' && p.at > degraded.at);
      };
      while (!restartedSeen()) {
        if (Date.now() - killedAt > 90_000)
          throw new Error(`/healthz never degraded then ok: ${JSON.stringify(polls)}\n${hub.output().slice(-4000)}`);
        const at = Date.now();
        void health(env.PORT).then(
          (report) => polls.push({ at, ms: Date.now() - at, status: report.status }),
          () => polls.push({ at, ms: Date.now() - at, status: 'no answer' }),
        );
        await new Promise((r) => setTimeout(r, 100));
      }
      polls.sort((a, b) => a.at - b.at);
      const degraded = polls.filter((p) => p.status === 'degraded');
      const back = polls.find((p) => p.status === 'ok' && p.at > degraded[0]!.at)!;
      console.log(
        `[measure] temporal dev server killed: /healthz degraded ${degraded.length} times (fastest answer ${Math.min(...degraded.map((p) => p.ms))} ms), ok again ${back.at - killedAt} ms after the kill`,
      );
      expect(polls.every((p) => p.status !== 'no answer')).toBe(true);
      // While the server restarts, /healthz says so without waiting for a probe to time out.
      expect(Math.min(...degraded.map((p) => p.ms))).toBeLessThan(1_000);
      const second = pidFile(dir)?.pid;
      expect(second).not.toBe(first);
      expect(serversOn(dbFile)).toEqual([second]);
      expect(hub.logs().some((l) => String(l.msg).startsWith('Temporal dev server stopped (SIGKILL)'))).toBe(true);

      // The hub's own worker polls the restarted server: a workflow on its task queue completes.
      const started = hub.logs().find((l) => l.msg === 'hub started') as { temporal: string };
      const connection = await Connection.connect({ address: started.temporal });
      try {
        const client = new Client({ connection, namespace: 'default' });
        const purged = await client.workflow.execute('purgeExpiredCredentialsWorkflow', {
          taskQueue: 'hub',
          workflowId: `purge-after-restart-${Date.now()}`,
          workflowExecutionTimeout: '90 seconds',
        });
        expect(purged).toHaveProperty('sessions');
      } finally {
        await connection.close();
      }

      hub.child.kill('SIGTERM');
      expect(await hub.exited()).toBe(0);
      expect(serversOn(dbFile)).toEqual([]);
      expect(pidFile(dir)).toBeUndefined();
    },
  );

  it(
    'after kill -9 of a hub, the next start stops the orphaned server: one server on the file, never two',
    { timeout: 400_000 },
    async () => {
      const { dir, dbFile, env } = await hubEnv();
      const killed = await startHub(env);
      const orphan = pidFile(dir)?.pid;
      expect(pidFile(dir)?.hubPid).toBe(killed.child.pid);
      killed.child.kill('SIGKILL');
      await killed.exited();
      // What kill -9 leaves: the server, without its hub.
      expect(serversOn(dbFile)).toEqual([orphan]);

      const next = await startHub(env);
      const current = pidFile(dir);
      expect(current?.hubPid).toBe(next.child.pid);
      expect(current?.pid).not.toBe(orphan);
      expect(serversOn(dbFile)).toEqual([current?.pid]);
      expect(next.logs().some((l) => String(l.msg).includes(`Temporal dev server ${orphan} left running`))).toBe(true);
      expect(await health(env.PORT)).toEqual({ status: 'ok', db: 'ok', temporal: 'ok' });

      next.child.kill('SIGTERM');
      expect(await next.exited()).toBe(0);
      expect(serversOn(dbFile)).toEqual([]);
    },
  );
});
