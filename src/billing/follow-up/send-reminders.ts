// The daily reminders: for each unpaid contribution, the reminder due today (before or after its due date) to the
// member's accountants, through the e-mail outbox (sent now when SMTP is configured, retried by the outbox
// schedule otherwise). A reminder is recorded with its e-mails in one transaction, so it goes out once.
import { and, eq, inArray, isNotNull, notInArray } from 'drizzle-orm';
import { people, roleGrants } from '../../../db/schema/auth.ts';
import { billingContributions, billingReminders } from '../../../db/schema/billing.ts';
import { emailOutbox, invoices } from '../../../db/schema/invoices.ts';
import { sendPendingEmails } from '../../invoices/index.ts';
import { parisDay } from '../../platform/calendar/index.ts';
import type { Mailer } from '../../platform/mail/smtp.ts';
import { reminderDue, reminderMessage } from '../domain/reminders.ts';
import type { StoredLine } from '../runs/issue-contribution.ts';
import { billingSettings, type BillingDeps } from '../settings.ts';

export interface ReminderResult {
  reminders: number;
  emails: number;
}

export async function sendContributionReminders(
  deps: BillingDeps & { mailer?: Mailer | undefined },
): Promise<ReminderResult> {
  const settings = billingSettings(deps);
  const today = parisDay(deps.clock.now()).date;
  const open = await deps.db
    .select({ c: billingContributions })
    .from(billingContributions)
    .innerJoin(invoices, eq(invoices.id, billingContributions.invoiceId))
    .where(
      and(isNotNull(billingContributions.invoiceId), notInArray(invoices.status, ['MISE_EN_PAIEMENT', 'REJETEE'])),
    );
  const result: ReminderResult = { reminders: 0, emails: 0 };
  for (const { c } of open) {
    const due = reminderDue(c.dueDate, today, settings.reminderDaysBefore, settings.reminderDaysAfter);
    if (!due) continue;
    const eventKey = `billing:contribution:${c.id}:${due.kind}`;
    const line = c.line as StoredLine;
    const message = reminderMessage({
      reminder: due,
      number: c.number,
      memberName: line.memberName,
      totalAmount: c.totalAmount,
      dueDate: c.dueDate,
      year: c.year,
    });
    const written = await deps.db.transaction(async (tx) => {
      const [first] = await tx
        .insert(billingReminders)
        .values({ contributionId: c.id, kind: due.kind, emails: 0 })
        .onConflictDoNothing()
        .returning({ kind: billingReminders.kind });
      if (!first) return null;
      const accountants = await tx
        .select({ email: people.email })
        .from(roleGrants)
        .innerJoin(people, eq(people.id, roleGrants.personId))
        .where(
          and(
            eq(roleGrants.structureId, c.structureId),
            inArray(roleGrants.role, ['accountant']),
            eq(people.active, true),
          ),
        );
      const to = [...new Set(accountants.map((a) => a.email))];
      if (to.length > 0)
        await tx
          .insert(emailOutbox)
          .values(to.map((toAddress) => ({ eventKey, toAddress, ...message })))
          .onConflictDoNothing();
      await tx
        .update(billingReminders)
        .set({ emails: to.length })
        .where(and(eq(billingReminders.contributionId, c.id), eq(billingReminders.kind, due.kind)));
      return to.length;
    });
    if (written === null) continue;
    result.reminders += 1;
    result.emails += written;
    // Left in the outbox on failure: the outbox schedule sends it later.
    await sendPendingEmails(deps, eventKey).catch((error: unknown) =>
      deps.logger.warn({ err: error, eventKey }, 'billing reminder e-mail not sent yet'),
    );
  }
  return result;
}
