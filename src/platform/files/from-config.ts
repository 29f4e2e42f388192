import { join } from 'node:path';
import type { Db } from '../../../db/client.ts';
import type { Config } from '../config.ts';
import type { Logger } from '../logging.ts';
import { diskBackend } from './disk-backend.ts';
import { createFileStore } from './file-store.ts';
import { s3Backend } from './s3-backend.ts';
import type { FileStore } from './types.ts';

/** The hub's file store: the S3 bucket of the S3_* settings when given, else the disk under `${DATA_DIR}/files`. */
export function fileStoreFromConfig(
  config: Pick<Config, 'dataDir' | 's3'>,
  deps: { db: Db; logger?: Logger },
): FileStore {
  const backend = config.s3 ? s3Backend(config.s3) : diskBackend(join(config.dataDir, 'files'));
  return createFileStore({ db: deps.db, backend, logger: deps.logger });
}
