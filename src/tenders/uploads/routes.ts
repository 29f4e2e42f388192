// Resumable upload of bid files over the tus 1.0.0 core protocol (https://tus.io/protocols/resumable-upload),
// with its creation, expiration and termination extensions, so that a standard client (tus-js-client) works:
// POST creates an upload for a lot and a part, HEAD gives the stored offset, PATCH appends from it; then the
// company's own POST …/uploads/deposit turns the completed uploads into one deposit. Every tus answer carries
// Tus-Resumable; errors keep the hub's JSON shape (code, French message, requestId).
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import type { Context, MiddlewareHandler } from 'hono';
import { verifyCsrf } from '../../platform/auth/csrf.tsx';
import { requireActor } from '../../platform/auth/index.ts';
import { validationHook } from '../../platform/error-handler.ts';
import { AppError } from '../../platform/errors.ts';
import type { AppEnv } from '../../platform/http.ts';
import { DepositResultSchema, ErrorSchema, LotParam } from '../schemas.ts';
import { createUpload } from './create-upload.ts';
import { invalidUploadHeader, tusVersionRequired, uploadExpired } from './errors.ts';
import { finaliseDeposit } from './finalise-deposit.ts';
import { receiveChunk } from './receive-chunk.ts';
import { purgeExpiredUploads, terminateUpload } from './terminate-upload.ts';
import { loadOwnUpload, MAX_UPLOAD_BYTES, uploadStatus, type UploadStatus } from './upload-session.ts';

const TAGS = ['Marchés publics'];
const TUS_VERSION = '1.0.0';
const TUS_EXTENSIONS = 'creation,expiration,termination';
const error = (description: string) => ({ description, content: { 'application/json': { schema: ErrorSchema } } });
const UploadParam = z.object({ uploadId: z.string().openapi({ description: 'Identifiant de l’envoi' }) });
const TusHeaders = z.object({
  'tus-resumable': z.string().optional().openapi({ description: 'Version du protocole : 1.0.0 (obligatoire)' }),
});
const UploadStatusSchema = z
  .object({
    id: z.string(),
    part: z.string(),
    fileName: z.string(),
    mediaType: z.string(),
    length: z.number(),
    offset: z.number(),
    complete: z.boolean(),
    sha256: z.string().nullable(),
    expiresAt: z.string(),
    depositId: z.string().nullable(),
  })
  .openapi('EnvoiReprenable');

/** A browser session proves its request with the CSRF header; API clients (bearer tokens) have no session. */
function checkCsrfHeader(c: Context<AppEnv>): void {
  if (c.get('authSession')) verifyCsrf(c, c.req.header('x-csrf-token'));
}

/** Tus-Resumable required on every request but OPTIONS, and given on every answer (errors included). */
const tusProtocol: MiddlewareHandler<AppEnv> = async (c, next) => {
  if (c.req.method !== 'OPTIONS' && c.req.header('tus-resumable') !== TUS_VERSION) {
    c.header('Tus-Resumable', TUS_VERSION);
    c.header('Tus-Version', TUS_VERSION);
    throw tusVersionRequired();
  }
  await next();
  c.res.headers.set('Tus-Resumable', TUS_VERSION);
  c.res.headers.set('Cache-Control', 'no-store');
};

const uploadHeaders = (s: UploadStatus): Record<string, string> => ({
  'Upload-Offset': String(s.offset),
  'Upload-Length': String(s.length),
  'Upload-Expires': new Date(s.expiresAt).toUTCString(),
});

/** `Upload-Metadata: key base64value,key2 base64value2` (values optional). */
function parseMetadata(header: string | undefined): Map<string, string> {
  const pairs = new Map<string, string>();
  if (!header?.trim()) return pairs;
  for (const item of header.split(',')) {
    const [key, value, extra] = item.trim().split(' ');
    if (!key || extra !== undefined || (value !== undefined && !/^[A-Za-z0-9+/]*={0,2}$/.test(value)))
      throw invalidUploadHeader('Upload-Metadata', 'paires « clé valeur-base64 » séparées par des virgules');
    pairs.set(key, value ? Buffer.from(value, 'base64').toString('utf8') : '');
  }
  return pairs;
}

function offsetHeader(c: Context<AppEnv>, name: string): number {
  const text = c.req.header(name);
  if (text === undefined || !/^\d{1,16}$/.test(text)) throw invalidUploadHeader(name, 'entier positif attendu');
  return Number(text);
}

const optionsRoute = createRoute({
  method: 'options',
  path: '/api/tenders/uploads',
  tags: TAGS,
  summary: 'Capacités du protocole d’envoi reprenable (tus 1.0.0)',
  responses: { 204: { description: 'Tus-Version, Tus-Extension, Tus-Max-Size' } },
});

const createUploadRoute = createRoute({
  method: 'post',
  path: '/api/tenders/consultations/{id}/lots/{lot}/uploads',
  tags: TAGS,
  summary: 'Créer un envoi reprenable d’un fichier du pli (tus, extension creation) : début de l’envoi',
  description:
    'En-têtes tus : Upload-Length (taille du fichier), Upload-Metadata avec « part » (candidature ou offre), ' +
    '« filename » et « filetype », en base64. Répond 201 avec Location (l’adresse de l’envoi) et Upload-Expires. ' +
    'L’heure de création est le DÉBUT de l’envoi porté sur l’accusé de réception.',
  request: {
    params: LotParam,
    headers: TusHeaders.extend({
      'upload-length': z.string().optional().openapi({ description: 'Taille du fichier en octets' }),
      'upload-metadata': z.string().optional().openapi({ description: 'part, filename, filetype (base64)' }),
      'x-company-id': z.string().optional().openapi({ description: 'Entreprise qui dépose' }),
    }),
  },
  responses: {
    201: { description: 'Envoi créé (Location, Upload-Expires)' },
    400: error('En-tête ou métadonnée invalide, fichier vide'),
    401: error('Authentification requise'),
    403: error('Pas une entreprise'),
    404: error('Consultation ou lot introuvable'),
    409: error('Plis déjà ouverts'),
    412: error('Tus-Resumable: 1.0.0 manquant'),
    413: error('Fichier trop volumineux'),
  },
});

const statusRoute = createRoute({
  method: 'get',
  path: '/api/tenders/uploads/{uploadId}',
  tags: TAGS,
  summary: 'Position d’un envoi reprenable (HEAD en tus ; GET donne aussi l’état en JSON)',
  description:
    'Upload-Offset : octets enregistrés (chiffrés), à partir desquels reprendre ; Upload-Length ; Upload-Expires.',
  request: { params: UploadParam, headers: TusHeaders },
  responses: {
    200: { description: 'État', content: { 'application/json': { schema: UploadStatusSchema } } },
    404: error('Envoi introuvable (ou d’une autre entreprise)'),
    410: error('Envoi expiré'),
    412: error('Tus-Resumable: 1.0.0 manquant'),
  },
});

const patchRoute = createRoute({
  method: 'patch',
  path: '/api/tenders/uploads/{uploadId}',
  tags: TAGS,
  summary: 'Envoyer la suite du fichier à partir de Upload-Offset (tus PATCH), chiffrée dès réception',
  description:
    'Corps application/offset+octet-stream. Le fichier est chiffré par segments de 1 Mio dès leur arrivée ; une ' +
    'connexion coupée perd au plus le segment en cours : demander la position (HEAD) et reprendre. Le dernier ' +
    'octet enregistré est la FIN de l’envoi (heure de réception du pli).',
  request: {
    params: UploadParam,
    headers: TusHeaders.extend({ 'upload-offset': z.string().optional() }),
    body: {
      required: true,
      content: { 'application/offset+octet-stream': { schema: { type: 'string', format: 'binary' } } },
    },
  },
  responses: {
    204: { description: 'Octets enregistrés (Upload-Offset : nouvelle position)' },
    400: error('Envoi interrompu, ou au-delà de Upload-Length'),
    404: error('Envoi introuvable (ou d’une autre entreprise)'),
    409: error('UPLOAD_OFFSET_MISMATCH : mauvaise position ; ou fichier déjà déposé, plis ouverts'),
    410: error('UPLOAD_EXPIRED : envoi expiré'),
    412: error('Tus-Resumable: 1.0.0 manquant'),
    415: error('Type application/offset+octet-stream attendu'),
  },
});

const deleteRoute = createRoute({
  method: 'delete',
  path: '/api/tenders/uploads/{uploadId}',
  tags: TAGS,
  summary: 'Abandonner un envoi non déposé (tus, extension termination) : ses octets chiffrés sont supprimés',
  request: { params: UploadParam, headers: TusHeaders },
  responses: {
    204: { description: 'Supprimé' },
    404: error('Envoi introuvable'),
    409: error('Déjà déposé'),
  },
});

const finaliseRoute = createRoute({
  method: 'post',
  path: '/api/tenders/consultations/{id}/lots/{lot}/uploads/deposit',
  tags: TAGS,
  summary: 'Déposer le pli fait des envois terminés (entreprise) : accusé de réception horodaté',
  description:
    'Les envois (créés pour ce lot, entièrement reçus) forment un pli, comme un dépôt en une requête : début = ' +
    'création du premier envoi, fin = dernier octet du dernier fichier ; reçu après la date limite, le pli est ' +
    'conservé et marqué hors délai. Rejouer la même demande rend le même pli (200).',
  request: {
    params: LotParam,
    body: {
      required: true,
      content: {
        'application/json': {
          schema: z.object({ uploads: z.array(z.string()).min(1).openapi({ description: 'Identifiants des envois' }) }),
        },
      },
    },
  },
  responses: {
    201: { description: 'Pli déposé', content: { 'application/json': { schema: DepositResultSchema } } },
    200: { description: 'Ce pli était déjà déposé', content: { 'application/json': { schema: DepositResultSchema } } },
    400: error('Liste invalide'),
    404: error('Envoi, consultation ou lot introuvable'),
    409: error('UPLOAD_INCOMPLETE, UPLOAD_ALREADY_DEPOSITED, plis ouverts'),
    410: error('Envoi expiré'),
  },
});

export const tenderUploadRoutes = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
tenderUploadRoutes.use('/api/tenders/uploads', tusProtocol);
tenderUploadRoutes.use('/api/tenders/uploads/*', tusProtocol);
tenderUploadRoutes.use('/api/tenders/consultations/:id/lots/:lot/uploads', tusProtocol);
tenderUploadRoutes
  .openapi(optionsRoute, (c) =>
    c.body(null, 204, {
      'Tus-Version': TUS_VERSION,
      'Tus-Extension': TUS_EXTENSIONS,
      'Tus-Max-Size': String(MAX_UPLOAD_BYTES),
    }),
  )
  .openapi(createUploadRoute, async (c) => {
    checkCsrfHeader(c);
    const { id, lot } = c.req.valid('param');
    if (c.req.header('upload-defer-length') !== undefined)
      throw invalidUploadHeader('Upload-Defer-Length', 'la taille du fichier doit être donnée dès la création');
    const length = offsetHeader(c, 'upload-length');
    const metadata = parseMetadata(c.req.header('upload-metadata'));
    const deps = c.get('deps');
    void purgeExpiredUploads(deps, deps.clock.now()).catch((e: unknown) =>
      deps.logger.warn({ err: e }, 'purge of expired tender uploads failed'),
    );
    const status = await createUpload({
      ctx: { deps, actor: requireActor(c) },
      input: {
        consultationId: id,
        lotNumber: lot,
        companyId: c.req.header('x-company-id'),
        part: metadata.get('part') ?? '',
        fileName: metadata.get('filename') ?? metadata.get('name') ?? '',
        mediaType: metadata.get('filetype') ?? metadata.get('type') ?? '',
        length,
      },
    });
    return c.body(null, 201, { ...uploadHeaders(status), Location: `/api/tenders/uploads/${status.id}` });
  })
  .openapi(statusRoute, async (c) => {
    const deps = c.get('deps');
    const { session } = await loadOwnUpload(deps, c.get('actor'), c.req.valid('param').uploadId);
    if (!session.depositId && !session.completedAt && session.expiresAt.getTime() <= deps.clock.now().getTime())
      throw uploadExpired(session.expiresAt);
    const status = uploadStatus(session);
    return c.json(status, 200, uploadHeaders(status));
  })
  .openapi(patchRoute, async (c) => {
    checkCsrfHeader(c);
    const mediaType = (c.req.header('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
    if (mediaType !== 'application/offset+octet-stream')
      throw new AppError(
        'UNSUPPORTED_MEDIA_TYPE',
        'Les octets d’un envoi reprenable s’envoient en « application/offset+octet-stream ».',
        415,
      );
    const offset = offsetHeader(c, 'upload-offset');
    const status = await receiveChunk({
      ctx: { deps: c.get('deps'), actor: requireActor(c) },
      input: {
        uploadId: c.req.valid('param').uploadId,
        offset,
        body: c.req.raw.body,
        declaredLength: /^\d+$/.test(c.req.header('content-length') ?? '')
          ? Number(c.req.header('content-length'))
          : undefined,
      },
    });
    return c.body(null, 204, uploadHeaders(status));
  })
  .openapi(deleteRoute, async (c) => {
    checkCsrfHeader(c);
    await terminateUpload({
      ctx: { deps: c.get('deps'), actor: requireActor(c) },
      input: { uploadId: c.req.valid('param').uploadId },
    });
    return c.body(null, 204);
  })
  .openapi(finaliseRoute, async (c) => {
    checkCsrfHeader(c);
    const { id, lot } = c.req.valid('param');
    const { alreadyDeposited, ...result } = await finaliseDeposit({
      ctx: { deps: c.get('deps'), actor: requireActor(c) },
      input: { consultationId: id, lotNumber: lot, uploadIds: c.req.valid('json').uploads },
    });
    return c.json(result, alreadyDeposited ? 200 : 201);
  });

// HEAD is answered by the GET route (hono strips the body); documented on its own for tus clients.
tenderUploadRoutes.openAPIRegistry.registerPath({
  method: 'head',
  path: '/api/tenders/uploads/{uploadId}',
  tags: TAGS,
  summary: 'Position d’un envoi reprenable (tus HEAD) : Upload-Offset, Upload-Length, Upload-Expires',
  request: { params: UploadParam },
  responses: { 200: { description: 'En-têtes seuls' }, 404: error('Envoi introuvable'), 410: error('Envoi expiré') },
});
