// The JSON shapes of the tender room's API, declared once for validation and for the OpenAPI document.
import { z } from '@hono/zod-openapi';
import { PROCEDURES } from './domain/index.ts';

export const ErrorSchema = z
  .object({ code: z.string(), message: z.string(), requestId: z.string(), details: z.unknown().optional() })
  .openapi('ErreurMarches');

export const IdParam = z.object({ id: z.uuid({ error: 'identifiant de consultation invalide' }) });
export const LotParam = IdParam.extend({
  lot: z.coerce.number().int().min(1).openapi({ description: 'Numéro du lot (1, 2…)' }),
});
export const DepositParam = z.object({ depositId: z.uuid({ error: 'identifiant de dépôt invalide' }) });

export const DraftSchema = z
  .object({
    buyerId: z.uuid().optional().openapi({ description: 'Acheteur (obligatoire si l’agent en sert plusieurs)' }),
    reference: z.string().openapi({ description: 'Numéro interne, 1 à 16 caractères (identifiant DECP)' }),
    title: z.string(),
    object: z.string().openapi({ description: 'Objet (1 000 caractères au plus)' }),
    procedure: z.enum(PROCEDURES, { error: 'procédure inconnue (liste DECP 2.0.3)' }),
    nature: z.enum(['works', 'supplies', 'services'], { error: 'nature : works, supplies ou services' }),
    cpv: z.string().openapi({ description: 'Code CPV principal (8 chiffres)' }),
    placeCode: z.string().openapi({ description: 'Code INSEE de la commune d’exécution' }),
    durationMonths: z.number().int().min(1).max(600).optional(),
    lots: z
      .array(
        z.object({
          title: z.string(),
          cpv: z.string(),
          estimatedAmount: z.string().openapi({ description: 'Montant estimé HT, texte décimal (ex. 15000.00)' }),
          deadline: z.iso.datetime({ offset: true, error: 'date limite ISO 8601 attendue' }),
        }),
      )
      .min(1, { error: 'au moins un lot' })
      .max(200),
    priorInformationNotice: z.boolean().optional(),
    justifiedUrgency: z.boolean().optional(),
    backupCopyAllowed: z.boolean().optional(),
    signatureRequired: z.boolean().optional(),
    isTest: z.boolean().optional().openapi({ description: 'Consultation de test (simulation de dépôt, OE-06)' }),
    dayMs: z.number().int().optional().openapi({ description: 'Test seulement : durée d’un « jour » en ms' }),
  })
  .openapi('BrouillonConsultation');

export const ReceiptSchema = z
  .object({
    type: z.literal('accuse-de-reception-depot'),
    version: z.literal(2),
    depositId: z.string(),
    operateurEconomique: z.object({ nom: z.string(), siret: z.string().nullable() }),
    acheteur: z.object({ nom: z.string(), siret: z.string().nullable() }),
    consultation: z.object({
      id: z.string(),
      reference: z.string(),
      titre: z.string(),
      objet: z.string(),
      test: z.boolean(),
    }),
    lot: z.object({ numero: z.number(), intitule: z.string() }),
    dateHeureReception: z.string(),
    debutTransmission: z.string(),
    dateLimite: z.string(),
    horsDelai: z.boolean(),
    documents: z.array(
      z.object({
        enveloppe: z.string(),
        nom: z.string(),
        taille: z.number(),
        sha256: z.string(),
        antivirus: z.object({
          resultat: z.enum(['sain', 'infecte', 'non_analyse', 'analyse_differee']),
          detail: z.string(),
        }),
      }),
    ),
    avertissements: z.array(z.string()).openapi({ description: 'Fichiers mis en quarantaine (antivirus)' }),
  })
  .openapi('AccuseReception');

export const DepositResultSchema = z
  .object({
    depositId: z.string(),
    late: z.boolean(),
    receivedAt: z.string(),
    uploadStartedAt: z.string(),
    receipt: ReceiptSchema,
  })
  .openapi('DepotPli');

export const LotViewSchema = z.object({
  number: z.number(),
  title: z.string(),
  cpv: z.string(),
  estimatedAmount: z.string(),
  deadline: z.string(),
  closed: z.boolean(),
});

export const ConsultationSchema = z
  .object({
    id: z.string(),
    reference: z.string(),
    title: z.string(),
    object: z.string(),
    buyer: z.object({ id: z.string(), name: z.string(), siret: z.string().nullable() }),
    procedure: z.string(),
    nature: z.string(),
    cpv: z.string(),
    estimatedAmount: z.string(),
    status: z.string(),
    isTest: z.boolean(),
    backupCopyAllowed: z.boolean(),
    signatureRequired: z.boolean(),
    publishedAt: z.string().nullable(),
    lots: z.array(LotViewSchema),
    documents: z.array(
      z.object({
        id: z.string(),
        name: z.string(),
        version: z.number(),
        size: z.number(),
        mediaType: z.string(),
        sha256: z.string(),
        publishedAt: z.string(),
      }),
    ),
  })
  .openapi('Consultation');

export const SearchQuery = z.object({
  q: z.string().max(200).optional(),
  cpv: z.string().max(8).optional(),
  buyerId: z.string().optional(),
  all: z.enum(['true', 'false']).optional().openapi({ description: 'true : aussi les consultations clôturées' }),
});

export const SummarySchema = z
  .object({
    id: z.string(),
    reference: z.string(),
    title: z.string(),
    buyer: z.string(),
    procedure: z.string(),
    cpv: z.string(),
    status: z.string(),
    isTest: z.boolean(),
    nextDeadline: z.string(),
  })
  .openapi('ConsultationResume');

export const OpeningSchema = z
  .object({
    consultationId: z.string(),
    openedAt: z.string(),
    deposits: z.array(
      z.object({
        depositId: z.string(),
        lot: z.number(),
        companyId: z.string(),
        status: z.enum(['ouvert', 'hors_delai', 'remplace']),
        integrity: z.enum(['intact', 'altere']).nullable(),
        files: z.array(
          z.object({
            fileId: z.string(),
            part: z.string(),
            fileName: z.string(),
            size: z.number(),
            intact: z.boolean().nullable().openapi({ description: 'null : fichier en quarantaine, non déchiffré' }),
            quarantined: z.boolean(),
            antivirus: z.string().openapi({ description: 'Verdict de l’antivirus avant ouverture, en clair' }),
            problem: z.string().optional(),
          }),
        ),
      }),
    ),
  })
  .openapi('OuverturePlis');
