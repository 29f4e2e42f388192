// A worker process of the Temporal floor (bench/floor.ts): runs bench/workflows/floor.ts on the given server and
// task queue, and tells its parent each workflow that reached its local activity.
//
//   node --import tsx bench/floor-worker.ts ADDRESS TASK_QUEUE
import { fileURLToPath } from 'node:url';
import { DefaultLogger, NativeConnection, Runtime, Worker } from '@temporalio/worker';

// Only what goes wrong: the bench prints its own lines.
Runtime.install({ logger: new DefaultLogger('WARN') });

const [address, taskQueue] = process.argv.slice(2);
const connection = await NativeConnection.connect({ address: address! });
const worker = await Worker.create({
  connection,
  taskQueue: taskQueue!,
  workflowsPath: fileURLToPath(new URL('./workflows/floor.ts', import.meta.url)),
  activities: { touch: async (id: string) => void process.send?.({ touched: id }) },
});
process.on('SIGTERM', () => worker.shutdown());
const running = worker.run();
process.send?.({ ready: true });
await running;
await connection.close();
