import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import postgres from 'postgres';
import { openDatabase, type DatabaseHandle } from '../../db/client.ts';

/** What the global setup prepared: a template database on the real Postgres, or a PGlite dump when none is reachable. */
export type TestDatabaseSource =
  { mode: 'postgres'; adminUrl: string; template: string; prefix: string } | { mode: 'pglite'; dumpPath: string };

export const DEFAULT_ADMIN_URL = 'postgres://postgres@127.0.0.1:5432/postgres';

export function adminUrl(): string {
  return process.env.TEST_DATABASE_ADMIN_URL ?? DEFAULT_ADMIN_URL;
}

export function urlForDatabase(baseUrl: string, database: string): string {
  const url = new URL(baseUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

export async function postgresReachable(url: string): Promise<boolean> {
  const sql = postgres(url, { max: 1, connect_timeout: 3, onnotice: () => {} });
  try {
    await sql`select 1`;
    return true;
  } catch {
    return false;
  } finally {
    await sql.end({ timeout: 1 });
  }
}

/**
 * A database of its own for one test file: a copy of the migrated template (Postgres),
 * or a PGlite loaded from the migrated dump. Dropped by `close()`.
 */
export async function freshTestDatabase(source: TestDatabaseSource): Promise<DatabaseHandle> {
  if (source.mode === 'pglite') {
    const dump = await readFile(source.dumpPath);
    return openDatabase({ kind: 'pglite', loadDataDir: new Blob([dump]) });
  }
  const name = `${source.prefix}_${randomBytes(4).toString('hex')}`;
  const admin = postgres(source.adminUrl, { max: 1, onnotice: () => {} });
  try {
    await admin.unsafe(`create database "${name}" template "${source.template}"`);
  } finally {
    await admin.end({ timeout: 5 });
  }
  const handle = await openDatabase({
    kind: 'postgres',
    url: urlForDatabase(source.adminUrl, name),
    maxConnections: 20,
  });
  return {
    ...handle,
    close: async () => {
      await handle.close();
      const dropper = postgres(source.adminUrl, { max: 1, onnotice: () => {} });
      try {
        await dropper.unsafe(`drop database if exists "${name}" with (force)`);
      } finally {
        await dropper.end({ timeout: 5 });
      }
    },
  };
}
