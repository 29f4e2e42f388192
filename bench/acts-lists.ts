// The agent's lists at 100,000 acts a year: the seeding of bench/acts-publication.ts (a third of the acts in
// Rennes), a few in transmission or in error, 60 drafts of one meeting; then p50/p95 through the hub's app of the
// agent's page `/actes` (first page, by status, a number, words of the object, a deep page), the drafts page
// `/actes/brouillons` and `GET /api/acts` (first page, by status, a search), logged in as Rennes' agent. The
// ratio is each case's p95 over the public publication page's first page, measured in the same run.
// `npx tsx bench/acts-lists.ts [--acts 100000] [--requests 200] [--keep]`.
import { performance } from 'node:perf_hooks';
import { drizzle } from 'drizzle-orm/postgres-js';
import { migrate } from 'drizzle-orm/postgres-js/migrator';
import postgres from 'postgres';
import { migrationsFolder, schema, type Db } from '../db/client.ts';
import { DEMO_ACTS_CLIENT } from '../src/acts/index.ts';
import { createApp } from '../src/app.ts';
import { systemClock } from '../src/platform/clock.ts';
import { createLogger } from '../src/platform/logging.ts';
import { portalRoutes } from '../src/portal/routes.ts';
import { DEMO_ACCOUNTS } from '../src/seed/demo-accounts.ts';
import { seedAll } from '../src/seed/index.ts';
import { fillActs, RENNES, WORDS } from './acts-seed.ts';

const arg = (name: string, fallback: number): number => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const ACTS = arg('acts', 100_000);
const REQUESTS = arg('requests', 200);
const KEEP = process.argv.includes('--keep');
const ADMIN_URL = process.env.TEST_DATABASE_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const AGENT = 'agent.rennes@demo.hub.bzh';

const urlFor = (database: string) => Object.assign(new URL(ADMIN_URL), { pathname: `/${database}` }).toString();
const pct = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;

/** Some acts still in transmission or in error, and one meeting's drafts in Rennes. */
async function varyStatuses(sql: postgres.Sql) {
  await sql`update acts set status = 'TRANSMIS', id_acte = null, received_on = null, published_at = null
    where number like '%37'`;
  await sql`update acts set status = 'ERREUR', id_acte = null, received_on = null, published_at = null,
    error = 'Anomalie (banc)' where number like '%91'`;
  await sql`
    insert into acts (structure_id, nature, classification, classification_date, number, decision_date, object, status,
      meeting_label, meeting_date, created_by, created_at, updated_at)
    select s.id, 1, '7.1', '2026-01-05', 'BR' || g, date '2025-12-15', 'Délibération ' || g || ' du conseil', 'BROUILLON',
      'Conseil municipal du 15 décembre', date '2025-12-15', 'bench', now(), now()
    from structures s, generate_series(1, 60) g where s.kind = 'commune' and s.siren = ${RENNES}`;
  await sql`analyze acts`;
}

async function main() {
  const admin = postgres(ADMIN_URL, { max: 1, onnotice: () => {} });
  const name = `hub_bench_acts_lists_${process.pid}`;
  await admin.unsafe(`create database ${name}`);
  const sql = postgres(urlFor(name), { max: 10, onnotice: () => {} });
  try {
    const db = drizzle(sql, { schema }) as unknown as Db;
    await migrate(drizzle(sql, { schema }), { migrationsFolder });
    await seedAll(db);
    const t0 = performance.now();
    await fillActs(sql, ACTS);
    await varyStatuses(sql);
    const [{ n } = { n: 0 }] = await sql<{ n: number }[]>`select count(*)::int as n from acts a join structures s
      on s.id = a.structure_id where s.siren = ${RENNES} and s.kind = 'commune'`;
    console.log(`seeded ${ACTS} acts (${n} in Rennes) in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    const app = createApp({ db, clock: systemClock, logger: createLogger('silent'), secureCookies: false });
    app.route('/', portalRoutes);

    const login = await app.request('/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: AGENT, password: DEMO_ACCOUNTS.find((a) => a.email === AGENT)!.password }),
    });
    const cookie = (login.headers.getSetCookie?.() ?? []).map((c) => c.split(';')[0]).join('; ');
    if (login.status !== 200 || !cookie) throw new Error(`login: ${login.status}`);
    const token = await app.request('/api/oauth/token', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'client_credentials',
        client_id: DEMO_ACTS_CLIENT.clientId,
        client_secret: DEMO_ACTS_CLIENT.clientSecret,
      }),
    });
    const bearer = `Bearer ${((await token.json()) as { access_token: string }).access_token}`;

    const cases: [string, (i: number) => string, Record<string, string>][] = [
      ['public first page (reference)', () => `/actes-publies/${RENNES}`, {}],
      ['/actes first page', () => '/actes', { cookie }],
      ['/actes by status', (i) => `/actes?etat=${['ACQUITTE', 'TRANSMIS', 'ERREUR'][i % 3]}`, { cookie }],
      ['/actes number', (i) => `/actes?recherche=B${1000 + i * 37}`, { cookie }],
      ['/actes object words', (i) => `/actes?recherche=${encodeURIComponent(WORDS[i % WORDS.length]!)}`, { cookie }],
      ['/actes deep page', (i) => `/actes?page=${200 + (i % 100)}`, { cookie }],
      ['/actes/brouillons', () => '/actes/brouillons', { cookie }],
      ['GET /api/acts', () => '/api/acts', { authorization: bearer }],
      [
        'GET /api/acts status',
        (i) => `/api/acts?status=${['ACQUITTE', 'ERREUR', 'BROUILLON'][i % 3]}`,
        { authorization: bearer },
      ],
      [
        'GET /api/acts q',
        (i) => `/api/acts?q=${encodeURIComponent(WORDS[i % WORDS.length]!)}`,
        { authorization: bearer },
      ],
      ['GET /api/acts deep', (i) => `/api/acts?page=${100 + (i % 100)}`, { authorization: bearer }],
    ];
    let reference = 0;
    for (const [label, path, headers] of cases) {
      for (let i = 0; i < 10; i++) await (await app.request(path(i), { headers })).text();
      const times: number[] = [];
      for (let i = 0; i < REQUESTS; i++) {
        const start = performance.now();
        const res = await app.request(path(i), { headers });
        await res.text();
        if (res.status !== 200) throw new Error(`${path(i)}: ${res.status}`);
        times.push(performance.now() - start);
      }
      times.sort((a, b) => a - b);
      const p95 = pct(times, 95);
      if (reference === 0) reference = p95;
      console.log(
        `${label.padEnd(30)} p50 ${pct(times, 50).toFixed(1).padStart(6)} ms  p95 ${p95.toFixed(1).padStart(6)} ms  ×${(p95 / reference).toFixed(2)}`,
      );
    }
  } finally {
    await sql.end();
    if (!KEEP) await admin.unsafe(`drop database ${name}`);
    await admin.end();
  }
}

await main();
