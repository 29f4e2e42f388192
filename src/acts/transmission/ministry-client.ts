// The upload of an archive to the ministry: HTTPS POST, multipart/form-data with the archive in a field named
// after its file name (as S²LOW posts it), the hub's client certificate, the ministry's CA. 200 is success; a
// 4xx is a refusal that will not change on retry; anything else (5xx, timeout, connection refused) is retried.
import { randomBytes } from 'node:crypto';
import { request } from 'node:https';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { MinistryClient, MinistryUpload } from '../runtime.ts';

export class MinistryRefusal extends Error {
  constructor(
    readonly status: number,
    readonly body: string,
  ) {
    super(`the ministry refused the archive (${status}): ${body.slice(0, 300)}`);
  }
}

export interface MinistryTls {
  url: string;
  cert: string;
  key: string;
  ca: string | undefined;
  timeoutMs?: number;
}

export function httpsMinistryClient(tls: MinistryTls): MinistryClient {
  return {
    async upload(archive: MinistryUpload): Promise<void> {
      const boundary = `----hub${randomBytes(12).toString('hex')}`;
      const head = Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="${archive.archiveName}"; filename="${archive.archiveName}"\r\n` +
          'Content-Type: application/x-gzip\r\n\r\n',
      );
      const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
      const source = await archive.open();
      const url = new URL(tls.url);
      await new Promise<void>((resolve, reject) => {
        const req = request(
          {
            method: 'POST',
            hostname: url.hostname,
            port: url.port || 443,
            path: `${url.pathname}${url.search}`,
            cert: tls.cert,
            key: tls.key,
            ca: tls.ca,
            timeout: tls.timeoutMs ?? 180_000,
            headers: {
              'content-type': `multipart/form-data; boundary=${boundary}`,
              'content-length': String(head.length + archive.size + tail.length),
            },
          },
          (res) => {
            const chunks: Buffer[] = [];
            res.on('data', (c: Buffer) => chunks.push(c));
            res.on('end', () => {
              const body = Buffer.concat(chunks).toString('utf8');
              const status = res.statusCode ?? 0;
              if (status === 200) resolve();
              else if (status >= 400 && status < 500) reject(new MinistryRefusal(status, body));
              else reject(new Error(`the ministry answered ${status}: ${body.slice(0, 200)}`));
            });
            res.on('error', reject);
          },
        );
        req.on('timeout', () => req.destroy(new Error('the ministry did not answer in time')));
        req.on('error', reject);
        async function* body() {
          yield head;
          for await (const chunk of source) yield chunk as Buffer;
          yield tail;
        }
        pipeline(Readable.from(body()), req).catch(reject);
      });
    },
  };
}
