// The production topology on this machine: a Temporal server on PostgreSQL (ops/temporal-server, fresh databases
// of its own), one PostgreSQL database for the hub (fresh, migrated, seeded), and the hub as separate processes from
// its own command line: S × `hub serve` and W × `hub worker`. Used by bench/ingest.ts --topology postgres and by the
// worker-kill test; `npx tsx bench/topology.ts` starts it and waits for Ctrl-C.
import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import postgres from 'postgres';
import { openDatabase, type DatabaseHandle } from '../db/client.ts';
import { freePort } from '../src/platform/net.ts';
import {
  ensurePostgresTemporalBinary,
  setupPostgresTemporal,
  startPostgresTemporal,
  type PostgresTemporal,
} from '../src/platform/temporal/postgres-server.ts';
import { seedAll } from '../src/seed/index.ts';
import { ADMIN_URL, log, runBench, startHubProcess, type Cleanup } from './hub-process.ts';

export interface Topology {
  databaseUrl: string;
  /** Names of the hub's database and of Temporal's two. */
  hubDatabase: string;
  temporalDatabases: string[];
  database: DatabaseHandle;
  temporal: PostgresTemporal;
  taskQueue: string;
  /** Base URLs of the `hub serve` processes. */
  serveUrls: string[];
  serves: ChildProcess[];
  workers: ChildProcess[];
  /** Starts one more `hub worker` on the same task queue (after one was killed, say). */
  addWorker(): Promise<ChildProcess>;
}

export interface TopologyOptions {
  serves: number;
  workers: number;
  /** Extra environment for every hub process. */
  env?: Record<string, string>;
  /** Temporal history shards (4). */
  shards?: number;
}

const withDatabase = (base: string, name: string) => {
  const url = new URL(base);
  url.pathname = `/${name}`;
  return url.toString();
};

/** Starts it all; every step pushes its undoing on `cleanup`. */
export async function startTopology(options: TopologyOptions, cleanup: Cleanup): Promise<Topology> {
  const suffix = randomBytes(4).toString('hex');
  const admin = postgres(ADMIN_URL, { max: 1, onnotice: () => {} });
  const names = { hub: `hub_topology_${suffix}`, temporal: `temporal_${suffix}`, visibility: `temporal_vis_${suffix}` };
  cleanup.push(async () => {
    for (const name of Object.values(names)) await admin.unsafe(`drop database if exists "${name}" with (force)`);
    await admin.end({ timeout: 5 });
  });

  const binary = ensurePostgresTemporalBinary(log);
  const temporalOptions = {
    postgresUrl: withDatabase(ADMIN_URL, ''),
    database: names.temporal,
    visibilityDatabase: names.visibility,
    port: await freePort(),
    shards: options.shards ?? 4,
  };
  setupPostgresTemporal(binary, temporalOptions);
  const temporal = await startPostgresTemporal(binary, temporalOptions);
  cleanup.push(() => temporal.stop());

  await admin.unsafe(`create database "${names.hub}"`);
  const databaseUrl = withDatabase(ADMIN_URL, names.hub);
  const database = await openDatabase({ kind: 'postgres', url: databaseUrl, maxConnections: 2 });
  cleanup.push(() => database.close());
  await database.migrate();
  await seedAll(database.db);

  const taskQueue = `topology-${suffix}`;
  const env = {
    DATABASE_URL: databaseUrl,
    TEMPORAL_ADDRESS: temporal.address,
    TEMPORAL_TASK_QUEUE: taskQueue,
    HOST: '127.0.0.1',
    ...options.env,
  };
  const addWorker = async () =>
    startHubProcess('worker', { ...env, PORT: String(await freePort()), LOG_LEVEL: 'info' }, 'worker running', cleanup);
  const workers: ChildProcess[] = [];
  // One after the other: each start migrates the database and reconciles the schedules.
  for (let i = 0; i < options.workers; i++) workers.push(await addWorker());
  const serves: ChildProcess[] = [];
  const serveUrls: string[] = [];
  for (let i = 0; i < options.serves; i++) {
    const port = await freePort();
    serves.push(await startHubProcess('serve', { ...env, PORT: String(port) }, 'Hub prêt', cleanup));
    serveUrls.push(`http://127.0.0.1:${port}`);
  }
  return {
    databaseUrl,
    hubDatabase: names.hub,
    temporalDatabases: [names.temporal, names.visibility],
    database,
    temporal,
    taskQueue,
    serveUrls,
    serves,
    workers,
    addWorker,
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  runBench(async (cleanup) => {
    const topology = await startTopology({ serves: 2, workers: 2 }, cleanup);
    log(`Temporal on PostgreSQL: ${topology.temporal.address} (pid ${topology.temporal.pid})`);
    log(`hub database: ${topology.databaseUrl}`);
    log(`hub serve: ${topology.serveUrls.join(', ')}`);
    log(`hub worker: pids ${topology.workers.map((w) => w.pid).join(', ')} on task queue ${topology.taskQueue}`);
    log('Ctrl-C stops everything and drops the databases.');
    await new Promise<void>((resolve) => {
      process.once('SIGINT', () => resolve());
      process.once('SIGTERM', () => resolve());
    });
  });
}
