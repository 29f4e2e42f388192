// Follow-up of a year's contributions, without a worker: two contributions issued through the run's own steps,
// reminders before and after the due date to the member's accountants through the e-mail outbox (once each), paid
// and late from the invoice's lifecycle status, and the operator's pages (year, grid, members, CSV).
import { randomUUID } from 'node:crypto';
import { and, eq, like } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { people, roleGrants } from '../../db/schema/auth.ts';
import { billingContributions } from '../../db/schema/billing.ts';
import { emailOutbox, invoices } from '../../db/schema/invoices.ts';
import { createApp } from '../../src/app.ts';
import { createBillingActivities } from '../../src/billing/index.ts';
import { fixedClock } from '../../src/platform/clock.ts';
import type { AppDeps } from '../../src/platform/http.ts';
import { portalRoutes } from '../../src/portal/routes.ts';
import { testDeps } from '../helpers/test-deps.ts';
import { useTestDatabase } from '../helpers/use-database.ts';
import { PageClient } from '../web/page-client.ts';

const t = useTestDatabase();
const clock = fixedClock(new Date('2027-01-04T09:00:00Z'));
let deps: AppDeps;
let acts: ReturnType<typeof createBillingActivities>;
let issued: { structureId: string; number: string; invoiceId: string }[] = [];
let scheduledRunId: string;
const accountantEmail = `comptable-${randomUUID().slice(0, 8)}@test.hub.bzh`;

beforeAll(async () => {
  deps = testDeps(t.handle, { clock });
  acts = createBillingActivities(deps);
  // The yearly schedule's run, opened on 4 January 2027 (Paris): due dates 30 days later, 3 February.
  const { runId, year } = await acts.openScheduledBillingRun(clock.now().getTime());
  expect(year).toBe(2027);
  scheduledRunId = runId;
  const plan = await acts.planBillingRun(runId);
  expect(plan.toIssue.length).toBeGreaterThan(40);
  for (const structureId of plan.toIssue.slice(0, 2)) {
    const result = await acts.issueContribution({ runId, structureId });
    expect(result.outcome).toBe('ISSUED');
    issued.push({ structureId, number: result.number!, invoiceId: result.invoiceId! });
  }
  issued = issued.sort((a, b) => a.number.localeCompare(b.number));
  const personId = randomUUID();
  await t.handle.db
    .insert(people)
    .values({ id: personId, email: accountantEmail, displayName: 'Comptable EPCI', passwordHash: '$scrypt$unused' });
  await t.handle.db.insert(roleGrants).values({ personId, role: 'accountant', structureId: issued[0]!.structureId });
}, 120_000);

const outbox = () => t.handle.db.select().from(emailOutbox).where(like(emailOutbox.eventKey, 'billing:contribution:%'));

describe('follow-up of the contributions', { retry: 0, timeout: 120_000 }, () => {
  it('numbers the first contributions of the year from 1 with a due date 30 days after issue', async () => {
    expect(issued.map((i) => i.number)).toEqual(['COT-2027-00001', 'COT-2027-00002']);
    const rows = await t.handle.db.select().from(billingContributions);
    expect(rows.every((r) => r.issueDate === '2027-01-04' && r.dueDate === '2027-02-03')).toBe(true);
  });

  it('reminds the accountants 7 days before the due date, once', async () => {
    clock.set(new Date('2027-01-26T09:00:00Z'));
    expect(await acts.sendContributionReminders()).toEqual({ reminders: 0, emails: 0 });
    clock.set(new Date('2027-01-27T09:00:00Z'));
    expect(await acts.sendContributionReminders()).toEqual({ reminders: 2, emails: 1 });
    expect(await acts.sendContributionReminders()).toEqual({ reminders: 0, emails: 0 });
    const mails = await outbox();
    expect(mails).toHaveLength(1);
    expect(mails[0]).toMatchObject({ toAddress: accountantEmail });
    expect(mails[0]!.subject).toContain('échéance le 03/02/2027');
    expect(mails[0]!.body).toContain(issued[0]!.number);
  });

  it('marks a paid contribution paid and an unpaid one late, and reminds only the late one after the due date', async () => {
    await t.handle.db
      .update(invoices)
      .set({ status: 'MISE_EN_PAIEMENT', paidOn: '2027-02-01' })
      .where(eq(invoices.id, issued[1]!.invoiceId));
    clock.set(new Date('2027-02-04T09:00:00Z'));
    expect(await acts.sendContributionReminders()).toEqual({ reminders: 1, emails: 1 });
    const late = (await outbox()).filter((m) => m.subject.startsWith('Relance'));
    expect(late).toHaveLength(1);
    expect(late[0]!.body).toContain(issued[0]!.number);

    const app = createApp(deps);
    app.route('/', portalRoutes);
    const operator = await PageClient.logIn(app, 'operateur@demo.hub.bzh', 'Demo-Operateur-2026');
    const year = await operator.get('/cotisations/2027');
    expect(year.status).toBe(200);
    expect(year.html).toContain('Payée');
    expect(year.html).toContain('En retard');
    expect(year.html).toMatch(/Payées<\/dt><dd>1 \(/);
    expect(year.html).toMatch(/En retard<\/dt><dd>1 \(/);

    const run = await operator.get(`/cotisations/campagnes/${scheduledRunId}`);
    expect(run.status).toBe(200);
    expect(run.html).toContain('Campagne 2027');
    expect(run.html).toContain(`>${issued[0]!.number}</a>`);
    expect(run.html).toMatch(/2 émise\(s\), \d+ à émettre/);

    const csv = await operator.get('/cotisations/2027/export.csv');
    expect(csv.res.headers.get('content-type')).toContain('text/csv');
    const lines = csv.html
      .replace(/^\ufeff/, '')
      .trim()
      .split('\r\n');
    expect(lines[0]).toContain('Numéro;Membre;Tranche');
    expect(lines.slice(1).map((l) => l.split(';')[0])).toEqual(issued.map((i) => i.number));
    expect(lines.find((l) => l.startsWith(issued[0]!.number))).toContain('En retard');
  });

  it('keeps the grid: the default grid flagged, an overlapping tier refused with its reason', async () => {
    const app = createApp(deps);
    app.route('/', portalRoutes);
    const operator = await PageClient.logIn(app, 'operateur@demo.hub.bzh', 'Demo-Operateur-2026');
    const grid = await operator.get('/cotisations/grille');
    expect(grid.html).toContain('Grille par défaut');
    expect(grid.html).toContain('30\u202f000,00');
    const refused = await operator.post('/cotisations/grille', {
      label: 'Petites communautés',
      minPopulation: '0',
      maxPopulation: '4999',
      amount: '350',
      validFrom: '2027-01-01',
    });
    expect(refused.status).toBe(400);
    expect(await refused.text()).toContain('chevauche « Moins de 10 000 habitants »');

    const members = await operator.get('/cotisations/membres');
    expect(members.html).toContain('Rennes Métropole');
    await operator.get('/cotisations/membres');
    const commune = await operator.post('/cotisations/membres', { siren: '213501463', member: '1' });
    expect(commune.status).toBe(400);
    expect(await commune.text()).toContain('indiquez son montant annuel');
    await operator.get('/cotisations/membres');
    const added = await operator.post('/cotisations/membres', {
      siren: '213501463',
      member: '1',
      amount: '400',
      joinedOn: '2027-07-01',
    });
    expect(added.status).toBe(200);
    expect(await added.text()).toContain('Conditions de Langouet enregistrées');
  });

  it('refuses the pages to a supplier and the contribution data to anyone but the operator', async () => {
    const app = createApp(deps);
    app.route('/', portalRoutes);
    const supplier = await PageClient.logIn(app, 'fournisseur.armor@demo.hub.bzh', 'Demo-Armor-2026');
    expect((await supplier.get('/cotisations/2027')).status).toBe(403);
    const contributions = await t.handle.db
      .select()
      .from(billingContributions)
      .where(and(eq(billingContributions.year, 2027)));
    expect(contributions).toHaveLength(2);
  });
});
