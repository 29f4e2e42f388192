// No invoice freezes the hub (issue 11, item 1): every text has a bound at deposit, on every deposit path, and
// the CPU-heavy work of a long-but-legal invoice (reading, validating, rendering its PDF) runs in the CPU pool,
// so that `/healthz` keeps answering over real HTTP while four views of a 33,000-line invoice render.
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { get } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { serve, type ServerType } from '@hono/node-server';
import type { Client } from '@temporalio/client';
import { count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deposits, invoices } from '../../db/schema/invoices.ts';
import { createApp } from '../../src/app.ts';
import { importInvoices, openInvoiceSource, type InvoiceDeps } from '../../src/invoices/index.ts';
import type { ImportOutcome } from '../../src/invoices/import/index.ts';
import { createApiClient, issueClientToken } from '../../src/platform/auth/index.ts';
import { createCpuPool, memoryResultCache, type CpuPool } from '../../src/platform/cpu-pool/index.ts';
import { personActing, testParties, ublBytes, uniqueInvoiceNumber } from '../helpers/invoices.ts';
import { testDeps, testTemporalClient } from '../helpers/test-deps.ts';
import { useTestDatabase } from '../helpers/use-database.ts';

const t = useTestDatabase();
let temporal: Client;
let p: Awaited<ReturnType<typeof testParties>>;
let pool: CpuPool;
let deps: InvoiceDeps;
let server: ServerType;
let base: string;
let token: string;
const started: string[] = [];
const TEN_MB = 10 * 1024 * 1024;

beforeAll(async () => {
  temporal = await testTemporalClient();
  p = await testParties(t.handle.db);
  // As `hub start` builds them (src/main.ts): a pool of its own and a cache of rendered PDFs.
  pool = createCpuPool({ threads: 2 });
  deps = {
    ...testDeps(t.handle, { temporal }),
    cpuPool: pool,
    resultCache: memoryResultCache({ maxBytes: 64 * 1024 * 1024 }),
    invoices: { timing: { dayMs: 1000 } },
  };
  server = await new Promise<ServerType>((resolve) => {
    const s = serve({ fetch: createApp(deps).fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s));
  });
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const clientId = `heavy-${randomUUID().slice(0, 8)}`;
  await createApiClient(deps, {
    clientId,
    clientSecret: 'secret-de-test',
    name: clientId,
    structureId: p.armor.id,
    grants: [{ role: 'supplier', structureId: p.armor.id }],
  });
  token = (await issueClientToken(deps, { clientId, clientSecret: 'secret-de-test' })).access_token;
});
afterAll(async () => {
  await new Promise((resolve) => server?.close(resolve));
  await pool?.close();
  await Promise.allSettled(started.map((id) => temporal.workflow.getHandle(id).terminate('test over')));
  await temporal?.connection.close();
});

const forRennes = (extra: { supplierName?: string; lineAmounts?: string[] } = {}) => ({
  supplierSiret: p.armor.siret,
  buyerSiret: p.rennes.siret,
  serviceCode: 'FIN',
  number: uniqueInvoiceNumber('LOURD'),
  ...extra,
});

async function deposit(bytes: Uint8Array): Promise<{ status: number; json: any }> {
  const res = await fetch(`${base}/api/invoices?fileName=facture.xml`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/xml' },
    body: bytes,
  });
  const json = (await res.json()) as any;
  if (json.outcome === 'accepted') started.push(json.workflowId);
  return { status: res.status, json };
}

/** GET on a connection of its own: a reused keep-alive connection the server closes meanwhile would read ECONNRESET. */
function getStatus(url: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const request = get(url, { agent: false }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    request.on('error', reject);
  });
}

const percentile = (sorted: number[], q: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;

describe('text bounds at deposit', () => {
  it('refuses a valid UBL whose seller name is 10 MB, naming BT-27 in French, and stores no invoice', async () => {
    const number = uniqueInvoiceNumber('NOM');
    const bytes = ublBytes({ ...forRennes({ supplierName: 'A'.repeat(TEN_MB) }), number });
    const { status, json } = await deposit(bytes);
    expect(status).toBe(422);
    expect(json).toMatchObject({ outcome: 'refused', code: 'VALUE_TOO_LONG' });
    expect(json.message).toBe(
      'Facture refusée, texte trop long : BT-27 Nom du vendeur : 10\u00a0485\u00a0760 caractères, 200 au plus.',
    );
    expect(json.violations).toEqual([expect.objectContaining({ rule: 'HUB-LEN-01', bt: 'BT-27', severity: 'fatal' })]);
    // The refusal is recorded with the original; no invoice exists.
    const [refused] = await t.handle.db.select({ n: count() }).from(deposits).where(eq(deposits.id, json.depositId));
    expect(refused?.n).toBe(1);
    const [row] = await t.handle.db.select({ n: count() }).from(invoices).where(eq(invoices.number, number));
    expect(row?.n).toBe(0);
  });

  it('accepts the longest seller name the bound allows', async () => {
    const { status, json } = await deposit(ublBytes(forRennes({ supplierName: 'É'.repeat(200) })));
    expect(status).toBe(201);
    expect(json.outcome).toBe('accepted');
  });

  it('applies the same bounds to a bulk import', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'heavy-import-'));
    try {
      await writeFile(join(dir, 'long.xml'), ublBytes(forRennes({ supplierName: 'N'.repeat(300) })));
      const source = await openInvoiceSource(dir);
      const outcomes: ImportOutcome[] = [];
      await importInvoices(deps, personActing('supplier', p.armor.id), {
        supplierId: p.armor.id,
        source,
        onResult: (o) => outcomes.push(o),
      });
      await source.close();
      expect(outcomes).toEqual([
        {
          kind: 'refused',
          file: 'long.xml',
          code: 'VALUE_TOO_LONG',
          message: 'Facture refusée, texte trop long : BT-27 Nom du vendeur : 300 caractères, 200 au plus.',
        },
      ]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('a long-but-legal invoice does not freeze the hub', () => {
  it(
    'accepts a 33,000-line invoice and renders its PDF 4 times at once while /healthz answers in under 1 s',
    { timeout: 600_000 },
    async () => {
      const lines = Array.from({ length: 33_000 }, (_, i) => `${(i % 97) + 1}.25`);
      const bytes = ublBytes(forRennes({ lineAmounts: lines }));
      expect(bytes.length).toBeGreaterThan(15 * 1024 * 1024);

      // /healthz every 50 ms, over real HTTP, for as long as the heavy work lasts.
      const latencies: number[] = [];
      const statuses = new Set<number>();
      let polling = true;
      const poller = (async () => {
        while (polling) {
          const t0 = performance.now();
          const status = await getStatus(`${base}/healthz`);
          latencies.push(performance.now() - t0);
          statuses.add(status);
          await new Promise((r) => setTimeout(r, 50));
        }
      })();

      try {
        const depositStart = performance.now();
        const { status, json } = await deposit(bytes);
        const depositMs = performance.now() - depositStart;
        expect(status).toBe(201);
        const before = pool.stats();
        const pdfStart = performance.now();
        const views = await Promise.all(
          [1, 2, 3, 4].map(async () => {
            const res = await fetch(`${base}/api/invoices/${json.invoiceId}/pdf`, {
              headers: { Authorization: `Bearer ${token}` },
            });
            return { status: res.status, type: res.headers.get('content-type'), bytes: await res.arrayBuffer() };
          }),
        );
        const pdfMs = performance.now() - pdfStart;
        for (const view of views) {
          expect(view.status).toBe(200);
          expect(view.type).toBe('application/pdf');
          expect(Buffer.from(view.bytes).equals(Buffer.from(views[0]!.bytes))).toBe(true);
        }
        expect(Buffer.from(views[0]!.bytes.slice(0, 5)).toString('latin1')).toBe('%PDF-');
        // Four views, one rendering.
        expect(pool.stats().completed - before.completed).toBe(1);

        polling = false;
        await poller;
        const sorted = [...latencies].sort((a, b) => a - b);
        console.log(
          `[measure] 33,000-line invoice (${(bytes.length / 1048576).toFixed(1)} MB): deposit ${depositMs.toFixed(0)} ms, ` +
            `4 PDF views ${pdfMs.toFixed(0)} ms (${(views[0]!.bytes.byteLength / 1048576).toFixed(1)} MB); ` +
            `/healthz ${latencies.length} answers, p50 ${percentile(sorted, 0.5).toFixed(1)} ms, ` +
            `p99 ${percentile(sorted, 0.99).toFixed(1)} ms, max ${sorted.at(-1)?.toFixed(1)} ms`,
        );
        expect(latencies.length).toBeGreaterThan(20);
        expect([...statuses]).toEqual([200]);
        for (const latency of latencies) expect(latency).toBeLessThan(1000);
      } finally {
        polling = false;
        await poller;
      }
    },
  );
});
