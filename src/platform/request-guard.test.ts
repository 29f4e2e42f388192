// The request guard's streamed mode: uploads the route streams itself pass through unbuffered, cut at the bound.
import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { AppError } from './errors.ts';
import type { AppEnv } from './http.ts';
import { requestGuard } from './request-guard.ts';

const MB = 1024 * 1024;

function appWithStreamedRoute() {
  const app = new Hono<AppEnv>();
  app.use(
    '*',
    requestGuard({
      defaultMaxBytes: MB,
      rules: [{ method: 'POST', path: '/upload', streamed: true, maxBytes: 4 * MB }],
    }),
  );
  // The route reads the body chunk by chunk, as the file store does, and reports what it received.
  app.post('/upload', async (c) => {
    let size = 0;
    let chunks = 0;
    const reader = c.req.raw.body!.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      chunks += 1;
    }
    return c.json({ size, chunks });
  });
  app.post('/form', async (c) => c.json({ size: (await c.req.arrayBuffer()).byteLength }));
  app.onError((error, c) =>
    error instanceof AppError ? c.json({ code: error.code }, error.status as 413) : c.json({ code: 'BUG' }, 500),
  );
  return app;
}

/** A body of `size` bytes arriving in 64 KiB chunks, with no declared length (as a chunked upload). */
function chunkedBody(size: number): ReadableStream<Uint8Array> {
  let sent = 0;
  return new ReadableStream({
    pull(controller) {
      if (sent >= size) return controller.close();
      const n = Math.min(64 * 1024, size - sent);
      sent += n;
      controller.enqueue(new Uint8Array(n));
    },
  });
}

const post = (
  app: Hono<AppEnv>,
  path: string,
  body: ReadableStream<Uint8Array>,
  headers: Record<string, string> = {},
) => app.request(path, { method: 'POST', body, headers, duplex: 'half' } as RequestInit);

describe('request guard, streamed uploads', () => {
  it('hands a streamed route its body as a stream, beyond the buffered default limit', async () => {
    const res = await post(appWithStreamedRoute(), '/upload', chunkedBody(3 * MB));
    expect(res.status).toBe(200);
    const got = (await res.json()) as { size: number; chunks: number };
    expect(got.size).toBe(3 * MB);
    expect(got.chunks).toBeGreaterThan(1);
  });

  it('cuts a streamed body one chunk past its bound with a 413', async () => {
    const res = await post(appWithStreamedRoute(), '/upload', chunkedBody(5 * MB));
    expect(res.status).toBe(413);
    expect(await res.json()).toEqual({ code: 'PAYLOAD_TOO_LARGE' });
  });

  it('refuses a declared length over the bound before reading anything', async () => {
    const res = await post(appWithStreamedRoute(), '/upload', chunkedBody(10), { 'content-length': String(5 * MB) });
    expect(res.status).toBe(413);
  });

  it('still buffers and limits the other routes at the default', async () => {
    const res = await post(appWithStreamedRoute(), '/form', chunkedBody(2 * MB));
    expect(res.status).toBe(413);
  });
});
