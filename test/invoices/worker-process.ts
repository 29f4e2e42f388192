// A hub worker in a process of its own, so a test can kill it outright (SIGKILL) with work in flight.
// Environment: LIFECYCLE_DB_URL, LIFECYCLE_TEMPORAL_ADDRESS, LIFECYCLE_TASK_QUEUE. Prints "ready" once polling.
import { NativeConnection } from '@temporalio/worker';
import { openDatabase } from '../../db/client.ts';
import { createActivities } from '../../src/activities.ts';
import { systemClock } from '../../src/platform/clock.ts';
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
  }),
});
const running = worker.run();
process.stdout.write('ready\n');
await running;
