// Reads the first field of a multipart body (the CSRF token a page's form puts first) without buffering the rest:
// the bytes read are put back in front of the remaining stream, so the files still stream to their store.
const MAX_LEADING_BYTES = 16 * 1024;

export interface LeadingField {
  /** The field's value when the body starts with a field of that name, else undefined. */
  value: string | undefined;
  /** The same request, its body whole again. */
  request: Request;
}

function boundaryOf(contentType: string): string | undefined {
  const m = /boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType);
  return m?.[1] ?? m?.[2];
}

/** The value of the first part if it is the field `name`, once its end is in `head`; null while more is needed. */
function parseLeading(head: Buffer, boundary: string, name: string): string | undefined | null {
  const start = Buffer.from(`--${boundary}\r\n`);
  if (head.length < start.length) return null;
  if (!head.subarray(0, start.length).equals(start)) return undefined;
  const headersEnd = head.indexOf('\r\n\r\n', start.length);
  if (headersEnd < 0) return null;
  const headers = head.subarray(start.length, headersEnd).toString('utf8');
  if (!new RegExp(`^content-disposition:\\s*form-data;\\s*name="${name}"\\s*$`, 'im').test(headers)) return undefined;
  const valueEnd = head.indexOf(`\r\n--${boundary}`, headersEnd + 4);
  if (valueEnd < 0) return null;
  return head.subarray(headersEnd + 4, valueEnd).toString('utf8');
}

export async function takeLeadingField(request: Request, name: string): Promise<LeadingField> {
  const boundary = boundaryOf(request.headers.get('content-type') ?? '');
  if (!boundary || !request.body) return { value: undefined, request };
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let value: string | undefined | null = null;
  let size = 0;
  while (value === null && size < MAX_LEADING_BYTES) {
    const { done, value: chunk } = await reader.read();
    if (done) break;
    chunks.push(chunk);
    size += chunk.length;
    value = parseLeading(Buffer.concat(chunks), boundary, name);
  }
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      for (const chunk of chunks) controller.enqueue(chunk);
    },
    async pull(controller) {
      const { done, value: chunk } = await reader.read();
      if (done) controller.close();
      else controller.enqueue(chunk);
    },
    cancel(reason) {
      return reader.cancel(reason);
    },
  });
  const rebuilt = new Request(request.url, {
    method: request.method,
    headers: request.headers,
    body,
    duplex: 'half',
  } as RequestInit);
  return { value: value ?? undefined, request: rebuilt };
}
