// What the consultation's workflow and the hub say to each other: its type and id, its signals.
export const TENDER_WORKFLOW_TYPE = 'tenderConsultationWorkflow';

export const tenderWorkflowId = (consultationId: string): string => `tender-consultation-${consultationId}`;

export interface TenderWorkflowInput {
  consultationId: string;
}

/** A deadline moved (extension after an answer or a significant change): the workflow re-reads its timers. */
export const DEADLINES_CHANGED_SIGNAL = 'tenderDeadlinesChanged';
/** Every lot is awarded and the letters are sent: the workflow waits for the standstill's end. */
export const AWARDED_SIGNAL = 'tenderAwarded';

/** The next instants the workflow waits for, read from the database. */
export interface TenderSchedule {
  /** Deadlines (epoch ms) of the lots still open, ascending. */
  openDeadlines: number[];
  /** Set once every lot is awarded: when the standstill ends (epoch ms). */
  standstillEndsAt: number | null;
  status: string;
}
