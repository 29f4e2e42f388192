// Recurring workflows of the invoices module, in the shape of the hub's schedule list.
import type { ScheduleDefinition } from '../platform/temporal/schedules.ts';

export const INVOICE_SCHEDULES: ScheduleDefinition[] = [
  {
    scheduleId: 'hub-invoice-start-relay',
    workflowType: 'invoiceStartRelayWorkflow',
    every: '1 minute',
    note: 'Démarrage du suivi des factures enregistrées dont le traitement n’a pas pu démarrer au dépôt',
  },
  {
    scheduleId: 'hub-invoice-email-retry',
    workflowType: 'invoiceEmailRetryWorkflow',
    every: '15 minutes',
    note: 'Nouvel envoi des courriels de notification restés en attente (serveur de messagerie indisponible)',
  },
];
