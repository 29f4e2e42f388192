// The legal payment delay as the accountant sees it: late invoices marked in the inbox, the interest they would
// cost if paid today, and the interest actually owed once paid late.
import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { invoices } from '../../db/schema/invoices.ts';
import { createApp } from '../../src/app.ts';
import { fixedClock } from '../../src/platform/clock.ts';
import { portalRoutes } from '../../src/portal/routes.ts';
import { partyBySiren } from '../helpers/invoices.ts';
import { testDeps } from '../helpers/test-deps.ts';
import { useTestDatabase } from '../helpers/use-database.ts';
import { insertDepositedInvoice } from '../invoices/lifecycle-fixtures.ts';
import { PageClient } from './page-client.ts';

const t = useTestDatabase();
const now = new Date('2026-06-20T10:00:00Z');
let app: ReturnType<typeof createApp>;
let accountant: PageClient;
let overdueId: string;
let paidLateId: string;
let onTimeNumber: string;

beforeAll(async () => {
  app = createApp(testDeps(t.handle, { clock: fixedClock(now) }));
  app.route('/', portalRoutes);
  const supplier = await partyBySiren(t.handle.db, 'supplier', '812345676');
  const buyer = await partyBySiren(t.handle.db, 'commune', '213501463'); // Langouët
  const overdue = await insertDepositedInvoice(
    t.handle.db,
    { supplier, buyer },
    { amountDue: '10000.00', number: 'RETARD-1' },
  );
  const onTime = await insertDepositedInvoice(t.handle.db, { supplier, buyer }, { number: 'A-TEMPS-1' });
  const paidLate = await insertDepositedInvoice(t.handle.db, { supplier, buyer }, { number: 'PAYEE-1' });
  overdueId = overdue.invoiceId;
  paidLateId = paidLate.invoiceId;
  onTimeNumber = onTime.number;
  // Made available on 1 May: due 31 May; 20 days late on 20 June.
  const available = {
    status: 'MISE_A_DISPOSITION' as const,
    madeAvailableAt: new Date('2026-05-01T08:00:00Z'),
    legalDueAt: new Date('2026-05-31T08:00:00Z'),
  };
  await t.handle.db.update(invoices).set(available).where(eq(invoices.id, overdue.invoiceId));
  await t.handle.db
    .update(invoices)
    .set({ ...available, legalDueAt: new Date('2026-06-25T08:00:00Z') })
    .where(eq(invoices.id, onTime.invoiceId));
  await t.handle.db
    .update(invoices)
    .set({
      ...available,
      status: 'MISE_EN_PAIEMENT',
      paidOn: '2026-06-10',
      lateDays: 10,
      lateInterest: '34.25',
      lateIndemnity: '40.00',
    })
    .where(eq(invoices.id, paidLate.invoiceId));
  accountant = await PageClient.logIn(app, 'comptable.langouet@demo.hub.bzh', 'Demo-Comptable-Langouet-2026');
});

describe('payment delay on the accountant’s pages', () => {
  it('lists open invoices by due date, late ones highlighted with the days past', async () => {
    const { html } = await accountant.get('/a-traiter');
    const rows = html
      .split('<tr')
      .map((row) => [/<a href="\/factures\/[^"]+">([^<]+)<\/a>/.exec(row)?.[1], row.startsWith(' class="is-late"')])
      .filter(([number]) => number !== undefined);
    expect(rows).toEqual([
      ['RETARD-1', true],
      [onTimeNumber, false],
    ]);
    expect(html).toContain('en retard de 20 jours');
    expect(html).toContain('reste 5 jours');
  });

  it('shows what an overdue invoice would cost in interest if paid today', async () => {
    const { html } = await accountant.get(`/factures/${overdueId}`);
    expect(html).toContain('Délai de paiement dépassé');
    // 10,000 € × (ECB rate of 1 January 2026 + 8 points) × 20 / 365, rounded to the cent.
    expect(html).toMatch(
      /cette facture coûterait à la collectivité [\d\u202f]+,\d\d\u00a0€ d’intérêts moratoires \(20 jour\(s\) au taux de \d+,\d\d %/,
    );
    expect(html).toContain('l’indemnité forfaitaire de 40,00\u00a0€');
    expect(html).toContain('Certifier le service fait');
  });

  it('shows the interest owed once paid late, and no action any more', async () => {
    const { html } = await accountant.get(`/factures/${paidLateId}`);
    expect(html).toContain(
      'Payée avec 10 jour(s) de retard : intérêts moratoires de 34,25\u00a0€ et indemnité forfaitaire de 40,00\u00a0€.',
    );
    expect(html).toContain('Aucune action n’est possible de votre part à ce stade.');
  });
});
