import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import postgres from 'postgres';
import { openDatabase, type DatabaseHandle } from '../../db/client.ts';
import { adminUrl, postgresReachable, urlForDatabase, type TestDatabaseSource } from './test-database.ts';

export interface ProvisionedDatabase {
  source: TestDatabaseSource;
  teardown(): Promise<void>;
}

/** Migrates (and prepares) one template per test run; each test file then copies it. */
export async function provisionTestDatabase(
  prepare: (handle: DatabaseHandle) => Promise<void>,
): Promise<ProvisionedDatabase> {
  const url = adminUrl();
  if (await postgresReachable(url)) return provisionPostgres(url, prepare);
  // Under CI the PostgreSQL-only tests must run, not be skipped on the PGlite fallback.
  if (process.env.CI) throw new Error(`PostgreSQL injoignable à ${url} : sous CI les tests exigent le vrai serveur.`);
  console.warn(`[tests] PostgreSQL is not reachable at ${url}: database tests run on PGlite instead.`);
  return provisionPglite(prepare);
}

async function provisionPostgres(
  url: string,
  prepare: (handle: DatabaseHandle) => Promise<void>,
): Promise<ProvisionedDatabase> {
  const prefix = `hub_test_${Date.now().toString(36)}_${process.pid}`;
  const template = `${prefix}_template`;
  const admin = postgres(url, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database "${template}"`);
  const handle = await openDatabase({ kind: 'postgres', url: urlForDatabase(url, template), maxConnections: 4 });
  try {
    await handle.migrate();
    await prepare(handle);
  } finally {
    await handle.close();
  }
  console.log(`[tests] database tests run on PostgreSQL (${new URL(url).host}), template ${template}`);
  return {
    source: { mode: 'postgres', adminUrl: url, template, prefix },
    teardown: async () => {
      const leftovers = await admin<
        { datname: string }[]
      >`select datname from pg_database where datname like ${prefix + '%'}`;
      for (const { datname } of leftovers) await admin.unsafe(`drop database if exists "${datname}" with (force)`);
      await admin.end({ timeout: 5 });
    },
  };
}

async function provisionPglite(prepare: (handle: DatabaseHandle) => Promise<void>): Promise<ProvisionedDatabase> {
  const handle = await openDatabase({ kind: 'pglite' });
  await handle.migrate();
  await prepare(handle);
  const pglite = (handle.db as unknown as { $client: { dumpDataDir(c: 'gzip'): Promise<Blob> } }).$client;
  const dump = await pglite.dumpDataDir('gzip');
  await handle.close();
  const dir = await mkdtemp(join(tmpdir(), 'hub-test-'));
  const dumpPath = join(dir, 'template.tar.gz');
  await writeFile(dumpPath, Buffer.from(await dump.arrayBuffer()));
  return { source: { mode: 'pglite', dumpPath }, teardown: async () => {} };
}
