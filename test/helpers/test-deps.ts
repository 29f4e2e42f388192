import { Client, Connection } from '@temporalio/client';
import { inject } from 'vitest';
import type { DatabaseHandle } from '../../db/client.ts';
import { systemClock, type Clock } from '../../src/platform/clock.ts';
import type { AppDeps } from '../../src/platform/http.ts';
import { createLogger } from '../../src/platform/logging.ts';

/** A Temporal client on the test run's dev server. */
export async function testTemporalClient(namespace = 'default'): Promise<Client> {
  const connection = await Connection.connect({ address: inject('temporalAddress') });
  return new Client({ connection, namespace });
}

/** The dependencies the hub builds at start, on the test database and (optionally) the test Temporal server. */
export function testDeps(handle: DatabaseHandle, extra: Partial<AppDeps> & { clock?: Clock } = {}): AppDeps {
  return {
    db: handle.db,
    clock: systemClock,
    logger: createLogger('silent'),
    secureCookies: false,
    pingDb: () => handle.ping(),
    temporalNamespace: 'default',
    taskQueue: `test-${Math.random().toString(36).slice(2, 8)}`,
    ...extra,
  };
}
