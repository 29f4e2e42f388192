// JSON API of the 7-1 classification request: ask, then follow the answer (7-2: a new file, 7-3: no change).
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { requireActor } from '../../platform/auth/index.ts';
import type { AppEnv } from '../../platform/http.ts';
import type { ActsDeps } from '../deps.ts';
import { getClassificationRequest, requestClassification } from './request-classification.ts';

const TAGS = ['Actes'];
const ErrorSchema = z
  .object({ code: z.string(), message: z.string(), requestId: z.string(), details: z.unknown().optional() })
  .openapi('ErreurDemandeClassification');
const error = (description: string) => ({ description, content: { 'application/json': { schema: ErrorSchema } } });

const RequestBody = z
  .object({
    siren: z.string().optional().openapi({ description: 'SIREN de la collectivité, pour un agent de plusieurs' }),
    forced: z
      .boolean()
      .optional()
      .openapi({ description: 'Sans date de la classification en usage : le ministère renvoie le fichier entier' }),
  })
  .openapi('DemandeClassification');

const askRoute = createRoute({
  method: 'post',
  path: '/api/acts/classification-requests',
  tags: TAGS,
  summary: 'Demander à la préfecture la classification de la collectivité (7-1)',
  request: { body: { content: { 'application/json': { schema: RequestBody } } } },
  responses: {
    202: {
      description: 'Demande enregistrée ; elle part vers le ministère',
      content: {
        'application/json': {
          schema: z.object({ id: z.string(), status: z.string() }).openapi('DemandeClassificationEnregistree'),
        },
      },
    },
    400: error('SIREN à préciser'),
    401: error('Authentification requise'),
    403: error("Pas agent d'une collectivité"),
    503: error('Envoi non lancé : renouveler la demande'),
  },
});

const followRoute = createRoute({
  method: 'get',
  path: '/api/acts/classification-requests/{id}',
  tags: TAGS,
  summary: 'Suivre une demande de classification : envoi, réponse (7-2 nouveau fichier, 7-3 inchangé)',
  request: { params: z.object({ id: z.string() }) },
  responses: {
    200: {
      description: 'La demande',
      content: {
        'application/json': { schema: z.record(z.string(), z.unknown()).openapi('SuiviDemandeClassification') },
      },
    },
    401: error('Authentification requise'),
    404: error('Demande introuvable'),
  },
});

export const classificationRoutes = new OpenAPIHono<AppEnv>()
  .openapi(askRoute, async (c) => {
    const deps = c.get('deps') as ActsDeps;
    const body = c.req.valid('json');
    return c.json(await requestClassification({ ctx: { deps, actor: requireActor(c) }, input: body }), 202);
  })
  .openapi(followRoute, async (c) => {
    const deps = c.get('deps') as ActsDeps;
    return c.json(await getClassificationRequest(deps, c.get('actor'), c.req.valid('param').id), 200);
  });
