import type { Context } from 'hono';
import type { AppEnv } from '../http.ts';
import { csrfRejected } from './auth-errors.ts';
import './context.ts';
import { readPreSessionCookie, setPreSessionCookie } from './cookies.ts';
import { randomToken, sameSecret } from './tokens.ts';

/** Name of the hidden field every form posts its CSRF token in. */
export const CSRF_FIELD = '_csrf';

const TOKEN_SHAPE = /^[A-Za-z0-9_-]{43}$/;

/**
 * The CSRF token for forms rendered in this request: the session's own token when logged in,
 * otherwise a random token kept in the pre-session cookie (double submit), created on first use.
 */
export function csrfToken(c: Context<AppEnv>): string {
  const session = c.get('authSession');
  if (session) return session.csrfToken;
  const existing = readPreSessionCookie(c);
  if (existing !== undefined && TOKEN_SHAPE.test(existing)) return existing;
  const fresh = randomToken();
  setPreSessionCookie(c, fresh);
  return fresh;
}

/** `<input type="hidden" name="_csrf" …>` to put inside every POST form. */
export function csrfField(c: Context<AppEnv>) {
  return <input type="hidden" name={CSRF_FIELD} value={csrfToken(c)} />;
}

/** Throws CSRF_REJECTED (403) unless the submitted token matches the one this request's session or cookie holds. */
export function verifyCsrf(c: Context<AppEnv>, submitted: unknown): void {
  const expected = c.get('authSession')?.csrfToken ?? readPreSessionCookie(c);
  if (typeof submitted !== 'string' || expected === undefined || !sameSecret(submitted, expected)) throw csrfRejected();
}
