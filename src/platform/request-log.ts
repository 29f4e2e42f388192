import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from './http.ts';

/** One log line per request: method, path, status, duration, request id (never bodies or credentials). */
export function requestLog(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const started = performance.now();
    await next();
    const deps = c.get('deps');
    if (c.req.path === '/healthz') return;
    deps?.logger.info(
      {
        requestId: c.get('requestId'),
        method: c.req.method,
        path: c.req.path,
        status: c.res.status,
        ms: Math.round(performance.now() - started),
      },
      'request',
    );
  };
}
