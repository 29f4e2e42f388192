// Server time of the portal's two busiest lists with 100,000 invoices in PostgreSQL: the accountant's inbox and the
// supplier's "mes factures". Builds a throwaway database (migrations, the demo directory, then invoices inserted in
// bulk with a realistic spread over buyers, suppliers and statuses), times full page requests through `app.request`
// (authentication, queries, rendering), then prints the query plans that explain the numbers. Asserts nothing.
//
//   npx tsx bench/portal.ts [--invoices N] [--requests N] [--keep]
//   (PostgreSQL from TEST_DATABASE_ADMIN_URL, default postgres://postgres@127.0.0.1:5432/postgres)
import { performance } from 'node:perf_hooks';
import { drizzle } from 'drizzle-orm/postgres-js';
import { migrate } from 'drizzle-orm/postgres-js/migrator';
import postgres from 'postgres';
import { migrationsFolder, schema, type Db } from '../db/client.ts';
import { createApp } from '../src/app.ts';
import { systemClock } from '../src/platform/clock.ts';
import { createLogger } from '../src/platform/logging.ts';
import { seedAll } from '../src/seed/index.ts';
import { portalRoutes } from '../src/portal/routes.ts';

const arg = (name: string, fallback: number): number => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const INVOICES = arg('invoices', 100_000);
const REQUESTS = arg('requests', 300);
const WARMUP = 30;
const KEEP = process.argv.includes('--keep');
const ADMIN_URL = process.env.TEST_DATABASE_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const RENNES_SIREN = '213502388';
const ARMOR_SIREN = '812345676';

/** Every statement the app sends, to explain them afterwards. */
const captured: { query: string; params: unknown[] }[] = [];

function urlFor(database: string): string {
  const url = new URL(ADMIN_URL);
  url.pathname = `/${database}`;
  return url.toString();
}

async function fill(sql: postgres.Sql, count: number): Promise<void> {
  await sql`select setseed(0.42)`;
  // 300 more suppliers beside the 4 demo ones.
  await sql`
    insert into structures (kind, name, search_name, siren, demo)
    select 'supplier', 'Fournisseur ' || g, 'fournisseur ' || g, (900000000 + g)::text, true from generate_series(1, 300) g`;
  await sql`insert into blobs (sha256, size, media_type) values (repeat('0', 64), 0, 'application/xml') on conflict do nothing`;
  await sql`
    create temporary table buyers as
    select s.id, s.name, coalesce(e.siret, '00000000000000') as siret, row_number() over (order by s.population desc nulls last, s.id) as rank
    from structures s left join establishments e on e.structure_id = s.id and e.main
    where s.kind in ('region', 'departement', 'epci', 'commune')`;
  await sql`create temporary table sellers as select id, name, row_number() over (order by siren) as rank from structures where kind = 'supplier'`;
  const [counts] = await sql<
    { buyers: number; sellers: number }[]
  >`select (select count(*)::int from buyers) as buyers, (select count(*)::int from sellers) as sellers`;
  const { buyers, sellers } = counts!;
  // Buyers: Rennes 8 %, the 30 largest collectivities 37 %, every other one the rest. Suppliers: Armor Bureautique
  // 3 %, the other demo suppliers 1 % each, 300 others the rest. Statuses: mostly paid history, open ones recent.
  await sql`
    with picks as (
      select g,
        random() as rb, random() as rs, random() as rst, random() as ra, random() as rd,
        (random() * ${buyers - 1})::int + 1 as any_buyer, (random() * 29)::int + 1 as big_buyer,
        (random() * ${sellers - 1})::int + 1 as any_seller
      from generate_series(1, ${count}) g
    ), shaped as (
      select p.g, p.ra,
        (select id from buyers where case when p.rb < 0.08 then id = (select id from structures where kind = 'commune' and siren = ${RENNES_SIREN})
                                          when p.rb < 0.45 then rank = p.big_buyer else rank = p.any_buyer end limit 1) as buyer_id,
        (select id from sellers where case when p.rs < 0.03 then id = (select id from structures where kind = 'supplier' and siren = ${ARMOR_SIREN})
                                           else rank = p.any_seller end limit 1) as seller_id,
        (case when p.rst < 0.55 then 'MISE_EN_PAIEMENT' when p.rst < 0.58 then 'REJETEE' when p.rst < 0.63 then 'COMPTABILISEE'
              when p.rst < 0.67 then 'MISE_A_DISPOSITION_COMPTABLE' when p.rst < 0.73 then 'MANDATEE' when p.rst < 0.81 then 'SERVICE_FAIT'
              when p.rst < 0.93 then 'MISE_A_DISPOSITION' when p.rst < 0.95 then 'COMPLETEE' when p.rst < 0.98 then 'SUSPENDUE'
              when p.rst < 0.99 then 'A_RECYCLER' when p.rst < 0.995 then 'DEPOSEE' else 'EN_COURS_ACHEMINEMENT' end)::invoice_status as status,
        p.rd
      from picks p
    ), dated as (
      select s.*, now() - (case when s.status in ('MISE_EN_PAIEMENT', 'REJETEE') then s.rd * 730 else s.rd * 45 end) * interval '1 day' as deposited,
        round((50 + s.ra * 20000)::numeric, 2) as net
      from shaped s
    )
    insert into invoices (supplier_id, number, year, type_code, issue_date, currency, total_without_vat, total_vat, total_with_vat, amount_due,
      supplier_name, buyer_id, buyer_siret, service_id, service_code, status, status_changed_at, syntax, original_sha256, validation_report,
      workflow_id, made_available_at, legal_due_at, created_at)
    select d.seller_id, 'F' || lpad(d.g::text, 7, '0'), extract(year from d.deposited)::int, '380', (d.deposited - interval '2 days')::date, 'EUR',
      d.net, round(d.net * 0.2, 2), d.net + round(d.net * 0.2, 2), d.net + round(d.net * 0.2, 2),
      sl.name, d.buyer_id, b.siret, sv.id, sv.code, d.status, d.deposited + interval '3 days', 'UBL', repeat('0', 64), '{"profile":"fr","violations":[]}',
      'bench:' || d.g,
      case when d.status in ('DEPOSEE', 'EN_COURS_ACHEMINEMENT', 'A_RECYCLER') then null else d.deposited + interval '2 minutes' end,
      case when d.status in ('DEPOSEE', 'EN_COURS_ACHEMINEMENT', 'A_RECYCLER', 'SUSPENDUE') then null else d.deposited + interval '30 days' end,
      d.deposited
    from dated d
    join sellers sl on sl.id = d.seller_id
    join buyers b on b.id = d.buyer_id
    left join lateral (select id, code from services where structure_id = d.buyer_id and active order by md5(d.g::text || id::text) limit 1) sv on true`;
  await sql`analyze`;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

async function time(
  label: string,
  run: () => Promise<Response>,
): Promise<{ label: string; p50: number; p95: number; max: number }> {
  for (let i = 0; i < WARMUP; i++) await (await run()).arrayBuffer();
  const samples: number[] = [];
  for (let i = 0; i < REQUESTS; i++) {
    const start = performance.now();
    const res = await run();
    await res.arrayBuffer();
    samples.push(performance.now() - start);
    if (res.status !== 200) throw new Error(`${label}: HTTP ${res.status}`);
  }
  samples.sort((a, b) => a - b);
  return { label, p50: percentile(samples, 50), p95: percentile(samples, 95), max: samples[samples.length - 1]! };
}

async function explain(
  sql: postgres.Sql,
  label: string,
  run: () => Promise<Response>,
  pick: (q: string) => boolean,
): Promise<void> {
  captured.length = 0;
  await (await run()).arrayBuffer();
  for (const { query, params } of captured.filter((c) => pick(c.query))) {
    const plan = await sql.unsafe(
      `explain (analyze, buffers off, costs off, summary on) ${query}`,
      params as postgres.ParameterOrJSON<never>[],
    );
    console.log(`\n— ${label}: ${query.includes('count(') ? 'count' : 'page'} query plan`);
    for (const row of plan) console.log(`   ${String(Object.values(row)[0])}`);
  }
}

async function main(): Promise<void> {
  const database = `hub_bench_${Date.now().toString(36)}`;
  const admin = postgres(ADMIN_URL, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database "${database}"`);
  const client = postgres(urlFor(database), {
    max: 10,
    onnotice: () => {},
    debug: (_c, query, params) => void captured.push({ query, params }),
  });
  const db = drizzle(client, { schema }) as unknown as Db;
  try {
    let t0 = performance.now();
    await migrate(drizzle(client, { schema }), { migrationsFolder });
    await seedAll(db);
    console.log(`database ${database}: migrated and seeded in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    t0 = performance.now();
    await fill(client, INVOICES);
    const [stats] = await client<{ n: number; rennes: number; rennes_open: number; armor: number }[]>`
      select count(*)::int as n,
        count(*) filter (where b.siren = ${RENNES_SIREN})::int as rennes,
        count(*) filter (where b.siren = ${RENNES_SIREN} and i.status in ('MISE_A_DISPOSITION','COMPLETEE','SERVICE_FAIT','MANDATEE','MISE_A_DISPOSITION_COMPTABLE','COMPTABILISEE'))::int as rennes_open,
        count(*) filter (where s.siren = ${ARMOR_SIREN})::int as armor
      from invoices i join structures b on b.id = i.buyer_id join structures s on s.id = i.supplier_id`;
    console.log(
      `${stats!.n.toLocaleString('fr-FR')} invoices inserted in ${((performance.now() - t0) / 1000).toFixed(1)} s — Rennes receives ${stats!.rennes.toLocaleString('fr-FR')} (${stats!.rennes_open.toLocaleString('fr-FR')} to process), Armor Bureautique sent ${stats!.armor.toLocaleString('fr-FR')}`,
    );

    const app = createApp({ db, clock: systemClock, logger: createLogger('silent'), secureCookies: false });
    app.route('/', portalRoutes);
    const cookieOf = async (email: string, password: string): Promise<string> => {
      const res = await app.request('/auth/login', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email, password }),
      });
      return res.headers
        .getSetCookie()
        .map((c) => c.split(';')[0])
        .join('; ');
    };
    const accountant = await cookieOf('comptable.rennes@demo.hub.bzh', 'Demo-Comptable-Rennes-2026');
    const supplier = await cookieOf('fournisseur.armor@demo.hub.bzh', 'Demo-Armor-2026');
    const [fin] = await client<
      { id: string }[]
    >`select sv.id from services sv join structures s on s.id = sv.structure_id where s.siren = ${RENNES_SIREN} and sv.code = 'FIN'`;
    const get = (path: string, cookie: string) => async () => app.request(path, { headers: { cookie } });

    const cases: [string, () => Promise<Response>][] = [
      ['accountant inbox (Rennes, to process, by due date)', get('/a-traiter', accountant)],
      ['accountant inbox, service FIN', get(`/a-traiter?service=${fin!.id}`, accountant)],
      ['accountant inbox, all statuses, page 40', get('/a-traiter?statut=toutes&page=40', accountant)],
      ['accountant inbox, due within 7 days', get('/a-traiter?echeance=7', accountant)],
      ['supplier list (Armor, newest first)', get('/factures', supplier)],
      ['supplier list, status filter', get('/factures?statut=MISE_EN_PAIEMENT', supplier)],
      ['supplier list, number search', get('/factures?q=F00012', supplier)],
    ];
    console.log(
      `\nserver time per page request (${REQUESTS} requests after ${WARMUP} warm-up, one at a time, app.request in process):`,
    );
    console.log(`${'page'.padEnd(56)} ${'p50 ms'.padStart(8)} ${'p95 ms'.padStart(8)} ${'max ms'.padStart(8)}`);
    for (const [label, run] of cases) {
      const r = await time(label, run);
      console.log(
        `${r.label.padEnd(56)} ${r.p50.toFixed(1).padStart(8)} ${r.p95.toFixed(1).padStart(8)} ${r.max.toFixed(1).padStart(8)}`,
      );
    }

    const isInvoiceList = (q: string) => /from "invoices"/.test(q) && !/"invoices"\."id" = \$/.test(q);
    await explain(client, 'accountant inbox', cases[0]![1], isInvoiceList);
    await explain(client, 'supplier list', cases[4]![1], isInvoiceList);
  } finally {
    await client.end({ timeout: 5 });
    if (!KEEP) await admin.unsafe(`drop database if exists "${database}" with (force)`);
    else console.log(`\nkept database ${database}`);
    await admin.end({ timeout: 5 });
  }
}

await main();
