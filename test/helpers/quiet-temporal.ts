import { DefaultLogger, Runtime } from '@temporalio/worker';

// Workers created by tests log warnings and errors only; state changes would drown the test report.
try {
  Runtime.install({ logger: new DefaultLogger('WARN') });
} catch {
  // Already installed in this worker process.
}
