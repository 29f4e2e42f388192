import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Connection } from '@temporalio/client';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { freePort, portFree } from '../net.ts';
import { startDevServer } from './dev-server.ts';

describe('startDevServer', () => {
  const dirs: string[] = [];
  afterAll(async () => {
    for (const dir of dirs) await rm(dir, { recursive: true, force: true });
  });

  it('runs the dev server on a SQLite file in the data folder, with its Web UI, and stops it', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'hub-devserver-'));
    dirs.push(dataDir);
    const server = await startDevServer({
      binary: inject('temporalBinary'),
      dataDir,
      namespace: 'hub-test',
      port: 0 + 17_999,
      uiPort: 18_999,
    });
    try {
      const connection = await Connection.connect({ address: server.address });
      const namespace = await connection.workflowService.describeNamespace({ namespace: 'hub-test' });
      expect(namespace.namespaceInfo?.name).toBe('hub-test');
      await connection.close();
      expect((await stat(join(dataDir, 'temporal.sqlite'))).size).toBeGreaterThan(0);
      const ui = await fetch(`${server.uiUrl}/api/v1/namespaces`);
      expect(ui.status).toBe(200);
      expect(JSON.stringify(await ui.json())).toContain('hub-test');
    } finally {
      await server.stop();
    }
    const port = Number(server.address.split(':')[1]);
    expect(await portFree(port)).toBe(true);
  });

  it('refuses a second server on a SQLite file whose server still runs for a live hub, and leaves the first alone', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'hub-devserver-'));
    dirs.push(dataDir);
    const options = { binary: inject('temporalBinary'), dataDir, namespace: 'default', ui: false };
    const first = await startDevServer({ ...options, port: await freePort() });
    try {
      expect(JSON.parse(await readFile(join(dataDir, 'temporal.pid'), 'utf8'))).toMatchObject({
        pid: first.pid,
        hubPid: process.pid,
      });
      await expect(startDevServer({ ...options, port: await freePort() })).rejects.toThrow(
        `Un autre hub (processus ${process.pid}) utilise déjà le serveur Temporal de ${join(dataDir, 'temporal.sqlite')}`,
      );
      const connection = await Connection.connect({ address: first.address });
      await connection.workflowService.getSystemInfo({});
      await connection.close();
      expect(first.state()).toBe('running');
    } finally {
      await first.stop();
    }
    expect(first.state()).toBe('stopped');
    await expect(readFile(join(dataDir, 'temporal.pid'), 'utf8')).rejects.toThrow();
  });
});
