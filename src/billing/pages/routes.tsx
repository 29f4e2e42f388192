// Operator pages of the members' billing: the year's run and follow-up, one run, the grid, the members, CSV, PES.
import { Hono, type Context } from 'hono';
import { findStructureBySiren } from '../../directory/index.ts';
import { CSRF_FIELD, verifyCsrf } from '../../platform/auth/index.ts';
import { parisDay } from '../../platform/calendar/index.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import type { AppEnv } from '../../platform/http.ts';
import { csvResponse } from '../../web/csv.ts';
import { requireViewerWith } from '../../web/guard.ts';
import { sendPage } from '../../web/render.ts';
import type { Viewer } from '../../web/viewer.ts';
import { yearCsv } from '../follow-up/year-csv.ts';
import { getYearReport } from '../follow-up/year-report.ts';
import { addTier, endTier, listTiers } from '../grid/tiers.ts';
import { listMembers } from '../members/list-members.ts';
import { listProducts } from '../members/products.ts';
import { saveMemberTerms } from '../members/save-terms.ts';
import { getYearPes } from '../pes/read-pes.ts';
import { getRunReport, listRuns } from '../runs/run-report.ts';
import { MAX_YEAR, MIN_YEAR, startBillingRun } from '../runs/start-run.ts';
import { GridPage } from './grid-page.tsx';
import { EMPTY_TERMS, MembersPage, type TermsForm } from './members-page.tsx';
import { RunPage } from './run-page.tsx';
import { YearPage } from './year-page.tsx';

const text = (form: Record<string, unknown>, name: string): string =>
  typeof form[name] === 'string' ? (form[name] as string).trim().slice(0, 200) : '';

function yearParam(c: Context<AppEnv>): number {
  const year = Number(c.req.param('year'));
  if (!Number.isInteger(year) || year < MIN_YEAR || year > MAX_YEAR) throw notFound('Exercice');
  return year;
}

const refusalMessage = (error: unknown): string | undefined =>
  error instanceof AppError && error.status >= 400 && error.status < 500 && error.status !== 403
    ? error.message
    : undefined;

async function showYear(c: Context<AppEnv>, viewer: Viewer, year: number, error?: string) {
  const ctx = { deps: c.get('deps'), actor: viewer.actor };
  const [report, runs] = await Promise.all([
    getYearReport({ ctx, input: { year } }),
    listRuns({ ctx, input: { year } }),
  ]);
  return sendPage(c, <YearPage viewer={viewer} report={report} runs={runs} error={error} />, error ? 400 : 200);
}

async function showGrid(c: Context<AppEnv>, viewer: Viewer, extra: { error?: string; done?: string } = {}) {
  const tiers = await listTiers(c.get('deps').db);
  return sendPage(c, <GridPage viewer={viewer} tiers={tiers} {...extra} />, extra.error ? 400 : 200);
}

async function showMembers(
  c: Context<AppEnv>,
  viewer: Viewer,
  form: TermsForm,
  extra: { error?: string; done?: string } = {},
) {
  const ctx = { deps: c.get('deps'), actor: viewer.actor };
  const [members, products] = await Promise.all([listMembers({ ctx, input: {} }), listProducts(c.get('deps').db)]);
  return sendPage(
    c,
    <MembersPage viewer={viewer} members={members} products={products} form={form} {...extra} />,
    extra.error ? 400 : 200,
  );
}

export const billingPages = new Hono<AppEnv>()
  .get('/cotisations', (c) => c.redirect(`/cotisations/${parisDay(c.get('deps').clock.now()).date.slice(0, 4)}`, 303))
  .get('/cotisations/grille', async (c) => showGrid(c, await requireViewerWith(c, 'operator')))
  .post('/cotisations/grille', async (c) => {
    const viewer = await requireViewerWith(c, 'operator');
    const form = await c.req.parseBody();
    verifyCsrf(c, form[CSRF_FIELD]);
    const int = (name: string) => (text(form, name) === '' ? null : Number(text(form, name).replace(/\s/g, '')));
    try {
      await addTier({
        ctx: { deps: c.get('deps'), actor: viewer.actor },
        input: {
          label: text(form, 'label'),
          minPopulation: int('minPopulation') ?? Number.NaN,
          maxPopulation: int('maxPopulation'),
          amount: text(form, 'amount').replace(',', '.'),
          validFrom: text(form, 'validFrom'),
          validTo: text(form, 'validTo') || null,
        },
      });
    } catch (error) {
      const message = refusalMessage(error);
      if (!message) throw error;
      return showGrid(c, viewer, { error: message });
    }
    return showGrid(c, viewer, { done: 'Tranche ajoutée.' });
  })
  .post('/cotisations/grille/:id/fin', async (c) => {
    const viewer = await requireViewerWith(c, 'operator');
    const form = await c.req.parseBody();
    verifyCsrf(c, form[CSRF_FIELD]);
    try {
      await endTier({
        ctx: { deps: c.get('deps'), actor: viewer.actor },
        input: { tierId: c.req.param('id'), validTo: text(form, 'validTo') },
      });
    } catch (error) {
      const message = refusalMessage(error);
      if (!message) throw error;
      return showGrid(c, viewer, { error: message });
    }
    return showGrid(c, viewer, { done: 'Validité de la tranche terminée.' });
  })
  .get('/cotisations/membres', async (c) => {
    const viewer = await requireViewerWith(c, 'operator');
    const siren = (c.req.query('siren') ?? '').replace(/\s/g, '').slice(0, 9);
    if (!siren) return showMembers(c, viewer, EMPTY_TERMS);
    const members = await listMembers({ ctx: { deps: c.get('deps'), actor: viewer.actor }, input: {} });
    const m = members.find((x) => x.siren === siren);
    return showMembers(
      c,
      viewer,
      m
        ? {
            siren,
            member: m.member,
            joinedOn: m.joinedOn ?? '',
            leftOn: m.leftOn ?? '',
            amount: m.ownAmount ?? '',
            productCode: m.productCode,
            serviceCode: m.serviceCode ?? '',
            engagementNumber: m.engagementNumber ?? '',
          }
        : { ...EMPTY_TERMS, siren },
    );
  })
  .post('/cotisations/membres', async (c) => {
    const viewer = await requireViewerWith(c, 'operator');
    const form = await c.req.parseBody();
    verifyCsrf(c, form[CSRF_FIELD]);
    const values: TermsForm = {
      siren: text(form, 'siren').replace(/\s/g, ''),
      member: form.member === '1',
      joinedOn: text(form, 'joinedOn'),
      leftOn: text(form, 'leftOn'),
      amount: text(form, 'amount').replace(',', '.'),
      productCode: text(form, 'productCode'),
      serviceCode: text(form, 'serviceCode'),
      engagementNumber: text(form, 'engagementNumber'),
    };
    const structure = await findStructureBySiren(c.get('deps').db, values.siren);
    if (!structure || structure.kind === 'supplier')
      return showMembers(c, viewer, values, {
        error: `SIREN de la structure : « ${values.siren} » n’est pas celui d’une structure publique de l’annuaire.`,
      });
    try {
      await saveMemberTerms({
        ctx: { deps: c.get('deps'), actor: viewer.actor },
        input: { structureId: structure.id, ...values },
      });
    } catch (error) {
      const message = refusalMessage(error);
      if (!message) throw error;
      return showMembers(c, viewer, values, { error: message });
    }
    return showMembers(c, viewer, EMPTY_TERMS, { done: `Conditions de ${structure.name} enregistrées.` });
  })
  .post('/cotisations/campagnes', async (c) => {
    const viewer = await requireViewerWith(c, 'operator');
    const form = await c.req.parseBody();
    verifyCsrf(c, form[CSRF_FIELD]);
    const year = Number(text(form, 'year'));
    try {
      const { runId } = await startBillingRun({
        ctx: { deps: c.get('deps'), actor: viewer.actor },
        input: { year, dryRun: text(form, 'dryRun') === '1' },
      });
      return c.redirect(`/cotisations/campagnes/${runId}`, 303);
    } catch (error) {
      const message =
        refusalMessage(error) ?? (error instanceof AppError && error.status === 503 ? error.message : undefined);
      if (!message || !Number.isInteger(year) || year < MIN_YEAR || year > MAX_YEAR) throw error;
      return showYear(c, viewer, year, message);
    }
  })
  .get('/cotisations/campagnes/:id', async (c) => {
    const viewer = await requireViewerWith(c, 'operator');
    const id = c.req.param('id');
    if (!/^[0-9a-f-]{36}$/i.test(id)) throw notFound('Campagne de facturation');
    const run = await getRunReport({ ctx: { deps: c.get('deps'), actor: viewer.actor }, input: { runId: id } });
    return sendPage(c, <RunPage viewer={viewer} run={run} />);
  })
  .get('/cotisations/:year/export.csv', async (c) => {
    const viewer = await requireViewerWith(c, 'operator');
    const year = yearParam(c);
    const report = await getYearReport({ ctx: { deps: c.get('deps'), actor: viewer.actor }, input: { year } });
    return csvResponse(c, `contributions-${year}.csv`, yearCsv(report));
  })
  .get('/cotisations/:year/pes', async (c) => {
    const viewer = await requireViewerWith(c, 'operator');
    const bordereau = Number(c.req.query('bordereau'));
    const pes = await getYearPes({
      ctx: { deps: c.get('deps'), actor: viewer.actor },
      input: { year: yearParam(c), bordereau: Number.isInteger(bordereau) && bordereau > 0 ? bordereau : undefined },
    });
    return c.body(pes.bytes as Uint8Array<ArrayBuffer>, 200, {
      'Content-Type': 'application/xml; charset=ISO-8859-1',
      'Content-Disposition': `attachment; filename="${pes.nomFic}.xml"`,
      'Cache-Control': 'private, no-store',
    });
  })
  .get('/cotisations/:year', async (c) => {
    const viewer = await requireViewerWith(c, 'operator');
    return showYear(c, viewer, yearParam(c));
  });
