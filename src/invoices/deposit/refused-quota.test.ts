// The quota of refused originals per supplier, on the real Postgres: kept below it, recorded without the original
// past it (and told so), accepted deposits and other suppliers untouched, the window rolling, the download saying so.
import type { Client } from '@temporalio/client';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { blobs } from '../../../db/schema/blobs.ts';
import { deposits } from '../../../db/schema/invoices.ts';
import { clientCredentialsToken } from '../../../test/helpers/client-token.ts';
import { personActing, testParties, ublBytes, uniqueInvoiceNumber } from '../../../test/helpers/invoices.ts';
import { testDeps, testTemporalClient } from '../../../test/helpers/test-deps.ts';
import { useTestDatabase } from '../../../test/helpers/use-database.ts';
import { createApp } from '../../app.ts';
import { createApiClient } from '../../platform/auth/index.ts';
import { sha256Hex } from '../../platform/blob-store.ts';
import { fixedClock } from '../../platform/clock.ts';
import type { InvoiceDeps } from '../settings.ts';
import { depositInvoice, type DepositResult } from './deposit-invoice.ts';

const t = useTestDatabase();
let temporal: Client;
let parties: Awaited<ReturnType<typeof testParties>>;
const started: string[] = [];
const HOUR = 3_600_000;
// Each test deposits at its own date, days apart, so that no test sees another's refusals in its 24 h window.
const clock = fixedClock(new Date('2026-03-02T09:00:00Z'));
const nextDay = () => clock.advance(10 * 24 * HOUR);
const QUOTA = { maxFiles: 2, maxBytes: 10_000, windowMs: 24 * HOUR };
let deps: InvoiceDeps;

beforeAll(async () => {
  temporal = await testTemporalClient();
  parties = await testParties(t.handle.db);
  deps = {
    ...testDeps(t.handle, { temporal, clock }),
    invoices: { timing: { dayMs: 1000 }, refusedOriginalsQuota: QUOTA },
  };
});
afterAll(async () => {
  await Promise.allSettled(started.map((id) => temporal.workflow.getHandle(id).terminate('test over')));
  await temporal.connection.close();
});

const encoder = new TextEncoder();
/** A file refused as unreadable, of `size` bytes, different at each call. */
const junk = (size = 100): Uint8Array =>
  encoder.encode(`pas une facture ${Math.random()} `.padEnd(size, 'x').slice(0, size));

async function deposit(bytes: Uint8Array, supplier: 'armor' | 'breizh' = 'armor'): Promise<DepositResult> {
  const supplierId = parties[supplier].id;
  const result = await depositInvoice({
    ctx: { deps, actor: personActing('supplier', supplierId) },
    input: { supplierId, bytes, fileName: 'depot.xml', channel: 'api' },
  });
  if (result.outcome === 'accepted') started.push(result.workflowId);
  return result;
}

async function refused(bytes: Uint8Array, supplier: 'armor' | 'breizh' = 'armor') {
  const result = await deposit(bytes, supplier);
  if (result.outcome !== 'refused') throw new Error(`expected a refusal, got ${result.outcome}`);
  return result;
}

async function depositRow(id: string) {
  const [row] = await t.handle.db.select().from(deposits).where(eq(deposits.id, id));
  return row;
}

async function stored(bytes: Uint8Array): Promise<boolean> {
  const [row] = await t.handle.db
    .select({ sha256: blobs.sha256 })
    .from(blobs)
    .where(eq(blobs.sha256, sha256Hex(bytes)));
  return row !== undefined;
}

/** Refusals up to the file quota, all kept. */
async function fillQuota(supplier: 'armor' | 'breizh' = 'armor'): Promise<void> {
  for (let i = 0; i < QUOTA.maxFiles; i++) {
    const bytes = junk();
    expect(await refused(bytes, supplier)).toMatchObject({ code: 'INVALID_FILE', originalKept: true });
    expect(await stored(bytes)).toBe(true);
  }
}

describe('refused originals within the quota', () => {
  it('keeps a refused original below the quota', async () => {
    nextDay();
    const bytes = junk();
    const result = await refused(bytes);
    expect(result.originalKept).toBe(true);
    expect(result.originalNotKept).toBeUndefined();
    expect(await stored(bytes)).toBe(true);
    expect(await depositRow(result.depositId)).toMatchObject({
      outcome: 'refused',
      originalKept: true,
      originalNotKeptReason: null,
      keptOriginalSha256: sha256Hex(bytes),
      originalSize: bytes.length,
    });
  });

  it('past the file quota records the attempt without its original, and says so in French', async () => {
    nextDay();
    await fillQuota();
    const bytes = junk(321);
    const result = await refused(bytes);
    expect(result).toMatchObject({
      code: 'INVALID_FILE',
      originalSha256: sha256Hex(bytes),
      originalKept: false,
      originalNotKept: { code: 'REFUSED_ORIGINALS_QUOTA' },
    });
    expect(result.originalNotKept?.message).toMatch(/^L’original de ce dépôt refusé n’est pas conservé : le quota/);
    expect(result.originalNotKept?.message).toContain('2 fichiers');
    expect(result.originalNotKept?.message).toContain('au plus 2 fichiers');
    expect(await stored(bytes)).toBe(false);
    // The attempt is recorded whole: its report, hash and size.
    expect(await depositRow(result.depositId)).toMatchObject({
      outcome: 'refused',
      refusalCode: 'INVALID_FILE',
      refusalMessage: result.message,
      originalSha256: sha256Hex(bytes),
      originalSize: 321,
      originalKept: false,
      originalNotKeptReason: 'REFUSED_ORIGINALS_QUOTA',
      keptOriginalSha256: null,
    });
  });

  it('past the size quota does not keep a file that would overflow it', async () => {
    nextDay();
    expect((await refused(junk(6_000))).originalKept).toBe(true);
    const big = junk(5_000);
    expect(await refused(big)).toMatchObject({ originalKept: false });
    expect(await stored(big)).toBe(false);
    // A smaller one still fits under the 10,000 bytes.
    expect((await refused(junk(3_000))).originalKept).toBe(true);
  });

  it('keeps a file already stored, sent again past the quota: it costs nothing more', async () => {
    nextDay();
    const again = junk();
    expect((await refused(again)).originalKept).toBe(true);
    expect((await refused(junk())).originalKept).toBe(true);
    expect((await refused(junk())).originalKept).toBe(false);
    expect((await refused(again)).originalKept).toBe(true);
  });

  it('never affects an accepted deposit: its original is kept past the quota', async () => {
    nextDay();
    await fillQuota();
    expect((await refused(junk())).originalKept).toBe(false);
    const bytes = ublBytes({
      number: uniqueInvoiceNumber('QUOTA'),
      supplierSiret: parties.armor.siret,
      supplierName: parties.armor.name,
      buyerSiret: parties.rennes.siret,
      serviceCode: 'FIN',
    });
    const result = await deposit(bytes);
    expect(result.outcome).toBe('accepted');
    if (result.outcome !== 'accepted') return;
    expect(await stored(bytes)).toBe(true);
    expect(await depositRow(result.depositId)).toMatchObject({ originalKept: true, originalSize: bytes.length });
  });

  it('counts per supplier: another supplier keeps its refused originals', async () => {
    nextDay();
    await fillQuota('armor');
    expect((await refused(junk(), 'armor')).originalKept).toBe(false);
    const bytes = junk();
    expect((await refused(bytes, 'breizh')).originalKept).toBe(true);
    expect(await stored(bytes)).toBe(true);
  });

  it('rolls: refusals older than the window no longer count', async () => {
    nextDay();
    await fillQuota();
    clock.advance(23 * HOUR);
    expect((await refused(junk())).originalKept).toBe(false);
    clock.advance(HOUR + 1);
    const bytes = junk();
    expect((await refused(bytes)).originalKept).toBe(true);
    expect(await stored(bytes)).toBe(true);
  });

  it('takes the last free places one at a time when refusals arrive together', async () => {
    nextDay();
    const results = await Promise.all([junk(), junk(), junk(), junk(), junk()].map((bytes) => refused(bytes)));
    expect(results.filter((r) => r.originalKept)).toHaveLength(QUOTA.maxFiles);
  });
});

describe('GET /api/deposits/{id}/original', () => {
  let app: ReturnType<typeof createApp>;
  const clients = { armor: '', breizh: '' };
  const tokens = { armor: '', breizh: '' };

  beforeAll(async () => {
    app = createApp(deps);
    for (const supplier of ['armor', 'breizh'] as const) {
      clients[supplier] = `quota-${supplier}-${Math.random().toString(36).slice(2, 8)}`;
      await createApiClient(deps, {
        clientId: clients[supplier],
        clientSecret: 'secret-de-test',
        name: clients[supplier],
        structureId: parties[supplier].id,
        grants: [{ role: 'supplier', structureId: parties[supplier].id }],
      });
    }
  });

  /** A day later than the last test, with tokens of that day (they expire on the hub's clock). */
  async function nextDayWithTokens(): Promise<void> {
    nextDay();
    for (const supplier of ['armor', 'breizh'] as const)
      tokens[supplier] = await clientCredentialsToken(app, clients[supplier], 'secret-de-test');
  }

  const download = (id: string, who: 'armor' | 'breizh' = 'armor') =>
    app.request(`/api/deposits/${id}/original`, { headers: { Authorization: `Bearer ${tokens[who]}` } });

  it('gives the kept original of a refused deposit to its supplier only', async () => {
    await nextDayWithTokens();
    const bytes = junk();
    const { depositId } = await refused(bytes);
    const res = await download(depositId);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="depot.xml"/);
    expect(new Uint8Array(await res.arrayBuffer())).toEqual(bytes);
    const other = await download(depositId, 'breizh');
    expect(other.status).toBe(404);
    expect(await other.json()).toMatchObject({ code: 'NOT_FOUND' });
  });

  it('answers 404 ORIGINAL_NOT_KEPT in French for an original not kept, never a 500', async () => {
    await nextDayWithTokens();
    await fillQuota();
    const { depositId } = await refused(junk());
    const res = await download(depositId);
    expect(res.status).toBe(404);
    const body = (await res.json()) as { code: string; message: string };
    expect(body.code).toBe('ORIGINAL_NOT_KEPT');
    expect(body.message).toMatch(/^L’original de ce dépôt refusé n’a pas été conservé : le quota/);
    expect((await download('pas-un-identifiant')).status).toBe(404);
  });

  it('is in the OpenAPI document', async () => {
    const doc = (await (await app.request('/api/openapi.json')).json()) as { paths: Record<string, unknown> };
    expect(doc.paths['/api/deposits/{id}/original']).toBeDefined();
  });
});
