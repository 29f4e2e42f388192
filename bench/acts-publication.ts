// The public publication page at 100,000 acts a year: seeds a scratch database (SQL bulk, one structure with a
// third of them, the rest spread over 40 communes), then prints p50/p95 of `/actes-publies/:siren` (first page,
// a deep page, a word search, a date range) through the hub's app. `npx tsx bench/acts-publication.ts
// [--acts 100000] [--requests 200] [--keep]`.
import { performance } from 'node:perf_hooks';
import { drizzle } from 'drizzle-orm/postgres-js';
import { migrate } from 'drizzle-orm/postgres-js/migrator';
import postgres from 'postgres';
import { migrationsFolder, schema, type Db } from '../db/client.ts';
import { createApp } from '../src/app.ts';
import { systemClock } from '../src/platform/clock.ts';
import { createLogger } from '../src/platform/logging.ts';
import { seedAll } from '../src/seed/index.ts';
import { fillActs as fill, RENNES, WORDS } from './acts-seed.ts';

const arg = (name: string, fallback: number): number => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const ACTS = arg('acts', 100_000);
const REQUESTS = arg('requests', 200);
const KEEP = process.argv.includes('--keep');
const ADMIN_URL = process.env.TEST_DATABASE_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

const urlFor = (database: string) => Object.assign(new URL(ADMIN_URL), { pathname: `/${database}` }).toString();

const pct = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;

async function main() {
  const admin = postgres(ADMIN_URL, { max: 1, onnotice: () => {} });
  const name = `hub_bench_acts_${process.pid}`;
  await admin.unsafe(`create database ${name}`);
  const sql = postgres(urlFor(name), { max: 10, onnotice: () => {} });
  try {
    const db = drizzle(sql, { schema }) as unknown as Db;
    await migrate(drizzle(sql, { schema }), { migrationsFolder });
    await seedAll(db);
    const t0 = performance.now();
    await fill(sql, ACTS);
    console.log(`seeded ${ACTS} acts in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    const app = createApp({ db, clock: systemClock, logger: createLogger('silent'), secureCookies: false });
    const cases: [string, (i: number) => string][] = [
      ['first page', () => `/actes-publies/${RENNES}`],
      ['deep page', (i) => `/actes-publies/${RENNES}?page=${50 + (i % 100)}`],
      ['word search', (i) => `/actes-publies/${RENNES}?mots=${encodeURIComponent(WORDS[i % WORDS.length]!)}`],
      ['date range', (i) => `/actes-publies/${RENNES}?du=2025-0${1 + (i % 9)}-01&au=2025-0${1 + (i % 9)}-28`],
      ['collectivities', () => '/actes-publies'],
    ];
    for (const [label, path] of cases) {
      for (let i = 0; i < 20; i++) await (await app.request(path(i))).text();
      const times: number[] = [];
      for (let i = 0; i < REQUESTS; i++) {
        const start = performance.now();
        const res = await app.request(path(i));
        await res.text();
        if (res.status !== 200) throw new Error(`${path(i)}: ${res.status}`);
        times.push(performance.now() - start);
      }
      times.sort((a, b) => a - b);
      console.log(`${label.padEnd(15)} p50 ${pct(times, 50).toFixed(1)} ms  p95 ${pct(times, 95).toFixed(1)} ms`);
    }
  } finally {
    await sql.end();
    if (!KEEP) await admin.unsafe(`drop database ${name}`);
    await admin.end();
  }
}

await main();
