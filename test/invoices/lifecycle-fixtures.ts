// What the lifecycle tests need around the workflow: a worker on a unique task queue, parties with people who
// hold roles, deposited invoices inserted as the deposit leaves them (status DEPOSEE, event 1), and waits.
import { createHash, randomUUID } from 'node:crypto';
import type { Client } from '@temporalio/client';
import { NativeConnection, type Worker } from '@temporalio/worker';
import { asc, eq } from 'drizzle-orm';
import { inject } from 'vitest';
import type { Db } from '../../db/client.ts';
import { people, roleGrants } from '../../db/schema/auth.ts';
import { blobs } from '../../db/schema/blobs.ts';
import { invoiceEvents, invoices, type InvoiceStatus } from '../../db/schema/invoices.ts';
import { createActivities } from '../../src/activities.ts';
import type { Actor, Role } from '../../src/platform/auth/index.ts';
import type { AppDeps } from '../../src/platform/http.ts';
import type { Mailer } from '../../src/platform/mail/smtp.ts';
import { createHubWorker } from '../../src/platform/temporal/worker.ts';
import { CURRENT_DELIVERY, INVOICE_WORKFLOW_TYPE, type PaymentTiming } from '../../src/invoices/domain/contract.ts';
import '../helpers/quiet-temporal.ts';
import { findStructureBySiren, type StructureKind } from '../../src/directory/index.ts';

export interface RunningWorker {
  worker: Worker;
  /** Graceful stop: lets in-flight activities finish. */
  stop(): Promise<void>;
}

export async function startWorker(deps: AppDeps & { mailer?: Mailer }, taskQueue: string): Promise<RunningWorker> {
  const connection = await NativeConnection.connect({ address: inject('temporalAddress') });
  const worker = await createHubWorker({
    connection,
    namespace: 'default',
    taskQueue,
    activities: createActivities(deps),
  });
  const running = worker.run();
  return {
    worker,
    async stop() {
      if (worker.getState() === 'RUNNING') worker.shutdown();
      await running.catch(() => undefined);
      await connection.close();
    },
  };
}

export interface TestParty {
  id: string;
  siren: string;
  siret: string;
  name: string;
}

/** A structure of the seeded directory, by kind and SIREN, with its main SIRET. */
export async function partyBySiren(db: Db, kind: StructureKind, siren: string): Promise<TestParty> {
  const found = await findStructureBySiren(db, siren, kind);
  const siret = found?.establishments.find((e) => e.main)?.siret;
  if (!found || !siret) throw new Error(`structure ${kind} ${siren} absent from the test directory`);
  return { id: found.id, siren, siret, name: found.name };
}

export const uniqueQueue = (name: string): string => `${name}-${randomUUID().slice(0, 8)}`;

export interface Side {
  party: TestParty;
  actor: Actor & { kind: 'person' };
}

/** A person in the database holding `role` for the structure, with its actor. */
export async function personFor(db: Db, role: Role, party: TestParty, label: string = role): Promise<Side> {
  const id = randomUUID();
  const email = `${label}-${id.slice(0, 8)}@test.hub.bzh`;
  const displayName = `${label === 'accountant' ? 'Comptable' : 'Fournisseur'} ${id.slice(0, 4)}`;
  await db.insert(people).values({ id, email, displayName, passwordHash: '$scrypt$unused' });
  await db.insert(roleGrants).values({ personId: id, role, structureId: party.id });
  return {
    party,
    actor: { kind: 'person', personId: id, email, displayName, grants: [{ role, structureId: party.id }] },
  };
}

export async function lifecycleParties(db: Db) {
  const supplierParty = await partyBySiren(db, 'supplier', '812345676');
  const buyerParty = await partyBySiren(db, 'commune', '215601212'); // Lorient: no routing rule
  const otherBuyer = await partyBySiren(db, 'commune', '212902324'); // Quimper
  return {
    supplier: await personFor(db, 'supplier', supplierParty),
    accountant: await personFor(db, 'accountant', buyerParty),
    otherAccountant: await personFor(db, 'accountant', otherBuyer),
    otherBuyer,
  };
}

export interface DepositedInvoice {
  invoiceId: string;
  workflowId: string;
  number: string;
}

let counter = 0;

/** The row and first event a deposit commits, without going through parsing and routing. */
export async function insertDepositedInvoice(
  db: Db,
  parties: { supplier: TestParty; buyer: TestParty },
  options: { amountDue?: string; number?: string } = {},
): Promise<DepositedInvoice> {
  counter += 1;
  const number = options.number ?? `LC-${Date.now().toString(36)}-${process.pid}-${counter}`;
  const bytes = Buffer.from(`<Invoice>${number}</Invoice>`);
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  await db
    .insert(blobs)
    .values({ sha256, size: bytes.length, mediaType: 'application/xml', content: bytes })
    .onConflictDoNothing();
  const invoiceId = randomUUID();
  const workflowId = `invoice-test/${invoiceId}`;
  const amountDue = options.amountDue ?? '1200.00';
  await db.transaction(async (tx) => {
    await tx.insert(invoices).values({
      id: invoiceId,
      supplierId: parties.supplier.id,
      number,
      year: 2026,
      typeCode: '380',
      issueDate: '2026-11-02',
      currency: 'EUR',
      totalWithoutVat: '1000.00',
      totalVat: '200.00',
      totalWithVat: amountDue,
      amountDue,
      supplierName: parties.supplier.name,
      supplierIdentifier: parties.supplier.siret,
      buyerId: parties.buyer.id,
      buyerSiret: parties.buyer.siret,
      status: 'DEPOSEE',
      eventCount: 1,
      syntax: 'UBL',
      originalSha256: sha256,
      validationReport: { violations: [] },
      workflowId,
    });
    await tx.insert(invoiceEvents).values({
      invoiceId,
      sequence: 1,
      fromStatus: null,
      toStatus: 'DEPOSEE',
      actor: 'system',
      actorName: 'Dépôt de test',
    });
  });
  return { invoiceId, workflowId, number };
}

export async function startLifecycle(
  client: Client,
  taskQueue: string,
  invoice: DepositedInvoice,
  timing: PaymentTiming,
) {
  // A delay given by the test is fixed, as a deployment's setting is, unless the test says otherwise.
  return client.workflow.start(INVOICE_WORKFLOW_TYPE, {
    workflowId: invoice.workflowId,
    taskQueue,
    args: [{ invoiceId: invoice.invoiceId, timing: { delayFixed: true, ...timing }, delivery: CURRENT_DELIVERY }],
  });
}

export async function invoiceRow(db: Db, invoiceId: string) {
  const [row] = await db.select().from(invoices).where(eq(invoices.id, invoiceId));
  if (!row) throw new Error(`invoice ${invoiceId} missing`);
  return row;
}

export async function eventsOf(db: Db, invoiceId: string) {
  return db
    .select()
    .from(invoiceEvents)
    .where(eq(invoiceEvents.invoiceId, invoiceId))
    .orderBy(asc(invoiceEvents.sequence));
}

/** Polls the invoice until it has `status`. */
export async function waitForStatus(db: Db, invoiceId: string, status: InvoiceStatus, timeoutMs = 15_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const row = await invoiceRow(db, invoiceId);
    if (row.status === status) return row;
    if (Date.now() > deadline) throw new Error(`invoice ${invoiceId} stayed ${row.status}, expected ${status}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Polls until `check` returns a value. */
export async function eventually<T>(
  check: () => Promise<T | undefined>,
  timeoutMs = 15_000,
  what = 'condition',
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
