// Bytes on the local disk, under <root>/objects/<2 hex>/<sha256>, content-addressed: the same bytes are kept once.
// Each upload streams into <root>/tmp/<random>.part, is flushed to the disk (fsync), then renamed into place, which
// is atomic on one filesystem: a reader sees either no object or the whole object, never a partial.
import { randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, open, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ObjectBackend, PendingObject } from './types.ts';

const SHA256_HEX = /^[0-9a-f]{64}$/;

export interface DiskBackend extends ObjectBackend {
  readonly root: string;
  readonly tmpDir: string;
  /** The path of a committed object (tests and operators). */
  pathOf(objectKey: string): string;
}

/** A disk backend rooted at `root` (the hub uses `${DATA_DIR}/files`). */
export function diskBackend(root: string): DiskBackend {
  const tmpDir = join(root, 'tmp');
  const objectsDir = join(root, 'objects');
  let ready: Promise<unknown> | undefined;
  const ensureDirs = () =>
    (ready ??= Promise.all([mkdir(tmpDir, { recursive: true }), mkdir(objectsDir, { recursive: true })]).catch(
      (error: unknown) => {
        ready = undefined;
        throw error;
      },
    ));

  const pathOf = (objectKey: string): string => {
    if (!SHA256_HEX.test(objectKey)) throw new Error(`not a disk object key: ${objectKey}`);
    return join(objectsDir, objectKey.slice(0, 2), objectKey);
  };

  return {
    name: 'disk',
    root,
    tmpDir,
    pathOf,

    async write(source: Readable): Promise<PendingObject> {
      await ensureDirs();
      const partial = join(tmpDir, `${randomUUID()}.part`);
      try {
        // `flush`: the file is fsynced before it is closed, so a rename never publishes bytes still in the cache.
        await pipeline(source, createWriteStream(partial, { flags: 'wx', mode: 0o640, flush: true }));
      } catch (error) {
        await rm(partial, { force: true });
        throw error;
      }
      let settled = false;
      return {
        async commit(sha256) {
          if (settled) throw new Error('pending object already settled');
          settled = true;
          const target = pathOf(sha256);
          const dir = join(objectsDir, sha256.slice(0, 2));
          try {
            await mkdir(dir, { recursive: true });
            // Same content under the same name: replacing an existing object changes nothing a reader can see.
            await rename(partial, target);
          } catch (error) {
            await rm(partial, { force: true });
            throw error;
          }
          await fsyncDirectory(dir);
          return sha256;
        },
        async discard() {
          if (settled) return;
          settled = true;
          await rm(partial, { force: true });
        },
      };
    },

    async read(objectKey) {
      try {
        // Opened before it is returned: a missing object is null here, not an error later in the stream.
        const handle = await open(pathOf(objectKey), 'r');
        return handle.createReadStream({ highWaterMark: 256 * 1024 });
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
        throw error;
      }
    },

    async remove(objectKey) {
      await rm(pathOf(objectKey), { force: true });
    },
  };
}

/** The rename itself is durable only once its directory is flushed. */
async function fsyncDirectory(dir: string): Promise<void> {
  const handle = await open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}
