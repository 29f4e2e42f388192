// JSON API of the tender room, second part: documents (DCE) and their free download, registration, questions and
// answers, award, letters, notification, registers and the DECP 2.0.3 export.
import { Readable } from 'node:stream';
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { verifyCsrf } from '../platform/auth/csrf.tsx';
import { requireActor } from '../platform/auth/index.ts';
import { validationHook } from '../platform/error-handler.ts';
import { AppError } from '../platform/errors.ts';
import { receiveUpload } from '../platform/files/index.ts';
import type { AppEnv } from '../platform/http.ts';
import { csvResponse } from '../web/csv.ts';
import { awardLot } from './award/award-lot.ts';
import { notificationTarget, notifyContract } from './award/notify-contract.ts';
import { exportRegister } from './consultations/registers.ts';
import { exportDecp } from './decp/export-decp.ts';
import { addDocument } from './documents/add-document.ts';
import { downloadDocument } from './documents/download-document.ts';
import { registerCompany } from './documents/register-company.ts';
import { companyLetters, readLetter } from './letters/company-letters.ts';
import { answerQuestion, askQuestion, publicQuestions } from './questions/questions.ts';
import { ErrorSchema, IdParam, LotParam } from './schemas.ts';

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
const Deadline = z.iso.datetime({ offset: true, error: 'date ISO 8601 attendue' }).optional().openapi({
  description: 'Nouvelle date limite, quand la règle des six jours impose un report',
});

function checkCsrfHeader(c: Context<AppEnv>): void {
  if (c.get('authSession')) verifyCsrf(c, c.req.header('x-csrf-token'));
}

export function streamFile(c: Context<AppEnv>, stream: Readable, mediaType: string, fileName: string, size: number) {
  const ascii = fileName.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return c.body(Readable.toWeb(stream) as ReadableStream, 200, {
    'Content-Type': mediaType,
    'Content-Length': String(size),
    'Content-Disposition': `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`,
    'Cache-Control': 'private, no-store',
    'X-Content-Type-Options': 'nosniff',
  });
}

const addDocumentRoute = createRoute({
  method: 'post',
  path: '/api/tenders/consultations/{id}/documents',
  tags: TAGS,
  summary: 'Ajouter un document (DCE) ou une nouvelle version : envoi en flux, jusqu’à 1 Gio',
  description:
    'Formulaire multipart : le fichier dans « fichier », et les champs « nom » (sinon le nom du fichier), ' +
    '« important » (true : modification importante) et « nouvelleDateLimite » (ISO 8601) si un report est exigé.',
  request: {
    params: IdParam,
    body: {
      required: true,
      content: {
        'multipart/form-data': {
          schema: {
            type: 'object',
            properties: {
              fichier: { type: 'string', format: 'binary' },
              nom: { type: 'string' },
              important: { type: 'string' },
              nouvelleDateLimite: { type: 'string' },
            },
            required: ['fichier'],
          },
        },
      },
    },
  },
  responses: {
    201: json(
      z.object({
        documentId: z.string(),
        version: z.number(),
        told: z.number(),
        moved: z.boolean(),
        newDeadline: z.string().optional(),
      }),
      'Document publié',
    ),
    400: error('Envoi invalide'),
    404: error('Consultation introuvable'),
    409: error('Report de la date limite exigé, ou dépôts clos'),
    413: error('Fichier trop volumineux'),
  },
});

const downloadRoute = createRoute({
  method: 'get',
  path: '/api/tenders/consultations/{id}/documents/{documentId}',
  tags: TAGS,
  summary: 'Télécharger un document, librement et sans compte (inscrit au registre des retraits)',
  request: {
    params: IdParam.extend({ documentId: z.string() }),
    query: z.object({
      email: z.string().optional().openapi({ description: 'Facultatif : pour recevoir les modifications et réponses' }),
      entreprise: z.string().optional(),
    }),
  },
  responses: { 200: binary('application/octet-stream', 'Le document'), 404: error('Document introuvable') },
});

const registerRoute = createRoute({
  method: 'post',
  path: '/api/tenders/consultations/{id}/registrations',
  tags: TAGS,
  summary: 'S’identifier (facultatif) pour recevoir les modifications et les réponses',
  request: {
    params: IdParam,
    body: {
      required: true,
      content: { 'application/json': { schema: z.object({ email: z.string(), companyName: z.string() }) } },
    },
  },
  responses: {
    201: json(z.object({ registered: z.boolean() }), 'Inscrit'),
    400: error('Adresse invalide'),
    404: error('Introuvable'),
  },
});

const QuestionSchema = z.object({ id: z.string(), question: z.string(), answer: z.string(), answeredAt: z.string() });

const questionsRoute = createRoute({
  method: 'get',
  path: '/api/tenders/consultations/{id}/questions',
  tags: TAGS,
  summary: 'Questions et réponses publiées (anonymes)',
  request: { params: IdParam },
  responses: { 200: json(z.object({ items: z.array(QuestionSchema) }), 'Les réponses'), 404: error('Introuvable') },
});

const askRoute = createRoute({
  method: 'post',
  path: '/api/tenders/consultations/{id}/questions',
  tags: TAGS,
  summary: 'Poser une question à l’acheteur (entreprise)',
  request: {
    params: IdParam,
    body: {
      required: true,
      content: { 'application/json': { schema: z.object({ question: z.string(), email: z.string().optional() }) } },
    },
  },
  responses: {
    201: json(z.object({ questionId: z.string() }), 'Question reçue'),
    403: error('Pas une entreprise'),
    409: error('Dépôts clos'),
  },
});

const answerRoute = createRoute({
  method: 'post',
  path: '/api/tenders/consultations/{id}/questions/{questionId}/answer',
  tags: TAGS,
  summary:
    'Répondre (agent de l’acheteur) : réponse publiée à tous ; report exigé à moins de six jours de la date limite',
  request: {
    params: IdParam.extend({ questionId: z.uuid() }),
    body: {
      required: true,
      content: { 'application/json': { schema: z.object({ answer: z.string(), newDeadline: Deadline }) } },
    },
  },
  responses: {
    200: json(
      z.object({ told: z.number(), moved: z.boolean(), newDeadline: z.string().optional() }),
      'Réponse publiée',
    ),
    404: error('Introuvable'),
    409: error('Report exigé'),
  },
});

const awardRoute = createRoute({
  method: 'post',
  path: '/api/tenders/consultations/{id}/lots/{lot}/award',
  tags: TAGS,
  summary: 'Attribuer un lot : lettres aux candidats évincés (motifs, fin du délai de suspension) et à l’attributaire',
  request: {
    params: LotParam,
    body: {
      required: true,
      content: {
        'application/json': {
          schema: z.object({
            depositId: z.uuid(),
            amount: z.string().openapi({ description: 'Montant HT attribué, texte décimal' }),
            reasons: z.string().openapi({ description: 'Motifs du choix, repris dans les lettres de rejet' }),
            decp: z
              .record(z.string(), z.unknown())
              .optional()
              .openapi({ description: 'Champs DECP (ccag, formePrix…)' }),
          }),
        },
      },
    },
  },
  responses: {
    201: json(
      z.object({
        awardId: z.string(),
        standstillEndsAt: z.string(),
        letters: z.array(
          z.object({ letterId: z.string(), companyId: z.string(), kind: z.enum(['rejet', 'attribution']) }),
        ),
        allLotsAwarded: z.boolean(),
      }),
      'Lot attribué',
    ),
    400: error('Champ invalide'),
    404: error('Introuvable'),
    409: error('Plis non ouverts, lot déjà attribué ou pli non retenable'),
  },
});

const notifyRoute = createRoute({
  method: 'post',
  path: '/api/tenders/consultations/{id}/lots/{lot}/notification',
  tags: TAGS,
  summary:
    'Notifier le marché d’un lot avec le marché signé (PDF PAdES), après le délai de suspension ; ses données ' +
    'essentielles sont publiées',
  description:
    'Formulaire multipart : le marché signé dans « contrat » (PDF, 20 Mio au plus). Chaque signature est vérifiée ' +
    '(intégrité des plages signées, signature CMS, attribut signingCertificateV2, validité du certificat à la date ' +
    'de signature, certificat déclaré qualifié) ; le fichier et le rapport de vérification sont conservés. Refus ' +
    '422 CONTRACT_SIGNATURE_INVALID (details.reason : NO_SIGNATURE, INTEGRITY, ' +
    'CERTIFICATE_NOT_VALID_AT_SIGNING_TIME ; details.report) ou CONTRACT_NOT_PDF ; les autres constats sont des ' +
    'avertissements du rapport. La chaîne de confiance n’est vérifiée que si TENDERS_TRUST_ANCHORS est configuré.',
  request: {
    params: LotParam,
    body: {
      required: true,
      content: {
        'multipart/form-data': {
          schema: {
            type: 'object',
            properties: { contrat: { type: 'string', format: 'binary' } },
            required: ['contrat'],
          },
        },
      },
    },
  },
  responses: {
    200: json(
      z.object({
        notifiedAt: z.string(),
        allNotified: z.boolean(),
        signatureId: z.string(),
        report: z.record(z.string(), z.unknown()).openapi({ description: 'Rapport de vérification (en français)' }),
      }),
      'Notifié',
    ),
    400: error('Envoi invalide'),
    404: error('Introuvable'),
    409: error('Délai de suspension en cours, ou marché déjà notifié'),
    413: error('Fichier trop volumineux'),
    415: error('Formulaire multipart attendu'),
    422: error('Signature refusée ou fichier qui n’est pas un PDF'),
  },
});

const lettersRoute = createRoute({
  method: 'get',
  path: '/api/tenders/letters',
  tags: TAGS,
  summary: 'Les lettres reçues par l’entreprise (attribution, rejet), avec accusé de lecture',
  responses: {
    200: json(
      z.object({
        items: z.array(
          z.object({ letterId: z.string(), kind: z.string(), sentAt: z.string(), readAt: z.string().nullable() }),
        ),
      }),
      'Les lettres',
    ),
    401: error('Authentification requise'),
  },
});

const letterRoute = createRoute({
  method: 'get',
  path: '/api/tenders/letters/{letterId}',
  tags: TAGS,
  summary: 'Lire une lettre (PDF) ; la première lecture fait foi d’accusé de lecture',
  request: { params: z.object({ letterId: z.string() }) },
  responses: { 200: binary('application/pdf', 'La lettre'), 404: error('Introuvable') },
});

const registerExportRoute = createRoute({
  method: 'get',
  path: '/api/tenders/consultations/{id}/registers/{register}',
  tags: TAGS,
  summary: 'Exporter un registre (CSV) : retraits, dépôts ou questions',
  request: { params: IdParam.extend({ register: z.enum(['retraits.csv', 'depots.csv', 'questions.csv']) }) },
  responses: { 200: binary('text/csv', 'Le registre'), 404: error('Introuvable') },
});

const decpRoute = createRoute({
  method: 'get',
  path: '/api/tenders/decp',
  tags: TAGS,
  summary: 'Données essentielles (DECP 2.0.3) des marchés d’un acheteur notifiés une année',
  request: {
    query: z.object({
      buyer: z.string().openapi({ description: 'SIRET de l’acheteur' }),
      year: z.coerce.number().int(),
      includeTests: z.enum(['true', 'false']).optional().openapi({ description: 'Inclure les consultations de test' }),
    }),
  },
  responses: {
    200: json(
      z.object({ marches: z.object({ marche: z.array(z.record(z.string(), z.unknown())) }) }),
      'Le document DECP',
    ),
    400: error('Paramètre invalide'),
    404: error('Acheteur inconnu'),
  },
});

export const tenderFollowUpRoutes = new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
  .openapi(addDocumentRoute, async (c) => {
    checkCsrfHeader(c);
    const deps = c.get('deps');
    const actor = requireActor(c);
    const { id } = c.req.valid('param');
    if (!deps.files) throw new AppError('FILE_STORAGE_UNAVAILABLE', 'Stockage des fichiers indisponible.', 503);
    const { file, fields } = await receiveUpload(c.req.raw, { store: deps.files, kind: 'tender_document' });
    try {
      const deadline = fields['nouvelleDateLimite'] ? new Date(fields['nouvelleDateLimite']) : undefined;
      if (deadline && Number.isNaN(deadline.getTime()))
        throw new AppError('VALIDATION_FAILED', 'nouvelleDateLimite : date ISO 8601 attendue.', 400, {
          field: 'nouvelleDateLimite',
        });
      const result = await addDocument({
        ctx: { deps, actor },
        input: {
          consultationId: id,
          fileId: file.id,
          name: fields['nom'] || file.fileName,
          significant: fields['important'] === 'true',
          ...(deadline ? { newDeadline: deadline } : {}),
        },
      });
      return c.json(result, 201);
    } catch (e) {
      await deps.files.delete(file.id).catch(() => undefined);
      throw e;
    }
  })
  .openapi(downloadRoute, async (c) => {
    const { id, documentId } = c.req.valid('param');
    const q = c.req.valid('query');
    const doc = await downloadDocument({
      ctx: { deps: c.get('deps'), actor: c.get('actor') },
      input: { consultationId: id, documentId, email: q.email, companyName: q.entreprise },
    });
    return streamFile(c, doc.stream, doc.file.mediaType, doc.file.fileName || doc.name, doc.file.size);
  })
  .openapi(registerRoute, async (c) => {
    const { id } = c.req.valid('param');
    const body = c.req.valid('json');
    await registerCompany({
      ctx: { deps: c.get('deps'), actor: c.get('actor') },
      input: { consultationId: id, ...body },
    });
    return c.json({ registered: true }, 201);
  })
  .openapi(questionsRoute, async (c) =>
    c.json({ items: await publicQuestions(c.get('deps'), c.req.valid('param').id) }, 200),
  )
  .openapi(askRoute, async (c) => {
    checkCsrfHeader(c);
    const { id } = c.req.valid('param');
    const body = c.req.valid('json');
    return c.json(
      await askQuestion({
        ctx: { deps: c.get('deps'), actor: requireActor(c) },
        input: { consultationId: id, question: body.question, ...(body.email ? { email: body.email } : {}) },
      }),
      201,
    );
  })
  .openapi(answerRoute, async (c) => {
    checkCsrfHeader(c);
    const { id, questionId } = c.req.valid('param');
    const body = c.req.valid('json');
    return c.json(
      await answerQuestion({
        ctx: { deps: c.get('deps'), actor: requireActor(c) },
        input: {
          consultationId: id,
          questionId,
          answer: body.answer,
          ...(body.newDeadline ? { newDeadline: new Date(body.newDeadline) } : {}),
        },
      }),
      200,
    );
  })
  .openapi(awardRoute, async (c) => {
    checkCsrfHeader(c);
    const { id, lot } = c.req.valid('param');
    const body = c.req.valid('json');
    return c.json(
      await awardLot({
        ctx: { deps: c.get('deps'), actor: requireActor(c) },
        input: { consultationId: id, lotNumber: lot, ...body },
      }),
      201,
    );
  })
  .openapi(notifyRoute, async (c) => {
    checkCsrfHeader(c);
    const deps = c.get('deps');
    const actor = requireActor(c);
    const { id, lot } = c.req.valid('param');
    const input = { consultationId: id, lotNumber: lot };
    // The standstill and the agent's rights are checked before a byte of the contract is read.
    await notificationTarget(deps, actor, input);
    if (!deps.files) throw new AppError('FILE_STORAGE_UNAVAILABLE', 'Stockage des fichiers indisponible.', 503);
    const { file } = await receiveUpload(c.req.raw, { store: deps.files, kind: 'attachment', fieldName: 'contrat' });
    try {
      const result = await notifyContract({ ctx: { deps, actor }, input: { ...input, fileId: file.id } });
      return c.json({ ...result, report: { ...result.report } }, 200);
    } catch (e) {
      // A checked contract is kept with its report (its row refers to it); an unread one is removed.
      await deps.files.delete(file.id).catch(() => undefined);
      throw e;
    }
  })
  .openapi(lettersRoute, async (c) => c.json({ items: await companyLetters(c.get('deps'), c.get('actor')) }, 200))
  .openapi(letterRoute, async (c) => {
    const opened = await readLetter(c.get('deps'), c.get('actor'), c.req.valid('param').letterId);
    return streamFile(c, opened.stream, 'application/pdf', opened.file.fileName, opened.file.size);
  })
  .openapi(registerExportRoute, async (c) => {
    const { id, register } = c.req.valid('param');
    const name = register.replace('.csv', '') as 'retraits' | 'depots' | 'questions';
    return csvResponse(c, `registre-${name}.csv`, await exportRegister(c.get('deps'), c.get('actor'), id, name));
  })
  .openapi(decpRoute, async (c) => {
    const q = c.req.valid('query');
    return c.json(
      await exportDecp(c.get('deps'), { buyerSiret: q.buyer, year: q.year, includeTests: q.includeTests === 'true' }),
      200,
    );
  });
