// The audit log of one invoice's whole life: the deposit, the platform's routing and delivery, each accountant
// decision, written by the verbs and activities in the transaction of the change, with who acted and the request.
import type { Client } from '@temporalio/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { depositInvoice, decideInvoice, type InvoiceDeps } from '../../src/invoices/index.ts';
import { parisDay } from '../../src/platform/calendar/index.ts';
import { searchAuditEvents } from '../../src/platform/audit/index.ts';
import { runWithRequest } from '../../src/platform/request-context.ts';
import { personActing, testParties, ublBytes, type TestParty } from '../helpers/invoices.ts';
import { testDeps, testTemporalClient } from '../helpers/test-deps.ts';
import { useTestDatabase } from '../helpers/use-database.ts';
import { startWorker, uniqueQueue, waitForStatus, type RunningWorker } from './lifecycle-fixtures.ts';

const t = useTestDatabase();
let client: Client;
let deps: InvoiceDeps;
let worker: RunningWorker;
let armor: TestParty;
let lorient: TestParty;
const operator = personActing('operator', '00000000-0000-4000-8000-000000000001');

beforeAll(async () => {
  client = await testTemporalClient();
  const taskQueue = uniqueQueue('audit');
  deps = testDeps(t.handle, { temporal: client, taskQueue });
  worker = await startWorker(deps, taskQueue);
  ({ armor, lorient } = await testParties(t.handle.db));
});
afterAll(async () => {
  await worker?.stop();
  await client?.connection.close();
});

const auditOf = async (subjectId: string) =>
  (await searchAuditEvents({ ctx: { db: t.handle.db, actor: operator }, input: { subjectId } })).items.reverse();

describe('audit log of an invoice', () => {
  it('holds one row per state change, from the deposit to the payment, with actor and request', async () => {
    const supplier = personActing('supplier', armor.id);
    const accountant = personActing('accountant', lorient.id);
    const deposited = await runWithRequest('req-deposit-1', () =>
      depositInvoice({
        ctx: { deps, actor: supplier },
        input: {
          supplierId: armor.id,
          bytes: ublBytes({ supplierSiret: armor.siret, supplierName: armor.name, buyerSiret: lorient.siret }),
          fileName: 'facture.xml',
          channel: 'web',
        },
      }),
    );
    if (deposited.outcome !== 'accepted') throw new Error(`deposit refused: ${deposited.code} ${deposited.message}`);
    await waitForStatus(t.handle.db, deposited.invoiceId, 'MISE_A_DISPOSITION', 30_000);

    const steps = [
      { kind: 'SERVICE_FAIT' as const },
      { kind: 'MANDATEE' as const, mandateNumber: 'M-2026-0007' },
      { kind: 'MISE_A_DISPOSITION_COMPTABLE' as const },
      { kind: 'COMPTABILISEE' as const },
      { kind: 'MISE_EN_PAIEMENT' as const, paymentDate: parisDay(new Date()).date },
    ];
    for (const [i, action] of steps.entries())
      await runWithRequest(`req-decision-${i}`, () =>
        decideInvoice({ ctx: { deps, actor: accountant }, input: { invoiceId: deposited.invoiceId, action } }),
      );

    const rows = await auditOf(deposited.invoiceId);
    expect(rows.map((r) => [r.action, r.actorKind, r.requestId])).toEqual([
      ['invoice.deposee', 'person', 'req-deposit-1'],
      ['invoice.en_cours_acheminement', 'system', null],
      ['invoice.mise_a_disposition', 'system', null],
      ['invoice.service_fait', 'person', 'req-decision-0'],
      ['invoice.mandatee', 'person', 'req-decision-1'],
      ['invoice.mise_a_disposition_comptable', 'person', 'req-decision-2'],
      ['invoice.comptabilisee', 'person', 'req-decision-3'],
      ['invoice.mise_en_paiement', 'person', 'req-decision-4'],
    ]);
    expect(new Set(rows.map((r) => r.structureId))).toEqual(new Set([lorient.id]));
    expect(rows[0]).toMatchObject({
      actorId: supplier.kind === 'person' ? supplier.personId : '',
      subjectType: 'invoice',
      after: { status: 'DEPOSEE', number: deposited.number, supplierId: armor.id, channel: 'web' },
    });
    expect(rows[2]).toMatchObject({ actorId: 'invoice-lifecycle', before: { status: 'EN_COURS_ACHEMINEMENT' } });
    expect(rows[4]).toMatchObject({
      actorId: accountant.kind === 'person' ? accountant.personId : '',
      before: { status: 'SERVICE_FAIT' },
      after: { status: 'MANDATEE', sequence: 5, data: { mandateNumber: 'M-2026-0007' } },
    });
  }, 90_000);

  it('records a refused deposit against the supplier, with its refusal code', async () => {
    const supplier = personActing('supplier', armor.id);
    const refused = await depositInvoice({
      ctx: { deps, actor: supplier },
      input: {
        supplierId: armor.id,
        bytes: ublBytes({ supplierSiret: armor.siret, supplierName: armor.name, buyerSiret: '11111111111111' }),
        channel: 'web',
      },
    });
    if (refused.outcome !== 'refused') throw new Error('deposit to an unknown recipient was accepted');
    const rows = await auditOf(refused.depositId);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      action: 'deposit.refuse',
      subjectType: 'deposit',
      structureId: armor.id,
      after: { code: refused.code, originalSha256: refused.originalSha256 },
    });
  }, 30_000);
});
