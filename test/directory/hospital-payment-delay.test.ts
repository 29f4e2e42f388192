// An invoice deposited to a public hospital runs the 50-day legal delay (décret 2013-269 art. 1, CCP R.2192-11),
// end to end: deposit → routing through the directory → the workflow's payment clock → the invoice row.
import type { Client } from '@temporalio/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHU_RENNES, createStructure, saveService } from '../../src/directory/index.ts';
import { invoiceState } from '../../src/invoices/domain/contract.ts';
import { addDays, daysBetween } from '../../src/invoices/domain/payment-delay/payment-clock.ts';
import { depositInvoice, getInvoiceDetail, type InvoiceDeps } from '../../src/invoices/index.ts';
import { personActing, testParties, ublBytes, type TestParty } from '../helpers/invoices.ts';
import { testDeps, testTemporalClient } from '../helpers/test-deps.ts';
import { useTestDatabase } from '../helpers/use-database.ts';
import {
  eventually,
  partyBySiren,
  startWorker,
  uniqueQueue,
  waitForStatus,
  type RunningWorker,
} from '../invoices/lifecycle-fixtures.ts';

const t = useTestDatabase();
let client: Client;
let deps: InvoiceDeps;
let worker: RunningWorker;
let armor: TestParty;
let chu: TestParty;
const operator = personActing('operator', '00000000-0000-4000-8000-000000000001');

beforeAll(async () => {
  client = await testTemporalClient();
  const taskQueue = uniqueQueue('hospital');
  // Real legal days: nothing but the deposit and the delivery happens during the test.
  deps = testDeps(t.handle, { temporal: client, taskQueue });
  worker = await startWorker(deps, taskQueue);
  ({ armor } = await testParties(t.handle.db));
  chu = await partyBySiren(t.handle.db, 'etablissement_public_sante', CHU_RENNES.siren);
});
afterAll(async () => {
  await worker?.stop();
  await client?.connection.close();
});

const parisDate = (iso: string): string => new Date(iso).toLocaleDateString('sv-SE', { timeZone: 'Europe/Paris' });

async function depositTo(buyer: TestParty, serviceCode: string) {
  const supplier = personActing('supplier', armor.id);
  const result = await depositInvoice({
    ctx: { deps: deps, actor: supplier },
    input: {
      supplierId: armor.id,
      bytes: ublBytes({ supplierSiret: armor.siret, supplierName: armor.name, buyerSiret: buyer.siret, serviceCode }),
      channel: 'web',
    },
  });
  if (result.outcome !== 'accepted') throw new Error(`deposit refused: ${result.code} ${result.message}`);
  await waitForStatus(t.handle.db, result.invoiceId, 'MISE_A_DISPOSITION', 30_000);
  const state = await eventually(async () => {
    const s = await client.workflow.getHandle(result.workflowId).query(invoiceState);
    return s.dueDate && s.madeAvailableOn ? s : undefined;
  });
  const detail = await getInvoiceDetail(deps, operator, result.invoiceId);
  return { result, state, clock: detail.paymentClock };
}

describe('legal payment delay of a public hospital', () => {
  it('gives an invoice to the CHU de Rennes 50 days from its making available', async () => {
    const { result, state, clock } = await depositTo(chu, 'TRAVAUX');
    expect(result.buyer).toMatchObject({ id: chu.id, siret: chu.siret });
    expect(daysBetween(state.madeAvailableOn!, state.dueDate!)).toBe(50);
    expect(clock.paymentDelayDays).toBe(50);
    expect(parisDate(clock.legalDueAt!)).toBe(addDays(parisDate(clock.madeAvailableAt!), 50));
  }, 60_000);

  it('runs the delay the operator set on a structure instead of the kind’s', async () => {
    const created = await createStructure({
      ctx: { deps: deps, actor: operator },
      input: {
        kind: 'etablissement_public_sante',
        name: 'Centre hospitalier de démonstration',
        siret: '26350999400012',
        epciNature: '',
        departementCode: '35',
        paymentDelayOverrideDays: '40',
      },
    });
    await saveService({
      ctx: { deps: deps, actor: operator },
      input: {
        structureId: created.structureId,
        changes: {
          code: 'ACHATS',
          label: 'Achats',
          active: true,
          engagementNumberRequired: false,
        },
      },
    });
    const hospital = { id: created.structureId, siren: '263509994', siret: '26350999400012', name: 'CH' };
    const { state, clock } = await depositTo(hospital, 'ACHATS');
    expect(daysBetween(state.madeAvailableOn!, state.dueDate!)).toBe(40);
    expect(parisDate(clock.legalDueAt!)).toBe(addDays(parisDate(clock.madeAvailableAt!), 40));
  }, 60_000);
});
