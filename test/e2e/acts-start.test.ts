// `hub start` on embedded defaults transmits acts: the demo ministry runs in the hub, the answers Maildir is read
// by the hub's own schedule, and an act created through the API reaches the acknowledged status.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { freePort } from '../../src/platform/net.ts';
import { actForm, metadata, samplePdf } from '../acts/harness.ts';
import { runHub, type HubProcess } from './hub-process.ts';

let dir: string | undefined;
let hub: HubProcess | undefined;
afterAll(async () => {
  if (hub && hub.child.exitCode === null) {
    hub.child.kill('SIGTERM');
    await hub.exited();
  }
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('acts on npm start', () => {
  it(
    'transmits an act created through the API to the demo ministry and records its acknowledgement',
    { timeout: 240_000 },
    async () => {
      dir = await mkdtemp(join(tmpdir(), 'hub-acts-start-'));
      const port = await freePort();
      hub = runHub(['start'], {
        DATA_DIR: dir,
        PORT: String(port),
        TEMPORAL_UI_PORT: String(await freePort()),
        TEMPORAL_DEV_PORT: String(await freePort()),
        TEMPORAL_CLI_PATH: inject('temporalBinary'),
        ACTES_POLL_SECONDS: '1',
      });
      await hub.waitFor('"msg":"hub started"', 180_000);
      expect(hub.logs().some((l) => l.msg === 'demo ministry (ACTES) running')).toBe(true);
      const base = `http://127.0.0.1:${port}`;

      const token = await fetch(`${base}/api/oauth/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({
          grant_type: 'client_credentials',
          client_id: 'hub-demo-rennes',
          client_secret: 'hub-demo-rennes-secret',
        }).toString(),
      });
      expect(token.status).toBe(200);
      const auth = { authorization: `Bearer ${((await token.json()) as { access_token: string }).access_token}` };

      const created = await fetch(`${base}/api/acts`, {
        method: 'POST',
        headers: auth,
        body: actForm(metadata('E2E_2026_001'), samplePdf()),
      });
      expect(created.status).toBe(201);
      const { id } = (await created.json()) as { id: string };

      // Nothing in the test reads the mailbox: only the hub's schedule can bring the acknowledgement in.
      const end = Date.now() + 60_000;
      let act: Record<string, unknown> = {};
      while (Date.now() < end) {
        act = (await (await fetch(`${base}/api/acts/${id}`, { headers: auth })).json()) as Record<string, unknown>;
        if (act.status === 'ACQUITTE') break;
        await new Promise((r) => setTimeout(r, 500));
      }
      expect(act.status).toBe('ACQUITTE');
      expect(act.idActe).toBe('035-213502388-20260115-E2E_2026_001-DE');

      hub.child.kill('SIGTERM');
      expect(await hub.exited()).toBe(0);
    },
  );
});
