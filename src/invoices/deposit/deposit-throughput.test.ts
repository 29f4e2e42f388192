// Deposits many distinct invoices concurrently on the real Postgres and Temporal server, and prints the numbers.
import type { Client } from '@temporalio/client';
import { count, like } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { invoices } from '../../../db/schema/invoices.ts';
import { personActing, testParties, ublBytes } from '../../../test/helpers/invoices.ts';
import { testDeps, testTemporalClient } from '../../../test/helpers/test-deps.ts';
import { useTestDatabase } from '../../../test/helpers/use-database.ts';
import type { InvoiceDeps } from '../settings.ts';
import { depositInvoice } from './deposit-invoice.ts';
import { readAndValidate } from './read-and-validate.ts';

const t = useTestDatabase();
let temporal: Client;
let deps: InvoiceDeps;
let p: Awaited<ReturnType<typeof testParties>>;
const started: string[] = [];
const COUNT = 300;
const CONCURRENCY = 20;

beforeAll(async () => {
  temporal = await testTemporalClient();
  p = await testParties(t.handle.db);
  deps = { ...testDeps(t.handle, { temporal }), invoices: { timing: { dayMs: 1000 } } };
});
afterAll(async () => {
  await Promise.allSettled(started.map((id) => temporal.workflow.getHandle(id).terminate('test over')));
  await temporal.connection.close();
});

const percentile = (sorted: number[], q: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;

describe('deposit throughput', () => {
  it(`accepts ${COUNT} distinct invoices deposited ${CONCURRENCY} at a time`, { timeout: 120_000 }, async () => {
    const prefix = `TP${Date.now().toString(36).toUpperCase()}`;
    const files = Array.from({ length: COUNT }, (_, i) =>
      ublBytes({
        supplierSiret: p.armor.siret,
        buyerSiret: p.rennes.siret,
        serviceCode: 'FIN',
        number: `${prefix}-${i}`,
        lineAmounts: ['100.00', '20.50', '3.99'],
      }),
    );
    const actor = personActing('supplier', p.armor.id);

    const parseStart = performance.now();
    for (const bytes of files.slice(0, 50))
      expect((await readAndValidate(bytes, { profile: 'fr', maxBytes: 1e7 })).ok).toBe(true);
    const parseMs = (performance.now() - parseStart) / 50;

    const latencies: number[] = [];
    let next = 0;
    const began = performance.now();
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (next < files.length) {
          const bytes = files[next++]!;
          const t0 = performance.now();
          const result = await depositInvoice({
            ctx: { deps: deps, actor: actor },
            input: { supplierId: p.armor.id, bytes, channel: 'import' },
          });
          latencies.push(performance.now() - t0);
          expect(result.outcome).toBe('accepted');
          if (result.outcome === 'accepted') started.push(result.workflowId);
        }
      }),
    );
    const seconds = (performance.now() - began) / 1000;
    latencies.sort((a, b) => a - b);
    const [row] = await t.handle.db
      .select({ n: count() })
      .from(invoices)
      .where(like(invoices.number, `${prefix}-%`));
    expect(row?.n).toBe(COUNT);
    console.log(
      `[measure] ${COUNT} deposits, concurrency ${CONCURRENCY}: ${(COUNT / seconds).toFixed(0)} invoices/s; ` +
        `latency p50 ${percentile(latencies, 0.5).toFixed(0)} ms, p99 ${percentile(latencies, 0.99).toFixed(0)} ms; ` +
        `read + validate alone ${parseMs.toFixed(1)} ms per invoice`,
    );
  });
});
