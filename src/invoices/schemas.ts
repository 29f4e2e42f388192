// Zod schemas of the invoices HTTP API: query validation (French messages) and response documentation.
import { isCalendarDate } from '../platform/calendar/index.ts';
import { z } from '@hono/zod-openapi';
import { invoiceStatuses } from '../../db/schema/invoices.ts';
import { INVOICE_SORTS, MAX_PAGE_SIZE } from './queries/list-invoices.ts';

const DAY = /^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$/;
const DECIMAL = /^-?[0-9]{1,17}(\.[0-9]{1,2})?$/;
const date = (description: string) =>
  z
    .string()
    .regex(DAY, { error: 'date attendue au format AAAA-MM-JJ' })
    .refine(isCalendarDate, { error: 'ce jour n’existe pas dans le calendrier' })
    .optional()
    .openapi({ description, example: '2026-03-15' });
const amount = (description: string) =>
  z
    .string()
    .regex(DECIMAL, { error: 'montant attendu en nombre décimal avec un point (ex. 1250.50)' })
    .optional()
    .openapi({ description, example: '1250.50' });
const uuid = (description: string) =>
  z.uuid({ error: 'identifiant (UUID) attendu' }).optional().openapi({ description });

export const InvoiceStatusSchema = z.enum(invoiceStatuses).openapi({ description: 'Statut Chorus Pro' });

export const ListQuerySchema = z.object({
  status: z
    .string()
    .optional()
    .refine(
      (v) => v === undefined || v.split(',').every((s) => (invoiceStatuses as readonly string[]).includes(s.trim())),
      {
        error: `statut inconnu ; valeurs possibles : ${invoiceStatuses.join(', ')}`,
      },
    )
    .openapi({
      description: 'Un ou plusieurs statuts séparés par des virgules',
      example: 'MISE_A_DISPOSITION,SUSPENDUE',
    }),
  supplierId: uuid('Fournisseur'),
  buyerId: uuid('Structure destinataire'),
  serviceId: uuid('Service destinataire'),
  issueDateFrom: date('Date de facture (BT-2), à partir de ce jour inclus'),
  issueDateTo: date('Date de facture (BT-2), jusqu’à ce jour inclus'),
  depositDateFrom: date('Date de dépôt (heure de Paris), à partir de ce jour inclus'),
  depositDateTo: date('Date de dépôt (heure de Paris), jusqu’à ce jour inclus'),
  amountMin: amount('Montant TTC minimal (inclus)'),
  amountMax: amount('Montant TTC maximal (inclus)'),
  dueWithinDays: z.coerce
    .number({ error: 'nombre de jours entier attendu' })
    .int({ error: 'nombre de jours entier attendu' })
    .min(0, { error: 'nombre de jours positif ou nul attendu' })
    .max(3650, { error: 'au plus 3650 jours' })
    .optional()
    .openapi({
      description:
        'Factures en cours dont l’échéance légale tombe dans ce nombre de jours (échéances dépassées comprises)',
      example: 10,
    }),
  q: z
    .string()
    .max(100, { error: 'la recherche est limitée à 100 caractères' })
    .optional()
    .openapi({ description: 'Partie du numéro de facture', example: 'F2026' }),
  sort: z
    .enum(INVOICE_SORTS, { error: `tri inconnu ; valeurs possibles : ${INVOICE_SORTS.join(', ')}` })
    .optional()
    .openapi({
      description: 'Tri : échéance (dueDate) ou date de dépôt (depositDate), « - » pour l’ordre décroissant',
    }),
  page: z.coerce
    .number({ error: 'la page doit être un nombre entier' })
    .int({ error: 'la page doit être un nombre entier' })
    .min(1, { error: 'la page commence à 1' })
    .max(100_000, { error: 'la page ne peut dépasser 100 000' })
    .default(1),
  pageSize: z.coerce
    .number({ error: 'la taille de page doit être un nombre entier' })
    .int({ error: 'la taille de page doit être un nombre entier' })
    .min(1, { error: 'la taille de page est d’au moins 1' })
    .max(MAX_PAGE_SIZE, { error: `la taille de page est d’au plus ${MAX_PAGE_SIZE}` })
    .default(50),
});

export const InvoiceIdParamSchema = z.object({
  id: z.string().openapi({
    param: { name: 'id', in: 'path' },
    description: 'Identifiant de la facture',
    example: '0b7c6f1e-2d8e-4a57-9a43-7f0c1e6a9b10',
  }),
});

export const DepositQuerySchema = z.object({
  supplierId: uuid(
    'Fournisseur pour lequel la facture est déposée (ou en-tête X-Supplier-Id), si l’on agit pour plusieurs',
  ),
  fileName: z.string().max(200).optional().openapi({ description: 'Nom du fichier, pour un dépôt en corps brut' }),
});

const DECIMAL_STRING = { description: 'Montant décimal, point comme séparateur', example: '1440.00' };

const ViolationSchema = z.object({
  rule: z.string().openapi({ example: 'BR-CO-15' }),
  severity: z.enum(['fatal', 'warning']),
  bt: z.string().openapi({ example: 'BT-112', description: 'Terme métier EN 16931 concerné' }),
  path: z.string().openapi({ description: 'XPath de l’élément en cause dans le fichier' }),
  message: z.string(),
  line: z
    .number()
    .int()
    .optional()
    .openapi({ description: 'Numéro de la ligne de facture (BG-25) concernée, à partir de 1 ; absent pour l’en-tête' }),
  amounts: z
    .object({
      found: z
        .string()
        .nullable()
        .openapi({ ...DECIMAL_STRING, description: 'Montant indiqué dans la facture' }),
      expected: z
        .string()
        .openapi({ ...DECIMAL_STRING, description: 'Montant attendu, calculé comme la norme EN 16931' }),
    })
    .optional()
    .openapi({ description: 'Règles de calcul (BR-CO-10 à BR-CO-17) : montant indiqué et montant attendu' }),
});

export const RecipientServicesSchema = z
  .object({
    buyer: z.object({ id: z.string(), name: z.string(), siret: z.string() }),
    services: z.array(
      z.object({
        code: z.string().openapi({ description: 'Code service à porter en BT-10', example: 'FIN' }),
        label: z.string().openapi({ example: 'Direction des finances' }),
        engagementNumberRequired: z.boolean(),
      }),
    ),
  })
  .openapi('ServicesDestinataire', {
    description:
      'Code service absent, inconnu ou inactif : les services actifs du destinataire, parmi lesquels choisir',
  });

export const DepositAcceptedSchema = z
  .object({
    outcome: z.literal('accepted'),
    depositId: z.string(),
    invoiceId: z.string(),
    status: InvoiceStatusSchema,
    number: z.string(),
    year: z.number().int(),
    issueDate: z.string(),
    syntax: z.enum(['UBL', 'CII', 'FACTURX']),
    buyer: z.object({ id: z.string(), name: z.string(), siret: z.string() }),
    serviceCode: z.string().nullable(),
    engagementNumber: z.string().nullable(),
    originalSha256: z.string(),
    workflowId: z.string(),
    warnings: z.array(ViolationSchema),
  })
  .openapi('DepotAccepte');

export const DepositRefusedSchema = z
  .object({
    outcome: z.literal('refused'),
    depositId: z.string(),
    code: z.string().openapi({ example: 'DUPLICATE_INVOICE' }),
    message: z.string(),
    originalSha256: z.string(),
    violations: z.array(ViolationSchema).optional(),
    existingInvoiceId: z
      .string()
      .optional()
      .openapi({ description: 'Facture déjà déposée sous ce numéro cette année (refus DUPLICATE_INVOICE)' }),
    originalKept: z
      .boolean()
      .openapi({ description: 'Faux quand le quota des fichiers refusés conservés du fournisseur est atteint' }),
    originalNotKept: z
      .object({ code: z.string().openapi({ example: 'REFUSED_ORIGINALS_QUOTA' }), message: z.string() })
      .optional()
      .openapi({ description: 'Pourquoi l’original n’est pas conservé (la tentative et son empreinte le sont)' }),
    recipientServices: RecipientServicesSchema.optional(),
    requestId: z.string(),
  })
  .openapi('DepotRefuse');

const PartySchema = z.object({ id: z.string(), name: z.string() });

export const InvoiceSummarySchema = z
  .object({
    id: z.string(),
    number: z.string(),
    issueDate: z.string(),
    typeCode: z.string(),
    currency: z.string(),
    totalWithoutVat: z.string().openapi({ description: 'Montant HT (BT-109), décimal', example: '1234.56' }),
    totalVat: z.string(),
    totalWithVat: z.string(),
    amountDue: z.string(),
    status: InvoiceStatusSchema,
    statusChangedAt: z.string(),
    depositedAt: z.string(),
    legalDueAt: z.string().nullable(),
    supplier: PartySchema,
    buyer: PartySchema.extend({ siret: z.string() }),
    service: z.object({ id: z.string(), code: z.string(), label: z.string() }).nullable(),
    engagementNumber: z.string().nullable(),
  })
  .openapi('ResumeFacture');

export const InvoicePageSchema = z
  .object({
    items: z.array(InvoiceSummarySchema),
    total: z.number().int(),
    page: z.number().int(),
    pageSize: z.number().int(),
  })
  .openapi('PageFactures');

export const InvoiceEventSchema = z
  .object({
    sequence: z.number().int(),
    fromStatus: InvoiceStatusSchema.nullable(),
    toStatus: InvoiceStatusSchema,
    actor: z.string(),
    actorName: z.string(),
    motive: z.string().nullable(),
    data: z.unknown(),
    occurredAt: z.string(),
  })
  .openapi('EvenementFacture');

export const InvoiceDetailSchema = InvoiceSummarySchema.extend({
  syntax: z.enum(['UBL', 'CII', 'FACTURX']),
  supplierIdentifier: z.string().nullable(),
  serviceCode: z.string().nullable(),
  originalSha256: z.string(),
  workflowId: z.string(),
  lastMotive: z.string().nullable(),
  mandateNumber: z.string().nullable(),
  deposit: z.object({ fileName: z.string().nullable(), channel: z.string(), depositedBy: z.string() }).nullable(),
  paymentClock: z.object({
    paymentDelayDays: z.number().int(),
    madeAvailableAt: z.string().nullable(),
    legalDueAt: z.string().nullable(),
    paidOn: z.string().nullable(),
    lateDays: z.number().int().nullable(),
    lateInterest: z.string().nullable(),
    lateIndemnity: z.string().nullable(),
  }),
  validationReport: z.object({ profile: z.string(), violations: z.array(ViolationSchema) }),
  events: z.array(InvoiceEventSchema),
  attachments: z
    .array(z.object({ sha256: z.string(), fileName: z.string(), mediaType: z.string(), size: z.number().int() }))
    .openapi({ description: 'Pièces jointes référencées par les événements (data.attachments), avec leur nom' }),
}).openapi('DetailFacture');

export const EventListSchema = z.object({ items: z.array(InvoiceEventSchema) }).openapi('HistoriqueFacture');

export const ErrorSchema = z
  .object({ code: z.string(), message: z.string(), requestId: z.string(), details: z.unknown().optional() })
  .openapi('ErreurFactures');

export const DepositListQuerySchema = z.object({
  outcome: z
    .enum(['accepted', 'refused'], { error: 'résultat inconnu ; valeurs possibles : accepted, refused' })
    .optional()
    .openapi({ description: 'Seulement les dépôts acceptés, ou seulement les refusés' }),
  page: ListQuerySchema.shape.page,
  pageSize: ListQuerySchema.shape.pageSize,
});

export const DepositIdParamSchema = z.object({
  id: z.string().openapi({
    param: { name: 'id', in: 'path' },
    description: 'Identifiant du dépôt (depositId de la réponse au dépôt)',
    example: '5d0c2b7e-8f4a-4c1e-9b2d-3a6f7e8d9c01',
  }),
});

export const DepositSummarySchema = z
  .object({
    id: z.string(),
    depositedAt: z.string().openapi({ description: 'Date et heure du dépôt (ISO 8601, UTC)' }),
    outcome: z.enum(['accepted', 'refused']),
    fileName: z.string().nullable(),
    channel: z.string().openapi({ description: 'api, web, form, pdf_data, import…' }),
    depositedBy: z.string(),
    supplier: PartySchema,
    invoice: z
      .object({ id: z.string(), number: z.string() })
      .nullable()
      .openapi({ description: 'La facture créée par un dépôt accepté' }),
    refusalCode: z.string().nullable().openapi({ example: 'VALIDATION_FAILED' }),
    refusalMessage: z.string().nullable(),
    fatalCount: z.number().int().openapi({ description: 'Nombre d’anomalies bloquantes d’un dépôt refusé' }),
  })
  .openapi('ResumeDepot');

export const DepositPageSchema = z
  .object({
    items: z.array(DepositSummarySchema),
    total: z.number().int(),
    page: z.number().int(),
    pageSize: z.number().int(),
  })
  .openapi('PageDepots');

export const DepositDetailSchema = DepositSummarySchema.extend({
  originalSha256: z.string(),
  violations: z.array(ViolationSchema),
  existingInvoiceId: z
    .string()
    .optional()
    .openapi({ description: 'Refus DUPLICATE_INVOICE : la facture déjà déposée' }),
  recipientServices: RecipientServicesSchema.optional(),
}).openapi('DetailDepot');
