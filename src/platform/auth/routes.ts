import { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../http.ts';
import { oauthRoutes } from './oauth-routes.ts';
import { authPages } from './pages.tsx';
import { passwordResetPages } from './password-reset-pages.tsx';
import { sessionRoutes } from './session-routes.ts';

/**
 * Everything the auth module serves. Mount at the root after `authenticate()`:
 * `/auth/login`, `/auth/logout`, `/auth/me`, `/api/oauth/token` (in the OpenAPI document),
 * and the `/connexion` and `/deconnexion` pages.
 */
export const authRoutes = new OpenAPIHono<AppEnv>()
  .route('/', sessionRoutes)
  .route('/', oauthRoutes)
  .route('/', authPages)
  .route('/', passwordResetPages);
