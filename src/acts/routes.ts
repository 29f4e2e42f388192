// JSON API of the acts: create (multipart), read, the archive as sent, the stamped PDF, publication.
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { stream } from 'hono/streaming';
import { requireActor } from '../platform/auth/index.ts';
import type { AppEnv } from '../platform/http.ts';
import { invalidField, parseMetadata } from './create/act-input.ts';
import { createAct, todayInParis } from './create/create-act.ts';
import { filesOf, type ActsDeps } from './deps.ts';
import { getActDetail } from './queries/find-act.ts';
import { openActArchive } from './queries/documents.ts';
import { launchAfterCommit } from './transmission/launch.ts';
import { publishAct } from './publication/publish-act.ts';
import { stampedPdfOfVisibleAct } from './stamp/stamped-document.ts';
import { discardUpload, receiveActUpload } from './upload/receive-act-upload.ts';
import type { Readable } from 'node:stream';
import { requestActAnswer } from './answers/request-answer.ts';
import { replyWithPieces } from './answers/reply-with-pieces.ts';
import { classificationRoutes } from './classification/routes.ts';
import { draftRoutes } from './batches/routes.ts';

const TAGS = ['Actes'];
const ErrorSchema = z
  .object({ code: z.string(), message: z.string(), requestId: z.string(), details: z.unknown().optional() })
  .openapi('ErreurActe');
const error = (description: string) => ({ description, content: { 'application/json': { schema: ErrorSchema } } });
const IdParam = z.object({ id: z.string().openapi({ description: "Identifiant de l'acte" }) });

const createActRoute = createRoute({
  method: 'post',
  path: '/api/acts',
  tags: TAGS,
  summary: 'Créer un acte et lancer sa transmission à la préfecture (ou l’enregistrer comme brouillon)',
  description:
    'Formulaire multipart/form-data : `metadata` = JSON `{"nature": 1, "classification": "1.1", "number": "D2026_001", ' +
    '"decisionDate": "AAAA-MM-JJ", "object": "…", "documentType"?: "99_DE", "annexTypes"?: ["99_DE"], "draft"?: false, ' +
    '"meetingLabel"?: "Conseil municipal du 12 mars", "meetingDate"?: "AAAA-MM-JJ"}`, `document` = le PDF ' +
    'de l\'acte, `annexes` = fichiers (PDF, JPEG, PNG, XML). 150 Mio au total. Avec `"draft": true`, l\'acte est ' +
    'enregistré comme brouillon (statut BROUILLON) : rien ne part vers la préfecture avant son envoi (`POST /api/acts/batches`).',
  responses: {
    201: {
      description: 'Acte créé ; sa transmission est lancée',
      content: { 'application/json': { schema: z.object({ id: z.string(), status: z.string() }).openapi('ActeCree') } },
    },
    400: error('Champ invalide (le champ est nommé dans details.field)'),
    401: error('Authentification requise'),
    403: error("Pas agent d'une collectivité"),
    409: error('Numéro déjà utilisé, ou classification absente'),
    413: error('Plus de 150 Mio'),
    415: error('Pas un formulaire multipart'),
  },
});

const detailRoute = createRoute({
  method: 'get',
  path: '/api/acts/{id}',
  tags: TAGS,
  summary: 'Consulter un acte : statut, identifiant ACTES, date de réception, fin du délai de contrôle, historique',
  request: { params: IdParam },
  responses: {
    200: {
      description: "L'acte",
      content: { 'application/json': { schema: z.record(z.string(), z.unknown()).openapi('Acte') } },
    },
    401: error('Authentification requise'),
    404: error('Acte introuvable'),
  },
});

const archiveRoute = createRoute({
  method: 'get',
  path: '/api/acts/{id}/archive',
  tags: TAGS,
  summary: "L'archive .tar.gz exactement telle qu'envoyée au ministère",
  request: { params: IdParam },
  responses: {
    200: {
      description: "L'archive",
      content: { 'application/gzip': { schema: { type: 'string', format: 'binary' } } },
    },
    401: error('Authentification requise'),
    404: error('Acte introuvable ou archive pas encore construite'),
  },
});

const stampedRoute = createRoute({
  method: 'get',
  path: '/api/acts/{id}/stamped.pdf',
  tags: TAGS,
  summary: 'Le document principal tamponné (envoyé, reçu, publié, identifiant ACTES)',
  request: { params: IdParam },
  responses: {
    200: {
      description: 'Le PDF tamponné',
      content: { 'application/pdf': { schema: { type: 'string', format: 'binary' } } },
    },
    401: error('Authentification requise'),
    404: error('Acte introuvable'),
    409: error('Accusé de réception pas encore reçu'),
    422: error('Document principal illisible ou chiffré'),
  },
});

const publishRoute = createRoute({
  method: 'post',
  path: '/api/acts/{id}/publish',
  tags: TAGS,
  summary: 'Publier l’acte sur la page publique de la collectivité (définitif)',
  request: { params: IdParam },
  responses: {
    200: {
      description: 'Acte publié (ou déjà publié : alreadyPublished)',
      content: {
        'application/json': {
          schema: z
            .object({
              id: z.string(),
              publishedAt: z.string(),
              enforceableAt: z.string().nullable(),
              alreadyPublished: z.boolean(),
            })
            .openapi('PublicationActe'),
        },
      },
    },
    401: error('Authentification requise'),
    403: error('Pas agent de la collectivité'),
    404: error('Acte introuvable'),
    409: error('Accusé de réception pas encore reçu, ou transmission annulée'),
  },
});

export const pdfResponse = (pdf: { bytes: Uint8Array; fileName: string }, disposition = 'inline') =>
  new Response(new Blob([pdf.bytes as Uint8Array<ArrayBuffer>]), {
    headers: {
      'content-type': 'application/pdf',
      'content-disposition': `${disposition}; filename="${pdf.fileName}"`,
      'content-length': String(pdf.bytes.byteLength),
    },
  });

export function sendStream(
  c: Context,
  opened: { stream: Readable; mediaType: string; fileName: string; size?: number },
) {
  c.header('content-type', opened.mediaType);
  c.header('content-disposition', `attachment; filename="${opened.fileName}"`);
  if (opened.size !== undefined) c.header('content-length', String(opened.size));
  return stream(c, async (out) => {
    for await (const chunk of opened.stream) await out.write(chunk as Uint8Array);
  });
}

export const actRoutes = new OpenAPIHono<AppEnv>()
  // Before `/api/acts/{id}`: `/api/acts/batches/…` are the batches' own paths.
  .route('/', draftRoutes)
  .openapi(createActRoute, async (c) => {
    const deps = c.get('deps') as ActsDeps;
    const actor = requireActor(c);
    const store = filesOf(deps);
    const upload = await receiveActUpload(c.req.raw, store, { fileFields: ['document', 'annexes'] });
    try {
      const metadata = parseMetadata(upload.fields['metadata']?.[0], todayInParis(deps));
      const documents = upload.files.filter((f) => f.field === 'document');
      if (documents.length > 1) throw invalidField('document', 'un seul document principal par acte');
      const created = await createAct({
        ctx: { deps, actor },
        input: { metadata, document: documents[0], annexes: upload.files.filter((f) => f.field === 'annexes') },
      });
      if (created.status !== 'BROUILLON') await launchAfterCommit(deps, created.id);
      return c.json({ id: created.id, status: created.status }, 201);
    } catch (e) {
      await discardUpload(store, upload);
      throw e;
    }
  })
  .openapi(detailRoute, async (c) => {
    const deps = c.get('deps') as ActsDeps;
    return c.json(await getActDetail(deps, c.get('actor'), c.req.valid('param').id), 200);
  })
  .openapi(archiveRoute, async (c) => {
    const deps = c.get('deps') as ActsDeps;
    const opened = await openActArchive(deps, c.get('actor'), c.req.valid('param').id);
    return sendStream(c, opened) as never;
  })
  .openapi(stampedRoute, async (c) => {
    const deps = c.get('deps') as ActsDeps;
    return pdfResponse(await stampedPdfOfVisibleAct(deps, c.get('actor'), c.req.valid('param').id)) as never;
  })
  .openapi(publishRoute, async (c) => {
    const deps = c.get('deps') as ActsDeps;
    const actor = requireActor(c);
    return c.json(await publishAct({ ctx: { deps, actor }, input: { actId: c.req.valid('param').id } }), 200);
  });

const AnswerBody = z
  .object({
    letterId: z.string().openapi({ description: 'Identifiant du courrier de la préfecture' }),
    code: z.enum(['2-2', '3-3', '4-3', '4-4']).openapi({ description: 'Réponse : 2-2, 3-3 (refus), 4-3 (rejet), 4-4' }),
  })
  .openapi('ReponseCourrier');
const answerResponses = {
  202: {
    description: 'Demande enregistrée ; le message part vers la préfecture',
    content: {
      'application/json': {
        schema: z.object({ status: z.string(), letterId: z.string().optional() }).openapi('DemandeEnregistree'),
      },
    },
  },
  413: error('Plus de 150 Mio'),
  400: error('Réponse non admise pour ce courrier'),
  401: error('Authentification requise'),
  403: error("Pas agent de la collectivité de l'acte"),
  404: error('Acte ou courrier introuvable'),
  409: error('Déjà répondu, ou acte non annulable'),
};
const replyRoute = createRoute({
  method: 'post',
  path: '/api/acts/{id}/replies',
  tags: TAGS,
  summary: 'Répondre à un courrier de la préfecture (2-2, 3-3, 3-4 avec les pièces, 4-3, 4-4)',
  description:
    'En JSON `{"letterId", "code"}` : une réponse sans document (2-2, 3-3, 4-3, 4-4). En multipart/form-data : ' +
    '`metadata` = JSON `{"letterId", "code", "documentType"?, "annexTypes"?}`, `document` = le courrier de la ' +
    'collectivité (PDF), `annexes` = les pièces (3-4 : pièces complémentaires demandées par un 3-1 ; le délai de ' +
    'contrôle repart de leur envoi). 150 Mio au total.',
  request: {
    params: IdParam,
    body: {
      content: {
        'application/json': { schema: AnswerBody },
        // Described, not validated here: the form is streamed to the file store by the handler.
        'multipart/form-data': {
          schema: {
            type: 'object',
            required: ['metadata', 'document'],
            properties: {
              metadata: { type: 'string', description: 'JSON {"letterId", "code", "documentType"?, "annexTypes"?}' },
              document: { type: 'string', format: 'binary' },
              annexes: { type: 'array', items: { type: 'string', format: 'binary' } },
            },
          },
        },
      },
    },
  },
  responses: answerResponses,
});
const cancelRoute = createRoute({
  method: 'post',
  path: '/api/acts/{id}/cancellation',
  tags: TAGS,
  summary: "Demander l'annulation d'un acte acquitté (6-1)",
  request: { params: IdParam },
  responses: answerResponses,
});

export const actAnswerRoutes = new OpenAPIHono<AppEnv>()
  .route('/', classificationRoutes)
  .openapi(replyRoute, async (c) => {
    const deps = c.get('deps') as ActsDeps;
    const actId = c.req.valid('param').id;
    if (/^multipart\/form-data\s*;/i.test(c.req.header('content-type') ?? ''))
      return c.json(await replyWithPieces(deps, requireActor(c), actId, c.req.raw), 202);
    // The multipart schema is a plain description (not zod), which hides the JSON body's type from inference.
    const body = (c.req.valid as unknown as (target: 'json') => z.infer<typeof AnswerBody>)('json');
    const input = { actId, kind: 'reply' as const, ...body };
    return c.json(await requestActAnswer({ ctx: { deps, actor: c.get('actor') }, input }), 202);
  })
  .openapi(cancelRoute, async (c) => {
    const deps = c.get('deps') as ActsDeps;
    const input = { actId: c.req.valid('param').id, kind: 'cancel' as const };
    return c.json(await requestActAnswer({ ctx: { deps, actor: c.get('actor') }, input }), 202);
  });
