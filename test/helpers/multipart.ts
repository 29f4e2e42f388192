// multipart/form-data bodies written by hand as streams, the way a browser or a supplier's software sends them,
// so that tests and benchmarks can send files larger than memory, stop midway, or leave the form unfinished.
import { randomBytes } from 'node:crypto';
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { Readable } from 'node:stream';

export type FormPart =
  | { name: string; value: string }
  | { name: string; fileName: string; mediaType: string; content: AsyncIterable<Uint8Array> };

export interface MultipartBody {
  contentType: string;
  stream: Readable;
}

/** The parts in order; `unfinished` leaves out the closing boundary (a form cut short). */
export function multipartBody(parts: FormPart[], options: { unfinished?: boolean } = {}): MultipartBody {
  const boundary = `----hub${randomBytes(12).toString('hex')}`;
  async function* chunks(): AsyncGenerator<Buffer> {
    for (const part of parts) {
      if ('value' in part) {
        yield Buffer.from(
          `--${boundary}\r\nContent-Disposition: form-data; name="${part.name}"\r\n\r\n${part.value}\r\n`,
        );
      } else {
        yield Buffer.from(
          `--${boundary}\r\nContent-Disposition: form-data; name="${part.name}"; filename="${part.fileName}"\r\n` +
            `Content-Type: ${part.mediaType}\r\n\r\n`,
        );
        for await (const chunk of part.content) yield Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
        yield Buffer.from('\r\n');
      }
    }
    if (!options.unfinished) yield Buffer.from(`--${boundary}--\r\n`);
  }
  return {
    contentType: `multipart/form-data; boundary=${boundary}`,
    stream: Readable.from(chunks(), { objectMode: false }),
  };
}

export interface SentRequest {
  status: number;
  body: string;
  /** The response, or how the connection ended before one came. */
  outcome: 'answered' | 'connection-closed';
}

/**
 * POSTs a streamed body (chunked unless a length is given) and resolves with the answer; when the server answers
 * early (a 413 midway), sending stops there. A connection closed without an answer resolves `connection-closed`.
 */
export function postStream(url: string, body: Readable, headers: Record<string, string>): Promise<SentRequest> {
  return new Promise((resolve) => {
    const req = httpRequest(url, { method: 'POST', headers });
    let done = false;
    const finish = (result: SentRequest) => {
      if (done) return;
      done = true;
      body.destroy();
      resolve(result);
    };
    req.on('response', (res: IncomingMessage) => {
      body.unpipe(req);
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('end', () => finish({ status: res.statusCode ?? 0, body: text, outcome: 'answered' }));
      res.on('error', () => finish({ status: res.statusCode ?? 0, body: text, outcome: 'answered' }));
    });
    req.on('error', () => finish({ status: 0, body: '', outcome: 'connection-closed' }));
    body.on('error', () => req.destroy());
    body.pipe(req);
  });
}
