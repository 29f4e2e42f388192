// Recurring workflows of the invoices module, in the shape of the hub's schedule list.
import type { ScheduleDefinition } from '../platform/schedules/index.ts';

export const INVOICE_SCHEDULES: ScheduleDefinition[] = [
  {
    scheduleId: 'hub-invoice-start-relay',
    workflowType: 'invoiceStartRelayWorkflow',
    every: '1 minute',
    catchupWindow: '1 minute',
    overlap: 'SKIP',
    note: 'Démarrage du suivi des factures enregistrées dont le traitement n’a pas pu démarrer au dépôt',
  },
  {
    scheduleId: 'hub-invoice-email-retry',
    workflowType: 'invoiceEmailRetryWorkflow',
    every: '15 minutes',
    catchupWindow: '15 minutes',
    overlap: 'SKIP',
    note: 'Nouvel envoi des courriels de notification restés en attente (serveur de messagerie indisponible)',
  },
];
