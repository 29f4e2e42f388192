// JSON API of the agent's list, the drafts and the batches: `GET /api/acts` (the structure's acts, filtered and
// paged), `PUT`/`DELETE /api/acts/{id}` (a draft), `POST /api/acts/batches` (send drafts), `GET /api/acts/batches/{id}`.
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { requireActor, structuresWithRole } from '../../platform/auth/index.ts';
import { forbidden } from '../../platform/errors.ts';
import type { AppEnv } from '../../platform/http.ts';
import { invalidField, parseMetadata } from '../create/act-input.ts';
import { todayInParis } from '../create/create-act.ts';
import { deleteDraft, editDraft } from '../create/drafts.ts';
import { filesOf, type ActsDeps } from '../deps.ts';
import { ACT_STATUSES, type ActStatus } from '../domain/statuses.ts';
import { listAgentActs } from '../queries/agent-acts.ts';
import { discardUpload, receiveActUpload } from '../upload/receive-act-upload.ts';
import { findVisibleBatch } from './find-batch.ts';
import { sendBatch } from './send-batch.ts';
import { startBatch } from './start-batch.ts';

const TAGS = ['Actes'];
const ErrorSchema = z
  .object({ code: z.string(), message: z.string(), requestId: z.string(), details: z.unknown().optional() })
  .openapi('ErreurActe');
const error = (description: string) => ({ description, content: { 'application/json': { schema: ErrorSchema } } });
const IdParam = z.object({ id: z.string().openapi({ description: "Identifiant de l'acte" }) });
export const API_PAGE_SIZE = 50;

const ListItem = z
  .object({
    id: z.string(),
    number: z.string(),
    object: z.string(),
    nature: z.number(),
    status: z.string(),
    idActe: z.string().nullable(),
    decisionDate: z.string(),
    legalityWindowEndsAt: z.string().nullable(),
    meetingLabel: z.string().nullable(),
    meetingDate: z.string().nullable(),
    createdAt: z.string(),
    awaitingAnswers: z.number(),
  })
  .openapi('ActeListe');

const listRoute = createRoute({
  method: 'get',
  path: '/api/acts',
  tags: TAGS,
  summary: 'Les actes des collectivités de l’agent, du plus récent au plus ancien (50 par page)',
  request: {
    query: z.object({
      status: z.enum(ACT_STATUSES).optional().openapi({ description: 'Statut (BROUILLON pour les brouillons)' }),
      q: z.string().max(200).optional().openapi({ description: 'Numéro ou mots de l’objet' }),
      page: z.coerce.number().int().min(1).max(100_000).optional(),
    }),
  },
  responses: {
    200: {
      description: 'Une page d’actes',
      content: {
        'application/json': {
          schema: z
            .object({ total: z.number(), page: z.number(), pageSize: z.number(), items: z.array(ListItem) })
            .openapi('ListeActes'),
        },
      },
    },
    400: error('Paramètre invalide'),
    401: error('Authentification requise'),
    403: error("Pas agent d'une collectivité"),
  },
});

const editRoute = createRoute({
  method: 'put',
  path: '/api/acts/{id}',
  tags: TAGS,
  summary: 'Modifier un brouillon : ses métadonnées, et ses pièces si un document est joint (toutes remplacées)',
  description:
    'Formulaire multipart/form-data comme à la création : `metadata` (toutes les métadonnées), et facultativement ' +
    '`document` + `annexes` qui remplacent toutes les pièces. Sans fichier, les pièces restent, avec les typologies ' +
    'de `documentType` / `annexTypes`.',
  request: { params: IdParam },
  responses: {
    200: {
      description: 'Brouillon modifié',
      content: { 'application/json': { schema: z.object({ id: z.string(), status: z.string() }) } },
    },
    400: error('Champ invalide (nommé dans details.field)'),
    401: error('Authentification requise'),
    404: error('Acte introuvable'),
    409: error('Pas (plus) un brouillon, ou numéro déjà utilisé'),
    413: error('Plus de 150 Mio'),
  },
});

const deleteRoute = createRoute({
  method: 'delete',
  path: '/api/acts/{id}',
  tags: TAGS,
  summary: 'Supprimer un brouillon (avec ses pièces)',
  request: { params: IdParam },
  responses: {
    200: {
      description: 'Brouillon supprimé',
      content: { 'application/json': { schema: z.object({ id: z.string(), deleted: z.boolean() }) } },
    },
    401: error('Authentification requise'),
    404: error('Acte introuvable'),
    409: error('Pas (plus) un brouillon'),
  },
});

const BatchSchema = z
  .object({
    id: z.string(),
    replayed: z.boolean().optional(),
    acts: z.array(
      z.object({
        id: z.string(),
        number: z.string(),
        object: z.string(),
        status: z.string(),
        idActe: z.string().nullable(),
        error: z.string().nullable(),
      }),
    ),
  })
  .openapi('LotActes');

const sendBatchRoute = createRoute({
  method: 'post',
  path: '/api/acts/batches',
  tags: TAGS,
  summary: 'Transmettre des brouillons en une fois (par exemple les délibérations d’une séance)',
  description:
    'Chaque acte est vérifié comme à sa création, puis tous passent en attente de transmission dans une même ' +
    'transaction (aucun si l’un est refusé) ; chacun part dans sa propre archive. Le même envoi répété répond le ' +
    'premier lot (`replayed: true`) et ne relance rien. 200 actes au plus, d’une même collectivité.',
  request: {
    body: {
      content: {
        'application/json': {
          schema: z
            .object({ actIds: z.array(z.string()).openapi({ description: 'Identifiants des brouillons' }) })
            .openapi('EnvoiLot'),
        },
      },
    },
  },
  responses: {
    202: {
      description: 'Lot enregistré ; les transmissions partent',
      content: { 'application/json': { schema: BatchSchema } },
    },
    400: error('Liste invalide'),
    401: error('Authentification requise'),
    404: error('Acte introuvable'),
    409: error('Un des actes n’est plus un brouillon, ou la classification a changé'),
  },
});

const batchRoute = createRoute({
  method: 'get',
  path: '/api/acts/batches/{id}',
  tags: TAGS,
  summary: 'Un lot : l’avancement de chacun de ses actes (statut, identifiant ACTES)',
  request: { params: z.object({ id: z.string().openapi({ description: 'Identifiant du lot' }) }) },
  responses: {
    200: { description: 'Le lot', content: { 'application/json': { schema: BatchSchema } } },
    401: error('Authentification requise'),
    404: error('Lot introuvable'),
  },
});

export const draftRoutes = new OpenAPIHono<AppEnv>()
  .openapi(listRoute, async (c) => {
    const deps = c.get('deps') as ActsDeps;
    const actor = requireActor(c);
    const mine = structuresWithRole(actor, 'agent');
    if (mine.length === 0) throw forbidden("Seul un agent d'une collectivité consulte la liste de ses actes.");
    const query = c.req.valid('query');
    const page = query.page ?? 1;
    const { items, total } = await listAgentActs(deps, mine, {
      status: query.status as ActStatus | undefined,
      text: query.q?.trim() || undefined,
      page,
      pageSize: API_PAGE_SIZE,
    });
    return c.json(
      {
        total,
        page,
        pageSize: API_PAGE_SIZE,
        items: items.map((a) => ({
          id: a.id,
          number: a.number,
          object: a.object,
          nature: a.nature,
          status: a.status,
          idActe: a.idActe,
          decisionDate: a.decisionDate,
          legalityWindowEndsAt: a.windowEndsOn,
          meetingLabel: a.meetingLabel,
          meetingDate: a.meetingDate,
          createdAt: a.createdAt.toISOString(),
          awaitingAnswers: a.awaitingAnswers,
        })),
      },
      200,
    );
  })
  .openapi(editRoute, async (c) => {
    const deps = c.get('deps') as ActsDeps;
    const actor = requireActor(c);
    const store = filesOf(deps);
    const upload = await receiveActUpload(c.req.raw, store, { fileFields: ['document', 'annexes'] });
    try {
      const metadata = parseMetadata(upload.fields['metadata']?.[0], todayInParis(deps));
      const documents = upload.files.filter((f) => f.field === 'document');
      if (documents.length > 1) throw invalidField('document', 'un seul document principal par acte');
      const edited = await editDraft({
        ctx: { deps, actor },
        input: {
          actId: c.req.valid('param').id,
          metadata,
          document: documents[0],
          annexes: upload.files.filter((f) => f.field === 'annexes'),
        },
      });
      return c.json(edited, 200);
    } catch (e) {
      await discardUpload(store, upload);
      throw e;
    }
  })
  .openapi(deleteRoute, async (c) => {
    const deps = c.get('deps') as ActsDeps;
    return c.json(
      await deleteDraft({ ctx: { deps, actor: requireActor(c) }, input: { actId: c.req.valid('param').id } }),
      200,
    );
  })
  .openapi(sendBatchRoute, async (c) => {
    const deps = c.get('deps') as ActsDeps;
    const batch = await sendBatch({ ctx: { deps, actor: requireActor(c) }, input: c.req.valid('json') });
    if (!batch.replayed)
      await startBatch(
        deps,
        batch.acts.map((a) => a.id),
      );
    return c.json({ id: batch.id, replayed: batch.replayed, acts: batch.acts }, 202);
  })
  .openapi(batchRoute, async (c) => {
    const deps = c.get('deps') as ActsDeps;
    return c.json(await findVisibleBatch(deps, requireActor(c), c.req.valid('param').id), 200);
  });
