import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type DatabaseHandle } from '../../db/client.ts';
import { createApp } from '../../src/app.ts';
import { freePort } from '../../src/platform/net.ts';
import {
  createPrivatePostgres,
  privatePostgresUnavailable,
  type PrivatePostgres,
} from '../helpers/private-postgres.ts';
import { testDeps } from '../helpers/test-deps.ts';
import { skipUnlessCi } from '../helpers/required-under-ci.ts';

const unavailable = privatePostgresUnavailable();
if (unavailable) console.warn(`[tests] Postgres restart test skipped: ${unavailable}`);

describe.skipIf(skipUnlessCi(unavailable, 'PostgreSQL privé (pg_ctl)'))('Postgres going down and coming back', () => {
  let server: PrivatePostgres;
  let handle: DatabaseHandle;

  beforeAll(async () => {
    server = createPrivatePostgres(await freePort());
    handle = await openDatabase({ kind: 'postgres', url: server.url });
    await handle.migrate();
  }, 60_000);
  afterAll(async () => {
    await handle?.close();
    server?.destroy();
  });

  it(
    'reports the database down in /healthz, then reconnects by itself when it returns',
    { timeout: 60_000 },
    async () => {
      const app = createApp(testDeps(handle));
      const dbState = async () => ((await (await app.request('/healthz')).json()) as { db: string }).db;
      expect(await dbState()).toBe('ok');

      server.stop();
      expect(await dbState()).toBe('down');
      const refused = await app.request('/api/directory/structures?q=rennes');
      expect(refused.status).toBe(503);
      expect(((await refused.json()) as { code: string }).code).toBe('DATABASE_UNAVAILABLE');

      server.start();
      let state = await dbState();
      for (let i = 0; i < 20 && state !== 'ok'; i++) {
        await new Promise((r) => setTimeout(r, 250));
        state = await dbState();
      }
      expect(state).toBe('ok');
      expect((await app.request('/api/directory/structures?q=rennes')).status).toBe(200);
    },
  );
});
