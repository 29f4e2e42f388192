// What every file store must do, run against the disk store and the S3 store (versitygw) alike.
import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { count, eq } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '../../../db/client.ts';
import { storedFiles } from '../../../db/schema/files.ts';
import { AppError } from '../../../src/platform/errors.ts';
import { FILE_KINDS, type FileStore } from '../../../src/platform/files/index.ts';
import { generatedBytes, sha256Of } from '../../helpers/generated-bytes.ts';

const MiB = 1024 * 1024;

export interface StoreUnderTest {
  db: Db;
  store: FileStore;
  /** Committed objects and partial uploads the backend holds now. */
  leftovers(): Promise<{ objects: string[]; partials: string[] }>;
  /** Empties the backend between tests. */
  clear(): Promise<void>;
}

async function rejection(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

export function fileStoreContract(name: string, setup: () => StoreUnderTest): void {
  describe(`${name}: the file store contract`, () => {
    const rows = async (db: Db) => (await db.select({ n: count() }).from(storedFiles))[0]!.n;

    beforeEach(async () => {
      const { db, clear } = setup();
      await db.delete(storedFiles);
      await clear();
    });

    it('streams a file in, computing its SHA-256 and size on the way, and gives the same bytes back', async () => {
      const { store, leftovers } = setup();
      const source = generatedBytes(12 * MiB + 123, { seed: 'streams' });
      const file = await store.put(source.stream, {
        kind: 'act',
        mediaType: 'Application/PDF',
        fileName: 'C:\\Mes documents\\Délibération n°12.pdf',
      });
      expect(file).toMatchObject({
        kind: 'act',
        sha256: source.sha256(),
        size: 12 * MiB + 123,
        mediaType: 'application/pdf',
        fileName: 'Délibération n°12.pdf',
        backend: store.backend,
        owningStructureId: null,
      });
      expect(await store.head(file.id)).toEqual(file);
      const opened = await store.get(file.id);
      expect(opened?.file).toEqual(file);
      expect(await sha256Of(opened!.stream)).toEqual({ sha256: source.sha256(), size: 12 * MiB + 123 });
      expect(await leftovers()).toEqual({ objects: [expect.any(String)], partials: [] });
    });

    it('stores an empty file and a small one', async () => {
      const { store } = setup();
      const empty = await store.put(Readable.from([]), {
        kind: 'attachment',
        mediaType: 'text/plain',
        fileName: 'vide.txt',
      });
      expect(empty).toMatchObject({ size: 0, sha256: createHash('sha256').digest('hex') });
      const small = await store.put(Readable.from([Buffer.from('bonjour')]), {
        kind: 'attachment',
        mediaType: 'text/plain',
        fileName: 'petit.txt',
      });
      expect(small.size).toBe(7);
      expect(await sha256Of((await store.get(small.id))!.stream)).toMatchObject({ size: 7 });
      expect(await sha256Of((await store.get(empty.id))!.stream)).toMatchObject({ size: 0 });
    });

    it('accepts a file of exactly the cap of its kind', async () => {
      const { store } = setup();
      const cap = FILE_KINDS.attachment.maxBytes;
      const source = generatedBytes(cap, { seed: 'exact cap' });
      const file = await store.put(source.stream, { kind: 'attachment', mediaType: 'image/png', fileName: 'plan.png' });
      expect(file.size).toBe(cap);
    });

    it('aborts mid-stream one byte past the cap: 413 FILE_TOO_LARGE, the rest never read, nothing kept', async () => {
      const { db, store, leftovers } = setup();
      const cap = FILE_KINDS.attachment.maxBytes;
      const source = generatedBytes(3 * cap, { seed: 'too large' });
      const error = await rejection(
        store.put(source.stream, { kind: 'attachment', mediaType: 'application/zip', fileName: 'annexes.zip' }),
      );
      expect(error).toMatchObject({ code: 'FILE_TOO_LARGE', status: 413 });
      expect(error.message).toBe(
        'Le fichier « annexes.zip » dépasse 20 Mio, la taille maximale pour une pièce jointe : l’envoi a été ' +
          'interrompu et rien n’a été enregistré.',
      );
      // The source was read up to the cap and a chunk, not to its end.
      expect(source.produced()).toBeLessThan(cap + MiB);
      expect(await rows(db)).toBe(0);
      expect(await leftovers()).toEqual({ objects: [], partials: [] });
    });

    it('a source that fails midway leaves nothing: 400 UPLOAD_INTERRUPTED', async () => {
      const { db, store, leftovers } = setup();
      const source = generatedBytes(40 * MiB, { seed: 'interrupted', failAt: 18 * MiB });
      const error = await rejection(
        store.put(source.stream, { kind: 'bid', mediaType: 'application/zip', fileName: 'pli.zip' }),
      );
      expect(error).toMatchObject({ code: 'UPLOAD_INTERRUPTED', status: 400 });
      expect(error.message).toContain('« pli.zip »');
      expect(error.message).toContain('rien n’a été enregistré');
      expect(await rows(db)).toBe(0);
      expect(await leftovers()).toEqual({ objects: [], partials: [] });
    });

    it('concurrent puts of the same bytes: one row each, one object; the bytes go with the last file deleted', async () => {
      const { db, store, leftovers } = setup();
      const sources = [0, 1, 2, 3].map(() => generatedBytes(9 * MiB, { seed: 'same content' }));
      const files = await Promise.all(
        sources.map((source, i) =>
          store.put(source.stream, { kind: 'tender_document', mediaType: 'application/pdf', fileName: `dce-${i}.pdf` }),
        ),
      );
      expect(new Set(files.map((f) => f.id)).size).toBe(4);
      expect(new Set(files.map((f) => f.sha256))).toEqual(new Set([sources[0]!.sha256()]));
      expect(await leftovers()).toEqual({ objects: [expect.any(String)], partials: [] });
      for (const file of files) {
        expect(await sha256Of((await store.get(file.id))!.stream)).toEqual({ sha256: file.sha256, size: 9 * MiB });
      }

      // A put of the same bytes racing a delete of its twin never ends up without bytes.
      const [again] = await Promise.all([
        store.put(generatedBytes(9 * MiB, { seed: 'same content' }).stream, {
          kind: 'bid',
          mediaType: 'application/pdf',
          fileName: 'encore.pdf',
        }),
        ...files.map((f) => store.delete(f.id)),
      ]);
      expect(await rows(db)).toBe(1);
      expect(await sha256Of((await store.get(again.id))!.stream)).toEqual({ sha256: again.sha256, size: 9 * MiB });
      expect(await store.delete(again.id)).toBe(true);
      expect(await store.delete(again.id)).toBe(false);
      expect(await leftovers()).toEqual({ objects: [], partials: [] });
    });

    it('refuses bad metadata before reading anything', async () => {
      const { db, store } = setup();
      const source = generatedBytes(MiB);
      await expect(
        store.put(source.stream, { kind: 'act', mediaType: 'pdf', fileName: 'a.pdf' }),
      ).rejects.toMatchObject({
        code: 'INVALID_FILE',
        message: 'Le type du fichier « pdf » n’est pas un type MIME (type/sous-type).',
      });
      await expect(
        store.put(source.stream, { kind: 'act', mediaType: 'application/pdf', fileName: 'dossier/' }),
      ).rejects.toMatchObject({ code: 'INVALID_FILE', message: 'Le nom du fichier est vide.' });
      await expect(
        store.put(source.stream, { kind: 'poster' as never, mediaType: 'application/pdf', fileName: 'a.pdf' }),
      ).rejects.toMatchObject({ code: 'INVALID_FILE', message: 'La nature du fichier « poster » est inconnue.' });
      expect(source.produced()).toBe(0);
      expect(await rows(db)).toBe(0);
    });

    it('records the owning structure, and refuses one that does not exist', async () => {
      const { db, store, leftovers } = setup();
      const [structure] = await db.query.structures.findMany({ limit: 1 });
      const file = await store.put(Readable.from([Buffer.from('%PDF-1.7')]), {
        kind: 'act',
        mediaType: 'application/pdf',
        fileName: 'acte.pdf',
        owningStructureId: structure!.id,
      });
      expect(file.owningStructureId).toBe(structure!.id);
      const [row] = await db.select().from(storedFiles).where(eq(storedFiles.id, file.id));
      expect(row?.owningStructureId).toBe(structure!.id);

      await expect(
        store.put(Readable.from([Buffer.from('autre')]), {
          kind: 'act',
          mediaType: 'application/pdf',
          fileName: 'orphelin.pdf',
          owningStructureId: '00000000-0000-4000-8000-000000000000',
        }),
      ).rejects.toMatchObject({ code: 'INVALID_INPUT', status: 400 });
      expect(await rows(db)).toBe(1);
      expect((await leftovers()).objects).toHaveLength(1);
    });

    it('knows no file for an unknown or malformed id', async () => {
      const { store } = setup();
      expect(await store.get('00000000-0000-4000-8000-000000000000')).toBeNull();
      expect(await store.head('not-an-id')).toBeNull();
      expect(await store.get('../../etc/passwd')).toBeNull();
      expect(await store.delete('not-an-id')).toBe(false);
    });
  });
}
