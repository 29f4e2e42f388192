// A company identifies itself on a consultation (optional) to be told of new documents and answers.
import { tenderRegistrations } from '../../../db/schema/tenders.ts';
import { structuresWithRole } from '../../platform/auth/index.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import type { VerbCall } from '../../platform/verb.ts';
import { loadConsultation } from '../consultations/buyer-scope.ts';
import type { TenderDeps } from '../settings.ts';

export async function registerCompany({
  ctx,
  input,
}: VerbCall<TenderDeps, { consultationId: string; email: string; companyName: string }>): Promise<void> {
  const consultation = await loadConsultation(ctx.deps.db, input.consultationId);
  if (!consultation || consultation.status === 'draft') throw notFound('Consultation');
  if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(input.email) || input.email.length > 254)
    throw new AppError('VALIDATION_FAILED', 'Adresse e-mail invalide.', 400, { field: 'email' });
  if (input.companyName.trim() === '')
    throw new AppError('VALIDATION_FAILED', 'Indiquez le nom de l’entreprise.', 400, { field: 'companyName' });
  await ctx.deps.db
    .insert(tenderRegistrations)
    .values({
      consultationId: consultation.id,
      email: input.email,
      companyName: input.companyName.trim().slice(0, 200),
      companyId: structuresWithRole(ctx.actor, 'supplier')[0] ?? null,
    })
    .onConflictDoNothing();
}
