// JSON API of the accounting flows: deposit a PES Aller (multipart, streamed), follow it (status, issues at their
// place, acknowledgement, invoices it pays), list them, and download the treasury's acknowledgement.
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { stream } from 'hono/streaming';
import type { Readable } from 'node:stream';
import type { AppEnv } from '../platform/http.ts';
import { depositUploadedPes } from './deposit/deposit-upload.ts';
import { PES_FLOW_STATUSES } from './domain/statuses.ts';
import { findVisibleFlow, getFlowDetail, listFlows, MAX_PAGE, openFlowAcquit } from './queries/flow-views.ts';
import type { AccountingDeps } from './settings.ts';
import { requestFlowSigning } from './signing/request-signing.ts';

const TAGS = ['Flux comptables (Hélios)'];
const ErrorSchema = z
  .object({ code: z.string(), message: z.string(), requestId: z.string(), details: z.unknown().optional() })
  .openapi('ErreurFluxComptable');
const error = (description: string) => ({ description, content: { 'application/json': { schema: ErrorSchema } } });
const IssueSchema = z
  .object({
    code: z.string().openapi({ description: 'Code d’acquittement Hélios (NumAnoAck)', example: 'ERREUR_PES_PARAM' }),
    message: z.string(),
    place: z.record(z.string(), z.unknown()),
  })
  .openapi('AnomaliePes');
const RefusedSchema = z
  .object({
    id: z.string(),
    status: z.literal('NON_CONFORME'),
    code: z.string().openapi({ example: 'PES_DUPLICATE_NOMFIC' }),
    message: z.string(),
    issues: z.array(IssueSchema),
    requestId: z.string(),
  })
  .openapi('FluxPesRefuse');
const FlowSchema = z.record(z.string(), z.unknown()).openapi('FluxComptable');
const IdParam = z.object({ id: z.string().openapi({ description: 'Identifiant du flux' }) });

const depositRoute = createRoute({
  method: 'post',
  path: '/api/accounting/flows',
  tags: TAGS,
  summary: 'Déposer un PES Aller (mandats, titres, PJ) pour transmission à Hélios',
  description:
    'Formulaire multipart/form-data, champ `file` : le fichier PES V2 en ISO-8859-1, 128 Mio au plus. Le fichier est ' +
    'vérifié en flux (encodage, DTD interdite, bonne formation, structure PES V2, montants, NomFic unique) ; accepté, ' +
    'il est transmis à la DGFiP (201) ; refusé, il est conservé avec ses anomalies et rien n’est transmis (422, 409).',
  request: {
    query: z.object({
      structureId: z
        .string()
        .optional()
        .openapi({ description: 'Collectivité qui dépose, si vous agissez pour plusieurs' }),
    }),
    body: {
      required: true,
      content: {
        'multipart/form-data': {
          schema: { type: 'object', properties: { file: { type: 'string', format: 'binary' } }, required: ['file'] },
        },
      },
    },
  },
  responses: {
    201: {
      description: 'Flux accepté ; sa transmission est lancée',
      content: {
        'application/json': {
          schema: z
            .object({ id: z.string(), status: z.string(), transactionNumber: z.number(), nomFic: z.string() })
            .openapi('FluxPesAccepte'),
        },
      },
    },
    400: error('Formulaire invalide, ou plusieurs collectivités possibles (STRUCTURE_REQUIRED)'),
    401: error('Authentification requise'),
    403: error('Pas comptable ni agent de la collectivité'),
    409: { description: 'NomFic déjà utilisé', content: { 'application/json': { schema: RefusedSchema } } },
    413: error('Plus de 128 Mio'),
    415: error('Pas un formulaire multipart'),
    422: { description: 'Flux non conforme', content: { 'application/json': { schema: RefusedSchema } } },
  },
});

const detailRoute = createRoute({
  method: 'get',
  path: '/api/accounting/flows/{id}',
  tags: TAGS,
  summary: 'Consulter un flux : statut, anomalies à leur place, acquittement, factures payées',
  request: { params: IdParam },
  responses: {
    200: { description: 'Le flux', content: { 'application/json': { schema: FlowSchema } } },
    401: error('Authentification requise'),
    404: error('Flux introuvable'),
  },
});

const listRoute = createRoute({
  method: 'get',
  path: '/api/accounting/flows',
  tags: TAGS,
  summary: 'Lister les flux des collectivités dont vous êtes comptable ou agent, du plus récent au plus ancien',
  request: {
    query: z.object({
      status: z.enum(PES_FLOW_STATUSES).optional(),
      limit: z.coerce.number().int().min(1).max(MAX_PAGE).optional(),
      before: z
        .string()
        .datetime()
        .optional()
        .openapi({ description: '`createdAt` du dernier flux de la page précédente' }),
    }),
  },
  responses: {
    200: {
      description: 'Une page de flux',
      content: {
        'application/json': { schema: z.object({ items: z.array(FlowSchema) }).openapi('PageFluxComptables') },
      },
    },
    400: error('Filtre invalide'),
    401: error('Authentification requise'),
  },
});

const acquitRoute = createRoute({
  method: 'get',
  path: '/api/accounting/flows/{id}/acquit',
  tags: TAGS,
  summary: 'Télécharger l’acquittement (PES_ACQUIT ou PES_NonAcquit) tel que reçu de la DGFiP',
  request: { params: IdParam },
  responses: {
    200: {
      description: 'Le fichier XML',
      content: { 'application/xml': { schema: { type: 'string', format: 'binary' } } },
    },
    401: error('Authentification requise'),
    404: error('Flux introuvable ou pas encore acquitté'),
  },
});

const signRoute = createRoute({
  method: 'post',
  path: '/api/accounting/flows/{id}/sign',
  tags: TAGS,
  summary: 'Faire signer par le hub les bordereaux non signés du flux, avec le certificat de la collectivité',
  description:
    'Réservé au comptable de la collectivité. Les bordereaux non signés sont signés (XAdES, politique Hélios) avant ' +
    'la transmission ; un flux déjà signé par le hub, transmis ou en erreur ne peut plus l’être (409). Sans ' +
    'certificat valide enregistré (page « Certificat de signature »), rien n’est demandé ni transmis (422).',
  request: { params: IdParam },
  responses: {
    202: {
      description: 'Signature demandée ; le flux est signé puis transmis',
      content: {
        'application/json': {
          schema: z.object({ id: z.string(), requested: z.literal(true) }).openapi('SignatureFluxDemandee'),
        },
      },
    },
    401: error('Authentification requise'),
    403: error('Pas comptable de la collectivité'),
    404: error('Flux introuvable'),
    409: error('Le flux a dépassé l’étape de signature (FLOW_SIGNING_CLOSED)'),
    422: error('Aucun certificat valide (SIGNING_IDENTITY_MISSING, SIGNING_CERTIFICATE_NOT_VALID)'),
  },
});

export function sendFile(c: Context, opened: { stream: Readable; size: number }, fileName: string, mediaType: string) {
  c.header('content-type', mediaType);
  c.header('content-disposition', `attachment; filename="${fileName.replace(/[^\w.-]/g, '_')}"`);
  c.header('content-length', String(opened.size));
  c.header('cache-control', 'private, no-store');
  return stream(c, async (out) => {
    for await (const chunk of opened.stream) await out.write(chunk as Uint8Array);
  });
}

export const accountingRoutes = new OpenAPIHono<AppEnv>()
  .openapi(depositRoute, async (c) => {
    const deps = c.get('deps') as AccountingDeps;
    const result = await depositUploadedPes(deps, c.get('actor'), c.req.raw, {
      field: 'file',
      channel: 'api',
      structureId: c.req.valid('query').structureId,
    });
    if (result.refusal) {
      const body = {
        id: result.flowId,
        status: 'NON_CONFORME' as const,
        code: result.refusal.code,
        message: result.refusal.message,
        issues: result.issues.map((i) => ({ ...i, place: { ...i.place } })),
        requestId: c.get('requestId'),
      };
      return result.refusal.status === 409 ? c.json(body, 409) : c.json(body, 422);
    }
    return c.json(
      { id: result.flowId, status: result.status, transactionNumber: result.transactionNumber, nomFic: result.nomFic },
      201,
    );
  })
  .openapi(listRoute, async (c) => {
    const deps = c.get('deps') as AccountingDeps;
    const q = c.req.valid('query');
    const items = await listFlows(deps, c.get('actor'), {
      status: q.status,
      limit: q.limit,
      before: q.before ? new Date(q.before) : undefined,
    });
    return c.json({ items }, 200);
  })
  .openapi(detailRoute, async (c) => {
    const deps = c.get('deps') as AccountingDeps;
    return c.json(await getFlowDetail(deps, c.get('actor'), c.req.valid('param').id), 200);
  })
  .openapi(signRoute, async (c) => {
    const deps = c.get('deps') as AccountingDeps;
    const result = await requestFlowSigning({
      ctx: { deps, actor: c.get('actor') },
      input: { flowId: c.req.valid('param').id },
    });
    return c.json({ id: result.flowId, requested: result.requested }, 202);
  })
  .openapi(acquitRoute, async (c) => {
    const deps = c.get('deps') as AccountingDeps;
    const flow = await findVisibleFlow(deps, c.get('actor'), { id: c.req.valid('param').id });
    const opened = await openFlowAcquit(deps, flow);
    return sendFile(
      c,
      { stream: opened.stream, size: opened.file.size },
      opened.remoteName,
      'application/xml',
    ) as never;
  });
