// Names and shapes shared by the billing workflows and the code that starts them.

export const BILLING_RUN_WORKFLOW_TYPE = 'billingRunWorkflow';
export const BILLING_REMINDERS_WORKFLOW_TYPE = 'billingRemindersWorkflow';

/** A run the operator asked for carries its id; the yearly schedule starts one without, for the current year. */
export interface BillingRunInput {
  runId?: string;
}

export const billingRunWorkflowId = (runId: string): string => `billing-run-${runId}`;

export interface BillingRunSummary {
  runId: string;
  year: number;
  dryRun: boolean;
  issued: number;
  alreadyIssued: number;
  blocked: number;
  planned: number;
  pesBordereau: number | null;
}
