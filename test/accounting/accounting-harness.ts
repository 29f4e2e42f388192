// What the accounting tests share: the database, a worker on the real Temporal server with every activity, a disk
// file store, the fake treasury over FTP, the parties (a commune with its accountant, a supplier), and waits.
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import type { Client } from '@temporalio/client';
import { eq } from 'drizzle-orm';
import type { DatabaseHandle } from '../../db/client.ts';
import { pesFlows } from '../../db/schema/accounting.ts';
import { pollTreasuryReturns } from '../../src/accounting/returns/poll-returns.ts';
import type { AccountingDeps, AccountingSettings } from '../../src/accounting/settings.ts';
import { createFileStore, diskBackend } from '../../src/platform/files/index.ts';
import type { PesFlowStatus } from '../../src/accounting/domain/statuses.ts';
import { testDeps, testTemporalClient } from '../helpers/test-deps.ts';
import { lifecycleParties, startWorker, uniqueQueue, type RunningWorker } from '../invoices/lifecycle-fixtures.ts';
import { FakeTreasury, type FakeTreasuryOptions } from '../../src/demo-treasury/index.ts';
import { fakeTreasuryEndpoint } from './fake-treasury-endpoint.ts';

export interface Harness {
  client: Client;
  deps: AccountingDeps;
  worker: RunningWorker;
  fake: FakeTreasury;
  /** Folder of the disk file store (a worker in another process shares it). */
  filesDir: string;
  parties: Awaited<ReturnType<typeof lifecycleParties>>;
  stop(): Promise<void>;
}

export async function startHarness(
  handle: DatabaseHandle,
  options: { fake?: FakeTreasuryOptions; accounting?: Partial<AccountingSettings> } = {},
): Promise<Harness> {
  const client = await testTemporalClient();
  const taskQueue = uniqueQueue('accounting');
  const parties = await lifecycleParties(handle.db);
  const fake = await FakeTreasury.start(options.fake ?? {});
  const filesDir = await mkdtemp(join(tmpdir(), 'accounting-files-'));
  const files = createFileStore({ db: handle.db, backend: diskBackend(filesDir) });
  const deps: AccountingDeps = {
    ...testDeps(handle, { temporal: client, taskQueue, files }),
    accounting: { treasury: fakeTreasuryEndpoint(fake), ...options.accounting },
  };
  const worker = await startWorker(deps, taskQueue);
  return {
    client,
    deps,
    worker,
    fake,
    filesDir,
    parties,
    async stop() {
      await worker.stop();
      await fake.stop();
      await client.connection.close();
    },
  };
}

export async function storeBytes(deps: AccountingDeps, bytes: Buffer, fileName = 'pes.xml') {
  return deps.files!.put(Readable.from([bytes]), { kind: 'accounting_flow', mediaType: 'application/xml', fileName });
}

/** Polls the returns folder (as the schedule does) until the flow reaches one of `statuses`. */
export async function pollUntil(deps: AccountingDeps, flowId: string, statuses: PesFlowStatus[], timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const [row] = await deps.db.select().from(pesFlows).where(eq(pesFlows.id, flowId));
    if (row && statuses.includes(row.status)) return row;
    if (Date.now() > deadline) throw new Error(`flow ${flowId} stayed ${row?.status}, expected ${statuses.join('|')}`);
    if (row?.status === 'TRANSMIS') await pollTreasuryReturns(deps);
    await new Promise((r) => setTimeout(r, 200));
  }
}
