// The grid the operator keeps: read it, add a tier, end a tier's validity. A tier never overlaps another one in
// force at the same time for the same populations, so a population finds at most one tier on a given day.
import { asc, eq } from 'drizzle-orm';
import Decimal from 'decimal.js';
import type { Db } from '../../../db/client.ts';
import { billingTiers } from '../../../db/schema/billing.ts';
import { recordAudit } from '../../platform/audit/index.ts';
import { requireOperator } from '../../platform/auth/index.ts';
import { compareDates, isCalendarDate } from '../../platform/calendar/index.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import type { VerbCall } from '../../platform/verb.ts';
import { overlappingTier, populationBounds, type NewTier, type Tier } from '../domain/grid.ts';
import type { BillingDeps } from '../settings.ts';

export async function listTiers(db: Db): Promise<Tier[]> {
  const rows = await db
    .select()
    .from(billingTiers)
    .orderBy(asc(billingTiers.validFrom), asc(billingTiers.minPopulation));
  return rows.map((r) => ({
    id: r.id,
    label: r.label,
    minPopulation: r.minPopulation,
    maxPopulation: r.maxPopulation,
    amount: r.amount,
    validFrom: r.validFrom,
    validTo: r.validTo,
    isDefault: r.isDefault,
  }));
}

export interface TierInput {
  label: string;
  minPopulation: number;
  maxPopulation: number | null;
  amount: string;
  validFrom: string;
  validTo: string | null;
}

const AMOUNT = /^\d{1,9}(\.\d{1,2})?$/;

function checkTier(input: TierInput): NewTier {
  const label = input.label.trim();
  if (label === '' || label.length > 100)
    throw new AppError('VALIDATION_FAILED', 'Libellé de la tranche : indiquez-le (100 caractères au plus).');
  if (!Number.isInteger(input.minPopulation) || input.minPopulation < 0)
    throw new AppError('VALIDATION_FAILED', 'Population minimale : un nombre entier d’habitants, 0 ou plus.');
  if (
    input.maxPopulation !== null &&
    (!Number.isInteger(input.maxPopulation) || input.maxPopulation < input.minPopulation)
  )
    throw new AppError(
      'VALIDATION_FAILED',
      'Population maximale : un nombre entier au moins égal à la population minimale, ou vide pour une tranche ouverte.',
    );
  if (!AMOUNT.test(input.amount.trim()))
    throw new AppError(
      'VALIDATION_FAILED',
      'Montant : un montant en euros, deux décimales au plus (par exemple 400 ou 1250.50).',
    );
  if (!isCalendarDate(input.validFrom))
    throw new AppError('VALIDATION_FAILED', 'Début de validité : une date (AAAA-MM-JJ).');
  if (input.validTo !== null && (!isCalendarDate(input.validTo) || compareDates(input.validTo, input.validFrom) < 0))
    throw new AppError('VALIDATION_FAILED', 'Fin de validité : une date qui ne précède pas le début, ou vide.');
  return {
    label,
    minPopulation: input.minPopulation,
    maxPopulation: input.maxPopulation,
    amount: new Decimal(input.amount.trim()).toFixed(2),
    validFrom: input.validFrom,
    validTo: input.validTo,
    isDefault: false,
  };
}

export async function addTier({ ctx, input }: VerbCall<BillingDeps, TierInput>): Promise<Tier> {
  const actor = requireOperator(ctx.actor);
  const tier = checkTier(input);
  return ctx.deps.db.transaction(async (tx) => {
    const clash = overlappingTier(await listTiers(tx), tier);
    if (clash)
      throw new AppError(
        'TIER_OVERLAP',
        `La tranche chevauche « ${clash.label} » (${populationBounds(clash)} habitants, en vigueur depuis le ${clash.validFrom}) : terminez d’abord sa validité.`,
        409,
      );
    const [row] = await tx.insert(billingTiers).values(tier).returning();
    await recordAudit(tx, {
      actor,
      action: 'billing_tier.create',
      subject: { type: 'billing_tier', id: row!.id },
      after: tier,
    });
    return { ...tier, id: row!.id };
  });
}

/** Ends a tier's validity on `validTo` (the day before a new grid takes over). */
export async function endTier({
  ctx,
  input,
}: VerbCall<BillingDeps, { tierId: string; validTo: string }>): Promise<Tier> {
  const actor = requireOperator(ctx.actor);
  return ctx.deps.db.transaction(async (tx) => {
    const [row] = await tx.select().from(billingTiers).where(eq(billingTiers.id, input.tierId)).for('update');
    if (!row) throw notFound('Tranche');
    if (!isCalendarDate(input.validTo) || compareDates(input.validTo, row.validFrom) < 0)
      throw new AppError(
        'VALIDATION_FAILED',
        `Fin de validité : une date (AAAA-MM-JJ) qui ne précède pas le début (${row.validFrom}).`,
      );
    await tx.update(billingTiers).set({ validTo: input.validTo }).where(eq(billingTiers.id, row.id));
    await recordAudit(tx, {
      actor,
      action: 'billing_tier.end',
      subject: { type: 'billing_tier', id: row.id },
      before: { validTo: row.validTo },
      after: { validTo: input.validTo },
    });
    return { ...row, validTo: input.validTo };
  });
}
