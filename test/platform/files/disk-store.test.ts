import { mkdtempSync, rmSync } from 'node:fs';
import { readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createFileStore, diskBackend } from '../../../src/platform/files/index.ts';
import { generatedBytes, sha256Of } from '../../helpers/generated-bytes.ts';
import { useTestDatabase } from '../../helpers/use-database.ts';
import { fileStoreContract } from './store-contract.ts';

const database = useTestDatabase();
const root = mkdtempSync(join(tmpdir(), 'hub-files-'));
const backend = diskBackend(root);
afterAll(() => rmSync(root, { recursive: true, force: true }));

async function list(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true }).catch(() => []);
  return entries.filter((e) => e.isFile()).map((e) => e.name);
}

fileStoreContract('disk', () => ({
  db: database.handle.db,
  store: createFileStore({ db: database.handle.db, backend }),
  leftovers: async () => ({ objects: await list(join(root, 'objects')), partials: await list(backend.tmpDir) }),
  clear: () => rm(join(root, 'objects'), { recursive: true, force: true }),
}));

describe('disk store', () => {
  it('writes to disk while the sender is still sending: the file is never held whole', async () => {
    const store = createFileStore({ db: database.handle.db, backend });
    await rm(join(root, 'objects'), { recursive: true, force: true });
    let release!: () => void;
    const midway = new Promise<void>((resolve) => (release = resolve));
    const source = generatedBytes(32 * 1024 * 1024, {
      seed: 'midway',
      pauseAt: { offset: 16 * 1024 * 1024, until: midway },
    });
    const put = store.put(source.stream, { kind: 'bid', mediaType: 'application/zip', fileName: 'pli.zip' });

    // While the source waits at 16 MiB, the partial file on disk already holds (nearly) all of it.
    let partialSize = 0;
    for (let i = 0; i < 200 && partialSize < 15 * 1024 * 1024; i++) {
      await new Promise((r) => setTimeout(r, 25));
      const [partial] = await list(backend.tmpDir);
      partialSize = partial ? (await stat(join(backend.tmpDir, partial))).size : 0;
    }
    expect(partialSize).toBeGreaterThanOrEqual(15 * 1024 * 1024);
    expect(await list(join(root, 'objects'))).toEqual([]);
    release();

    const file = await put;
    expect(file.sha256).toBe(source.sha256());
    // Content-addressed: objects/<first two hex>/<sha256>, a plain file of the right size.
    const path = backend.pathOf(file.sha256);
    expect(path).toBe(join(root, 'objects', file.sha256.slice(0, 2), file.sha256));
    expect((await stat(path)).size).toBe(32 * 1024 * 1024);
    expect(await sha256Of((await store.get(file.id))!.stream)).toEqual({ sha256: file.sha256, size: 32 * 1024 * 1024 });
    expect(await list(backend.tmpDir)).toEqual([]);
  });

  it('says the bytes are missing when a recorded object was removed behind its back', async () => {
    const store = createFileStore({ db: database.handle.db, backend });
    const file = await store.put(generatedBytes(1000, { seed: 'vanished' }).stream, {
      kind: 'attachment',
      mediaType: 'text/plain',
      fileName: 'disparu.txt',
    });
    await rm(backend.pathOf(file.sha256));
    await expect(store.get(file.id)).rejects.toMatchObject({ code: 'FILE_CONTENT_MISSING', status: 500 });
  });
});
