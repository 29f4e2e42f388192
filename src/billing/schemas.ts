// Zod schemas of the billing API: request validation with French messages, responses for the OpenAPI document.
import { z } from '@hono/zod-openapi';
import { LINE_OUTCOMES, RUN_STATUSES } from './domain/outcomes.ts';
import { PAYMENT_STATES } from './domain/payment-state.ts';
import { MAX_YEAR, MIN_YEAR } from './runs/start-run.ts';

const year = z.coerce
  .number({ error: 'l’année doit être un nombre entier' })
  .int({ error: 'l’année doit être un nombre entier' })
  .min(MIN_YEAR, { error: `l’année est au plus tôt ${MIN_YEAR}` })
  .max(MAX_YEAR, { error: `l’année est au plus tard ${MAX_YEAR}` });

export const RunRequestSchema = z
  .object({
    year: z
      .number({ error: 'year : indiquez l’exercice (nombre entier, par exemple 2027)' })
      .int({ error: 'year : un nombre entier' })
      .min(MIN_YEAR, { error: `year : au plus tôt ${MIN_YEAR}` })
      .max(MAX_YEAR, { error: `year : au plus tard ${MAX_YEAR}` })
      .openapi({ example: 2027 }),
    dryRun: z.boolean({ error: 'dryRun : vrai ou faux' }).default(false).openapi({
      description: 'Simulation : la liste et les totaux, sans rien émettre',
    }),
  })
  .openapi('DemandeCampagne');

export const RunCreatedSchema = z.object({ id: z.string().uuid() }).openapi('CampagneCreee');

export const RunIdParamSchema = z.object({
  id: z
    .string()
    .regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, {
      error: 'identifiant de campagne invalide (UUID attendu)',
    })
    .openapi({ param: { name: 'id', in: 'path' } }),
});

export const YearParamSchema = z.object({ year: year.openapi({ param: { name: 'year', in: 'path' }, example: 2027 }) });

export const PesQuerySchema = z.object({
  bordereau: z.coerce
    .number({ error: 'bordereau : un nombre entier' })
    .int({ error: 'bordereau : un nombre entier' })
    .min(1, { error: 'bordereau : à partir de 1' })
    .optional()
    .openapi({ description: 'Numéro du bordereau (le dernier par défaut)' }),
});

const TierTotalSchema = z.object({
  tier: z.string(),
  members: z.number().int(),
  amount: z.string(),
  totalAmount: z.string(),
});

export const RunReportSchema = z
  .object({
    id: z.string(),
    year: z.number().int(),
    dryRun: z.boolean(),
    status: z.enum(RUN_STATUSES),
    issueDate: z.string(),
    requestedBy: z.string(),
    createdAt: z.string(),
    finishedAt: z.string().nullable(),
    failure: z.string().nullable(),
    counts: z.record(z.enum(LINE_OUTCOMES), z.number().int()),
    total: z.object({ amount: z.string(), totalAmount: z.string() }),
    totalsByTier: z.array(TierTotalSchema),
    pes: z.object({ bordereau: z.number().int(), nomFic: z.string(), titles: z.number().int() }).nullable(),
    lines: z.array(
      z.object({
        structureId: z.string(),
        memberName: z.string(),
        outcome: z.enum(LINE_OUTCOMES),
        tier: z.string().nullable(),
        amount: z.string().nullable().openapi({ description: 'Montant HT (décimal, euros)' }),
        totalAmount: z.string().nullable(),
        billedDays: z.number().int().nullable(),
        yearDays: z.number().int().nullable(),
        invoiceId: z.string().nullable(),
        number: z.string().nullable(),
        invoiceStatus: z.string().nullable().openapi({ description: 'Statut de la facture (codes Chorus Pro)' }),
        message: z.string().nullable(),
      }),
    ),
  })
  .openapi('CampagneDeFacturation');

export const YearReportSchema = z
  .object({
    year: z.number().int(),
    today: z.string(),
    counts: z.object({ issued: z.number(), paid: z.number(), late: z.number(), pending: z.number() }),
    amounts: z.object({ issued: z.string(), paid: z.string(), late: z.string() }),
    totalsByTier: z.array(TierTotalSchema),
    pesFiles: z.array(
      z.object({
        bordereau: z.number(),
        nomFic: z.string(),
        titles: z.number(),
        totalAmount: z.string(),
        createdAt: z.string(),
      }),
    ),
    contributions: z.array(
      z.object({
        id: z.string(),
        number: z.string(),
        structureId: z.string(),
        memberName: z.string(),
        tier: z.string().nullable(),
        amount: z.string(),
        vatAmount: z.string(),
        totalAmount: z.string(),
        billedDays: z.number(),
        yearDays: z.number(),
        issueDate: z.string(),
        dueDate: z.string(),
        invoiceId: z.string().nullable(),
        invoiceStatus: z.string().nullable(),
        paidOn: z.string().nullable(),
        state: z.enum(PAYMENT_STATES),
        pesBordereau: z.number().nullable(),
      }),
    ),
  })
  .openapi('SuiviDesContributions');

export const BillingErrorSchema = z
  .object({ code: z.string(), message: z.string(), requestId: z.string(), details: z.unknown().optional() })
  .openapi('ErreurFacturationMembres');
