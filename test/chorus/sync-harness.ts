// The sync against the msw fake of the real Chorus Pro: settings with a client tuned for tests, a worker running
// the hub's activities with them, and invoices deposited the way suppliers deposit them.
import { NativeConnection } from '@temporalio/worker';
import { inject } from 'vitest';
import type { Db } from '../../db/client.ts';
import { createActivities } from '../../src/activities.ts';
import { createChorusActivities } from '../../src/chorus/activities.ts';
import { chorusClientConfig, createChorusClient, type ChorusClient } from '../../src/chorus/index.ts';
import type { ChorusSyncSettings } from '../../src/chorus/sync/settings.ts';
import { DEMO_SUPPLIER_ARMOR_BUREAUTIQUE } from '../../src/directory/index.ts';
import { depositInvoice } from '../../src/invoices/index.ts';
import type { AppDeps } from '../../src/platform/http.ts';
import { createHubWorker } from '../../src/platform/temporal/worker.ts';
import { partyBySiren, personActing, ublBytes, ublInvoice, uniqueInvoiceNumber } from '../helpers/invoices.ts';
import type { FakeChorus } from './fake-chorus.ts';

export const HUB_ACCOUNT = { login: 'TECH_1_HUB@cpro.fr', password: 'Hub-Tech-2026' };

export function testClient(fake: FakeChorus): ChorusClient {
  return createChorusClient(
    chorusClientConfig('sandbox', fake.clientId, fake.clientSecret, {
      baseDelayMs: 5,
      maxDelayMs: 50,
      maxAttempts: 3,
      timeoutMs: 1000,
    }),
  );
}

export function syncSettings(fake: FakeChorus, overrides: Partial<ChorusSyncSettings> = {}): ChorusSyncSettings {
  return { client: testClient(fake), depositAccount: HUB_ACCOUNT, secrets: {}, reconcileGraceMs: 60_000, ...overrides };
}

export async function startSyncWorker(deps: AppDeps, settings: ChorusSyncSettings) {
  const connection = await NativeConnection.connect({ address: inject('temporalAddress') });
  const worker = await createHubWorker({
    connection,
    namespace: 'default',
    taskQueue: deps.taskQueue as string,
    activities: { ...createActivities(deps), ...createChorusActivities({ ...deps, chorusSync: settings }) },
  });
  const running = worker.run();
  return {
    async stop() {
      if (worker.getState() === 'RUNNING') worker.shutdown();
      await running.catch(() => undefined);
      await connection.close();
    },
  };
}

export async function parties(db: Db) {
  return {
    armor: await partyBySiren(db, 'supplier', DEMO_SUPPLIER_ARMOR_BUREAUTIQUE.siren),
    rennes: await partyBySiren(db, 'commune', '213502388'),
  };
}

/** An invoice deposited in the hub by Armor Bureautique for Rennes (which receives through Chorus Pro). */
export async function depositForRennes(deps: AppDeps, number = uniqueInvoiceNumber('SYNC')) {
  const { armor, rennes } = await parties(deps.db);
  const result = await depositInvoice({
    ctx: { deps: deps, actor: personActing('supplier', armor.id) },
    input: {
      supplierId: armor.id,
      bytes: ublBytes({
        number,
        supplierSiret: armor.siret,
        supplierName: DEMO_SUPPLIER_ARMOR_BUREAUTIQUE.name,
        buyerSiret: rennes.siret,
        serviceCode: 'FIN',
      }),
      fileName: `${number}.xml`,
      channel: 'api',
    },
  });
  if (result.outcome !== 'accepted') throw new Error(`deposit refused: ${result.message}`);
  return { invoiceId: result.invoiceId, number };
}

/** The UBL of an invoice Armor deposited on Chorus Pro for Rennes, as Chorus would hand it out. */
export async function rennesInvoiceFile(db: Db, number: string): Promise<string> {
  const { armor, rennes } = await parties(db);
  return Buffer.from(
    ublInvoice({
      number,
      supplierSiret: armor.siret,
      supplierName: DEMO_SUPPLIER_ARMOR_BUREAUTIQUE.name,
      buyerSiret: rennes.siret,
      serviceCode: 'FIN',
    }),
  ).toString('base64');
}

export async function waitFor<T>(probe: () => Promise<T | undefined>, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error('condition not reached in time');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
