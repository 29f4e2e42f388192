// The treasury of `hub start` without HELIOS_FTP_URL: the start wiring runs the demo treasury in the process; a PES
// deposited there is acknowledged within seconds and its returns are read as soon as the treasury writes them (the
// wiring's callback, here a direct poll, in the hub a run of the poll schedule): the flow ends ACQUITTE, its invoice
// MANDATEE, then the demo PES_Retour puts that invoice in payment. The test itself never polls.
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pesFlows } from '../../db/schema/accounting.ts';
import { depositPes } from '../../src/accounting/deposit/deposit-pes.ts';
import { pesAllerText } from '../../src/accounting/domain/build-pes.ts';
import { pollTreasuryReturns } from '../../src/accounting/returns/poll-returns.ts';
import type { AccountingDeps } from '../../src/accounting/settings.ts';
import { startTreasuryRuntime, type StartedTreasury } from '../../src/accounting/wiring/start-treasury.ts';
import { eventually, waitForStatus } from '../invoices/lifecycle-fixtures.ts';
import { useTestDatabase } from '../helpers/use-database.ts';
import { startHarness, storeBytes, type Harness } from './accounting-harness.ts';
import { availableInvoice, mandateSpec } from './api-harness.ts';

const t = useTestDatabase();
let h: Harness;
let treasury: StartedTreasury;
let polls: Promise<unknown> = Promise.resolve();

beforeAll(async () => {
  // The hub's deps exist once the harness runs; the treasury starts first, as at `hub start`.
  const started: { deps?: AccountingDeps } = {};
  // One poll after another, as the schedule's runs are.
  const poll = () =>
    (polls = polls.then(() => (started.deps ? pollTreasuryReturns(started.deps) : undefined)).catch(() => undefined));
  treasury = await startTreasuryRuntime({}, { onReturnWritten: poll });
  h = await startHarness(t.handle, { accounting: treasury.accounting });
  started.deps = h.deps;
}, 120_000);
afterAll(async () => {
  await h?.stop();
  await polls;
  await treasury?.close();
});

describe('the demo treasury of hub start', () => {
  it('is started when no HELIOS_FTP_URL is set, and left out when one is', async () => {
    expect(treasury.demoTreasuryUrl).toMatch(/^ftp:\/\/hub@127\.0\.0\.1:\d+\/?$/);
    expect(treasury.accounting.treasury).toMatchObject({ entree: '/entree/', sortie: '/sortie/', pAppli: 'GHELPES2' });
    const configured = await startTreasuryRuntime(
      { HELIOS_FTP_URL: 'ftps://hub:secret@passerelle.dgfip.example:21' },
      { onReturnWritten: () => undefined },
    );
    expect(configured.demoTreasuryUrl).toBeUndefined();
    expect(configured.accounting.treasury?.url).toBe('ftps://hub:secret@passerelle.dgfip.example:21');
  });

  it('acknowledges a deposited PES within seconds, with no poll by the test, and pays its invoice', async () => {
    const invoice = await availableInvoice(h, t.handle.db);
    const spec = mandateSpec(h, `DEMO-START-${Date.now()}`, invoice.number, '61', '8001');
    const file = await storeBytes(h.deps, Buffer.from(pesAllerText(spec), 'latin1'));
    const result = await depositPes({
      ctx: { deps: h.deps, actor: h.parties.accountant.actor },
      input: { fileId: file.id, channel: 'api' },
    });
    expect(result).toMatchObject({ accepted: true, status: 'POSTE' });
    const flow = await eventually(
      async () => {
        const [row] = await t.handle.db.select().from(pesFlows).where(eq(pesFlows.id, result.flowId));
        return row && ['ACQUITTE', 'INFORMATION_DISPONIBLE', 'REFUSE', 'ERREUR'].includes(row.status) ? row : undefined;
      },
      60_000,
      'the demo acknowledgement',
    );
    expect(flow.status).toBe('ACQUITTE');
    expect((await waitForStatus(t.handle.db, invoice.invoiceId, 'MANDATEE')).mandateNumber).toBe('8001');
    const paid = await waitForStatus(t.handle.db, invoice.invoiceId, 'MISE_EN_PAIEMENT', 60_000);
    expect(paid.paidOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  }, 180_000);
});
