// The operator's journal over HTTP: the search form, results, paging, CSV export, and nobody else may see it.
import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { auditEvents } from '../../../../db/schema/audit.ts';
import { testDeps } from '../../../../test/helpers/test-deps.ts';
import { useTestDatabase } from '../../../../test/helpers/use-database.ts';
import { PageClient } from '../../../../test/web/page-client.ts';
import { createApp } from '../../../app.ts';
import { fixedClock } from '../../clock.ts';
import { recordAudit } from '../record-audit.ts';

const t = useTestDatabase();
let app: ReturnType<typeof createApp>;
let operator: PageClient;
const structureId = randomUUID();
const invoiceId = randomUUID();

beforeAll(async () => {
  app = createApp(testDeps(t.handle, { clock: fixedClock(new Date('2026-12-02T09:00:00Z')) }));
  operator = await PageClient.logIn(app, 'operateur@demo.hub.bzh', 'Demo-Operateur-2026');
  await recordAudit(t.handle.db, {
    actor: {
      kind: 'person',
      personId: randomUUID(),
      email: 'anne@rennes.example',
      displayName: 'Anne Kervella',
      grants: [],
    },
    action: 'invoice.decide',
    subject: { type: 'invoice', id: invoiceId },
    structureId,
    before: { status: 'MISE_A_DISPOSITION' },
    after: { status: 'SUSPENDUE', motive: 'Bon de commande <absent>' },
    requestId: 'req-42',
  });
  await t.handle.db.insert(auditEvents).values(
    Array.from({ length: 60 }, (_, i) => ({
      actorKind: 'system' as const,
      actorId: 'chorus-sync',
      actorLabel: 'Hub (chorus-sync)',
      action: 'invoice.pull',
      subjectType: 'invoice',
      subjectId: invoiceId,
      structureId,
      at: new Date(Date.UTC(2026, 10, 30, 12, 0, i)),
    })),
  );
});

describe('/operateur/journal', () => {
  it('is reached from the operator’s navigation and home page', async () => {
    const home = await operator.get('/');
    expect(home.status).toBe(200);
    expect(home.html).toContain('<a href="/operateur/journal"');
    expect(home.html).toContain('Journal des opérations</a>');
  });

  it('shows the search form and the events, newest first, with the change and the actor', async () => {
    const page = await operator.get(`/operateur/journal?subjectType=invoice&subjectId=${invoiceId}`);
    expect(page.status).toBe(200);
    expect(page.html).toContain('<title>Journal des opérations – Hub e-administration Bretagne</title>');
    expect(page.html).toContain(
      `<input type="text" id="subjectId" name="subjectId" value="${invoiceId}" maxlength="200"/>`,
    );
    expect(page.html).toContain('61 opération(s).');
    const firstRow = page.html.indexOf('Anne Kervella (anne@rennes.example)');
    expect(firstRow).toBeGreaterThan(0);
    expect(page.html.indexOf('Hub (chorus-sync)')).toBeGreaterThan(firstRow);
    expect(page.html).toContain('<code>invoice.decide</code>');
    // JSON of the change is escaped, never markup.
    expect(page.html).toContain('&quot;motive&quot;:&quot;Bon de commande &lt;absent&gt;&quot;');
    expect(page.html).not.toContain('<absent>');
    expect(page.html).toContain(`<a href="/annuaire/${structureId}">${structureId.slice(0, 8)}</a>`);
    expect(page.html).toContain(
      `href="/operateur/journal.csv?subjectType=invoice&amp;subjectId=${invoiceId}">Exporter en CSV</a>`,
    );
    expect(page.html).toContain(
      `href="/operateur/journal?subjectType=invoice&amp;subjectId=${invoiceId}&amp;page=2" rel="next"`,
    );
    expect(page.html).toContain('Résultats 1 à 50 sur 61');
  });

  it('pages and filters by Paris days', async () => {
    const second = await operator.get(`/operateur/journal?subjectId=${invoiceId}&page=2`);
    expect(second.html).toContain('Résultats 51 à 61 sur 61');
    expect(second.html).toContain('2026-11-30 13:00:00'); // 12:00 UTC is 13:00 in Paris in winter
    const day = await operator.get(`/operateur/journal?structureId=${structureId}&from=2026-11-30&to=2026-11-30`);
    expect(day.html).toContain('60 opération(s).');
    const none = await operator.get(`/operateur/journal?structureId=${structureId}&to=2026-11-29`);
    expect(none.html).toContain('Aucune opération ne correspond à cette recherche.');
  });

  it('explains a bad filter on the page, in French', async () => {
    const bad = await operator.get('/operateur/journal?from=2026-13-01');
    expect(bad.status).toBe(400);
    expect(bad.html).toContain('Recherche impossible');
    expect(bad.html).toContain('Du : date attendue au format AAAA-MM-JJ.');
    expect(bad.html).toContain('value="2026-13-01"');
  });

  it('exports the filtered journal as CSV', async () => {
    const res = (await operator.get(`/operateur/journal.csv?subjectId=${invoiceId}`)).res;
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="journal-2026-12-02.csv"');
    const body = (await operator.get(`/operateur/journal.csv?subjectId=${invoiceId}`)).html;
    expect(body.trimEnd().split('\r\n')).toHaveLength(62);
    expect(body).toContain(';Anne Kervella (anne@rennes.example);invoice.decide;invoice;');
  });

  it('is for the operator only', async () => {
    const accountant = await PageClient.logIn(app, 'comptable.rennes@demo.hub.bzh', 'Demo-Comptable-Rennes-2026');
    const refused = await accountant.get('/operateur/journal');
    expect(refused.status).toBe(403);
    expect(refused.html).toContain('Cette page est réservée à l’opérateur du hub.');
    expect((await accountant.get('/operateur/journal.csv')).status).toBe(403);
    const anonymous = await app.request('/operateur/journal?actorId=x');
    expect([anonymous.status, anonymous.headers.get('location')]).toEqual([
      303,
      '/connexion?next=%2Foperateur%2Fjournal%3FactorId%3Dx',
    ]);
    expect((await app.request('/operateur/journal.csv')).status).toBe(303);
  });
});
