// Activities of the billing workflows, built from the hub's dependencies.
import type { Mailer } from '../platform/mail/smtp.ts';
import { sendContributionReminders } from './follow-up/send-reminders.ts';
import { handRunPesToAccounting } from './pes/hand-to-accounting.ts';
import { writeRunPes } from './pes/write-run-pes.ts';
import { finishRun } from './runs/finish-run.ts';
import { issueContribution, type IssueInput } from './runs/issue-contribution.ts';
import { planRun } from './runs/plan-run.ts';
import { openScheduledRun } from './runs/start-run.ts';
import type { BillingDeps } from './settings.ts';

export function createBillingActivities(deps: BillingDeps & { mailer?: Mailer | undefined }) {
  return {
    openScheduledBillingRun: (atMs: number) => openScheduledRun(deps, atMs),
    planBillingRun: (runId: string) => planRun(deps, runId),
    issueContribution: (input: IssueInput) => issueContribution(deps, input),
    writeBillingRunPes: async (runId: string) => (await writeRunPes(deps, runId))?.bordereau ?? null,
    handBillingRunPesToAccounting: (runId: string) => handRunPesToAccounting(deps, runId),
    finishBillingRun: (input: { runId: string; failure?: string }) => finishRun(deps, input),
    sendContributionReminders: () => sendContributionReminders(deps),
  };
}

export type BillingActivities = ReturnType<typeof createBillingActivities>;
