// Parity on PGlite (the embedded database of `hub start`): the same deposit rules hold.
import type { Client } from '@temporalio/client';
import { count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type DatabaseHandle } from '../../../db/client.ts';
import { invoices } from '../../../db/schema/invoices.ts';
import { personActing, testParties, ublBytes, uniqueInvoiceNumber } from '../../../test/helpers/invoices.ts';
import { testDeps, testTemporalClient } from '../../../test/helpers/test-deps.ts';
import { seedDirectory } from '../../directory/index.ts';
import type { InvoiceDeps } from '../settings.ts';
import { depositInvoice, type DepositResult } from './deposit-invoice.ts';

let handle: DatabaseHandle;
let temporal: Client;
let deps: InvoiceDeps;
let p: Awaited<ReturnType<typeof testParties>>;
const started: string[] = [];

beforeAll(async () => {
  handle = await openDatabase({ kind: 'pglite' });
  await handle.migrate();
  await seedDirectory(handle.db);
  temporal = await testTemporalClient();
  p = await testParties(handle.db);
  deps = { ...testDeps(handle, { temporal }), invoices: { timing: { dayMs: 1000 } } };
}, 120_000);
afterAll(async () => {
  await Promise.allSettled(started.map((id) => temporal.workflow.getHandle(id).terminate('test over')));
  await temporal?.connection.close();
  await handle?.close();
});

async function deposit(bytes: Uint8Array): Promise<DepositResult> {
  const result = await depositInvoice({
    ctx: { deps: deps, actor: personActing('supplier', p.armor.id) },
    input: {
      supplierId: p.armor.id,
      bytes,
      channel: 'api',
    },
  });
  if (result.outcome === 'accepted') started.push(result.workflowId);
  return result;
}

describe('depositInvoice on PGlite', () => {
  it('accepts an invoice, then refuses its duplicate, also among concurrent deposits', async () => {
    const number = uniqueInvoiceNumber('PGL');
    const bytes = ublBytes({ supplierSiret: p.armor.siret, buyerSiret: p.rennes.siret, serviceCode: 'FIN', number });
    const results = await Promise.all(Array.from({ length: 10 }, () => deposit(bytes)));
    expect(results.filter((r) => r.outcome === 'accepted')).toHaveLength(1);
    expect(results.filter((r) => r.outcome === 'refused' && r.code === 'DUPLICATE_INVOICE')).toHaveLength(9);
    const [row] = await handle.db.select({ n: count() }).from(invoices).where(eq(invoices.number, number));
    expect(row?.n).toBe(1);
  });

  it('refuses an unknown service with the routing message', async () => {
    const result = await deposit(
      ublBytes({ supplierSiret: p.armor.siret, buyerSiret: p.rennes.siret, serviceCode: 'XYZ' }),
    );
    expect(result).toMatchObject({ outcome: 'refused', code: 'UNKNOWN_SERVICE' });
  });
});
