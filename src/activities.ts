import { createActsActivities, type ActsDeps } from './acts/index.ts';
import { createInvoiceActivities } from './invoices/activities.ts';
import { createChorusActivities } from './chorus/index.ts';
import { createBillingActivities } from './billing/index.ts';
import { createAccountingActivities } from './accounting/index.ts';
import { createAuthActivities } from './platform/auth/index.ts';
import { createTenderActivities } from './tenders/index.ts';
import type { AppDeps } from './platform/http.ts';
import type { Mailer } from './platform/mail/smtp.ts';

/**
 * Every activity the worker registers, built from the hub's dependencies. Workflows import only its type.
 * `mailer` sends notification e-mails when SMTP is configured; without it they wait in the outbox.
 */
export function createActivities(
  deps: AppDeps & { mailer?: Mailer | undefined } & Pick<ActsDeps, 'acts' | 'actsTiming'>,
) {
  return {
    ...createAuthActivities(deps),
    ...createInvoiceActivities(deps),
    ...createChorusActivities(deps),
    ...createBillingActivities(deps),
    ...createTenderActivities(deps),
    ...createAccountingActivities(deps),
    ...createActsActivities(deps),
  };
}

export type Activities = ReturnType<typeof createActivities>;
