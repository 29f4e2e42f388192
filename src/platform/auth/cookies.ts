import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import type { AppEnv } from '../http.ts';

export const SESSION_COOKIE = 'hub_session';
/** Anonymous visitors' CSRF token (double-submit), until a session brings its own. */
export const PRE_SESSION_COOKIE = 'hub_csrf';

function options(c: Context<AppEnv>) {
  return { httpOnly: true, sameSite: 'Lax', secure: c.get('deps').secureCookies, path: '/' } as const;
}

/** A browser-session cookie: the server decides when the session ends. */
export function setSessionCookie(c: Context<AppEnv>, token: string): void {
  setCookie(c, SESSION_COOKIE, token, options(c));
}

export function readSessionCookie(c: Context<AppEnv>): string | undefined {
  return getCookie(c, SESSION_COOKIE) || undefined;
}

export function clearSessionCookie(c: Context<AppEnv>): void {
  deleteCookie(c, SESSION_COOKIE, options(c));
}

export function setPreSessionCookie(c: Context<AppEnv>, token: string): void {
  setCookie(c, PRE_SESSION_COOKIE, token, options(c));
}

export function readPreSessionCookie(c: Context<AppEnv>): string | undefined {
  return getCookie(c, PRE_SESSION_COOKIE) || undefined;
}

export function clearPreSessionCookie(c: Context<AppEnv>): void {
  deleteCookie(c, PRE_SESSION_COOKIE, options(c));
}
