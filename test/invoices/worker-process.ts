// A hub worker in a process of its own, so a test can kill it outright (SIGKILL) with work in flight.
// Environment: LIFECYCLE_DB_URL, LIFECYCLE_TEMPORAL_ADDRESS, LIFECYCLE_TASK_QUEUE; optionally LIFECYCLE_FILES_DIR (a
// disk file store shared with the test) and LIFECYCLE_ACCOUNTING (the accounting settings, JSON). Prints "ready"
// once polling.
import { NativeConnection } from '@temporalio/worker';
import { openDatabase } from '../../db/client.ts';
import { createActivities } from '../../src/activities.ts';
import { systemClock } from '../../src/platform/clock.ts';
import { createFileStore, diskBackend } from '../../src/platform/files/index.ts';
import { createLogger } from '../../src/platform/logging.ts';
import { createHubWorker } from '../../src/platform/temporal/worker.ts';
import '../helpers/quiet-temporal.ts';

const env = (name: string): string => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set`);
  return value;
};

const handle = await openDatabase({ kind: 'postgres', url: env('LIFECYCLE_DB_URL'), maxConnections: 5 });
const connection = await NativeConnection.connect({ address: env('LIFECYCLE_TEMPORAL_ADDRESS') });
const worker = await createHubWorker({
  connection,
  namespace: 'default',
  taskQueue: env('LIFECYCLE_TASK_QUEUE'),
  activities: createActivities({
    db: handle.db,
    clock: systemClock,
    logger: createLogger('silent'),
    secureCookies: false,
    ...(process.env.LIFECYCLE_FILES_DIR
      ? { files: createFileStore({ db: handle.db, backend: diskBackend(process.env.LIFECYCLE_FILES_DIR) }) }
      : {}),
    ...(process.env.LIFECYCLE_ACCOUNTING ? { accounting: JSON.parse(process.env.LIFECYCLE_ACCOUNTING) } : {}),
  }),
});
const running = worker.run();
process.stdout.write('ready\n');
await running;
