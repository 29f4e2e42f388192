// The legacy S²LOW answer (`api=1`): plain text in ISO-8859-1, first line OK or KO, then the id or the message.
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';

/** Bytes of `text` in ISO-8859-1; characters outside it become `?`, as PHP's utf8_decode did. */
export function latin1(text: string): Uint8Array<ArrayBuffer> {
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    bytes[i] = code <= 0xff ? code : 0x3f;
  }
  return bytes;
}

export function s2lowText(c: Context, lines: string[], status: ContentfulStatusCode = 200): Response {
  return c.body(latin1(`${lines.join('\n')}\n`), status, { 'content-type': 'text/plain; charset=ISO-8859-1' });
}

export const s2lowOk = (c: Context, ...lines: string[]): Response => s2lowText(c, ['OK', ...lines]);

export const s2lowKo = (c: Context, message: string, status: ContentfulStatusCode = 200): Response =>
  s2lowText(c, ['KO', message], status);
