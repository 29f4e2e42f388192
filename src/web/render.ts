// Sends a rendered page: doctype, HTML, never cached (pages show personal data).
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { JSX } from 'hono/jsx/jsx-runtime';

export async function sendPage(c: Context, page: JSX.Element, status: ContentfulStatusCode = 200): Promise<Response> {
  const html = `<!DOCTYPE html>${await page.toString()}`;
  return c.html(html, status, { 'Cache-Control': 'no-store' });
}
