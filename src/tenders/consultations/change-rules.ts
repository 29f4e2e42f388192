// A change after publication (an answer, a new version of a document): when it comes later than six days before
// the deadline (or is significant), the deadline moves so that companies keep six days, or the change is refused.
// Every registered company is then told, by e-mail (the outbox) — without naming who asked a question.
import { and, eq, isNull, lt } from 'drizzle-orm';
import type { Db } from '../../../db/client.ts';
import { emailOutbox } from '../../../db/schema/invoices.ts';
import { tenderLots, tenderRegistrations } from '../../../db/schema/tenders.ts';
import { AppError } from '../../platform/errors.ts';
import { extensionRule, type ChangeKind } from '../domain/index.ts';
import type { ConsultationRow } from './buyer-scope.ts';

type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];

export interface DeadlineMove {
  moved: boolean;
  newDeadline?: string;
}

/** Applies the extension rule to the open lots; `newDeadline` is the buyer's answer to it. */
export async function applyExtensionRule(
  tx: Tx,
  consultation: ConsultationRow,
  kind: ChangeKind,
  now: Date,
  newDeadline: Date | undefined,
): Promise<DeadlineMove> {
  if (consultation.status !== 'published') return { moved: false };
  const open = await tx
    .select({ id: tenderLots.id, deadline: tenderLots.deadline })
    .from(tenderLots)
    .where(and(eq(tenderLots.consultationId, consultation.id), isNull(tenderLots.closedAt)));
  if (open.length === 0)
    throw new AppError(
      'DEPOSITS_CLOSED',
      'La date limite est passée : la consultation n’accepte plus de modification.',
      409,
    );
  const earliest = new Date(Math.min(...open.map((l) => l.deadline.getTime())));
  const verdict = extensionRule(kind, now, earliest, consultation.dayMs);
  if (!verdict.required) return { moved: false };
  const needed = verdict.earliestDeadline as Date;
  if (!newDeadline || newDeadline.getTime() < needed.getTime())
    throw new AppError(
      'DEADLINE_EXTENSION_REQUIRED',
      `${kind === 'answer' ? 'Une réponse donnée' : 'Une modification importante des documents faite'} moins de six jours ` +
        `avant la date limite impose de la reporter : indiquez une nouvelle date limite (newDeadline) au plus tôt le ` +
        `${needed.toISOString()}, ou renoncez au changement.`,
      409,
      { earliestDeadline: needed.toISOString() },
    );
  await tx
    .update(tenderLots)
    .set({ deadline: newDeadline })
    .where(
      and(
        eq(tenderLots.consultationId, consultation.id),
        isNull(tenderLots.closedAt),
        lt(tenderLots.deadline, newDeadline),
      ),
    );
  return { moved: true, newDeadline: newDeadline.toISOString() };
}

/** One e-mail per registered company, once per event (the outbox's key). */
export async function tellRegisteredCompanies(
  tx: Tx,
  consultation: ConsultationRow,
  eventKey: string,
  subject: string,
  body: string,
): Promise<number> {
  const registered = await tx
    .select({ email: tenderRegistrations.email })
    .from(tenderRegistrations)
    .where(eq(tenderRegistrations.consultationId, consultation.id));
  if (registered.length === 0) return 0;
  await tx
    .insert(emailOutbox)
    .values(
      registered.map((r) => ({
        eventKey,
        toAddress: r.email,
        subject: `[${consultation.reference}] ${subject}`,
        body,
      })),
    )
    .onConflictDoNothing();
  return registered.length;
}
