// HTTP API of the invoices: deposit, lists and detail for both sides, documents, and the actions that move an invoice.
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { AccountantAction, SupplierAction } from './domain/contract.ts';
import { requireActor, type Actor } from '../platform/auth/index.ts';
import { validationHook } from '../platform/error-handler.ts';
import { invalidInput } from '../platform/errors.ts';
import type { AppEnv } from '../platform/http.ts';
import { attachToInvoice, getInvoiceAttachment, requireInvoiceAttachments } from './attachments.ts';
import { decideInvoice, supplierActOnInvoice } from './decisions.ts';
import { depositHistoryRoutes } from './deposit-history-routes.ts';
import { depositInvoice } from './deposit/deposit-invoice.ts';
import type { DepositRefusalCode } from './deposit/refusal.ts';
import { getDepositOriginal } from './queries/deposit-original.ts';
import { getInvoiceOriginal, getInvoicePdf, type InvoiceDocument } from './queries/documents.ts';
import { findVisibleInvoice } from './queries/find-visible.ts';
import { getInvoiceDetail, getInvoiceEvents } from './queries/invoice-detail.ts';
import { listInvoices } from './queries/list-invoices.ts';
import {
  DepositAcceptedSchema,
  DepositQuerySchema,
  DepositRefusedSchema,
  ErrorSchema,
  EventListSchema,
  InvoiceDetailSchema,
  InvoiceIdParamSchema,
  InvoicePageSchema,
  InvoiceStatusSchema,
  ListQuerySchema,
} from './schemas.ts';
import { checkCsrf, chooseSupplier, readUpload, uploadLimit } from './upload.ts';

const TAGS = ['Factures'];
const error = (description: string) => ({ description, content: { 'application/json': { schema: ErrorSchema } } });
const refused = (description: string) => ({
  description,
  content: { 'application/json': { schema: DepositRefusedSchema } },
});
const binary = (mediaType: string, description: string) => ({
  description,
  content: { [mediaType]: { schema: { type: 'string' as const, format: 'binary' } } },
});

const REFUSAL_STATUS: Partial<Record<DepositRefusalCode, 409>> = { DUPLICATE_INVOICE: 409 };

const depositRoute = createRoute({
  method: 'post',
  path: '/api/invoices',
  tags: TAGS,
  summary: 'Déposer une facture (UBL 2.1, CII D16B ou Factur-X)',
  description:
    'Le fichier est envoyé tel quel (Content-Type application/xml ou application/pdf) ou dans un formulaire multipart (champ « file »). ' +
    'L’original est conservé (celui d’un dépôt refusé dans la limite du quota du fournisseur : originalKept) ; ' +
    'la réponse dit si la facture est acceptée (201) ou refusée, avec le motif ' +
    '(422 : fichier, validation, vendeur ou acheminement ; 409 : numéro déjà déposé cette année ; 503 : traitement momentanément indisponible).',
  middleware: [uploadLimit()] as const,
  request: {
    query: DepositQuerySchema,
    headers: z.object({
      'x-supplier-id': z.string().optional().openapi({ description: 'Fournisseur pour lequel on dépose' }),
    }),
    body: {
      required: true,
      content: {
        'application/xml': { schema: { type: 'string' } },
        'application/pdf': { schema: { type: 'string', format: 'binary' } },
        'multipart/form-data': {
          schema: { type: 'object', properties: { file: { type: 'string', format: 'binary' } }, required: ['file'] },
        },
      },
    },
  },
  responses: {
    201: { description: 'Facture acceptée', content: { 'application/json': { schema: DepositAcceptedSchema } } },
    400: error('Requête invalide'),
    401: error('Authentification requise'),
    403: error('Pas fournisseur de cette structure'),
    409: refused('Numéro de facture déjà déposé par ce fournisseur cette année'),
    413: error('Fichier trop volumineux'),
    415: error('Type de contenu non pris en charge'),
    422: refused('Facture refusée (fichier illisible, règles EN 16931, vendeur, acheminement)'),
    503: refused('Traitement momentanément indisponible ; l’original est conservé'),
  },
});

const listRoute = createRoute({
  method: 'get',
  path: '/api/invoices',
  tags: TAGS,
  summary: 'Lister les factures visibles (fournisseur : les siennes ; comptable : celles de ses structures)',
  request: { query: ListQuerySchema },
  responses: {
    200: { description: 'Une page de factures', content: { 'application/json': { schema: InvoicePageSchema } } },
    400: error('Filtres invalides'),
    401: error('Authentification requise'),
  },
});

const detailRoute = createRoute({
  method: 'get',
  path: '/api/invoices/{id}',
  tags: TAGS,
  summary: 'Consulter une facture : statut, historique, rapport de validation, délai légal de paiement',
  request: { params: InvoiceIdParamSchema },
  responses: {
    200: { description: 'La facture', content: { 'application/json': { schema: InvoiceDetailSchema } } },
    401: error('Authentification requise'),
    404: error('Facture introuvable'),
  },
});

const eventsRoute = createRoute({
  method: 'get',
  path: '/api/invoices/{id}/events',
  tags: TAGS,
  summary: 'Historique des statuts d’une facture',
  request: { params: InvoiceIdParamSchema },
  responses: {
    200: { description: 'Les événements, dans l’ordre', content: { 'application/json': { schema: EventListSchema } } },
    401: error('Authentification requise'),
    404: error('Facture introuvable'),
  },
});

const originalRoute = createRoute({
  method: 'get',
  path: '/api/invoices/{id}/original',
  tags: TAGS,
  summary: 'Télécharger le fichier original déposé',
  request: { params: InvoiceIdParamSchema },
  responses: {
    200: binary('application/octet-stream', 'Le fichier tel que déposé (XML ou PDF)'),
    401: error('Authentification requise'),
    404: error('Facture introuvable'),
  },
});

const depositOriginalRoute = createRoute({
  method: 'get',
  path: '/api/deposits/{id}/original',
  tags: TAGS,
  summary: 'Télécharger le fichier d’un de vos dépôts, accepté ou refusé',
  description:
    'L’original d’un dépôt refusé au-delà du quota des fichiers refusés conservés du fournisseur n’est pas conservé : ' +
    '404 avec le code ORIGINAL_NOT_KEPT.',
  request: {
    params: z.object({
      id: z.string().openapi({ param: { name: 'id', in: 'path' }, description: 'Identifiant du dépôt (depositId)' }),
    }),
  },
  responses: {
    200: binary('application/octet-stream', 'Le fichier tel que déposé (XML ou PDF)'),
    401: error('Authentification requise'),
    404: error('Dépôt introuvable, ou original non conservé (ORIGINAL_NOT_KEPT)'),
  },
});

const pdfRoute = createRoute({
  method: 'get',
  path: '/api/invoices/{id}/pdf',
  tags: TAGS,
  summary: 'Lire la facture en PDF (l’original Factur-X, ou une mise en page de la facture structurée)',
  request: { params: InvoiceIdParamSchema },
  responses: {
    200: binary('application/pdf', 'Le PDF'),
    401: error('Authentification requise'),
    404: error('Facture introuvable'),
  },
});

const attachmentRoute = createRoute({
  method: 'get',
  path: '/api/invoices/{id}/attachments/{sha256}',
  tags: TAGS,
  summary: 'Télécharger une pièce jointe d’un événement de la facture',
  request: {
    params: InvoiceIdParamSchema.extend({
      sha256: z.string().openapi({ description: 'Empreinte SHA-256 citée par un événement (data.attachments)' }),
    }),
  },
  responses: {
    200: binary('application/octet-stream', 'La pièce jointe'),
    401: error('Authentification requise'),
    404: error('Facture ou pièce jointe introuvable'),
  },
});

const TransitionSchema = z
  .object({ invoiceId: z.string(), status: InvoiceStatusSchema, sequence: z.number().int() })
  .openapi('TransitionFacture');

const DecisionBodySchema = z
  .object({
    kind: z.enum(
      [
        'SERVICE_FAIT',
        'SUSPENDUE',
        'REJETEE',
        'A_RECYCLER',
        'MANDATEE',
        'MISE_A_DISPOSITION_COMPTABLE',
        'COMPTABILISEE',
        'MISE_EN_PAIEMENT',
      ],
      {
        error: 'décision inconnue',
      },
    ),
    motive: z
      .string()
      .max(255, { error: 'le motif est limité à 255 caractères' })
      .optional()
      .openapi({ description: 'Motif (obligatoire pour SUSPENDUE, REJETEE, A_RECYCLER)' }),
    mandateNumber: z.string().max(50).optional().openapi({ description: 'Numéro de mandat (MANDATEE)' }),
    paymentDate: z
      .string()
      .optional()
      .openapi({ description: 'Date de mise en paiement AAAA-MM-JJ (MISE_EN_PAIEMENT)' }),
  })
  .openapi('DecisionComptable');

const decisionRoute = createRoute({
  method: 'post',
  path: '/api/invoices/{id}/decisions',
  tags: TAGS,
  summary:
    'Décision du comptable de la structure destinataire (service fait, suspension, rejet, mandatement, paiement…)',
  request: {
    params: InvoiceIdParamSchema,
    body: { required: true, content: { 'application/json': { schema: DecisionBodySchema } } },
  },
  responses: {
    200: { description: 'Nouveau statut', content: { 'application/json': { schema: TransitionSchema } } },
    400: error('Décision invalide'),
    401: error('Authentification requise'),
    403: error('Pas comptable de la structure destinataire'),
    404: error('Facture introuvable'),
    409: error('Transition impossible depuis le statut actuel'),
    503: error('Traitement momentanément indisponible'),
  },
});

const SupplierActionBodySchema = z
  .object({
    kind: z.enum(['COMPLETEE', 'REROUTE'], { error: 'action inconnue (COMPLETEE ou REROUTE)' }),
    comment: z.string().max(255, { error: 'le commentaire est limité à 255 caractères' }).optional(),
    attachments: z
      .array(z.string().regex(/^[0-9a-f]{64}$/, { error: 'empreinte SHA-256 attendue' }))
      .max(20)
      .optional()
      .openapi({ description: 'Pièces jointes déjà déposées, par empreinte SHA-256' }),
    buyerSiret: z.string().optional().openapi({ description: 'Nouveau SIRET destinataire (REROUTE)' }),
    serviceCode: z.string().optional(),
    engagementNumber: z.string().optional(),
  })
  .openapi('ActionFournisseur');

const supplierActionRoute = createRoute({
  method: 'post',
  path: '/api/invoices/{id}/supplier-actions',
  tags: TAGS,
  summary: 'Action du fournisseur : compléter une facture suspendue (avec pièces jointes) ou corriger son destinataire',
  description:
    'Corps JSON, ou formulaire multipart (champs kind, comment, et fichiers « attachments ») pour joindre des pièces.',
  middleware: [uploadLimit()] as const,
  request: {
    params: InvoiceIdParamSchema,
    body: {
      // Either content type; the JSON one is validated by its schema, the form one field by field.
      required: false,
      content: {
        'application/json': { schema: SupplierActionBodySchema },
        'multipart/form-data': {
          schema: {
            type: 'object',
            properties: {
              kind: { type: 'string' },
              comment: { type: 'string' },
              attachments: { type: 'array', items: { type: 'string', format: 'binary' } },
            },
          },
        },
      },
    },
  },
  responses: {
    200: { description: 'Nouveau statut', content: { 'application/json': { schema: TransitionSchema } } },
    400: error('Action invalide'),
    401: error('Authentification requise'),
    403: error('Pas fournisseur de cette facture'),
    404: error('Facture introuvable'),
    409: error('Action impossible depuis le statut actuel'),
    422: error('Nouveau destinataire refusé'),
    503: error('Traitement momentanément indisponible'),
  },
});

function sendDocument(c: Context<AppEnv>, doc: InvoiceDocument, disposition: 'inline' | 'attachment'): Response {
  const ascii = doc.fileName.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return c.body(doc.bytes as Uint8Array<ArrayBuffer>, 200, {
    'Content-Type': doc.mediaType,
    'Content-Disposition': `${disposition}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(doc.fileName)}`,
    'Cache-Control': 'private, no-store',
  });
}

function accountantAction(body: z.infer<typeof DecisionBodySchema>): AccountantAction {
  switch (body.kind) {
    case 'SUSPENDUE':
    case 'REJETEE':
    case 'A_RECYCLER':
      return { kind: body.kind, motive: body.motive ?? '' };
    case 'MANDATEE':
      return { kind: 'MANDATEE', mandateNumber: body.mandateNumber ?? '' };
    case 'MISE_EN_PAIEMENT':
      return { kind: 'MISE_EN_PAIEMENT', paymentDate: body.paymentDate ?? '' };
    default:
      return { kind: body.kind };
  }
}

/** The supplier's action from a JSON body, or from a multipart form whose files are stored first. */
async function supplierActionOf(c: Context<AppEnv>, invoiceId: string, actor: Actor): Promise<SupplierAction> {
  const deps = c.get('deps');
  const contentType = (c.req.header('content-type') ?? '').toLowerCase();
  // A urlencoded form is a form without files: read like the multipart one, never as JSON.
  const isForm =
    contentType.startsWith('multipart/form-data') || contentType.startsWith('application/x-www-form-urlencoded');
  let body: z.infer<typeof SupplierActionBodySchema>;
  let attachments: string[];
  if (isForm) {
    const form = await c.req.parseBody({ all: true });
    const files = [form['attachments']].flat().filter((f): f is File => f instanceof File);
    const parsed = SupplierActionBodySchema.omit({ attachments: true }).safeParse({
      kind: form['kind'],
      comment: typeof form['comment'] === 'string' ? form['comment'] : undefined,
      buyerSiret: typeof form['buyerSiret'] === 'string' ? form['buyerSiret'] : undefined,
      serviceCode: typeof form['serviceCode'] === 'string' ? form['serviceCode'] : undefined,
      engagementNumber: typeof form['engagementNumber'] === 'string' ? form['engagementNumber'] : undefined,
    });
    if (!parsed.success)
      throw invalidInput(
        `Formulaire invalide : ${parsed.error.issues.map((i) => `${i.path.join('.')} (${i.message})`).join(', ')}.`,
      );
    body = parsed.data;
    attachments = await attachToInvoice({ ctx: { deps, actor }, input: { invoiceId, files } });
  } else {
    // Already validated by the route's JSON schema (French messages); parsed again for its type.
    body = SupplierActionBodySchema.parse(await c.req.json());
    attachments = body.attachments ?? [];
    await requireInvoiceAttachments(deps, invoiceId, attachments);
  }
  if (body.kind === 'COMPLETEE') return { kind: 'COMPLETEE', comment: body.comment ?? '', attachments };
  if (!body.buyerSiret) throw invalidInput('Indiquez le SIRET du nouveau destinataire (buyerSiret).');
  return {
    kind: 'REROUTE',
    buyerSiret: body.buyerSiret,
    ...(body.serviceCode ? { serviceCode: body.serviceCode } : {}),
    ...(body.engagementNumber ? { engagementNumber: body.engagementNumber } : {}),
  };
}

export const invoiceRoutes = new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
  .openapi(depositRoute, async (c) => {
    const actor = requireActor(c);
    await checkCsrf(c);
    const query = c.req.valid('query');
    const supplierId = chooseSupplier(actor, c.req.header('x-supplier-id') ?? query.supplierId);
    const upload = await readUpload(c, query.fileName);
    const channel = c.get('authSession') ? 'web' : 'api';
    const result = await depositInvoice({
      ctx: { deps: c.get('deps'), actor: actor },
      input: {
        supplierId,
        bytes: upload.bytes,
        fileName: upload.fileName,
        channel,
      },
    });
    if (result.outcome === 'accepted') return c.json(result, 201);
    const body = { ...result, requestId: c.get('requestId') ?? '' };
    const status = REFUSAL_STATUS[result.code];
    if (status === 409) return c.json(body, 409);
    if (status === 503) return c.json(body, 503);
    return c.json(body, 422);
  })
  .openapi(listRoute, async (c) => {
    const q = c.req.valid('query');
    const statuses = q.status?.split(',').map((s) => InvoiceStatusSchema.parse(s.trim()));
    const page = await listInvoices(c.get('deps'), requireActor(c), {
      statuses,
      supplierId: q.supplierId,
      buyerId: q.buyerId,
      serviceId: q.serviceId,
      issueDateFrom: q.issueDateFrom,
      issueDateTo: q.issueDateTo,
      depositDateFrom: q.depositDateFrom,
      depositDateTo: q.depositDateTo,
      amountMin: q.amountMin,
      amountMax: q.amountMax,
      dueWithinDays: q.dueWithinDays,
      text: q.q,
      sort: q.sort,
      page: q.page,
      pageSize: q.pageSize,
    });
    return c.json(page, 200);
  })
  .openapi(detailRoute, async (c) =>
    c.json(await getInvoiceDetail(c.get('deps'), requireActor(c), c.req.valid('param').id), 200),
  )
  .openapi(eventsRoute, async (c) =>
    c.json({ items: await getInvoiceEvents(c.get('deps'), requireActor(c), c.req.valid('param').id) }, 200),
  )
  .openapi(originalRoute, async (c) =>
    sendDocument(c, await getInvoiceOriginal(c.get('deps'), requireActor(c), c.req.valid('param').id), 'attachment'),
  )
  .openapi(depositOriginalRoute, async (c) =>
    sendDocument(c, await getDepositOriginal(c.get('deps'), requireActor(c), c.req.valid('param').id), 'attachment'),
  )
  .openapi(pdfRoute, async (c) =>
    sendDocument(c, await getInvoicePdf(c.get('deps'), requireActor(c), c.req.valid('param').id), 'inline'),
  )
  .openapi(attachmentRoute, async (c) => {
    const { id, sha256 } = c.req.valid('param');
    const file = await getInvoiceAttachment({
      ctx: { deps: c.get('deps'), actor: requireActor(c) },
      input: { invoiceId: id, sha256 },
    });
    const response = sendDocument(c, file, 'attachment');
    response.headers.set('X-Content-Type-Options', 'nosniff');
    return response;
  })
  .openapi(decisionRoute, async (c) => {
    const actor = requireActor(c);
    await checkCsrf(c);
    const { id } = c.req.valid('param');
    // Same 404 as the detail for an invoice the actor cannot see.
    await findVisibleInvoice(c.get('deps'), actor, id);
    return c.json(
      await decideInvoice({
        ctx: { deps: c.get('deps'), actor: actor },
        input: { invoiceId: id, action: accountantAction(c.req.valid('json')) },
      }),
      200,
    );
  })
  .openapi(supplierActionRoute, async (c) => {
    const actor = requireActor(c);
    await checkCsrf(c);
    const { id } = c.req.valid('param');
    await findVisibleInvoice(c.get('deps'), actor, id);
    const action = await supplierActionOf(c, id, actor);
    return c.json(
      await supplierActOnInvoice({
        ctx: { deps: c.get('deps'), actor: actor },
        input: { invoiceId: id, action: action },
      }),
      200,
    );
  })
  .route('/', depositHistoryRoutes);
