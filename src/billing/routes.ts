// HTTP API of the members' billing: start a run (or a dry run), read a run, read a year, download its PES Aller.
import { createRoute, OpenAPIHono } from '@hono/zod-openapi';
import { validationHook } from '../platform/error-handler.ts';
import type { AppEnv } from '../platform/http.ts';
import { getYearReport } from './follow-up/year-report.ts';
import { getYearPes } from './pes/read-pes.ts';
import { getRunReport } from './runs/run-report.ts';
import { startBillingRun } from './runs/start-run.ts';
import {
  BillingErrorSchema,
  PesQuerySchema,
  RunCreatedSchema,
  RunIdParamSchema,
  RunReportSchema,
  RunRequestSchema,
  YearParamSchema,
  YearReportSchema,
} from './schemas.ts';

const TAGS = ['Facturation des membres'];
const error = (description: string) => ({
  description,
  content: { 'application/json': { schema: BillingErrorSchema } },
});

const startRoute = createRoute({
  method: 'post',
  path: '/api/billing/runs',
  tags: TAGS,
  summary: 'Lancer la campagne des contributions d’un exercice (ou la simuler)',
  request: { body: { required: true, content: { 'application/json': { schema: RunRequestSchema } } } },
  responses: {
    202: {
      description: 'Campagne enregistrée et démarrée',
      content: { 'application/json': { schema: RunCreatedSchema } },
    },
    400: error('Demande invalide'),
    401: error('Authentification requise'),
    403: error('Réservé à l’opérateur'),
    503: error('Moteur de traitements indisponible'),
  },
});

const runRoute = createRoute({
  method: 'get',
  path: '/api/billing/runs/{id}',
  tags: TAGS,
  summary: 'Lire une campagne : par membre le montant, la tranche, la facture et son statut',
  request: { params: RunIdParamSchema },
  responses: {
    200: { description: 'La campagne', content: { 'application/json': { schema: RunReportSchema } } },
    400: error('Identifiant invalide'),
    401: error('Authentification requise'),
    403: error('Réservé à l’opérateur'),
    404: error('Campagne introuvable'),
  },
});

const yearRoute = createRoute({
  method: 'get',
  path: '/api/billing/years/{year}',
  tags: TAGS,
  summary: 'Suivi d’un exercice : contributions émises, payées, en retard, totaux par tranche',
  request: { params: YearParamSchema },
  responses: {
    200: { description: 'Le suivi', content: { 'application/json': { schema: YearReportSchema } } },
    400: error('Année invalide'),
    401: error('Authentification requise'),
    403: error('Réservé à l’opérateur'),
  },
});

const pesRoute = createRoute({
  method: 'get',
  path: '/api/billing/years/{year}/pes',
  tags: TAGS,
  summary: 'Télécharger le PES Aller des titres de recettes de l’exercice (ISO-8859-1)',
  request: { params: YearParamSchema, query: PesQuerySchema },
  responses: {
    200: {
      description: 'Le fichier PES_Aller',
      content: { 'application/xml': { schema: { type: 'string' as const } } },
    },
    400: error('Année invalide'),
    401: error('Authentification requise'),
    403: error('Réservé à l’opérateur'),
    404: error('Aucun PES pour cet exercice'),
  },
});

export const billingRoutes = new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
  .openapi(startRoute, async (c) => {
    const body = c.req.valid('json');
    const { runId } = await startBillingRun({
      ctx: { deps: c.get('deps'), actor: c.get('actor') },
      input: { year: body.year, dryRun: body.dryRun },
    });
    return c.json({ id: runId }, 202);
  })
  .openapi(runRoute, async (c) => {
    const report = await getRunReport({
      ctx: { deps: c.get('deps'), actor: c.get('actor') },
      input: { runId: c.req.valid('param').id },
    });
    return c.json(report, 200);
  })
  .openapi(yearRoute, async (c) => {
    const report = await getYearReport({
      ctx: { deps: c.get('deps'), actor: c.get('actor') },
      input: { year: c.req.valid('param').year },
    });
    return c.json(report, 200);
  })
  .openapi(pesRoute, async (c) => {
    const pes = await getYearPes({
      ctx: { deps: c.get('deps'), actor: c.get('actor') },
      input: { year: c.req.valid('param').year, bordereau: c.req.valid('query').bordereau },
    });
    return c.body(pes.bytes as Uint8Array<ArrayBuffer>, 200, {
      'Content-Type': 'application/xml; charset=ISO-8859-1',
      'Content-Disposition': `attachment; filename="${pes.nomFic}.xml"`,
      'Cache-Control': 'private, no-store',
    });
  });
