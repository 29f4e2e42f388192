// The file store modules use: bytes in a backend (disk or S3), one `stored_files` row per upload, written only once
// the bytes are durable. A file is addressed by the id of its row, not by its hash: two uploads of the same bytes
// are two files (their names, kinds and owners differ, and one's deletion must not touch the other), while the
// bytes themselves are kept once. Rows and objects of one content are changed under a PostgreSQL advisory lock on
// its hash, so a put that reuses an object and a delete that removes it never interleave, across processes too.
import { and, eq, sql } from 'drizzle-orm';
import type { Logger } from 'pino';
import type { Db } from '../../../db/client.ts';
import { structures } from '../../../db/schema/directory.ts';
import { storedFiles } from '../../../db/schema/files.ts';
import { AppError } from '../errors.ts';
import { isUuid } from '../uuid.ts';
import { fileTooLarge, invalidFileMetadata, storageUnavailable, uploadInterrupted } from './errors.ts';
import { FILE_KINDS, isFileKind } from './kinds.ts';
import { meter } from './meter.ts';
import type { FileStore, ObjectBackend, PendingObject, PutOptions, StoredFile } from './types.ts';

export interface FileStoreDeps {
  db: Db;
  backend: ObjectBackend;
  /** Backend failures are logged here before the user gets FILE_STORAGE_UNAVAILABLE. */
  logger?: Pick<Logger, 'error'>;
}

/** First key of the advisory locks of the file store ('file'); the second is taken from the hash. */
const LOCK_CLASS = 0x66696c65;

const MEDIA_TYPE = /^[a-z0-9][a-z0-9!#$&^_.+-]{0,126}\/[a-z0-9][a-z0-9!#$&^_.+-]{0,126}$/;
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f]/;

export function createFileStore(deps: FileStoreDeps): FileStore {
  const { db, backend } = deps;

  const lockContent = (tx: Db, sha256: string) =>
    tx.execute(sql`select pg_advisory_xact_lock(${LOCK_CLASS}::int4, ${parseInt(sha256.slice(0, 8), 16) | 0}::int4)`);

  const load = async (id: string) => {
    if (!isUuid(id)) return undefined;
    const [row] = await db.select().from(storedFiles).where(eq(storedFiles.id, id));
    return row;
  };

  const backendFailed = (error: unknown, what: string): AppError => {
    deps.logger?.error({ err: error, backend: backend.name }, `file store: ${what} failed`);
    return storageUnavailable();
  };

  return {
    backend: backend.name,

    async put(source, options) {
      const input = checkPutOptions(options);
      // Checked before a byte is read: a wrong owner must not cost a 1 GiB upload. The foreign key backs it up.
      if (input.owningStructureId !== null) {
        const [owner] = await db
          .select({ id: structures.id })
          .from(structures)
          .where(eq(structures.id, input.owningStructureId));
        if (!owner) throw unknownStructure(input.owningStructureId);
      }
      const metered = meter(source, FILE_KINDS[input.kind].maxBytes);
      let pending: PendingObject;
      try {
        pending = await backend.write(metered.stream, input.mediaType);
      } catch (error) {
        const failure = metered.failure();
        if (failure?.reason === 'too-large') throw fileTooLarge(input.kind, input.fileName);
        if (failure?.reason === 'source-failed') {
          // A caller that knows better why its source failed (the upload helper) says so with its own AppError.
          throw failure.cause instanceof AppError ? failure.cause : uploadInterrupted(input.fileName);
        }
        throw backendFailed(error, 'write');
      }
      const sha256 = metered.digest();
      const size = metered.size();
      const record = (tx: Db, objectKey: string) =>
        tx
          .insert(storedFiles)
          .values({
            kind: input.kind,
            sha256,
            size,
            mediaType: input.mediaType,
            fileName: input.fileName,
            backend: backend.name,
            objectKey,
            owningStructureId: input.owningStructureId,
          })
          .returning()
          .then(([row]) => toStoredFile(row!));
      try {
        return await db.transaction(async (tx) => {
          await lockContent(tx, sha256);
          const [same] = await tx
            .select({ objectKey: storedFiles.objectKey })
            .from(storedFiles)
            .where(and(eq(storedFiles.backend, backend.name), eq(storedFiles.sha256, sha256)))
            .limit(1);
          if (same) {
            await pending.discard();
            return record(tx, same.objectKey);
          }
          const objectKey = await pending.commit(sha256).catch((error: unknown) => {
            throw backendFailed(error, 'commit');
          });
          try {
            return await record(tx, objectKey);
          } catch (error) {
            // No row has these bytes and the lock is still held: nobody else can have picked the object up.
            await backend.remove(objectKey).catch((e: unknown) => backendFailed(e, 'remove'));
            throw error;
          }
        });
      } catch (error) {
        await pending.discard().catch(() => undefined);
        if (isForeignKeyViolation(error)) throw unknownStructure(input.owningStructureId);
        throw error;
      }
    },

    async get(id) {
      const row = await load(id);
      if (!row) return null;
      const file = toStoredFile(row);
      if (file.backend !== backend.name) {
        throw new AppError(
          'FILE_STORAGE_MISMATCH',
          `Le fichier « ${file.fileName} » est conservé sur le stockage « ${file.backend} », que ce hub n’utilise ` +
            `plus (stockage actuel : « ${backend.name} »). Rétablissez les réglages de stockage ou recopiez les fichiers.`,
          503,
        );
      }
      let stream;
      try {
        stream = await backend.read(row.objectKey);
      } catch (error) {
        throw backendFailed(error, 'read');
      }
      if (!stream) {
        deps.logger?.error({ fileId: id, backend: backend.name }, 'file store: recorded file has no bytes');
        throw new AppError(
          'FILE_CONTENT_MISSING',
          `Le contenu du fichier « ${file.fileName} » est introuvable dans le stockage. Signalez-le à l’opérateur.`,
          500,
        );
      }
      return { file, stream };
    },

    async head(id) {
      const row = await load(id);
      return row ? toStoredFile(row) : null;
    },

    async delete(id) {
      if (!isUuid(id)) return false;
      return db.transaction(async (tx) => {
        const [row] = await tx.select().from(storedFiles).where(eq(storedFiles.id, id));
        if (!row) return false;
        await lockContent(tx, row.sha256);
        const deleted = await tx
          .delete(storedFiles)
          .where(eq(storedFiles.id, id))
          .returning({ id: storedFiles.id })
          .catch((error: unknown) => {
            if (isForeignKeyViolation(error)) {
              throw new AppError(
                'FILE_IN_USE',
                `Le fichier « ${row.fileName} » est rattaché à un dossier : il ne peut pas être supprimé.`,
                409,
              );
            }
            throw error;
          });
        if (deleted.length === 0) return false;
        const [shared] = await tx
          .select({ id: storedFiles.id })
          .from(storedFiles)
          .where(and(eq(storedFiles.backend, row.backend), eq(storedFiles.objectKey, row.objectKey)))
          .limit(1);
        // Removed while the lock is held: no put of the same content can pick this object up meanwhile.
        if (!shared && row.backend === backend.name) {
          await backend.remove(row.objectKey).catch((error: unknown) => {
            throw backendFailed(error, 'remove');
          });
        }
        return true;
      });
    },
  };
}

function checkPutOptions(options: PutOptions): Required<PutOptions> {
  if (!isFileKind(options.kind)) throw invalidFileMetadata('kind', `« ${String(options.kind)} » est inconnue.`);
  const mediaType = options.mediaType.trim().toLowerCase();
  if (!MEDIA_TYPE.test(mediaType)) {
    throw invalidFileMetadata('mediaType', `« ${options.mediaType} » n’est pas un type MIME (type/sous-type).`);
  }
  // Some browsers send the whole client path: only its last segment names the file.
  const fileName = (options.fileName.split(/[/\\]/).pop() ?? '').trim().normalize('NFC');
  if (fileName === '' || fileName === '.' || fileName === '..') {
    throw invalidFileMetadata('fileName', 'est vide.');
  }
  if (fileName.length > 255) throw invalidFileMetadata('fileName', 'dépasse 255 caractères.');
  if (CONTROL_CHARACTERS.test(fileName)) throw invalidFileMetadata('fileName', 'contient des caractères de contrôle.');
  const owningStructureId = options.owningStructureId ?? null;
  if (owningStructureId !== null && !isUuid(owningStructureId)) throw unknownStructure(owningStructureId);
  return { kind: options.kind, mediaType, fileName, owningStructureId };
}

const unknownStructure = (id: string | null): AppError =>
  new AppError('INVALID_INPUT', `La structure propriétaire « ${id} » n’existe pas.`, 400, {
    field: 'owningStructureId',
  });

function toStoredFile(row: typeof storedFiles.$inferSelect): StoredFile {
  return {
    id: row.id,
    kind: row.kind,
    sha256: row.sha256,
    size: row.size,
    mediaType: row.mediaType,
    fileName: row.fileName,
    backend: row.backend,
    owningStructureId: row.owningStructureId,
    createdAt: row.createdAt,
  };
}

function isForeignKeyViolation(error: unknown): boolean {
  for (let e: unknown = error, depth = 0; e && depth < 4; e = (e as { cause?: unknown }).cause, depth++) {
    if ((e as { code?: unknown }).code === '23503') return true;
  }
  return false;
}
