// Questions of companies and the buyer's answers (ACH-09, OE-10). The answer is published to everyone, without the
// asker's name; an answer later than six days before the deadline moves it (or is refused); registered companies
// are told.
import { and, asc, eq, isNotNull } from 'drizzle-orm';
import { tenderQuestions, tenderRegistrations } from '../../../db/schema/tenders.ts';
import { recordAudit } from '../../platform/audit/index.ts';
import { requireActorPresent, structuresWithRole } from '../../platform/auth/index.ts';
import { AppError, forbidden, notFound } from '../../platform/errors.ts';
import type { VerbCall } from '../../platform/verb.ts';
import { consultationForAgent, loadConsultation } from '../consultations/buyer-scope.ts';
import { applyExtensionRule, tellRegisteredCompanies, type DeadlineMove } from '../consultations/change-rules.ts';
import { DEADLINES_CHANGED_SIGNAL } from '../domain/index.ts';
import type { TenderDeps } from '../settings.ts';
import { signalConsultationWorkflow } from '../workflow/start.ts';
import { partyOf } from '../deposits/parties.ts';

export async function askQuestion({
  ctx,
  input,
}: VerbCall<TenderDeps, { consultationId: string; question: string; email?: string }>): Promise<{
  questionId: string;
}> {
  const { deps } = ctx;
  const actor = requireActorPresent(ctx.actor);
  const companyId = structuresWithRole(actor, 'supplier')[0];
  if (!companyId) throw forbidden('Seule une entreprise peut poser une question.');
  const consultation = await loadConsultation(deps.db, input.consultationId);
  if (!consultation || consultation.status === 'draft') throw notFound('Consultation');
  if (consultation.status !== 'published')
    throw new AppError('DEPOSITS_CLOSED', 'La date limite est passée : les questions sont closes.', 409);
  const question = input.question.trim();
  if (question.length < 3 || question.length > 4000)
    throw new AppError('VALIDATION_FAILED', 'La question compte 3 à 4 000 caractères.', 400, { field: 'question' });
  const email = input.email ?? (actor.kind === 'person' ? actor.email : undefined);
  return deps.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(tenderQuestions)
      .values({
        consultationId: consultation.id,
        companyId,
        askerEmail: email ?? null,
        question,
        askedAt: deps.clock.now(),
      })
      .returning({ id: tenderQuestions.id });
    if (email) {
      const company = await partyOf(tx, companyId);
      await tx
        .insert(tenderRegistrations)
        .values({ consultationId: consultation.id, email, companyName: company.name, companyId })
        .onConflictDoNothing();
    }
    await recordAudit(tx, {
      actor,
      action: 'tender.question_ask',
      subject: { type: 'tender_consultation', id: consultation.id },
      structureId: consultation.buyerId,
      after: { questionId: row!.id },
    });
    return { questionId: row!.id };
  });
}

export async function answerQuestion({
  ctx,
  input,
}: VerbCall<TenderDeps, { consultationId: string; questionId: string; answer: string; newDeadline?: Date }>): Promise<
  { told: number } & DeadlineMove
> {
  const { deps } = ctx;
  const { actor, consultation } = await consultationForAgent(deps.db, ctx.actor, input.consultationId);
  const answer = input.answer.trim();
  if (answer.length < 1 || answer.length > 8000)
    throw new AppError('VALIDATION_FAILED', 'La réponse compte 1 à 8 000 caractères.', 400, { field: 'answer' });
  const now = deps.clock.now();
  const result = await deps.db.transaction(async (tx) => {
    const [q] = await tx
      .select()
      .from(tenderQuestions)
      .where(and(eq(tenderQuestions.id, input.questionId), eq(tenderQuestions.consultationId, consultation.id)));
    if (!q) throw notFound('Question');
    if (q.answeredAt) throw new AppError('ALREADY_ANSWERED', 'Cette question a déjà sa réponse.', 409);
    const move = await applyExtensionRule(tx, consultation, 'answer', now, input.newDeadline);
    await tx.update(tenderQuestions).set({ answer, answeredAt: now }).where(eq(tenderQuestions.id, q.id));
    const told = await tellRegisteredCompanies(
      tx,
      consultation,
      `tender-answer:${q.id}`,
      'Réponse à une question',
      `Question : ${q.question}\n\nRéponse de l’acheteur : ${answer}` +
        (move.moved ? `\n\nLa date limite de remise des plis est reportée au ${move.newDeadline}.` : ''),
    );
    await recordAudit(tx, {
      actor,
      action: 'tender.question_answer',
      subject: { type: 'tender_consultation', id: consultation.id },
      structureId: consultation.buyerId,
      after: { questionId: q.id, ...move, told },
    });
    return { told, ...move };
  });
  if (result.moved) await signalConsultationWorkflow(deps, consultation.id, DEADLINES_CHANGED_SIGNAL);
  return result;
}

/** The published questions and answers, anonymised: what every company sees. */
export async function publicQuestions(deps: TenderDeps, consultationId: string) {
  const consultation = await loadConsultation(deps.db, consultationId);
  if (!consultation || consultation.status === 'draft') throw notFound('Consultation');
  const rows = await deps.db
    .select({
      id: tenderQuestions.id,
      question: tenderQuestions.question,
      answer: tenderQuestions.answer,
      answeredAt: tenderQuestions.answeredAt,
    })
    .from(tenderQuestions)
    .where(and(eq(tenderQuestions.consultationId, consultation.id), isNotNull(tenderQuestions.answeredAt)))
    .orderBy(asc(tenderQuestions.answeredAt));
  return rows.map((r) => ({
    id: r.id,
    question: r.question,
    answer: r.answer ?? '',
    answeredAt: r.answeredAt!.toISOString(),
  }));
}
