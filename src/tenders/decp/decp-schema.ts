// DECP 2.0.3 (schema_decp_v2.0.3.json of 139bercy/format-commande-publique), the `marche` object rewritten as a
// strict zod schema from its definition: the 24 required fields, the exact enumerations, and no additional
// properties at any level (the schema's `additionalProperties: false`). Validated before anything is published.
import { z } from 'zod';
import { PROCEDURES } from '../domain/index.ts';

export const DECP_TECHNIQUES = [
  'Accord-cadre',
  'Concours',
  'Système de qualification',
  "Système d'acquisition dynamique",
  'Catalogue électronique',
  'Enchère électronique',
  'Sans objet',
] as const;
export const DECP_MODALITES = ['Tranches', 'Bons de commande', 'Marchés subséquents', 'Sans objet'] as const;
export const DECP_CCAG = [
  'Travaux',
  "Maitrise d'œuvre",
  'Fournitures courantes et services',
  'Marchés industriels',
  'Prestations intellectuelles',
  "Techniques de l'information et de la communication",
  'Pas de CCAG',
] as const;
export const DECP_GROUPEMENTS = ['Conjoint', 'Solidaire', 'Pas de groupement'] as const;
export const DECP_FORMES_PRIX = ['Unitaire', 'Forfaitaire', 'Mixte'] as const;
export const DECP_TYPES_PRIX = [
  'Définitif ferme',
  'Définitif actualisable',
  'Définitif révisable',
  'Provisoire',
] as const;
export const DECP_SOCIALES = [
  'Clause sociale',
  'Critère social',
  'Marché réservé',
  'Pas de considération sociale',
] as const;
export const DECP_ENVIRONNEMENTALES = [
  'Clause environnementale',
  'Critère environnemental',
  'Pas de considération environnementale',
] as const;
const LIEU_TYPES = [
  'Code postal',
  'Code commune',
  'Code arrondissement',
  'Code canton',
  'Code département',
  'Code région',
  'Code pays',
] as const;
const TYPES_IDENTIFIANT = ['SIRET', 'TVA', 'TAHITI', 'RIDET', 'FRWF', 'IREP', 'HORS-UE'] as const;

const unique = <T extends z.ZodType>(item: T) =>
  z
    .array(item)
    .min(1)
    .refine((a) => new Set(a.map((v) => JSON.stringify(v))).size === a.length, { error: 'valeurs en double' });
const date = z.string().regex(/\d{4}-\d{2}-\d{2}/);
const identifiant = z.string().min(1).max(16);

export const MarcheSchema = z.strictObject({
  id: identifiant,
  acheteur: z.strictObject({ id: z.string().regex(/^[0-9]{14}$/) }),
  nature: z.enum(['Marché', 'Marché de partenariat', 'Marché de défense ou de sécurité']),
  objet: z.string().max(1000),
  codeCPV: z.string().regex(/^[0-9]{8}(-[0-9])?$/),
  techniques: z.strictObject({ technique: unique(z.enum(DECP_TECHNIQUES)) }),
  modalitesExecution: z.strictObject({ modaliteExecution: unique(z.enum(DECP_MODALITES)) }),
  idAccordCadre: identifiant.optional(),
  marcheInnovant: z.boolean(),
  ccag: z.enum(DECP_CCAG),
  offresRecues: z.number().int().min(1),
  attributionAvance: z.boolean(),
  tauxAvance: z.number().min(0).max(1).optional(),
  typeGroupementOperateurs: z.enum(DECP_GROUPEMENTS),
  sousTraitanceDeclaree: z.boolean(),
  procedure: z.enum(PROCEDURES),
  lieuExecution: z.strictObject({ code: z.string(), typeCode: z.enum(LIEU_TYPES) }),
  dureeMois: z.number().int().min(1),
  dateNotification: date,
  datePublicationDonnees: date,
  montant: z.number().min(1),
  typesPrix: z.strictObject({ typePrix: unique(z.enum(DECP_TYPES_PRIX)) }),
  formePrix: z.enum(DECP_FORMES_PRIX),
  origineUE: z.number().min(0).max(1).optional(),
  origineFrance: z.number().min(0).max(1).optional(),
  titulaires: unique(
    z.strictObject({ titulaire: z.strictObject({ typeIdentifiant: z.enum(TYPES_IDENTIFIANT), id: z.string() }) }),
  ),
  considerationsSociales: z.strictObject({ considerationSociale: unique(z.enum(DECP_SOCIALES)) }),
  considerationsEnvironnementales: z.strictObject({
    considerationEnvironnementale: unique(z.enum(DECP_ENVIRONNEMENTALES)),
  }),
});
export type Marche = z.infer<typeof MarcheSchema>;

export const DecpDocumentSchema = z.strictObject({ marches: z.strictObject({ marche: z.array(MarcheSchema) }) });

/** What the buyer states at award, for the essential data (DECP-02). */
export const AwardDecpSchema = z.strictObject({
  ccag: z.enum(DECP_CCAG).default('Fournitures courantes et services'),
  formePrix: z.enum(DECP_FORMES_PRIX).default('Forfaitaire'),
  typesPrix: unique(z.enum(DECP_TYPES_PRIX)).default(['Définitif ferme']),
  techniques: unique(z.enum(DECP_TECHNIQUES)).default(['Sans objet']),
  modalitesExecution: unique(z.enum(DECP_MODALITES)).default(['Sans objet']),
  considerationsSociales: unique(z.enum(DECP_SOCIALES)).default(['Pas de considération sociale']),
  considerationsEnvironnementales: unique(z.enum(DECP_ENVIRONNEMENTALES)).default([
    'Pas de considération environnementale',
  ]),
  marcheInnovant: z.boolean().default(false),
  attributionAvance: z.boolean().default(false),
  sousTraitanceDeclaree: z.boolean().default(false),
  typeGroupementOperateurs: z.enum(DECP_GROUPEMENTS).default('Pas de groupement'),
});
export type AwardDecp = z.infer<typeof AwardDecpSchema>;
