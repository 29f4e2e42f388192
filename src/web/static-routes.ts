// The stylesheet and script of the portal, read once at start and served with a validator.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { Hono } from 'hono';
import type { AppEnv } from '../platform/http.ts';

interface Asset {
  body: string;
  type: string;
  etag: string;
}

function asset(file: string, type: string): Asset {
  const body = readFileSync(new URL(`./static/${file}`, import.meta.url), 'utf8');
  return { body, type, etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 16)}"` };
}

const ASSETS: Record<string, Asset> = {
  'hub.css': asset('hub.css', 'text/css; charset=utf-8'),
  'api-reference.css': asset('api-reference.css', 'text/css; charset=utf-8'),
  'hub.js': asset('hub.js', 'text/javascript; charset=utf-8'),
  'invoice-form.js': asset('invoice-form.js', 'text/javascript; charset=utf-8'),
  'tender-upload.js': asset('tender-upload.js', 'text/javascript; charset=utf-8'),
};

export const staticRoutes = new Hono<AppEnv>().get('/static/:file', (c) => {
  const found = ASSETS[c.req.param('file')];
  if (!found) return c.text('Fichier introuvable.', 404);
  c.header('ETag', found.etag);
  c.header('Cache-Control', 'public, max-age=300');
  if (c.req.header('if-none-match') === found.etag) return c.body(null, 304);
  return c.body(found.body, 200, { 'Content-Type': found.type });
});
