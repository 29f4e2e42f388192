import type { Context } from 'hono';
import { CSRF_FIELD, verifyCsrf } from '../../platform/auth/index.ts';
import type { AppEnv } from '../../platform/http.ts';

/** Reads the form's CSRF field and throws CSRF_REJECTED (403) when it does not match the session's. */
export async function csrfRejectedIfInvalid(c: Context<AppEnv>): Promise<void> {
  const form = await c.req.parseBody();
  verifyCsrf(c, form[CSRF_FIELD]);
}
