// Benchmark of the accounting flows, printed, asserting nothing:
// (a) a generated PES Aller of Rennes of ~100 MB (20,000 mandate lines in 200 signed bordereaux, 2,000 PJs) written
//     to disk unsigned, deposited for the hub to sign (the streamed checks), linked to the invoices it pays
//     (prepareFlow: the lines' invoices found, their originals embedded as PJs, the file to send written), signed
//     as the transmission workflow signs it (signUnsignedBordereaux, each bordereau as it streams by), then
//     deposited again signed (the streamed checks and the streamed verification of every signature); time and peak
//     RSS of each step,
//     against a reference in the same process: one streamed SHA-256 read of the same file;
// (b) N ordinary PES (one bordereau, one mandate) end to end on a Temporal dev server launched here, a worker in
//     this process and the fake treasury over FTP: deposit → transmission workflow → upload → PES_ACQUIT → poll →
//     ACQUITTE; files/s and CPU per file (this process, the dev server, PostgreSQL).
//
//   npx tsx bench/accounting.ts [--lines 20000] [--pjs 2000] [--invoices 200] [--files 1000] [--only a|b]
import { createHash, randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { gzipSync } from 'node:zlib';
import { NativeConnection } from '@temporalio/worker';
import { Client, Connection } from '@temporalio/client';
import { eq, inArray } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/postgres-js';
import { migrate } from 'drizzle-orm/postgres-js/migrator';
import postgres from 'postgres';
import { migrationsFolder, schema, type Db } from '../db/client.ts';
import { pesFlows } from '../db/schema/accounting.ts';
import { createActivities } from '../src/activities.ts';
import { createApp } from '../src/app.ts';
import { depositPes } from '../src/accounting/deposit/deposit-pes.ts';
import { pesAllerChunks, pesAllerText, type PesAllerSpec } from '../src/accounting/domain/build-pes.ts';
import { prepareFlow } from '../src/accounting/linking/prepare-flow.ts';
import { pollTreasuryReturns } from '../src/accounting/returns/poll-returns.ts';
import type { AccountingDeps } from '../src/accounting/settings.ts';
import { signUnsignedBordereaux } from '../src/accounting/signing/sign-pes-stream.ts';
import { FakeTreasury } from '../src/demo-treasury/index.ts';
import { systemClock } from '../src/platform/clock.ts';
import { createFileStore, diskBackend } from '../src/platform/files/index.ts';
import { createLogger } from '../src/platform/logging.ts';
import { findTemporalBinary } from '../src/platform/temporal/binary.ts';
import { startDevServer } from '../src/platform/temporal/dev-server.ts';
import { createHubWorker } from '../src/platform/temporal/worker.ts';
import { freePort } from '../src/platform/net.ts';
import { seedAll } from '../src/seed/index.ts';
import { fakeTreasuryEndpoint } from '../test/accounting/fake-treasury-endpoint.ts';
import { makeTestIdentity } from '../test/accounting/test-identity.ts';
import { personActing, testParties, ublBytes } from '../test/helpers/invoices.ts';
import { commandCpuMs, CpuMeter, processCpuMs } from './cpu.ts';
import { apiToken, log, runBench, sleep, type Cleanup } from './hub-process.ts';
import { scratchDatabaseUrl } from './scratch-database.ts';
import '../test/helpers/quiet-temporal.ts';

const arg = (name: string, fallback: number): number => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const LINES = arg('lines', 20_000);
const PJS = arg('pjs', 2_000);
const INVOICES = arg('invoices', 200);
const FILES = arg('files', 1_000);
const only = process.argv.indexOf('--only') > 0 ? process.argv[process.argv.indexOf('--only') + 1] : undefined;
const LINES_PER_PIECE = 10;
const PIECES_PER_BORDEREAU = 10;
const MB = 1_000_000;
const fmt = (n: number, d = 1) => n.toLocaleString('en-US', { maximumFractionDigits: d, minimumFractionDigits: d });
const ownCpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

/** Runs `step`, sampling this process's RSS every 20 ms: its time and the highest RSS seen. */
async function measured<T>(
  step: () => Promise<T>,
): Promise<{ value: T; ms: number; peakMb: number; growthMb: number }> {
  const before = process.memoryUsage.rss();
  let peak = before;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage.rss())), 20);
  const began = performance.now();
  try {
    const value = await step();
    peak = Math.max(peak, process.memoryUsage.rss());
    return { value, ms: performance.now() - began, peakMb: peak / MB, growthMb: (peak - before) / MB };
  } finally {
    clearInterval(timer);
  }
}

/** A throw-away database with the hub's schema and the seeded directory (Rennes, the demo supplier). */
async function scratchDatabase(cleanup: Cleanup): Promise<Db> {
  const client = postgres(await scratchDatabaseUrl('hub_bench_pes', cleanup), { max: 10, onnotice: () => {} });
  cleanup.push(() => client.end({ timeout: 5 }));
  const db = drizzle(client, { schema }) as unknown as Db;
  await migrate(drizzle(client, { schema }), { migrationsFolder });
  await seedAll(db);
  return db;
}

/**
 * The big PES, dematerialised and unsigned (the hub signs it after linking): LINES lines, ten to a mandate, ten
 * mandates to a bordereau. The first lines of the mandates pay the hub's invoices (no PJ: the hub embeds their
 * originals); the last line of each of the first PJS mandates carries its own PJ.
 */
function bigSpec(rennesSiret: string, armorSiret: string, invoiceNumbers: string[]): PesAllerSpec {
  const pieces = Math.ceil(LINES / LINES_PER_PIECE);
  // Sixteen distinct PJ contents (incompressible, ~44 KB of base64 each), reused: the file is ~100 MB.
  const contents = Array.from({ length: 16 }, () => gzipSync(randomBytes(33_000)).toString('base64'));
  let paid = 0;
  const bordereaux = Array.from({ length: Math.ceil(pieces / PIECES_PER_BORDEREAU) }, (_, b) => ({
    idBord: String(b + 1),
    exer: '2026',
    dteBordEm: '2026-12-01',
    // Required when dematerialised: the year's total so far, here the bordereau's own.
    mtCumulAnnuel: `${Math.min(PIECES_PER_BORDEREAU, pieces - b * PIECES_PER_BORDEREAU) * LINES_PER_PIECE * 100}.00`,
    pieces: Array.from({ length: Math.min(PIECES_PER_BORDEREAU, pieces - b * PIECES_PER_BORDEREAU) }, (_, p) => {
      const piece = b * PIECES_PER_BORDEREAU + p;
      return {
        idPce: String(piece + 1),
        obj: `Mandat ${piece + 1}`,
        lines: Array.from({ length: LINES_PER_PIECE }, (_, l) => {
          const last = l === LINES_PER_PIECE - 1;
          const pays = !last && paid < invoiceNumbers.length ? invoiceNumbers[paid++] : undefined;
          return {
            idLigne: String(l + 1),
            nature: '6064',
            facture: pays ?? `HORS-HUB-${piece}-${l}`,
            mtHT: '100.00',
            mtTVA: '20.00',
            modRegl: '03',
            iban: 'FR7630006000011234567890189',
            ...(last && piece < PJS ? { pjRefs: [`PJ${piece}`] } : {}),
            tiers: pays
              ? { idTiers: armorSiret, natIdTiers: '01' as const, nom: 'ARMOR BUREAUTIQUE' }
              : { idTiers: '81234567600014', natIdTiers: '01' as const, nom: 'FOURNISSEUR HORS HUB' },
          };
        }),
      };
    }),
  }));
  return {
    nomFic: `BENCH-${Date.now()}`,
    dteStr: '2026-12-01',
    idPost: '035000',
    idColl: rennesSiret,
    codCol: '123',
    codBud: '01',
    libelleColBud: 'COMMUNE DE RENNES',
    dematerialised: true,
    bordereaux,
    pjs: Array.from({ length: Math.min(PJS, pieces) }, (_, i) => ({
      idUnique: `PJ${i}`,
      nomPJ: `piece-${i}.pdf`,
      mimeType: 'application/pdf',
      description: `Pièce ${i}`,
      base64: contents[i % contents.length]!,
    })),
  };
}

/** Deposits INVOICES invoices of the demo supplier to Rennes through `POST /api/invoices`; their numbers. */
async function depositInvoices(db: Db, run: string): Promise<string[]> {
  const app = createApp({ db, clock: systemClock, logger: createLogger('silent'), secureCookies: false });
  const bearer = `Bearer ${await apiToken('http://hub', (request) => app.fetch(request))}`;
  const parties = await testParties(db);
  const numbers: string[] = [];
  for (let k = 0; k < INVOICES; k++) {
    const number = `BENCH-${run}-${k}`;
    const res = await app.fetch(
      new Request(`http://hub/api/invoices?fileName=${number}.xml`, {
        method: 'POST',
        headers: { authorization: bearer, 'content-type': 'application/xml' },
        body: ublBytes({
          supplierSiret: parties.armor.siret,
          supplierName: parties.armor.name,
          buyerSiret: parties.rennes.siret,
          serviceCode: 'FIN',
          number,
          lineAmounts: ['100.00'],
        }) as Uint8Array<ArrayBuffer>,
      }),
    );
    await res.arrayBuffer();
    if (res.status !== 201) throw new Error(`invoice ${number}: HTTP ${res.status}`);
    numbers.push(number);
  }
  return numbers;
}

async function bigFile(cleanup: Cleanup): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-pes-'));
  cleanup.push(async () => rmSync(dir, { recursive: true, force: true }));
  const db = await scratchDatabase(cleanup);
  const parties = await testParties(db);
  const numbers = await depositInvoices(db, randomBytes(3).toString('hex').toUpperCase());
  const identity = makeTestIdentity('/CN=Ordonnatrice de banc/O=Commune de Rennes');
  const files = createFileStore({ db, backend: diskBackend(join(dir, 'store')) });
  const deps: AccountingDeps = { db, clock: systemClock, logger: createLogger('silent'), secureCookies: false, files };
  const actor = personActing('accountant', parties.rennes.id);
  const spec = bigSpec(parties.rennes.siret, parties.armor.siret, numbers);
  const path = join(dir, 'pes.xml');
  const signedPath = join(dir, 'pes-signe.xml');

  const write = await measured(() =>
    pipeline(
      Readable.from(
        (function* () {
          for (const chunk of pesAllerChunks(spec)) yield Buffer.from(chunk, 'latin1');
        })(),
      ),
      createWriteStream(path),
    ),
  );
  const size = statSync(path).size;
  const reference = await measured(async () => {
    const hash = createHash('sha256');
    for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
    return hash.digest('hex');
  });
  const deposit = async (file: string, sign: boolean) => {
    const stored = await files.put(createReadStream(file), {
      kind: 'accounting_flow',
      mediaType: 'application/xml',
      fileName: 'pes.xml',
    });
    const result = await depositPes({ ctx: { deps, actor }, input: { fileId: stored.id, channel: 'api', sign } });
    if (!result.accepted) throw new Error(`refused: ${JSON.stringify(result.refusal).slice(0, 500)}`);
    return result;
  };
  const check = await measured(() => deposit(path, true));
  const link = await measured(() => prepareFlow(deps, check.value.flowId));
  const [flow] = await db.select().from(pesFlows).where(eq(pesFlows.id, check.value.flowId));
  const sent = await files.get(flow!.sentFileId!);
  const count = { signed: 0 };
  const sign = await measured(() =>
    pipeline(
      Readable.from(signUnsignedBordereaux(sent!.stream, identity, { signingTime: new Date() }, count)),
      createWriteStream(signedPath),
    ),
  );
  // The signed file is deposited again, as an ordonnateur's own signed file: the signatures cover the bordereaux,
  // not the envelope, so the file keeps its NomFic and the first flow gives it up.
  await db
    .update(pesFlows)
    .set({ nomFic: `${spec.nomFic}-non-signe` })
    .where(eq(pesFlows.id, check.value.flowId));
  const verify = await measured(() => deposit(signedPath, false));

  log(
    `(a) PES of ${fmt(size / MB)} MB: ${LINES} lines, ${spec.bordereaux.reduce((n, b) => n + b.pieces.length, 0)} mandates in ${spec.bordereaux.length} bordereaux, ${spec.pjs!.length} PJs; ${numbers.length} lines pay an invoice of the hub`,
  );
  const row = (label: string, r: { ms: number; peakMb: number; growthMb: number }) =>
    log(
      `    ${label.padEnd(60)} ${fmt(r.ms, 0).padStart(8)} ms (${fmt(r.ms / reference.ms).padStart(6)}× ref.), peak RSS ${fmt(r.peakMb, 0)} MB (+${fmt(r.growthMb, 0)} MB during the step)`,
    );
  row('reference: one streamed SHA-256 read of the file', reference);
  row('write the generated file', write);
  row('check: deposit, streamed checks', check);
  row(`link: ${link.value.linked} lines, ${link.value.embedded} originals embedded`, link);
  row(`sign: ${count.signed} bordereaux as it streams (signUnsignedBordereaux)`, sign);
  row('check the signed file: deposit, signatures verified', verify);
  log(
    `    file to send ${fmt(statSync(signedPath).size / MB)} MB signed; ${link.value.unmatched} lines unmatched; process max RSS ${fmt(process.resourceUsage().maxRSS / 1000, 0)} MB`,
  );
}

/** One small PES per file: one bordereau, one mandate of one line. */
const smallText = (siret: string, k: number): Buffer =>
  Buffer.from(
    pesAllerText({
      ...bigSpec(siret, siret, []),
      nomFic: `BENCH-E2E-${process.pid}-${k}`,
      dematerialised: false,
      pjs: [],
      bordereaux: [
        {
          idBord: String(k + 1),
          exer: '2026',
          dteBordEm: '2026-12-01',
          pieces: [
            {
              idPce: String(k + 1),
              lines: [{ idLigne: '1', nature: '6064', mtHT: '10.00', facture: `E2E-${k}`, modRegl: '02' }],
            },
          ],
        },
      ],
    }),
    'latin1',
  );

async function endToEnd(cleanup: Cleanup): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-pes-e2e-'));
  cleanup.push(async () => rmSync(dir, { recursive: true, force: true }));
  const db = await scratchDatabase(cleanup);
  const parties = await testParties(db);
  const binary = findTemporalBinary();
  if (!binary) throw new Error('temporal binary not found (PATH, TEMPORAL_CLI_PATH or ~/go/bin)');
  const server = await startDevServer({
    binary,
    dataDir: join(dir, 'temporal'),
    namespace: 'default',
    port: await freePort(),
    ui: false,
  });
  cleanup.push(() => server.stop());
  const fake = await FakeTreasury.start();
  cleanup.push(() => fake.stop());
  const connection = await Connection.connect({ address: server.address });
  cleanup.push(() => connection.close());
  const client = new Client({ connection, namespace: 'default' });
  const taskQueue = `bench-pes-${randomBytes(3).toString('hex')}`;
  const deps: AccountingDeps = {
    db,
    clock: systemClock,
    logger: createLogger('silent'),
    secureCookies: false,
    files: createFileStore({ db, backend: diskBackend(join(dir, 'store')) }),
    temporal: client,
    taskQueue,
    accounting: { treasury: fakeTreasuryEndpoint(fake, 30_000) },
  };
  const workerConnection = await NativeConnection.connect({ address: server.address });
  cleanup.push(() => workerConnection.close());
  const worker = await createHubWorker({
    connection: workerConnection,
    namespace: 'default',
    taskQueue,
    activities: createActivities(deps),
  });
  const running = worker.run();
  cleanup.push(async () => {
    worker.shutdown();
    await running;
  });
  const actor = personActing('accountant', parties.rennes.id);
  const texts = Array.from({ length: FILES }, (_, k) => smallText(parties.rennes.siret, k));

  const meter = new CpuMeter({
    hub: ownCpuMs,
    temporal: () => (server.pid ? processCpuMs(server.pid) : 0),
    postgres: () => commandCpuMs('postgres'),
  });
  meter.begin();
  const began = performance.now();
  const ids: string[] = [];
  for (const bytes of texts) {
    const stored = await deps.files!.put(Readable.from([bytes]), {
      kind: 'accounting_flow',
      mediaType: 'application/xml',
      fileName: 'pes.xml',
    });
    const result = await depositPes({ ctx: { deps, actor }, input: { fileId: stored.id, channel: 'api' } });
    if (!result.accepted) throw new Error(`refused: ${JSON.stringify(result.refusal)}`);
    ids.push(result.flowId);
  }
  const depositedMs = performance.now() - began;
  // The returns are read as the poll schedule would, back to back instead of every 4 minutes.
  let done = 0;
  const deadline = Date.now() + Math.max(120_000, FILES * 1_000);
  while (done < FILES) {
    if (Date.now() > deadline) throw new Error(`${done} of ${FILES} flows acknowledged in time`);
    await pollTreasuryReturns(deps);
    const rows = await db.select({ status: pesFlows.status }).from(pesFlows).where(inArray(pesFlows.id, ids));
    done = rows.filter((r) => r.status === 'ACQUITTE').length;
    if (rows.some((r) => r.status === 'ERREUR' || r.status === 'REFUSE')) throw new Error('a flow failed');
    if (done < FILES) await sleep(200);
  }
  const seconds = (performance.now() - began) / 1000;
  const cpu = meter.since();
  log(`(b) ${FILES} ordinary PES end to end (deposit → workflow → FTP → PES_ACQUIT → poll → ACQUITTE)`);
  log(
    `    ${fmt(FILES / seconds)} files/s (${fmt(seconds)} s; deposits alone ${fmt(FILES / (depositedMs / 1000))} files/s); ${fake.stores.size} files on the gateway`,
  );
  log(
    `    CPU per file: hub process ${fmt(cpu.hub! / FILES)} ms, Temporal dev server ${fmt(cpu.temporal! / FILES)} ms, PostgreSQL ${fmt(cpu.postgres! / FILES)} ms`,
  );
}

runBench(async (cleanup) => {
  if (only !== 'b') await bigFile(cleanup);
  if (only !== 'a') await endToEnd(cleanup);
});
