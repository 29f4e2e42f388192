// Account e-mails (unlock, password reset, registration, invitation) go through the notifications' outbox: written
// in the verb's transaction, then sent at once by a workflow, or later by the outbox's retry schedule.
import { emailOutbox } from '../../../db/schema/invoices.ts';
import type { Db } from '../../../db/client.ts';
import type { AuthDeps } from './deps.ts';

/** Sends the outbox e-mails of one event at once; the outbox's own retry schedule takes over if it cannot. */
export const OUTBOX_EMAILS_WORKFLOW = 'outboxEmailsWorkflow';

export interface AccountEmail {
  eventKey: string;
  to: string;
  subject: string;
  body: string;
}

export async function queueEmail(tx: Pick<Db, 'insert'>, mail: AccountEmail): Promise<void> {
  await tx
    .insert(emailOutbox)
    .values({ eventKey: mail.eventKey, toAddress: mail.to, subject: mail.subject, body: mail.body });
}

/** Not awaited: an answer never waits on Temporal; without it the outbox's retry schedule sends the e-mail. */
export function sendSoon(deps: AuthDeps, eventKey: string): void {
  if (!deps.temporal || !deps.taskQueue) return;
  deps.temporal.workflow
    .start(OUTBOX_EMAILS_WORKFLOW, { taskQueue: deps.taskQueue, workflowId: `email-${eventKey}`, args: [eventKey] })
    .catch((error: unknown) => deps.logger?.warn({ err: error, eventKey }, 'e-mail left to the outbox retry schedule'));
}

/** A link in an e-mail: the hub's public address, then the path. */
export const emailLink = (deps: AuthDeps, pathAndQuery: string): string =>
  `${(deps.publicUrl ?? '').replace(/\/+$/, '')}${pathAndQuery}`;
