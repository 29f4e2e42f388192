// The hub's HTTP app with the Chorus mirror, a worker running the invoice lifecycle, and Chorus clients that
// reach the app in-process: what a supplier's or a collectivity's Chorus software would see.
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import type { Client } from '@temporalio/client';
import type { DatabaseHandle } from '../../db/client.ts';
import { createApp } from '../../src/app.ts';
import {
  chorusClientConfig,
  chorusMirrorRoutes,
  createChorusClient,
  type ChorusClient,
} from '../../src/chorus/index.ts';
import type { AppDeps } from '../../src/platform/http.ts';
import { testDeps } from '../helpers/test-deps.ts';
import { startWorker, uniqueQueue, type RunningWorker } from '../invoices/lifecycle-fixtures.ts';

export const HUB = 'http://hub.test';
export const SUPPLIER_ACCOUNT = { login: 'TECH_1_DEMO_FOURNISSEUR@cpro.fr', password: 'Demo-Fournisseur-2017' };
export const RENNES_ACCOUNT = { login: 'TECH_1_DEMO_RENNES@cpro.fr', password: 'Demo-Rennes-2017' };

/** The app as `hub start` serves it; the mirror is mounted here when the app does not mount it yet. */
export function mirrorApp(deps: AppDeps) {
  const app = createApp(deps);
  if (!app.routes.some((r) => r.path.startsWith('/cpro/'))) app.route('/', chorusMirrorRoutes);
  return app;
}

export type HubApp = ReturnType<typeof mirrorApp>;

export const inProcessFetch =
  (app: HubApp): typeof fetch =>
  (input, init) =>
    Promise.resolve(app.fetch(new Request(input, init)));

/** The hub's own Chorus client, pointed at the mirror with the demo OAuth client: it speaks only the contract. */
export function chorusClientOf(app: HubApp, clientSecret = 'hub-demo-secret'): ChorusClient {
  return createChorusClient(
    chorusClientConfig('sandbox', 'hub-demo', clientSecret, {
      apiBase: HUB,
      tokenUrl: `${HUB}/api/oauth/token`,
      maxAttempts: 1,
    }),
    { fetch: inProcessFetch(app) },
  );
}

export interface MirrorHarness {
  deps: AppDeps;
  app: HubApp;
  worker: RunningWorker | undefined;
  stop(): Promise<void>;
}

export async function startMirror(
  handle: DatabaseHandle,
  temporal: Client,
  options: { worker: boolean },
): Promise<MirrorHarness> {
  const taskQueue = uniqueQueue('chorus-mirror');
  const deps = testDeps(handle, { temporal, taskQueue });
  const worker = options.worker ? await startWorker(deps, taskQueue) : undefined;
  return {
    deps,
    app: mirrorApp(deps),
    worker,
    async stop() {
      await worker?.stop();
    },
  };
}

/** Calls `probe` until `done` accepts its answer, or fails after `timeoutMs`. */
export async function pollUntil<T>(
  probe: () => Promise<T>,
  done: (value: T) => boolean,
  timeoutMs = 20_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (done(value) || Date.now() > deadline) return value;
    await new Promise((resolve) => setTimeout(resolve, 150));
  }
}

/** The app on a real socket (127.0.0.1, a free port), as a client on another machine reaches it. */
export async function serveOverHttp(app: HubApp): Promise<{ url: string; close(): Promise<void> }> {
  const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' });
  await new Promise<void>((resolve, reject) => {
    server.once('listening', () => resolve());
    server.once('error', reject);
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
