// A hub worker in a process of its own that dies between the ministry's 200 and the record of the transmission:
// its ministry client, once an archive is taken, prints "uploaded <name>" and never returns, so the test kills it
// (SIGKILL) at exactly that point. The ministry is the parent's demo ministry; the file store the parent's disk.
// Environment: ACTS_DB_URL, ACTS_TEMPORAL_ADDRESS, ACTS_TASK_QUEUE, ACTS_FILES_ROOT, ACTS_MINISTRY_URL,
// ACTS_MINISTRY_CERT, ACTS_MINISTRY_KEY, ACTS_MINISTRY_CA (PEM text), ACTS_MAILDIR; ACTS_DIE_AT_UPLOAD (default 1):
// the upload after which it stops, the earlier ones returning as usual. Prints "ready" once polling.
import { NativeConnection } from '@temporalio/worker';
import { openDatabase } from '../../db/client.ts';
import { httpsMinistryClient, openMaildirMailbox } from '../../src/acts/index.ts';
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

const handle = await openDatabase({ kind: 'postgres', url: env('ACTS_DB_URL'), maxConnections: 5 });
const ministry = httpsMinistryClient({
  url: env('ACTS_MINISTRY_URL'),
  cert: env('ACTS_MINISTRY_CERT'),
  key: env('ACTS_MINISTRY_KEY'),
  ca: env('ACTS_MINISTRY_CA'),
});
const dieAt = Number(process.env['ACTS_DIE_AT_UPLOAD'] ?? '1');
let uploads = 0;
const connection = await NativeConnection.connect({ address: env('ACTS_TEMPORAL_ADDRESS') });
const worker = await createHubWorker({
  connection,
  namespace: 'default',
  taskQueue: env('ACTS_TASK_QUEUE'),
  activities: createActivities({
    db: handle.db,
    clock: systemClock,
    logger: createLogger('silent'),
    secureCookies: false,
    files: createFileStore({ db: handle.db, backend: diskBackend(env('ACTS_FILES_ROOT')) }),
    acts: {
      settings: { trigram: 'HUB', application: 'EACT', pollSeconds: 1 },
      returnAddress: 'actes@demo.hub.bzh',
      ministry: {
        async upload(archive) {
          await ministry.upload(archive);
          uploads += 1;
          if (uploads < dieAt) return;
          process.stdout.write(`uploaded ${archive.archiveName}\n`);
          await new Promise(() => {});
        },
      },
      openMailbox: () => openMaildirMailbox(env('ACTS_MAILDIR')),
    },
  }),
});
const running = worker.run();
process.stdout.write('ready\n');
await running;
