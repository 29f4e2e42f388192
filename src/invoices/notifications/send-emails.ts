// Sends the outbox e-mails of one event when SMTP is configured; without it they stay in the outbox for the UI.
import { ApplicationFailure } from '@temporalio/common';
import { and, eq, isNull, sql } from 'drizzle-orm';
import { emailOutbox } from '../../../db/schema/invoices.ts';
import type { Mailer } from '../../platform/mail/smtp.ts';
import type { LifecycleDeps } from '../lifecycle/record-transition.ts';

export type MailDeps = LifecycleDeps & { mailer?: Mailer | undefined };

/** Number of e-mails of `eventKey` still to send, when there is a mailer to send them (0 without one). */
export async function unsentEmails(deps: MailDeps, eventKey: string): Promise<number> {
  if (!deps.mailer) return 0;
  const rows = await deps.db
    .select({ id: emailOutbox.id })
    .from(emailOutbox)
    .where(and(eq(emailOutbox.eventKey, eventKey), isNull(emailOutbox.sentAt)));
  return rows.length;
}

export interface SendResult {
  sent: number;
  failed: number;
}

/**
 * Each unsent e-mail of `eventKey` is sent and marked sent. A failure is recorded on its row and, after the
 * others were tried, raised as retryable so the activity tries the rest again later (at least once, never lost).
 */
export async function sendPendingEmails(deps: MailDeps, eventKey: string): Promise<SendResult> {
  const mailer = deps.mailer;
  if (!mailer) return { sent: 0, failed: 0 };
  const pending = await deps.db
    .select()
    .from(emailOutbox)
    .where(and(eq(emailOutbox.eventKey, eventKey), isNull(emailOutbox.sentAt)));
  let sent = 0;
  let failed = 0;
  for (const mail of pending) {
    try {
      await mailer.send({ to: mail.toAddress, subject: mail.subject, text: mail.body });
      await deps.db
        .update(emailOutbox)
        .set({ sentAt: deps.clock.now(), attempts: sql`${emailOutbox.attempts} + 1`, lastError: null })
        .where(eq(emailOutbox.id, mail.id));
      sent += 1;
    } catch (error) {
      failed += 1;
      const message = error instanceof Error ? error.message : String(error);
      await deps.db
        .update(emailOutbox)
        .set({ attempts: sql`${emailOutbox.attempts} + 1`, lastError: message.slice(0, 500) })
        .where(eq(emailOutbox.id, mail.id));
    }
  }
  if (failed > 0)
    throw ApplicationFailure.create({
      type: 'EMAIL_NOT_SENT',
      message: `${failed} e-mail(s) not sent for ${eventKey}`,
    });
  return { sent, failed };
}
