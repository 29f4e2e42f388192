import { fileURLToPath } from 'node:url';
import {
  bundleWorkflowCode,
  Worker,
  type NativeConnection,
  type WorkflowBundleWithSourceMap,
} from '@temporalio/worker';

/** The one entry that lists every workflow of the hub. */
export const workflowsPath = fileURLToPath(new URL('../../../workflows/index.ts', import.meta.url));

let bundle: Promise<WorkflowBundleWithSourceMap> | undefined;

/** Workflow code is bundled once per process, however many workers are created. */
export function workflowBundle(): Promise<WorkflowBundleWithSourceMap> {
  bundle ??= bundleWorkflowCode({
    workflowsPath,
    // Evaluated once per worker thread and shared by every run, rather than re-evaluated (all workflows and their
    // domain modules) at the start of each new run. Safe because no module of the bundle keeps per-run state at
    // module level (test/platform/workflow-bundle.test.ts checks it); the SDK deep-freezes their exports.
    preloadModules: [workflowsPath],
    logger: quietBundlerLogger,
  });
  return bundle;
}

const quietBundlerLogger = {
  log: () => {},
  trace: () => {},
  debug: () => {},
  info: () => {},
  warn: (message: string) => console.warn(message),
  error: (message: string) => console.error(message),
};

export async function createHubWorker(options: {
  connection: NativeConnection;
  namespace: string;
  taskQueue: string;
  activities: object;
}): Promise<Worker> {
  return Worker.create({
    connection: options.connection,
    namespace: options.namespace,
    taskQueue: options.taskQueue,
    workflowBundle: await workflowBundle(),
    activities: options.activities,
    // On SIGINT/SIGTERM, in-flight activities get this long to finish before being cancelled.
    shutdownGraceTime: '30s',
  });
}
