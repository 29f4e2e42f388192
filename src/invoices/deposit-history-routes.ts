// HTTP API of the supplier's deposit history: every attempt, accepted or refused, and the report of each.
import { createRoute, OpenAPIHono } from '@hono/zod-openapi';
import { requireActor } from '../platform/auth/index.ts';
import { validationHook } from '../platform/error-handler.ts';
import type { AppEnv } from '../platform/http.ts';
import { getDeposit, listDeposits } from './queries/deposit-history.ts';
import {
  DepositDetailSchema,
  DepositIdParamSchema,
  DepositListQuerySchema,
  DepositPageSchema,
  ErrorSchema,
} from './schemas.ts';

const TAGS = ['Factures'];
const error = (description: string) => ({ description, content: { 'application/json': { schema: ErrorSchema } } });

const listRoute = createRoute({
  method: 'get',
  path: '/api/deposits',
  tags: TAGS,
  summary: 'Historique des dépôts du fournisseur (acceptés et refusés), du plus récent au plus ancien',
  description: 'Seulement les dépôts des structures pour lesquelles on dépose (rôle fournisseur).',
  request: { query: DepositListQuerySchema },
  responses: {
    200: { description: 'Une page de dépôts', content: { 'application/json': { schema: DepositPageSchema } } },
    400: error('Filtres invalides'),
    401: error('Authentification requise'),
  },
});

const detailRoute = createRoute({
  method: 'get',
  path: '/api/deposits/{id}',
  tags: TAGS,
  summary: 'Un dépôt et son rapport : motif du refus, anomalies, facture déjà déposée, services du destinataire',
  request: { params: DepositIdParamSchema },
  responses: {
    200: { description: 'Le dépôt', content: { 'application/json': { schema: DepositDetailSchema } } },
    401: error('Authentification requise'),
    404: error('Dépôt introuvable (ou d’un autre fournisseur)'),
  },
});

export const depositHistoryRoutes = new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
  .openapi(listRoute, async (c) => {
    const q = c.req.valid('query');
    return c.json(
      await listDeposits(c.get('deps'), requireActor(c), { outcome: q.outcome, page: q.page, pageSize: q.pageSize }),
      200,
    );
  })
  .openapi(detailRoute, async (c) =>
    c.json(await getDeposit(c.get('deps'), requireActor(c), c.req.valid('param').id), 200),
  );
