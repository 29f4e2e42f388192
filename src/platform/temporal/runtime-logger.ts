import { Runtime, type LogLevel, type LogMetadata } from '@temporalio/worker';
import type { Logger } from '../logging.ts';

let installed = false;

/** Sends the Temporal SDK's own logs (worker state, core) to the hub's logger, once per process. */
export function installTemporalRuntimeLogger(logger: Logger): void {
  if (installed) return;
  installed = true;
  const child = logger.child({ component: 'temporal' });
  const at = (level: LogLevel) => (message: string, meta?: LogMetadata) => {
    const method =
      level === 'TRACE'
        ? 'trace'
        : level === 'DEBUG'
          ? 'debug'
          : level === 'INFO'
            ? 'info'
            : level === 'WARN'
              ? 'warn'
              : 'error';
    child[method](meta ?? {}, message);
  };
  Runtime.install({
    logger: {
      log: (level, message, meta) => at(level)(message, meta),
      trace: at('TRACE'),
      debug: at('DEBUG'),
      info: at('INFO'),
      warn: at('WARN'),
      error: at('ERROR'),
    },
  });
}
