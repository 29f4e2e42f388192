import type { Context } from 'hono';

/**
 * The peer address as seen by the Node server (`@hono/node-server` exposes the socket in `c.env.incoming`).
 * Forwarded headers are not trusted here: behind a proxy this is the proxy's address.
 */
export function clientIp(c: Context): string | null {
  const env = c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined;
  return env?.incoming?.socket?.remoteAddress ?? null;
}

export function userAgent(c: Context): string | null {
  return c.req.header('user-agent') ?? null;
}
