// Zod schemas of the directory's HTTP API: query validation (French messages) and response documentation.
import { z } from '@hono/zod-openapi';
import { epciNatures, structureKinds } from '../../db/schema/directory.ts';
import { SEARCH_MAX_LIMIT } from './search-structures.ts';

const KIND_LIST = structureKinds.join(', ');

export const SearchQuerySchema = z.object({
  q: z.string().max(100, { error: 'la recherche est limitée à 100 caractères' }).optional().openapi({
    description: 'Nom (sans tenir compte des accents ni de la casse), SIREN, SIRET ou code INSEE',
    example: 'Rennes',
  }),
  kind: z
    .enum(structureKinds, { error: `type de structure inconnu ; valeurs possibles : ${KIND_LIST}` })
    .optional()
    .openapi({ description: 'Type de structure' }),
  departement: z
    .string()
    .regex(/^([0-9]{2}|2[AaBb]|97[0-9])$/, { error: 'code de département invalide (par exemple 35, 2A ou 974)' })
    .optional()
    .openapi({ description: 'Code du département', example: '35' }),
  page: z.coerce
    .number({ error: 'la page doit être un nombre entier' })
    .int({ error: 'la page doit être un nombre entier' })
    .min(1, { error: 'la page commence à 1' })
    .max(10_000, { error: 'la page ne peut dépasser 10 000' })
    .default(1)
    .openapi({ example: 1 }),
  pageSize: z.coerce
    .number({ error: 'la taille de page doit être un nombre entier' })
    .int({ error: 'la taille de page doit être un nombre entier' })
    .min(1, { error: 'la taille de page est d’au moins 1' })
    .max(SEARCH_MAX_LIMIT, { error: `la taille de page est d’au plus ${SEARCH_MAX_LIMIT}` })
    .default(20)
    .openapi({ example: 20 }),
});

export const StructureIdParamSchema = z.object({
  id: z
    .string()
    .regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, {
      error: 'identifiant de structure invalide (UUID attendu)',
    })
    .openapi({ param: { name: 'id', in: 'path' }, example: '0b8e3f5c-6a2d-4f4e-9a53-7c1d2e3f4a5b' }),
});

export const StructureSummarySchema = z
  .object({
    id: z.string(),
    kind: z.enum(structureKinds),
    name: z.string(),
    siren: z.string().nullable(),
    siret: z.string().nullable().openapi({ description: 'SIRET de l’établissement principal' }),
    vatNumber: z.string().nullable(),
    inseeCode: z.string().nullable(),
    departementCode: z.string().nullable(),
    population: z.number().int().nullable(),
    epciNature: z.enum(epciNatures).nullable(),
    demo: z.boolean(),
    active: z.boolean(),
  })
  .openapi('DirectoryStructureSummary');

export const StructurePageSchema = z
  .object({
    items: z.array(StructureSummarySchema),
    total: z.number().int(),
    page: z.number().int(),
    pageSize: z.number().int(),
  })
  .openapi('DirectoryStructurePage');

export const StructureDetailSchema = StructureSummarySchema.extend({
  chorus: z.object({
    serviceCodeRequired: z.boolean().openapi({ description: 'Chorus Pro codeServiceDoitEtreRenseigne' }),
    engagementNumberRequired: z.boolean().openapi({ description: 'Chorus Pro numeroEJDoitEtreRenseigne' }),
    serviceCodeOrEngagementRequired: z.boolean().openapi({ description: 'Chorus Pro gestionNumeroEJOuCodeService' }),
    receivesThroughChorus: z.boolean(),
    strictReformRules: z.boolean().openapi({
      description: 'Les règles BR-FR de la réforme de 2026 sont bloquantes pour les factures reçues (profil strict)',
    }),
  }),
  paymentDelay: z
    .object({
      days: z.number().int().openapi({ description: 'Délai de paiement en vigueur, en jours' }),
      legalDays: z
        .number()
        .int()
        .openapi({ description: 'Délai légal du type de structure (30, ou 50 pour un hôpital)' }),
      overrideDays: z.number().int().nullable().openapi({ description: 'Délai fixé par l’opérateur, le cas échéant' }),
    })
    .openapi({ description: 'Délai de paiement (décret 2013-269, CCP R.2192-10 et R.2192-11)' }),
  services: z.array(
    z.object({
      id: z.string(),
      code: z.string(),
      label: z.string(),
      active: z.boolean(),
      engagementNumberRequired: z.boolean(),
    }),
  ),
  establishments: z.array(
    z.object({
      id: z.string(),
      siret: z.string(),
      main: z.boolean(),
      derived: z.boolean(),
      label: z.string().nullable(),
      active: z.boolean(),
    }),
  ),
  epci: z.object({ id: z.string(), name: z.string(), siren: z.string().nullable() }).nullable(),
  memberCount: z.number().int().nullable(),
}).openapi('DirectoryStructure');

export const DirectoryErrorSchema = z.object({
  code: z.string(),
  message: z.string(),
  requestId: z.string(),
  details: z.unknown().optional(),
});
