// What a run did for each member; db/schema/billing.ts repeats the lists for its enums (vat.test.ts checks).

export const LINE_OUTCOMES = ['PLANNED', 'ISSUED', 'ALREADY_ISSUED', 'BLOCKED'] as const;
export type LineOutcome = (typeof LINE_OUTCOMES)[number];

export const RUN_STATUSES = ['PENDING', 'RUNNING', 'DONE', 'FAILED'] as const;
export type RunStatus = (typeof RUN_STATUSES)[number];

export const LINE_OUTCOME_LABELS: Record<LineOutcome, string> = {
  PLANNED: 'À émettre (simulation)',
  ISSUED: 'Émise',
  ALREADY_ISSUED: 'Déjà émise',
  BLOCKED: 'Bloquée',
};

export const RUN_STATUS_LABELS: Record<RunStatus, string> = {
  PENDING: 'En attente',
  RUNNING: 'En cours',
  DONE: 'Terminée',
  FAILED: 'En échec',
};
