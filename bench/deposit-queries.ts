// Database round trips of one deposit through `POST /api/invoices`, counted at the driver: the hub's own app on
// a fresh Postgres database, with postgres.js reporting every statement it sends (BEGIN and COMMIT included).
// Prints the statements of one deposit and the mean over N; no Temporal server (the start is a gRPC call, not a
// round trip to the database). Asserts nothing.
//
//   npx tsx bench/deposit-queries.ts [--invoices N]
import { randomBytes } from 'node:crypto';
import { drizzle } from 'drizzle-orm/postgres-js';
import { migrate } from 'drizzle-orm/postgres-js/migrator';
import postgres from 'postgres';
import { migrationsFolder, schema, type Db } from '../db/client.ts';
import { createApp } from '../src/app.ts';
import { systemClock } from '../src/platform/clock.ts';
import { createLogger } from '../src/platform/logging.ts';
import { seedAll } from '../src/seed/index.ts';
import { testParties, ublBytes } from '../test/helpers/invoices.ts';
import { apiToken, log, runBench } from './hub-process.ts';
import { scratchDatabaseUrl } from './scratch-database.ts';

const i = process.argv.indexOf('--invoices');
const N = i > 0 ? Number(process.argv[i + 1]) : 50;

runBench(async (cleanup) => {
  const url = await scratchDatabaseUrl('hub_queries', cleanup);
  let statements: string[] = [];
  const client = postgres(url, {
    max: 10,
    onnotice: () => {},
    debug: (_connection, query) => statements.push(query.replace(/\s+/g, ' ').trim()),
  });
  cleanup.push(() => client.end({ timeout: 5 }));
  const db = drizzle(client, { schema }) as unknown as Db;
  await migrate(drizzle(client, { schema }), { migrationsFolder });
  await seedAll(db);
  const app = createApp({ db, clock: systemClock, logger: createLogger('silent'), secureCookies: false });

  const token = await apiToken('http://hub', (request) => app.fetch(request));
  const parties = await testParties(db);
  const run = randomBytes(3).toString('hex').toUpperCase();
  const deposit = async (k: number) => {
    const response = await app.fetch(
      new Request(`http://hub/api/invoices?fileName=q-${k}.xml`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/xml' },
        body: ublBytes({
          supplierSiret: parties.armor.siret,
          supplierName: parties.armor.name,
          buyerSiret: parties.rennes.siret,
          serviceCode: 'FIN',
          number: `Q-${run}-${k}`,
          lineAmounts: ['100.00', '20.50', '3.99'],
        }) as Uint8Array<ArrayBuffer>,
      }),
    );
    await response.arrayBuffer();
    if (response.status !== 201) throw new Error(`deposit ${k}: HTTP ${response.status}`);
  };

  // The first deposit warms the caches a process keeps (token, directory); the second is the one shown.
  await deposit(0);
  statements = [];
  await deposit(1);
  log(`statements of one deposit (${statements.length}):`);
  for (const s of statements) log(`  ${s.length > 150 ? `${s.slice(0, 147)}...` : s}`);
  statements = [];
  for (let k = 2; k < N + 2; k++) await deposit(k);
  log(`mean over ${N} deposits: ${(statements.length / N).toFixed(2)} statements per deposit`);
});
