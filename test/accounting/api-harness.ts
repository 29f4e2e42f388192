// The accounting harness behind the real hub app on a loopback socket: an accountant who logs in (HTTP Basic, as
// S²LOW clients do) and an API client of the same commune (bearer token), invoices to pay, and PES specs for them.
import { randomBytes, randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { serve, type ServerType } from '@hono/node-server';
import { createApp } from '../../src/app.ts';
import type { PesAllerSpec } from '../../src/accounting/domain/build-pes.ts';
import { createApiClient } from '../../src/platform/auth/api-clients.ts';
import { createPerson } from '../../src/platform/auth/index.ts';
import type { DatabaseHandle } from '../../db/client.ts';
import { insertDepositedInvoice, startLifecycle, waitForStatus } from '../invoices/lifecycle-fixtures.ts';
import { startHarness, type Harness } from './accounting-harness.ts';
import { demoSpec } from './pes-fixtures.ts';

export const ACCOUNT = { idPost: '056000', codCol: '123', codBud: '01' };
/** The password of the harness's accountant (`login`), for a page session. */
export const ACCOUNTANT_PASSWORD = 'Mot-de-passe-comptable-1';

export interface ApiHarness extends Harness {
  base: string;
  /** The same app, for in-process requests. */
  app: ReturnType<typeof createApp>;
  /** Authorization header of the commune's accountant (HTTP Basic with the hub login), and that login. */
  basic: string;
  login: string;
  /** Authorization header of an API client acting as the commune's accountant. */
  bearer: string;
  stopAll(): Promise<void>;
}

export async function startApiHarness(handle: DatabaseHandle): Promise<ApiHarness> {
  const h = await startHarness(handle);
  // Hélios knows the commune's budget; the fake was started before the parties were known.
  (h.fake as unknown as { options: { accounts: unknown[] } }).options.accounts = [
    { ...ACCOUNT, idColl: h.parties.accountant.party.siret },
  ];
  const app = createApp(h.deps);
  const server: ServerType = await new Promise((resolve) => {
    const s = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s));
  });
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const structureId = h.parties.accountant.party.id;
  const email = `comptable-${randomUUID().slice(0, 8)}@test.hub.bzh`;
  const password = ACCOUNTANT_PASSWORD;
  await createPerson(h.deps, {
    email,
    displayName: 'Comptable S²LOW',
    password,
    grants: [{ role: 'accountant', structureId }],
  });
  const clientId = `test-pes-${randomUUID().slice(0, 8)}`;
  const clientSecret = randomBytes(12).toString('hex');
  await createApiClient(h.deps, {
    clientId,
    clientSecret,
    name: clientId,
    structureId,
    grants: [{ role: 'accountant', structureId }],
  });
  const res = await fetch(`${base}/api/oauth/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'client_credentials', client_id: clientId, client_secret: clientSecret }),
  });
  const token = ((await res.json()) as { access_token: string }).access_token;
  return {
    ...h,
    base,
    app,
    login: email,
    basic: `Basic ${Buffer.from(`${email}:${password}`, 'utf8').toString('base64')}`,
    bearer: `Bearer ${token}`,
    async stopAll() {
      await new Promise((resolve) => server.close(resolve));
      await h.stop();
    },
  };
}

/** An invoice of the supplier to the commune, made available to the accountant (lifecycle running). */
export async function availableInvoice(h: Harness, db: DatabaseHandle['db']) {
  const invoice = await insertDepositedInvoice(db, {
    supplier: h.parties.supplier.party,
    buyer: h.parties.accountant.party,
  });
  await startLifecycle(h.client, h.deps.taskQueue!, invoice, {
    dayMs: 86_400_000,
    delayDays: 30,
    reminderDaysBefore: [],
  });
  await waitForStatus(db, invoice.invoiceId, 'MISE_A_DISPOSITION');
  return invoice;
}

/** One bordereau, one mandate whose line pays `invoiceNumber` of the harness's supplier. */
export function mandateSpec(h: Harness, nomFic: string, invoiceNumber: string, idBord: string, idPce: string) {
  const spec: PesAllerSpec = demoSpec({ nomFic, idColl: h.parties.accountant.party.siret, idPost: ACCOUNT.idPost });
  const bordereau = spec.bordereaux[0]!;
  bordereau.idBord = idBord;
  const piece = bordereau.pieces[0]!;
  piece.idPce = idPce;
  piece.pjRefs = [];
  piece.lines[0]!.facture = invoiceNumber;
  piece.lines[0]!.tiers = { idTiers: h.parties.supplier.party.siret, natIdTiers: '01', nom: 'FOURNISSEUR' };
  spec.pjs = [];
  return spec;
}

/** A multipart body with one file part, as curl -F sends it. */
export function formWithFile(field: string, fileName: string, bytes: Buffer): { body: Buffer; contentType: string } {
  const boundary = `----pes${randomBytes(8).toString('hex')}`;
  const body = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="${field}"; filename="${fileName}"\r\nContent-Type: text/xml\r\n\r\n`,
    ),
    bytes,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { body, contentType: `multipart/form-data; boundary=${boundary}` };
}
