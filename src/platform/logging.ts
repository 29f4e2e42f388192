import pino, { type Logger } from 'pino';

export type { Logger };

export function createLogger(level: pino.LevelWithSilent = 'info'): Logger {
  return pino({ level, base: { service: 'hub' }, timestamp: pino.stdTimeFunctions.isoTime });
}
