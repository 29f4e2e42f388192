// Every page of the portal, with its static files; errors on these pages answer with French HTML pages.
import { Hono } from 'hono';
import { accountingPages } from '../accounting/index.ts';
import { billingPages } from '../billing/index.ts';
import { chorusPages } from '../chorus/index.ts';
import { directoryPages, recipientPages } from '../directory/index.ts';
import { invoicePages } from '../invoices/index.ts';
import { companyUsersPages, peoplePages, registrationPages } from '../people/index.ts';
import { auditPages } from '../platform/audit/pages/routes.tsx';
import type { AppEnv } from '../platform/http.ts';
import { portalError } from '../web/error-pages.tsx';
import { homeRoutes } from './home/routes.tsx';
import { legalPages } from './legal/routes.tsx';
import { staticRoutes } from '../web/static-routes.ts';
import { replayRoutes } from '../web/replay/replay-routes.tsx';
import { actPages, publicActPages } from '../acts/index.ts';
import { tenderPages } from '../tenders/index.ts';

/**
 * Mount at the root after `authenticate()`: `/`, `/static/*`, `/factures…` (supplier list, deposit, invoice pages),
 * `/a-traiter…` (accountant inbox), `/notifications…`, `/annuaire…` (operator directory), `/comptes…` (people and
 * API clients), `/chorus` (Chorus Pro connections), `/operateur/journal` (the audit log),
 * `/actes…` (acts to the prefecture), `/operateur/actes`, `/consultations…` and `/acheteur…` (the tender room).
 */
export const portalRoutes = new Hono<AppEnv>()
  .route('/', staticRoutes)
  .route('/', homeRoutes)
  .route('/', invoicePages)
  .route('/', directoryPages)
  .route('/', peoplePages)
  .route('/', chorusPages)
  .route('/', billingPages)
  .route('/', auditPages)
  .route('/', replayRoutes)
  .route('/', legalPages)
  .route('/', registrationPages)
  .route('/', recipientPages)
  .route('/', companyUsersPages)
  .route('/', publicActPages)
  .route('/', actPages)
  .route('/', accountingPages)
  .route('/', tenderPages);

portalRoutes.onError(portalError);
