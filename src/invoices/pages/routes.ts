// Every page of the invoices module: the supplier's list, deposit and deposit history, an invoice's page, the accountant's inbox,
// the notifications.
import { Hono } from 'hono';
import type { AppEnv } from '../../platform/http.ts';
import { depositHistoryPages } from './deposit-history-routes.tsx';
import { formRoutes } from './form-routes.tsx';
import { inboxRoutes } from './inbox-routes.tsx';
import { invoiceRoutes } from './invoice-routes.tsx';
import { notificationRoutes } from './notifications/routes.tsx';
import { supplierRoutes } from './supplier-routes.tsx';

export const invoicePages = new Hono<AppEnv>()
  .route('/', supplierRoutes)
  // Before /factures/:id, which would take "depots" for an invoice id.
  .route('/', depositHistoryPages)
  .route('/', formRoutes)
  .route('/', invoiceRoutes)
  .route('/', inboxRoutes)
  .route('/', notificationRoutes);
