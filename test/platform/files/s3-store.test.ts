import {
  AbortMultipartUploadCommand,
  DeleteObjectCommand,
  HeadObjectCommand,
  ListMultipartUploadsCommand,
  ListObjectsV2Command,
} from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFileStore, s3Backend, type S3Backend } from '../../../src/platform/files/index.ts';
import { S3_PART_SIZE } from '../../../src/platform/files/s3-backend.ts';
import { generatedBytes } from '../../helpers/generated-bytes.ts';
import { useTestDatabase } from '../../helpers/use-database.ts';
import { ensureVersitygw, startVersitygw, type RunningVersitygw } from '../../helpers/versitygw.ts';
import { fileStoreContract } from './store-contract.ts';
import { skipUnlessCi } from '../../helpers/required-under-ci.ts';

const binary = await ensureVersitygw();

describe.skipIf(skipUnlessCi(!binary, 'versitygw (S3)'))('S3 store on versitygw', () => {
  const database = useTestDatabase();
  let gateway: RunningVersitygw;
  let backend: S3Backend;

  beforeAll(async () => {
    gateway = await startVersitygw(binary!);
    backend = s3Backend(gateway);
  });
  afterAll(async () => {
    backend?.client.destroy();
    await gateway?.stop();
  });

  const objects = async () =>
    ((await gateway.client.send(new ListObjectsV2Command({ Bucket: gateway.bucket }))).Contents ?? []).map(
      (o) => o.Key!,
    );
  const uploads = async () =>
    (await gateway.client.send(new ListMultipartUploadsCommand({ Bucket: gateway.bucket }))).Uploads ?? [];

  fileStoreContract('S3 (versitygw)', () => ({
    db: database.handle.db,
    store: createFileStore({ db: database.handle.db, backend }),
    leftovers: async () => ({ objects: await objects(), partials: (await uploads()).map((u) => u.Key!) }),
    clear: async () => {
      for (const key of await objects()) {
        await gateway.client.send(new DeleteObjectCommand({ Bucket: gateway.bucket, Key: key }));
      }
      for (const upload of await uploads()) {
        await gateway.client.send(
          new AbortMultipartUploadCommand({ Bucket: gateway.bucket, Key: upload.Key!, UploadId: upload.UploadId! }),
        );
      }
    },
  }));

  it('keeps each upload as one object of its own, with its media type, sent in parts when large', async () => {
    const store = createFileStore({ db: database.handle.db, backend });
    const source = generatedBytes(30 * 1024 * 1024 + 5, { seed: 's3 parts' });
    const file = await store.put(source.stream, { kind: 'bid', mediaType: 'application/zip', fileName: 'pli.zip' });
    const [row] = await database.handle.db.query.storedFiles.findMany({ where: (f, { eq }) => eq(f.id, file.id) });
    expect(row?.objectKey).toMatch(/^objects\/[0-9a-f-]{36}$/);
    const head = await gateway.client.send(new HeadObjectCommand({ Bucket: gateway.bucket, Key: row!.objectKey }));
    expect(head.ContentLength).toBe(30 * 1024 * 1024 + 5);
    expect(head.ContentType).toBe('application/zip');
    // A multipart upload's ETag ends with its part count.
    expect(head.ETag).toMatch(new RegExp(`-${Math.ceil((30 * 1024 * 1024 + 5) / S3_PART_SIZE)}"$`));
  });

  it('answers FILE_STORAGE_UNAVAILABLE (503), logged, when the bucket cannot be reached', async () => {
    const logged: unknown[] = [];
    const store = createFileStore({
      db: database.handle.db,
      backend: s3Backend({ ...gateway, bucket: 'no-such-bucket' }),
      logger: { error: (...args: unknown[]) => void logged.push(args) },
    });
    await expect(
      store.put(generatedBytes(1000).stream, { kind: 'act', mediaType: 'application/pdf', fileName: 'acte.pdf' }),
    ).rejects.toMatchObject({ code: 'FILE_STORAGE_UNAVAILABLE', status: 503 });
    expect(logged).toHaveLength(1);
  });
});
