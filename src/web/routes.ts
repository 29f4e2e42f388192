// Every page of the portal, with its static files; errors on these pages answer with French HTML pages.
import { Hono } from 'hono';
import { directoryPages } from '../directory/pages/routes.tsx';
import type { AppEnv } from '../platform/http.ts';
import { chorusHealthRoutes } from './chorus/routes.tsx';
import { portalError } from './error-pages.tsx';
import { homeRoutes } from './home/routes.tsx';
import { inboxRoutes } from './invoices/inbox-routes.tsx';
import { invoiceRoutes } from './invoices/invoice-routes.tsx';
import { supplierRoutes } from './invoices/supplier-routes.tsx';
import { notificationRoutes } from './notifications/routes.tsx';
import { staticRoutes } from './static-routes.ts';

/**
 * Mount at the root after `authenticate()`: `/`, `/static/*`, `/factures…` (supplier list, deposit, invoice pages),
 * `/a-traiter…` (accountant inbox), `/notifications…`, `/annuaire…` (operator directory), `/chorus` (Chorus Pro connections).
 */
export const portalRoutes = new Hono<AppEnv>()
  .route('/', staticRoutes)
  .route('/', homeRoutes)
  .route('/', supplierRoutes)
  .route('/', invoiceRoutes)
  .route('/', inboxRoutes)
  .route('/', notificationRoutes)
  .route('/', directoryPages)
  .route('/', chorusHealthRoutes);

portalRoutes.onError(portalError);
