// The hub the billing tests drive: a worker on its own task queue of the shared Temporal server, a file store (the
// run hands its PES to the accounting deposit through it), the app, the operator demo client's token, and the
// syndicat's operator as an actor; plus the run as the API starts and reports it.
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Client } from '@temporalio/client';
import { and, eq, sql } from 'drizzle-orm';
import { expect } from 'vitest';
import { structures } from '../../db/schema/directory.ts';
import { createApp } from '../../src/app.ts';
import { saveMemberTerms } from '../../src/billing/index.ts';
import type { Actor } from '../../src/platform/auth/index.ts';
import type { DatabaseHandle } from '../../db/client.ts';
import { createFileStore, diskBackend } from '../../src/platform/files/index.ts';
import type { AppDeps } from '../../src/platform/http.ts';
import { startWorker, uniqueQueue, type RunningWorker } from '../invoices/lifecycle-fixtures.ts';
import { clientCredentialsToken } from '../helpers/client-token.ts';
import { testDeps, testTemporalClient } from '../helpers/test-deps.ts';

export interface BillingHub {
  client: Client;
  deps: AppDeps;
  app: ReturnType<typeof createApp>;
  operator: Actor;
  /** A request with the operator demo client's bearer token. */
  api: (path: string, init?: RequestInit) => Promise<Response>;
  stop: () => Promise<void>;
}

export async function startBillingHub(
  handle: DatabaseHandle,
  name: string,
  extraDeps: Partial<AppDeps> = {},
): Promise<BillingHub> {
  const client: Client = await testTemporalClient();
  const taskQueue = uniqueQueue(name);
  const files = createFileStore({
    db: handle.db,
    backend: diskBackend(await mkdtemp(join(tmpdir(), `${name}-files-`))),
  });
  const deps = { ...testDeps(handle, { temporal: client, taskQueue, files }), ...extraDeps } as AppDeps;
  const worker: RunningWorker = await startWorker(deps, taskQueue);
  const app = createApp(deps);
  const token = await clientCredentialsToken(app, 'hub-demo-operateur', 'hub-demo-operateur-secret');
  const [syndicat] = await handle.db.select().from(structures).where(eq(structures.kind, 'syndicat'));
  const operator: Actor = {
    kind: 'client',
    clientId: 'test-operator',
    grants: [{ role: 'operator', structureId: syndicat!.id }],
    scopes: [],
  };
  return {
    client,
    deps,
    app,
    operator,
    api: async (path, init = {}) =>
      app.request(path, { ...init, headers: { authorization: `Bearer ${token}`, ...init.headers } }),
    stop: async () => {
      await worker.stop();
      await client.connection.close();
    },
  };
}

/** Starts a run through the API and waits (up to 8 minutes) until it is DONE or FAILED. */
export async function runYear<Run extends { status: string }>(
  hub: BillingHub,
  body: { year: number; dryRun: boolean },
): Promise<Run> {
  const res = await hub.api('/api/billing/runs', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  expect(res.status).toBe(202);
  const { id } = (await res.json()) as { id: string };
  const deadline = Date.now() + 8 * 60_000;
  for (;;) {
    const run = (await (await hub.api(`/api/billing/runs/${id}`)).json()) as Run;
    if (run.status === 'DONE' || run.status === 'FAILED') return run;
    if (Date.now() > deadline) throw new Error(`run ${id} still ${run.status}`);
    await new Promise((r) => setTimeout(r, 500));
  }
}

/** Gives the EPCIs whose directory entry requires a service code or engagement number theirs; returns them. */
export async function giveRequiredReferences(hub: BillingHub, year: number): Promise<{ id: string; name: string }[]> {
  const flagged = await hub.deps.db
    .select({ id: structures.id, name: structures.name })
    .from(structures)
    .where(
      and(
        eq(structures.kind, 'epci'),
        sql`(${structures.serviceCodeRequired} or ${structures.engagementNumberRequired} or ${structures.serviceCodeOrEngagementRequired})`,
      ),
    );
  for (const epci of flagged)
    await saveMemberTerms({
      ctx: { deps: hub.deps, actor: hub.operator },
      input: { structureId: epci.id, serviceCode: 'FIN', engagementNumber: `EJ-${year}-${epci.id.slice(0, 6)}` },
    });
  return flagged;
}
