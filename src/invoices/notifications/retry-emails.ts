// Notification e-mails the workflow could not send (SMTP down for longer than its own retries) are tried again
// later by a schedule, for a week, then left in the outbox where the portal still shows the notification.
import { and, asc, gt, isNull, lt } from 'drizzle-orm';
import { emailOutbox } from '../../../db/schema/invoices.ts';
import { sendPendingEmails, type MailDeps } from './send-emails.ts';

export interface EmailRetryOptions {
  /** An e-mail tried this many times is given up (default 12: with the workflow's 5, about a day of retries). */
  maxAttempts?: number;
  /** Younger e-mails are still the workflow's own to send (default 15 minutes, past its retries). */
  graceMs?: number;
  /** Older e-mails are no longer news (default 7 days). */
  maxAgeMs?: number;
  /** Events handled per run (default 200). */
  limit?: number;
}

export interface EmailRetryResult {
  events: number;
  sent: number;
  failed: number;
}

export async function retryUnsentEmails(deps: MailDeps, options: EmailRetryOptions = {}): Promise<EmailRetryResult> {
  if (!deps.mailer) return { events: 0, sent: 0, failed: 0 };
  const now = deps.clock.now().getTime();
  const pending = await deps.db
    .selectDistinct({ eventKey: emailOutbox.eventKey, createdAt: emailOutbox.createdAt })
    .from(emailOutbox)
    .where(
      and(
        isNull(emailOutbox.sentAt),
        lt(emailOutbox.attempts, options.maxAttempts ?? 12),
        lt(emailOutbox.createdAt, new Date(now - (options.graceMs ?? 15 * 60_000))),
        gt(emailOutbox.createdAt, new Date(now - (options.maxAgeMs ?? 7 * 86_400_000))),
      ),
    )
    .orderBy(asc(emailOutbox.createdAt))
    .limit(options.limit ?? 200);
  const eventKeys = [...new Set(pending.map((p) => p.eventKey))];
  let sent = 0;
  let failed = 0;
  for (const eventKey of eventKeys) {
    try {
      sent += (await sendPendingEmails(deps, eventKey)).sent;
    } catch (error) {
      failed += 1;
      deps.logger.warn({ err: error, eventKey }, 'notification e-mails still not sent; tried again at the next run');
    }
  }
  if (eventKeys.length > 0)
    deps.logger.info({ events: eventKeys.length, sent, failed }, 'unsent notification e-mails tried again');
  return { events: eventKeys.length, sent, failed };
}
