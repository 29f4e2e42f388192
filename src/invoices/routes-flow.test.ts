// The HTTP routes end to end with a worker running the lifecycle workflow: deposit, accountant decisions,
// supplier completion with an attachment, and re-routing after A_RECYCLER.
import { randomUUID } from 'node:crypto';
import type { Client } from '@temporalio/client';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { invoices } from '../../db/schema/invoices.ts';
import { startWorker, waitForStatus, type RunningWorker } from '../../test/invoices/lifecycle-fixtures.ts';
import { testParties, ublInvoice, uniqueInvoiceNumber } from '../../test/helpers/invoices.ts';
import { testDeps, testTemporalClient } from '../../test/helpers/test-deps.ts';
import { useTestDatabase } from '../../test/helpers/use-database.ts';
import { createApp } from '../app.ts';
import { createApiClient, issueClientToken, type Role } from '../platform/auth/index.ts';
import { databaseBlobStore, sha256Hex } from '../platform/blob-store.ts';
import { invoiceRoutes } from './routes.ts';
import type { InvoiceDeps } from './settings.ts';

const t = useTestDatabase();
let temporal: Client;
let worker: RunningWorker;
let p: Awaited<ReturnType<typeof testParties>>;
let app: ReturnType<typeof createApp>;
let deps: InvoiceDeps;
const tokens: Record<string, string> = {};

async function bearer(role: Role, structureId: string): Promise<string> {
  const clientId = `flow-${role}-${randomUUID().slice(0, 8)}`;
  await createApiClient(deps, {
    clientId,
    clientSecret: 'secret-de-test',
    name: clientId,
    structureId,
    grants: [{ role, structureId }],
  });
  return (await issueClientToken(deps, { clientId, clientSecret: 'secret-de-test' })).access_token;
}

beforeAll(async () => {
  temporal = await testTemporalClient();
  p = await testParties(t.handle.db);
  deps = { ...testDeps(t.handle, { temporal }), invoices: { timing: { dayMs: 60_000, reminderDaysBefore: [] } } };
  worker = await startWorker(deps, deps.taskQueue!);
  app = createApp(deps);
  app.route('/', invoiceRoutes);
  tokens.armor = await bearer('supplier', p.armor.id);
  tokens.lorient = await bearer('accountant', p.lorient.id);
}, 120_000);
afterAll(async () => {
  await worker?.stop();
  await temporal?.connection.close();
});

const json = (who: string, body: unknown) => ({
  method: 'POST',
  headers: { Authorization: `Bearer ${tokens[who]}`, 'Content-Type': 'application/json' },
  body: JSON.stringify(body),
});

async function depositToLorient(): Promise<string> {
  const xml = ublInvoice({
    supplierSiret: p.armor.siret,
    supplierName: p.armor.name,
    buyerSiret: p.lorient.siret,
    number: uniqueInvoiceNumber('FLOW'),
  });
  const res = await app.request('/api/invoices', {
    method: 'POST',
    headers: { Authorization: `Bearer ${tokens.armor}`, 'Content-Type': 'application/xml' },
    body: xml,
  });
  expect(res.status).toBe(201);
  const { invoiceId } = (await res.json()) as { invoiceId: string };
  await waitForStatus(t.handle.db, invoiceId, 'MISE_A_DISPOSITION');
  return invoiceId;
}

/** An attachment joined to the first invoice: naming it for another invoice must not work. */
let otherInvoiceAttachment = '';

describe('invoice actions over HTTP', () => {
  it('suspends, then completes with an attached file stored by hash', { timeout: 60_000 }, async () => {
    const id = await depositToLorient();
    const suspended = await app.request(
      `/api/invoices/${id}/decisions`,
      json('lorient', { kind: 'SUSPENDUE', motive: 'Bon de livraison manquant' }),
    );
    expect(suspended.status).toBe(200);
    expect(await suspended.json()).toMatchObject({ invoiceId: id, status: 'SUSPENDUE' });

    const attachment = new TextEncoder().encode(`bon de livraison ${id}`);
    const form = new FormData();
    form.append('kind', 'COMPLETEE');
    form.append('comment', 'Bon de livraison joint');
    form.append('attachments', new File([attachment], 'bon-livraison.pdf', { type: 'application/pdf' }));
    const completed = await app.request(`/api/invoices/${id}/supplier-actions`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${tokens.armor}` },
      body: form,
    });
    expect(completed.status).toBe(200);
    expect(await completed.json()).toMatchObject({ status: 'COMPLETEE' });
    expect(await databaseBlobStore(t.handle.db).has(sha256Hex(attachment))).toBe(true);

    const events = (await (
      await app.request(`/api/invoices/${id}/events`, { headers: { Authorization: `Bearer ${tokens.armor}` } })
    ).json()) as { items: { toStatus: string; motive: string | null }[] };
    expect(events.items.map((e) => e.toStatus)).toEqual(
      expect.arrayContaining(['DEPOSEE', 'MISE_A_DISPOSITION', 'SUSPENDUE', 'COMPLETEE']),
    );
    expect(events.items.find((e) => e.toStatus === 'SUSPENDUE')?.motive).toBe('Bon de livraison manquant');

    // The attachment is named on the invoice and served, through its event, to both parties.
    const hash = sha256Hex(attachment);
    otherInvoiceAttachment = hash;
    const detail = (await (
      await app.request(`/api/invoices/${id}`, { headers: { Authorization: `Bearer ${tokens.lorient}` } })
    ).json()) as { attachments: unknown[] };
    expect(detail.attachments).toEqual([
      { sha256: hash, fileName: 'bon-livraison.pdf', mediaType: 'application/pdf', size: attachment.length },
    ]);
    for (const who of ['lorient', 'armor'] as const) {
      const file = await app.request(`/api/invoices/${id}/attachments/${hash}`, {
        headers: { Authorization: `Bearer ${tokens[who]}` },
      });
      expect(file.status).toBe(200);
      expect(file.headers.get('content-disposition')).toMatch(/^attachment; filename="bon-livraison.pdf"/);
      expect(new Uint8Array(await file.arrayBuffer())).toEqual(attachment);
    }
    const unreferenced = await app.request(`/api/invoices/${id}/attachments/${'1'.repeat(64)}`, {
      headers: { Authorization: `Bearer ${tokens.lorient}` },
    });
    expect(unreferenced.status).toBe(404);
  });

  it(
    'refuses a suspension without motive and an attachment named by an unknown hash',
    { timeout: 60_000 },
    async () => {
      const id = await depositToLorient();
      const noMotive = await app.request(`/api/invoices/${id}/decisions`, json('lorient', { kind: 'SUSPENDUE' }));
      expect(noMotive.status).toBeGreaterThanOrEqual(400);
      expect(noMotive.status).toBeLessThan(500);
      expect(((await noMotive.json()) as { message: string }).message).toMatch(/motif/i);
      const [row] = await t.handle.db.select({ status: invoices.status }).from(invoices).where(eq(invoices.id, id));
      expect(row?.status).toBe('MISE_A_DISPOSITION');

      await app.request(
        `/api/invoices/${id}/decisions`,
        json('lorient', { kind: 'SUSPENDUE', motive: 'Pièce manquante' }),
      );
      const unknown = await app.request(
        `/api/invoices/${id}/supplier-actions`,
        json('armor', { kind: 'COMPLETEE', comment: 'voir pièce', attachments: ['0'.repeat(64)] }),
      );
      expect(unknown.status).toBe(422);
      expect(((await unknown.json()) as { code: string }).code).toBe('UNKNOWN_ATTACHMENT');
      // A file stored for another invoice cannot be claimed by its hash.
      expect(otherInvoiceAttachment).toMatch(/^[0-9a-f]{64}$/);
      const borrowed = await app.request(
        `/api/invoices/${id}/supplier-actions`,
        json('armor', { kind: 'COMPLETEE', comment: 'voir pièce', attachments: [otherInvoiceAttachment] }),
      );
      expect(borrowed.status).toBe(422);
      expect(((await borrowed.json()) as { code: string }).code).toBe('UNKNOWN_ATTACHMENT');
    },
  );

  it('re-routes a recycled invoice through the same routing rules', { timeout: 60_000 }, async () => {
    const id = await depositToLorient();
    const recycled = await app.request(
      `/api/invoices/${id}/decisions`,
      json('lorient', { kind: 'A_RECYCLER', motive: 'Facture adressée au mauvais destinataire' }),
    );
    expect(recycled.status).toBe(200);

    const missingEngagement = await app.request(
      `/api/invoices/${id}/supplier-actions`,
      json('armor', { kind: 'REROUTE', buyerSiret: p.quimper.siret, serviceCode: 'FIN' }),
    );
    expect(missingEngagement.status).toBe(422);
    expect(((await missingEngagement.json()) as { message: string }).message).toMatch(
      /exige un numéro d’engagement \(BT-13/,
    );

    const rerouted = await app.request(
      `/api/invoices/${id}/supplier-actions`,
      json('armor', {
        kind: 'REROUTE',
        buyerSiret: p.quimper.siret,
        serviceCode: 'FIN',
        engagementNumber: 'EJ-2026-7',
      }),
    );
    expect(rerouted.status).toBe(200);
    const row = await waitForStatus(t.handle.db, id, 'MISE_A_DISPOSITION');
    expect(row).toMatchObject({ buyerId: p.quimper.id, serviceCode: 'FIN', engagementNumber: 'EJ-2026-7' });
    // The former recipient no longer sees it.
    expect(
      (await app.request(`/api/invoices/${id}`, { headers: { Authorization: `Bearer ${tokens.lorient}` } })).status,
    ).toBe(404);
  });
});
