// JSON API of the tender room: consultations (draft, publish, read, search), sealed deposits and their receipts,
// opening and reading of bids. Uploads are streamed: their bodies are declared for the OpenAPI document only.
import { Readable } from 'node:stream';
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { verifyCsrf } from '../platform/auth/csrf.tsx';
import { requireActor } from '../platform/auth/index.ts';
import { validationHook } from '../platform/error-handler.ts';
import { AppError } from '../platform/errors.ts';
import type { AppEnv } from '../platform/http.ts';
import { draftConsultation } from './consultations/draft-consultation.ts';
import { publishConsultation } from './consultations/publish-consultation.ts';
import { readConsultation, searchConsultations } from './consultations/read-consultation.ts';
import { depositBid } from './deposits/deposit-bid.ts';
import { getReceipt, getReceiptPdf, timeStampChain } from './deposits/receipts.ts';
import { receiveSealedFiles } from './deposits/receive-sealed-files.ts';
import { openBids } from './opening/open-bids.ts';
import { readBidFile } from './opening/read-bid-file.ts';
import { tenderFollowUpRoutes } from './routes-follow-up.ts';
import { tenderUploadRoutes } from './uploads/routes.ts';
import {
  ConsultationSchema,
  DepositParam,
  DepositResultSchema,
  DraftSchema,
  ErrorSchema,
  IdParam,
  LotParam,
  OpeningSchema,
  SearchQuery,
  SummarySchema,
} from './schemas.ts';

const TAGS = ['Marchés publics'];
const error = (description: string) => ({ description, content: { 'application/json': { schema: ErrorSchema } } });
const json = <T extends z.ZodType>(schema: T, description: string) => ({
  description,
  content: { 'application/json': { schema } },
});
const binary = (mediaType: string, description: string) => ({
  description,
  content: { [mediaType]: { schema: { type: 'string' as const, format: 'binary' } } },
});

/** A browser session proves its form with the CSRF header; API clients (bearer tokens) have no session. */
function checkCsrfHeader(c: Context<AppEnv>): void {
  if (c.get('authSession')) verifyCsrf(c, c.req.header('x-csrf-token'));
}

export function sendBytes(c: Context<AppEnv>, bytes: Uint8Array | string, mediaType: string, fileName: string) {
  const ascii = fileName.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return c.body(typeof bytes === 'string' ? bytes : (bytes as Uint8Array<ArrayBuffer>), 200, {
    'Content-Type': mediaType,
    'Content-Disposition': `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`,
    'Cache-Control': 'private, no-store',
    'X-Content-Type-Options': 'nosniff',
  });
}

const draftRoute = createRoute({
  method: 'post',
  path: '/api/tenders/consultations',
  tags: TAGS,
  summary: 'Rédiger une consultation (agent de l’acheteur) : procédure, lots, codes CPV, dates limites',
  request: { body: { required: true, content: { 'application/json': { schema: DraftSchema } } } },
  responses: {
    201: json(z.object({ id: z.string() }), 'Brouillon créé'),
    400: error('Champ invalide'),
    401: error('Authentification requise'),
    403: error('Pas agent d’un acheteur'),
    409: error('Référence déjà utilisée'),
  },
});

const publishRoute = createRoute({
  method: 'post',
  path: '/api/tenders/consultations/{id}/publish',
  tags: TAGS,
  summary: 'Publier : délais minimaux de la procédure et seuils 2026 vérifiés ; le workflow de la consultation démarre',
  request: { params: IdParam },
  responses: {
    200: json(z.object({ id: z.string(), publishedAt: z.string(), workflowStarted: z.boolean() }), 'Publiée'),
    401: error('Authentification requise'),
    404: error('Consultation introuvable'),
    409: error('Déjà publiée'),
    422: error('Délais ou seuils non respectés'),
  },
});

const searchRoute = createRoute({
  method: 'get',
  path: '/api/tenders/consultations',
  tags: TAGS,
  summary: 'Rechercher les consultations publiées (sans compte)',
  request: { query: SearchQuery },
  responses: { 200: json(z.object({ items: z.array(SummarySchema) }), 'Les consultations') },
});

const readRoute = createRoute({
  method: 'get',
  path: '/api/tenders/consultations/{id}',
  tags: TAGS,
  summary: 'Lire une consultation publiée : lots, dates limites, documents (taille et format)',
  request: { params: IdParam },
  responses: { 200: json(ConsultationSchema, 'La consultation'), 404: error('Consultation introuvable') },
});

const depositRoute = createRoute({
  method: 'post',
  path: '/api/tenders/consultations/{id}/lots/{lot}/deposits',
  tags: TAGS,
  summary: 'Déposer un pli pour un lot (entreprise) : fichiers chiffrés dès réception, accusé de réception horodaté',
  description:
    'Formulaire multipart : fichiers dans les champs « candidature » et « offre » (plusieurs possibles). ' +
    'L’heure de réception est celle de la FIN de la transmission ; un pli reçu après la date limite est conservé, ' +
    'marqué hors délai, et jamais ouvert comme valable. Un nouveau dépôt avant la date limite remplace le précédent.',
  request: {
    params: LotParam,
    headers: z.object({ 'x-company-id': z.string().optional().openapi({ description: 'Entreprise qui dépose' }) }),
    body: {
      required: true,
      content: {
        'multipart/form-data': {
          schema: {
            type: 'object',
            properties: {
              candidature: { type: 'array', items: { type: 'string', format: 'binary' } },
              offre: { type: 'array', items: { type: 'string', format: 'binary' } },
            },
          },
        },
      },
    },
  },
  responses: {
    201: json(DepositResultSchema, 'Pli reçu (à temps ou hors délai : voir « late »)'),
    400: error('Envoi invalide ou interrompu'),
    401: error('Authentification requise'),
    403: error('Pas une entreprise'),
    404: error('Consultation ou lot introuvable'),
    409: error('Plis déjà ouverts'),
    413: error('Fichier trop volumineux (1 Gio par fichier)'),
    415: error('Formulaire multipart attendu'),
  },
});

const receiptRoute = (format: 'json' | 'tsr' | 'pdf') =>
  createRoute({
    method: 'get',
    path: `/api/tenders/deposits/{depositId}/receipt.${format}`,
    tags: TAGS,
    summary: {
      json: 'Accusé de réception (JSON : les octets exacts couverts par le jeton)',
      tsr: 'Jeton d’horodatage RFC 3161 (TimeStampResp DER) de l’accusé de réception',
      pdf: 'Accusé de réception en PDF',
    }[format],
    request: { params: DepositParam },
    responses: {
      200: binary(
        { json: 'application/json', tsr: 'application/timestamp-reply', pdf: 'application/pdf' }[format],
        'Le fichier',
      ),
      401: error('Authentification requise'),
      404: error('Dépôt introuvable'),
    },
  });

const chainRoute = createRoute({
  method: 'get',
  path: '/api/tenders/tsa/chain.pem',
  tags: TAGS,
  summary: 'Chaîne de certificats de l’autorité d’horodatage du hub (pour openssl ts -verify -CAfile)',
  responses: { 200: binary('application/x-pem-file', 'Certificats PEM') },
});

const openRoute = createRoute({
  method: 'post',
  path: '/api/tenders/consultations/{id}/opening',
  tags: TAGS,
  summary: 'Ouvrir les plis (agent de l’acheteur, après la date limite seulement) : candidatures puis offres',
  request: { params: IdParam },
  responses: {
    200: json(OpeningSchema, 'Rapport d’ouverture (intégrité de chaque fichier)'),
    401: error('Authentification requise'),
    404: error('Consultation introuvable'),
    409: error('Date limite non passée, ou plis déjà ouverts'),
    503: error('Antivirus injoignable : rien n’est ouvert, réessayer plus tard'),
  },
});

const bidFileRoute = createRoute({
  method: 'get',
  path: '/api/tenders/consultations/{id}/deposits/{depositId}/files/{fileId}',
  tags: TAGS,
  summary: 'Lire un fichier d’un pli ouvert (agent de l’acheteur)',
  request: { params: IdParam.merge(DepositParam).extend({ fileId: z.uuid() }) },
  responses: {
    200: binary('application/octet-stream', 'Le fichier déchiffré'),
    401: error('Authentification requise'),
    404: error('Introuvable'),
    409: error('Pli non ouvert, ou fichier en quarantaine (antivirus)'),
  },
});

export const tenderRoutes = new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
  .openapi(draftRoute, async (c) => {
    checkCsrfHeader(c);
    const input = c.req.valid('json');
    return c.json(await draftConsultation({ ctx: { deps: c.get('deps'), actor: requireActor(c) }, input }), 201);
  })
  .openapi(publishRoute, async (c) => {
    checkCsrfHeader(c);
    const { id } = c.req.valid('param');
    return c.json(
      await publishConsultation({
        ctx: { deps: c.get('deps'), actor: requireActor(c) },
        input: { consultationId: id },
      }),
      200,
    );
  })
  .openapi(searchRoute, async (c) => {
    const q = c.req.valid('query');
    const items = await searchConsultations(c.get('deps'), {
      q: q.q,
      cpv: q.cpv,
      buyerId: q.buyerId,
      openOnly: q.all !== 'true',
    });
    return c.json({ items }, 200);
  })
  .openapi(readRoute, async (c) =>
    c.json(await readConsultation(c.get('deps'), c.get('actor'), c.req.valid('param').id), 200),
  )
  .openapi(depositRoute, async (c) => {
    checkCsrfHeader(c);
    const { id, lot } = c.req.valid('param');
    const deps = c.get('deps');
    if (!deps.files) throw new AppError('FILE_STORAGE_UNAVAILABLE', 'Stockage des fichiers indisponible.', 503);
    const store = deps.files;
    const result = await depositBid({
      ctx: { deps, actor: requireActor(c) },
      input: {
        consultationId: id,
        lotNumber: lot,
        ...(c.req.header('x-company-id') ? { companyId: c.req.header('x-company-id') } : {}),
        receive: (publicKeyPem, companyId, antivirus) =>
          receiveSealedFiles(c.req.raw, { store, publicKeyPem, owningStructureId: companyId, antivirus }),
      },
    });
    return c.json(result, 201);
  })
  .openapi(receiptRoute('json'), async (c) => {
    const { depositId } = c.req.valid('param');
    const r = await getReceipt(c.get('deps'), c.get('actor'), depositId);
    return sendBytes(c, r.json, 'application/json', `accuse-${depositId}.json`);
  })
  .openapi(receiptRoute('tsr'), async (c) => {
    const { depositId } = c.req.valid('param');
    const r = await getReceipt(c.get('deps'), c.get('actor'), depositId);
    return sendBytes(c, r.token, 'application/timestamp-reply', `jeton-${depositId}.tsr`);
  })
  .openapi(receiptRoute('pdf'), async (c) => {
    const { depositId } = c.req.valid('param');
    return sendBytes(
      c,
      await getReceiptPdf(c.get('deps'), c.get('actor'), depositId),
      'application/pdf',
      `accuse-${depositId}.pdf`,
    );
  })
  .openapi(chainRoute, async (c) =>
    sendBytes(c, await timeStampChain(c.get('deps')), 'application/x-pem-file', 'chaine-horodatage.pem'),
  )
  .openapi(openRoute, async (c) => {
    checkCsrfHeader(c);
    const { id } = c.req.valid('param');
    return c.json(
      await openBids({ ctx: { deps: c.get('deps'), actor: c.get('actor') }, input: { consultationId: id } }),
      200,
    );
  })
  .openapi(bidFileRoute, async (c) => {
    const { id, depositId, fileId } = c.req.valid('param');
    const file = await readBidFile({
      ctx: { deps: c.get('deps'), actor: c.get('actor') },
      input: { consultationId: id, depositId, fileId },
    });
    const ascii = file.fileName.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
    return c.body(Readable.toWeb(file.stream) as ReadableStream, 200, {
      'Content-Type': 'application/octet-stream',
      'Content-Length': String(file.size),
      'Content-Disposition': `attachment; filename="${ascii}"`,
      'Cache-Control': 'private, no-store',
    });
  })
  .route('/', tenderFollowUpRoutes)
  .route('/', tenderUploadRoutes);
