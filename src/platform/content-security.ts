// The Content-Security-Policy of every page: scripts, styles and frames from the hub itself only, so that a text
// that slipped through escaping still cannot run. Pages carry no inline script or style (they are static files).
import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from './http.ts';

export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "frame-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'self'",
].join('; ');

/** Set on HTML answers only: a PDF or an image shown in a frame is not a document of ours to restrict. */
export function contentSecurityPolicy(): MiddlewareHandler<AppEnv> {
  return async function contentSecurityPolicy(c, next) {
    await next();
    if ((c.res.headers.get('content-type') ?? '').startsWith('text/html'))
      c.res.headers.set('Content-Security-Policy', CONTENT_SECURITY_POLICY);
  };
}
