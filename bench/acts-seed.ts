// The acts of a year for the acts benches: SQL bulk into a migrated, seeded database, one collectivity (Rennes)
// holding a third of them and the rest spread over 40 communes, all acknowledged, nine in ten published.
import type postgres from 'postgres';

export const RENNES = '213502388';
export const WORDS = ['tarifs', 'subvention', 'voirie', 'personnel', 'budget', 'marché', 'école', 'urbanisme'];

export async function fillActs(pool: postgres.Sql, count: number) {
  // One connection: the temporary table lives in its session.
  const sql = await pool.reserve();
  await sql`select setseed(0.42)`;
  await sql`create temporary table publishers as
    select id, row_number() over (order by (siren = ${RENNES}) desc, population desc nulls last, id) as rank
    from structures where kind = 'commune' and siren is not null order by rank limit 41`;
  const words = sql.array(WORDS);
  await sql`
    insert into acts (structure_id, nature, classification, classification_date, number, decision_date, object, status,
      id_acte, received_on, sent_at, published_at, created_by, created_at, updated_at)
    select p.id, 1 + (g % 6), '7.1', '2026-01-05', 'B' || g, d, initcap(${words}[1 + (g % 8)]) || ' : décision n° ' || g ||
      ' relative aux ' || (${words}::text[])[1 + ((g / 8) % 8)] || ' de la commune',
      'ACQUITTE', '035-000000000-' || to_char(d, 'YYYYMMDD') || '-B' || g || '-DE', d + 1, d + interval '10 hours',
      case when g % 10 = 0 then null else d + interval '2 days' end, 'bench', d, d
    from (select g, date '2025-01-01' + (g % 365) as d,
                 case when random() < 0.33 then 1 else 2 + (random() * 39)::int end as r
          from generate_series(1, ${count}) g) s
    join publishers p on p.rank = s.r`;
  await sql`analyze acts`;
  sql.release();
}
