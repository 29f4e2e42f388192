// The hub on the topology a region runs: a Temporal server on PostgreSQL (not the dev server), two `hub serve` and
// two `hub worker` processes, one PostgreSQL database. Invoices are deposited through both serve processes while
// one worker is killed outright (SIGKILL): every invoice is made available exactly once — none lost, none twice.
import type { ChildProcess } from 'node:child_process';
import { Client, Connection } from '@temporalio/client';
import { and, eq, inArray, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { invoiceEvents, invoices, notifications } from '../../db/schema/invoices.ts';
import { apiToken, type Cleanup } from '../../bench/hub-process.ts';
import { startTopology, type Topology } from '../../bench/topology.ts';
import { testParties, ublBytes } from '../helpers/invoices.ts';

const INVOICES = 240;
const CONCURRENCY = 8;
const cleanup: Cleanup = [];
let topology: Topology;

beforeAll(async () => {
  topology = await startTopology({ serves: 2, workers: 2 }, cleanup);
}, 600_000);
afterAll(async () => {
  for (const step of cleanup.reverse()) await step().catch((e: unknown) => console.error(e));
}, 180_000);

const madeAvailable = async (): Promise<number> => {
  const [row] = await topology.database.db
    .select({ n: sql<number>`count(*)::int` })
    .from(invoices)
    .where(eq(invoices.status, 'MISE_A_DISPOSITION'));
  return row?.n ?? 0;
};

const exited = (child: ChildProcess) =>
  new Promise<string | null>((resolve) =>
    child.exitCode !== null || child.signalCode !== null
      ? resolve(child.signalCode)
      : child.once('exit', (_code, signal) => resolve(signal)),
  );

describe('the production topology (Temporal on PostgreSQL, 2 serve, 2 worker)', () => {
  it(
    'makes every invoice deposited through both serve processes available exactly once, a worker killed mid-run',
    { timeout: 900_000, retry: 0 },
    async () => {
      const db = topology.database.db;
      const parties = await testParties(db);
      const tokens = await Promise.all(topology.serveUrls.map((base) => apiToken(base)));
      const run = Date.now().toString(36).toUpperCase();
      const files = Array.from({ length: INVOICES }, (_, i) =>
        ublBytes({
          supplierSiret: parties.armor.siret,
          supplierName: parties.armor.name,
          buyerSiret: parties.rennes.siret,
          serviceCode: 'FIN',
          number: `TOPO-${run}-${i}`,
          lineAmounts: ['100.00', '20.50'],
        }),
      );
      const statusesByServe = topology.serveUrls.map(() => new Map<number, number>());

      // The kill: once a quarter of the invoices are available, while deposits still arrive.
      const victim = topology.workers[0]!;
      const killed = (async () => {
        while ((await madeAvailable()) < INVOICES / 4) await new Promise((r) => setTimeout(r, 100));
        const atKill = await madeAvailable();
        victim.kill('SIGKILL');
        return { atKill, signal: await exited(victim), at: new Date() };
      })();

      let next = 0;
      await Promise.all(
        Array.from({ length: CONCURRENCY }, async () => {
          for (let i = next++; i < INVOICES; i = next++) {
            const serve = i % topology.serveUrls.length;
            const response = await fetch(`${topology.serveUrls[serve]}/api/invoices?fileName=topo-${i}.xml`, {
              method: 'POST',
              headers: { authorization: `Bearer ${tokens[serve]}`, 'content-type': 'application/xml' },
              body: files[i] as Uint8Array<ArrayBuffer>,
            });
            await response.arrayBuffer();
            const statuses = statusesByServe[serve]!;
            statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
          }
        }),
      );
      const kill = await killed;
      expect(kill.signal).toBe('SIGKILL');
      for (const statuses of statusesByServe) expect(Object.fromEntries(statuses)).toEqual({ 201: INVOICES / 2 });

      // The surviving worker takes over the killed one's workflows (sticky queue timeout, then the shared queue).
      const deadline = Date.now() + 600_000;
      while ((await madeAvailable()) < INVOICES && Date.now() < deadline) await new Promise((r) => setTimeout(r, 500));
      const rows = await db
        .select({ id: invoices.id, status: invoices.status, madeAvailableAt: invoices.madeAvailableAt })
        .from(invoices)
        .where(eq(invoices.supplierId, parties.armor.id));
      const after = rows.filter((r) => r.madeAvailableAt! > kill.at).length;
      console.log(
        `[measure] topology: ${INVOICES} invoices through 2 serve; worker ${victim.pid} killed at ${kill.atKill} made available; ${after} made available after the kill by the other worker`,
      );
      expect(kill.atKill).toBeLessThan(INVOICES);
      expect(after).toBeGreaterThan(0);
      expect(rows).toHaveLength(INVOICES);
      expect(rows.every((r) => r.status === 'MISE_A_DISPOSITION')).toBe(true);

      // Each invoice's way to its recipient recorded once: three events, two notices of its receipt (both sides).
      const ids = rows.map((r) => r.id);
      const events = await db
        .select({ invoiceId: invoiceEvents.invoiceId, sequence: invoiceEvents.sequence, to: invoiceEvents.toStatus })
        .from(invoiceEvents)
        .where(inArray(invoiceEvents.invoiceId, ids));
      const eventsOf = new Map<string, string[]>();
      for (const e of events.sort((a, b) => a.sequence - b.sequence))
        eventsOf.set(e.invoiceId, [...(eventsOf.get(e.invoiceId) ?? []), `${e.sequence}:${e.to}`]);
      for (const id of ids)
        expect(eventsOf.get(id)).toEqual(['1:DEPOSEE', '2:EN_COURS_ACHEMINEMENT', '3:MISE_A_DISPOSITION']);
      const receipts = await db
        .select({ invoiceId: notifications.invoiceId, n: sql<number>`count(*)::int` })
        .from(notifications)
        .where(and(inArray(notifications.invoiceId, ids), eq(notifications.kind, 'status:MISE_A_DISPOSITION')))
        .groupBy(notifications.invoiceId);
      expect(receipts).toHaveLength(INVOICES);
      expect(receipts.every((r) => r.n === 2)).toBe(true);

      // And one workflow per invoice on the Temporal server, none started twice.
      const client = new Client({ connection: await Connection.connect({ address: topology.temporal.address }) });
      try {
        // Visibility records are written after the runs start: read until they are all there, or a minute.
        let runs: string[] = [];
        for (const until = Date.now() + 60_000; runs.length < INVOICES && Date.now() < until;) {
          runs = [];
          for await (const execution of client.workflow.list({
            query: `TaskQueue = '${topology.taskQueue}' AND WorkflowType = 'invoiceLifecycleWorkflow'`,
          }))
            runs.push(execution.workflowId);
          if (runs.length < INVOICES) await new Promise((r) => setTimeout(r, 1_000));
        }
        expect(runs).toHaveLength(INVOICES);
        expect(new Set(runs).size).toBe(INVOICES);
      } finally {
        await client.connection.close();
      }
    },
  );
});
