// A throw-away PostgreSQL database for one bench run, dropped (connections forced out) when the run ends.
import { randomBytes } from 'node:crypto';
import postgres from 'postgres';
import { ADMIN_URL, type Cleanup } from './hub-process.ts';

/** Creates `<prefix>_<random>` next to ADMIN_URL's database; its URL. Empty: migrating it is the caller's. */
export async function scratchDatabaseUrl(prefix: string, cleanup: Cleanup): Promise<string> {
  const name = `${prefix}_${randomBytes(4).toString('hex')}`;
  const admin = postgres(ADMIN_URL, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database "${name}"`);
  cleanup.push(async () => {
    await admin.unsafe(`drop database if exists "${name}" with (force)`);
    await admin.end({ timeout: 5 });
  });
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  return url.toString();
}
