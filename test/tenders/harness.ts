// Shared by the tender tests: the hub's app and worker on the test database and Temporal, a disk file store, the
// demo parties, bearer tokens of API clients acting for them, and multipart bids sent as streams. A test may bring
// its own antivirus, and its own worker (in another process, to kill it).
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import type { Client } from '@temporalio/client';
import { afterAll, beforeAll } from 'vitest';
import type { Antivirus } from '../../src/platform/antivirus/index.ts';
import type { DatabaseHandle } from '../../db/client.ts';
import { createApp } from '../../src/app.ts';
import { AppError } from '../../src/platform/errors.ts';
import { createApiClient } from '../../src/platform/auth/api-clients.ts';
import type { Role } from '../../src/platform/auth/index.ts';
import { createFileStore, diskBackend } from '../../src/platform/files/index.ts';
import { draftConsultation } from '../../src/tenders/consultations/draft-consultation.ts';
import { publishConsultation } from '../../src/tenders/consultations/publish-consultation.ts';
import { depositBid, type DepositBidResult } from '../../src/tenders/deposits/deposit-bid.ts';
import { receiveSealedFiles } from '../../src/tenders/deposits/receive-sealed-files.ts';
import type { TenderDeps } from '../../src/tenders/index.ts';
import { startWorker, type RunningWorker } from '../invoices/lifecycle-fixtures.ts';
import { personActing, testParties } from '../helpers/invoices.ts';
import { multipartBody, type FormPart } from '../helpers/multipart.ts';
import { testDeps, testTemporalClient } from '../helpers/test-deps.ts';

export interface TenderHarness {
  deps: TenderDeps;
  client: Client;
  /** The in-process worker; absent when the test runs its own. */
  worker: RunningWorker | undefined;
  filesRoot: string;
  parties: Awaited<ReturnType<typeof testParties>>;
  app: ReturnType<typeof createApp>;
  stop(): Promise<void>;
}

export interface TenderHarnessOptions {
  antivirus?: Antivirus;
  /** false: no worker here, the test starts its own on `deps.taskQueue`. */
  inProcessWorker?: boolean;
}

/**
 * The harness of the calling test file, started before its tests on the file's database and stopped after them
 * (before the hooks registered earlier, such as the database's). Not started when `skip` is set.
 */
export function useTenderHarness(
  db: { readonly handle: DatabaseHandle },
  options: TenderHarnessOptions & { skip?: unknown } = {},
): TenderHarness {
  const { skip, ...harnessOptions } = options;
  const holder = {} as TenderHarness;
  beforeAll(async () => {
    if (skip) return;
    Object.assign(holder, await startTenderHarness(db.handle, harnessOptions));
  }, 120_000);
  afterAll(async () => {
    await holder.stop?.();
  });
  return holder;
}

export async function startTenderHarness(
  handle: DatabaseHandle,
  options: TenderHarnessOptions = {},
): Promise<TenderHarness> {
  const client = await testTemporalClient();
  const taskQueue = `tenders-${randomUUID().slice(0, 8)}`;
  const filesRoot = mkdtempSync(join(tmpdir(), 'hub-tenders-'));
  const deps: TenderDeps = {
    ...testDeps(handle, { temporal: client, taskQueue }),
    files: createFileStore({ db: handle.db, backend: diskBackend(filesRoot) }),
    tenders: { sealSecret: randomBytes(32), ...(options.antivirus ? { antivirus: options.antivirus } : {}) },
  };
  const worker = options.inProcessWorker === false ? undefined : await startWorker(deps, taskQueue);
  const parties = await testParties(handle.db);
  return {
    deps,
    client,
    worker,
    filesRoot,
    parties,
    app: createApp(deps),
    async stop() {
      await worker?.stop();
      await client.connection.close();
    },
  };
}

/** An API client acting with `role` for a structure, and its bearer token. */
export async function bearerFor(h: TenderHarness, role: Role, structureId: string): Promise<string> {
  const clientId = `test-${role}-${randomUUID().slice(0, 8)}`;
  const clientSecret = randomBytes(12).toString('hex');
  await createApiClient(h.deps, {
    clientId,
    clientSecret,
    name: clientId,
    structureId,
    grants: [{ role, structureId }],
  });
  const res = await h.app.request('/api/oauth/token', {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'client_credentials', client_id: clientId, client_secret: clientSecret }),
  });
  const body = (await res.json()) as { access_token: string };
  return `Bearer ${body.access_token}`;
}

export const bytesOf = (text: string): AsyncIterable<Uint8Array> => Readable.from([Buffer.from(text)]);

/** A multipart request whose body streams the parts (files may wait before ending). */
export function bidRequest(parts: FormPart[]): Request {
  const body = multipartBody(parts);
  return new Request('http://hub.test/deposit', {
    method: 'POST',
    headers: { 'content-type': body.contentType },
    body: Readable.toWeb(body.stream) as ReadableStream,
    duplex: 'half',
  } as RequestInit);
}

export async function eventually<T>(probe: () => Promise<T | undefined>, timeoutMs = 60_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > end) throw new Error('condition not reached in time');
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** A published one-lot test consultation of Rennes (days of 1 s), its deposit window closing at `deadline`. */
export async function publishTestConsultation(h: TenderHarness, deadline: Date, title: string): Promise<string> {
  const agent = personActing('agent', h.parties.rennes.id);
  const { id } = await draftConsultation({
    ctx: { deps: h.deps, actor: agent },
    input: {
      reference: `T-${Date.now() % 1e9}`,
      title,
      object: 'Papier, toner et petites fournitures pour les services municipaux',
      procedure: 'Procédure adaptée',
      nature: 'supplies',
      cpv: '30192000',
      placeCode: '35238',
      lots: [{ title: 'Papier', cpv: '30197600', estimatedAmount: '45000.00', deadline: deadline.toISOString() }],
      isTest: true,
      dayMs: 1_000,
    },
  });
  await publishConsultation({ ctx: { deps: h.deps, actor: agent }, input: { consultationId: id } });
  return id;
}

/** A company's deposit for lot 1, its files streamed as a multipart body, as the route does. */
export function depositFiles(
  h: TenderHarness,
  companyId: string,
  consultationId: string,
  parts: FormPart[],
): Promise<DepositBidResult> {
  return depositBid({
    ctx: { deps: h.deps, actor: personActing('supplier', companyId) },
    input: {
      consultationId,
      lotNumber: 1,
      receive: (publicKeyPem, owningStructureId, antivirus) =>
        receiveSealedFiles(bidRequest(parts), { store: h.deps.files!, publicKeyPem, owningStructureId, antivirus }),
    },
  });
}

/** The AppError a verb refuses with (a test fails if it resolves or throws anything else). */
export async function refusal(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof AppError)) throw new Error(`expected an AppError, got ${String(error)}`);
  return error;
}
