// HTTP API of the directory: search and read structures.
import { createRoute, OpenAPIHono } from '@hono/zod-openapi';
import { isOperator } from '../platform/auth/index.ts';
import { notFound } from '../platform/errors.ts';
import { validationHook } from '../platform/error-handler.ts';
import type { AppEnv } from '../platform/http.ts';
import { getStructure } from './read-structure.ts';
import {
  DirectoryErrorSchema,
  SearchQuerySchema,
  StructureDetailSchema,
  StructureIdParamSchema,
  StructurePageSchema,
} from './schemas.ts';
import { searchStructures } from './search-structures.ts';

const errorResponse = (description: string) => ({
  description,
  content: { 'application/json': { schema: DirectoryErrorSchema } },
});

const searchRoute = createRoute({
  method: 'get',
  path: '/api/directory/structures',
  tags: ['Annuaire'],
  summary: 'Rechercher des structures (collectivités, EPCI, fournisseurs)',
  request: { query: SearchQuerySchema },
  responses: {
    200: { description: 'Une page de structures', content: { 'application/json': { schema: StructurePageSchema } } },
    400: errorResponse('Paramètres de recherche invalides'),
  },
});

const getRoute = createRoute({
  method: 'get',
  path: '/api/directory/structures/{id}',
  tags: ['Annuaire'],
  summary: 'Consulter une structure : règles Chorus Pro, services, établissements',
  request: { params: StructureIdParamSchema },
  responses: {
    200: { description: 'La structure', content: { 'application/json': { schema: StructureDetailSchema } } },
    400: errorResponse('Identifiant invalide'),
    404: errorResponse('Structure introuvable'),
  },
});

export const directoryRoutes = new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
  .openapi(searchRoute, async (c) => {
    const { q, kind, departement, page, pageSize } = c.req.valid('query');
    const result = await searchStructures(c.get('deps').db, {
      q,
      kind,
      departement,
      // The public directory lists where invoices may be sent; the companies that send them are the operator's.
      publicOnly: !isOperator(c.get('actor')),
      limit: pageSize,
      offset: (page - 1) * pageSize,
    });
    return c.json({ items: result.items, total: result.total, page, pageSize }, 200);
  })
  .openapi(getRoute, async (c) => {
    const structure = await getStructure(c.get('deps').db, c.req.valid('param').id);
    if (!structure || (structure.kind === 'supplier' && !isOperator(c.get('actor')))) throw notFound('Structure');
    return c.json(structure, 200);
  });
