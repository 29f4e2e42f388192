// The operator records a member's terms: an EPCI's joining or leaving date and invoice references, or a new
// member (any public structure of the directory) with an amount of its own.
import { eq } from 'drizzle-orm';
import Decimal from 'decimal.js';
import { billingMembers, billingProducts } from '../../../db/schema/billing.ts';
import { structures } from '../../../db/schema/directory.ts';
import { recordAudit } from '../../platform/audit/index.ts';
import { requireOperator } from '../../platform/auth/index.ts';
import { compareDates, isCalendarDate } from '../../platform/calendar/index.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import type { VerbCall } from '../../platform/verb.ts';
import { DEFAULT_PRODUCT_CODE } from '../domain/products.ts';
import type { BillingDeps } from '../settings.ts';

export interface MemberTermsInput {
  structureId: string;
  member?: boolean;
  joinedOn?: string | null;
  leftOn?: string | null;
  amount?: string | null;
  productCode?: string;
  serviceCode?: string | null;
  engagementNumber?: string | null;
}

const AMOUNT = /^\d{1,9}(\.\d{1,2})?$/;
const REFERENCE = /^[A-Za-z0-9_\-/.]{1,50}$/;

const blankToNull = (v: string | null | undefined): string | null | undefined =>
  v === undefined ? undefined : v === null || v.trim() === '' ? null : v.trim();

export async function saveMemberTerms({ ctx, input }: VerbCall<BillingDeps, MemberTermsInput>) {
  const actor = requireOperator(ctx.actor);
  const joinedOn = blankToNull(input.joinedOn);
  const leftOn = blankToNull(input.leftOn);
  const amount = blankToNull(input.amount);
  const serviceCode = blankToNull(input.serviceCode);
  const engagementNumber = blankToNull(input.engagementNumber);
  if (joinedOn && !isCalendarDate(joinedOn))
    throw new AppError('VALIDATION_FAILED', 'Date d’adhésion : une date (AAAA-MM-JJ).');
  if (leftOn && !isCalendarDate(leftOn))
    throw new AppError('VALIDATION_FAILED', 'Date de retrait : une date (AAAA-MM-JJ).');
  if (joinedOn && leftOn && compareDates(leftOn, joinedOn) < 0)
    throw new AppError('VALIDATION_FAILED', 'Date de retrait : elle ne peut précéder la date d’adhésion.');
  if (amount && !AMOUNT.test(amount))
    throw new AppError('VALIDATION_FAILED', 'Montant propre : un montant en euros, deux décimales au plus.');
  if (serviceCode && !REFERENCE.test(serviceCode))
    throw new AppError(
      'VALIDATION_FAILED',
      'Code service : 50 caractères au plus, lettres, chiffres et _ - / . seulement.',
    );
  if (engagementNumber && !REFERENCE.test(engagementNumber))
    throw new AppError(
      'VALIDATION_FAILED',
      'Numéro d’engagement : 50 caractères au plus, lettres, chiffres et _ - / . seulement.',
    );

  return ctx.deps.db.transaction(async (tx) => {
    const [structure] = await tx.select().from(structures).where(eq(structures.id, input.structureId));
    if (!structure) throw notFound('Structure');
    if (structure.kind === 'supplier' || structure.kind === 'syndicat')
      throw new AppError(
        'VALIDATION_FAILED',
        `${structure.name} ne peut pas être membre du syndicat (structure publique attendue).`,
      );
    const productCode = input.productCode?.trim() || undefined;
    if (productCode) {
      const [product] = await tx.select().from(billingProducts).where(eq(billingProducts.code, productCode));
      if (!product)
        throw new AppError('VALIDATION_FAILED', `Produit : « ${productCode} » n’est pas un produit facturé.`);
    }
    const [before] = await tx
      .select()
      .from(billingMembers)
      .where(eq(billingMembers.structureId, structure.id))
      .for('update');
    const next = {
      structureId: structure.id,
      member: input.member ?? before?.member ?? true,
      joinedOn: joinedOn === undefined ? (before?.joinedOn ?? null) : joinedOn,
      leftOn: leftOn === undefined ? (before?.leftOn ?? null) : leftOn,
      amount: amount === undefined ? (before?.amount ?? null) : amount === null ? null : new Decimal(amount).toFixed(2),
      productCode: productCode ?? before?.productCode ?? DEFAULT_PRODUCT_CODE,
      serviceCode: serviceCode === undefined ? (before?.serviceCode ?? null) : serviceCode,
      engagementNumber: engagementNumber === undefined ? (before?.engagementNumber ?? null) : engagementNumber,
      updatedAt: ctx.deps.clock.now(),
    };
    if (structure.kind !== 'epci' && next.member && next.amount === null)
      throw new AppError(
        'VALIDATION_FAILED',
        `Montant propre : ${structure.name} n’est pas un EPCI, la grille par population ne s’applique pas ; indiquez son montant annuel.`,
      );
    await tx.insert(billingMembers).values(next).onConflictDoUpdate({ target: billingMembers.structureId, set: next });
    await recordAudit(tx, {
      actor,
      action: 'billing_member.save',
      subject: { type: 'billing_member', id: structure.id },
      structureId: structure.id,
      before: before ?? null,
      after: { ...next, updatedAt: undefined },
    });
    return next;
  });
}
