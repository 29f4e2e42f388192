// The tender room's pages: public search and consultation pages, the company's deposit and receipts, the buyer's
// and the operator's pages. Mounted by the portal after authentication.
import { Hono } from 'hono';
import type { AppEnv } from '../../platform/http.ts';
import { buyerTenderPages } from './buyer-routes.tsx';
import { companyTenderPages } from './company-routes.tsx';
import { publicTenderPages } from './public-routes.tsx';

export const tenderPages = new Hono<AppEnv>()
  .route('/', buyerTenderPages)
  .route('/', companyTenderPages)
  .route('/', publicTenderPages);
