/**
 * postgres.js 3.4.9 can write to a connection whose socket is already gone when the server restarts under load
 * (upstream porsager/postgres issues #1154 and #1208, unfixed in this release): a timer throws
 * "Cannot read properties of null (reading 'write')" outside any query. The connection is already closed and the
 * pool opens a new one, so the hub logs it and goes on instead of dying. Nothing else is recognised here.
 */
export function isPostgresClosedSocketWrite(error: unknown): boolean {
  if (!error || typeof error !== 'object') return false;
  const { message, stack } = error as { message?: unknown; stack?: unknown };
  return (
    typeof message === 'string' &&
    message.includes("Cannot read properties of null (reading 'write')") &&
    typeof stack === 'string' &&
    /node_modules[\\/]postgres[\\/](cjs[\\/])?src[\\/]connection\.js/.test(stack)
  );
}
