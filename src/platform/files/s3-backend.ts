// Bytes in an S3-compatible bucket, one object per upload under objects/<uuid>. S3 has no rename, so objects are
// named by upload and the same content is shared through the `stored_files` rows instead (see file-store.ts).
// An upload is a multipart upload streamed part by part (or one PUT when it fits in a part): S3 shows the object
// only once the upload completes, and a failed upload is aborted, which drops its parts.
import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import { DeleteObjectCommand, GetObjectCommand, NoSuchKey, S3Client } from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import type { ObjectBackend, PendingObject } from './types.ts';

export interface S3Settings {
  /** http(s)://host:port of an S3-compatible server; absent for AWS itself. */
  endpoint: string | undefined;
  region: string;
  bucket: string;
  accessKeyId: string;
  secretAccessKey: string;
}

/**
 * Parts of 5 MiB (the S3 minimum), 2 in flight: about 15 MiB of buffers per upload whatever the file's size
 * (1 GiB = 205 parts), which matters when many bids arrive at once before a deadline. Larger parts or more of them
 * in flight bought no throughput against versitygw (bench/upload.ts) and cost memory.
 */
export const S3_PART_SIZE = 5 * 1024 * 1024;
export const S3_QUEUE_SIZE = 2;

export interface S3Backend extends ObjectBackend {
  readonly client: S3Client;
  readonly bucket: string;
}

export function s3Backend(settings: S3Settings): S3Backend {
  const client = new S3Client({
    region: settings.region,
    credentials: { accessKeyId: settings.accessKeyId, secretAccessKey: settings.secretAccessKey },
    ...(settings.endpoint ? { endpoint: settings.endpoint, forcePathStyle: true } : {}),
    // The extra CRC32 checksums of recent SDKs are refused by several S3-compatible servers; each part's SHA-256
    // is still signed (SigV4 payload hash), and the whole file's SHA-256 is ours.
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  });
  const bucket = settings.bucket;

  const remove = async (key: string): Promise<void> => {
    await client.send(new DeleteObjectCommand({ Bucket: bucket, Key: key }));
  };

  return {
    name: 's3',
    client,
    bucket,

    async write(source, mediaType): Promise<PendingObject> {
      const key = `objects/${randomUUID()}`;
      const upload = new Upload({
        client,
        params: { Bucket: bucket, Key: key, Body: source, ContentType: mediaType },
        partSize: S3_PART_SIZE,
        queueSize: S3_QUEUE_SIZE,
        leavePartsOnError: false,
      });
      try {
        await upload.done();
      } catch (error) {
        // The multipart upload is aborted by lib-storage; the source may still be open.
        source.destroy();
        throw error;
      }
      let settled = false;
      return {
        async commit() {
          settled = true;
          return key;
        },
        async discard() {
          if (settled) return;
          settled = true;
          await remove(key);
        },
      };
    },

    async read(key) {
      try {
        const answer = await client.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
        const body = answer.Body;
        if (!body) return null;
        return body instanceof Readable ? body : Readable.fromWeb(body.transformToWebStream() as never);
      } catch (error) {
        if (error instanceof NoSuchKey) return null;
        throw error;
      }
    },

    remove,
  };
}
