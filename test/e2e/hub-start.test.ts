import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { freePort, portFree } from '../../src/platform/net.ts';
import { runHub } from './hub-process.ts';

const dirs: string[] = [];
afterAll(async () => {
  for (const dir of dirs) await rm(dir, { recursive: true, force: true });
});

async function dataDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'hub-start-'));
  dirs.push(dir);
  return dir;
}

describe('hub start on embedded defaults', () => {
  it(
    'starts HTTP, worker, PGlite and its own Temporal dev server, seeds once, and stops cleanly on SIGTERM',
    { timeout: 240_000 },
    async () => {
      const dir = await dataDir();
      const env = {
        DATA_DIR: dir,
        PORT: String(await freePort()),
        TEMPORAL_UI_PORT: String(await freePort()),
        TEMPORAL_DEV_PORT: String(await freePort()),
        TEMPORAL_CLI_PATH: inject('temporalBinary'),
      };
      for (const round of ['cold', 'warm'] as const) {
        const hub = runHub(['start'], env);
        await hub.waitFor('Hub prêt sur', 180_000);
        await hub.waitFor('"msg":"hub started"', 5_000);
        const started = hub.logs().find((l) => l.msg === 'hub started') as {
          startupMs: number;
          temporal: string;
          temporalUi: string;
        };
        console.log(`[measure] hub start (${round}): ${started.startupMs} ms`);
        expect(hub.logs().some((l) => l.msg === 'demo data seeded (first start)')).toBe(round === 'cold');

        const health = await fetch(`http://127.0.0.1:${env.PORT}/healthz`);
        expect(await health.json()).toEqual({ status: 'ok', db: 'ok', temporal: 'ok' });
        const namespaces = await (await fetch(`${started.temporalUi}/api/v1/namespaces`)).json();
        expect(JSON.stringify(namespaces)).toContain('"default"');
        const login = await fetch(`http://127.0.0.1:${env.PORT}/auth/login`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ email: 'comptable.rennes@demo.hub.bzh', password: 'Demo-Comptable-Rennes-2026' }),
        });
        expect(login.status).toBe(200);

        hub.child.kill('SIGTERM');
        expect(await hub.exited()).toBe(0);
        // The dev server the hub launched is gone with it: its port is free again.
        expect(await portFree(Number(started.temporal.split(':')[1]))).toBe(true);
        expect(await portFree(Number(env.PORT))).toBe(true);
      }
    },
  );

  it('says in one line which variable is wrong', async () => {
    const hub = runHub(['start'], { PORT: 'quatre-vingt' });
    expect(await hub.exited()).toBe(1);
    expect(hub.output().trim()).toMatch(/^Configuration invalide : PORT doit être un numéro de port/);
  });

  it('explains how to install Temporal when the binary is missing and Go is absent', async () => {
    const hub = runHub(['start'], { PATH: '/nonexistent', DATA_DIR: await dataDir() });
    expect(await hub.exited()).toBe(1);
    expect(hub.output()).toContain('Le binaire « temporal » est introuvable');
    expect(hub.output()).toContain('go install github.com/temporalio/cli/cmd/temporal@v1.5.1');
  });

  it('says so clearly when the HTTP port is taken', { timeout: 240_000 }, async () => {
    const blocker = createServer();
    const port = await freePort();
    await new Promise<void>((resolve) => blocker.listen(port, '0.0.0.0', resolve));
    try {
      const hub = runHub(['start'], {
        DATA_DIR: await dataDir(),
        PORT: String(port),
        TEMPORAL_UI_PORT: String(await freePort()),
        TEMPORAL_DEV_PORT: String(await freePort()),
        TEMPORAL_CLI_PATH: inject('temporalBinary'),
      });
      expect(await hub.exited()).toBe(1);
      expect(hub.output()).toContain(`Le port ${port} est déjà utilisé`);
    } finally {
      blocker.close();
    }
  });
});

describe('hub --help', () => {
  it('lists the commands and answers --help on each', async () => {
    const all = runHub(['--help'], {});
    expect(await all.exited()).toBe(0);
    for (const command of ['start', 'serve', 'worker', 'migrate', 'seed', 'validate', 'convert', 'render']) {
      expect(all.output()).toContain(`  ${command}`);
    }
    const one = runHub(['migrate', '--help'], {});
    expect(await one.exited()).toBe(0);
    expect(one.output()).toContain('Usage : hub migrate');
    const unknown = runHub(['frobnicate'], {});
    expect(await unknown.exited()).toBe(2);
    expect(unknown.output()).toContain('Commande inconnue : frobnicate');
  });
});
