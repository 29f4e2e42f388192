// The acts' whole chain for a test: a real dovecot Maildir, the demo ministry over mutual TLS answering into it,
// a hub worker on its own task queue of the real Temporal server, and the deps the hub's app runs on. The mailbox
// is read when the test says (readMailbox), so a test can also leave an answer unread.
import { randomBytes } from 'node:crypto';
import type { Client } from '@temporalio/client';
import { NativeConnection, type Worker } from '@temporalio/worker';
import { inject } from 'vitest';
import type { DatabaseHandle } from '../../db/client.ts';
import { deliverToMaildir, httpsMinistryClient, openImapMailbox, type ActsDeps } from '../../src/acts/index.ts';
import { createActivities } from '../../src/activities.ts';
import { startDemoMinistry, type DemoMinistry } from '../../src/demo-ministry/index.ts';
import { createHubWorker } from '../../src/platform/temporal/worker.ts';
import { testTemporalClient } from '../helpers/test-deps.ts';
import { startDovecot, type RunningDovecot } from './dovecot.ts';
import { actsTestDeps } from './harness.ts';

export interface ActsChain {
  deps: ActsDeps;
  ministry: DemoMinistry;
  dovecot: RunningDovecot;
  client: Client;
  /** Reads the answers mailbox once, as the hub's schedule does. */
  readMailbox(): Promise<unknown>;
  /** Reads the mailbox and probes until the probe gives a value. */
  until<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs?: number): Promise<T>;
  stop(): Promise<void>;
}

export async function startActsChain(handle: DatabaseHandle, windowMs = 3_600_000): Promise<ActsChain> {
  const dovecot = await startDovecot();
  const ministry = await startDemoMinistry({
    deliver: (raw) =>
      deliverToMaildir(dovecot.maildir, raw, `${Date.now()}.${randomBytes(6).toString('hex')}.ministere`),
    ackDelayMs: 200,
  });
  const client = await testTemporalClient();
  const taskQueue = `acts-${randomBytes(4).toString('hex')}`;
  const deps = actsTestDeps(handle, {
    temporal: client,
    taskQueue,
    actsTiming: { windowMs },
    acts: {
      settings: { trigram: 'HUB', application: 'EACT', pollSeconds: 1 },
      returnAddress: 'actes@demo.hub.bzh',
      ministry: httpsMinistryClient({
        url: ministry.url,
        cert: ministry.clientCert,
        key: ministry.clientKey,
        ca: ministry.ca,
      }),
      openMailbox: () => openImapMailbox(dovecot.url),
    },
  });
  const connection = await NativeConnection.connect({ address: inject('temporalAddress') });
  const worker: Worker = await createHubWorker({
    connection,
    namespace: 'default',
    taskQueue,
    activities: createActivities(deps),
  });
  const running = worker.run();
  const readMailbox = () => createActivities(deps).actsReadMailbox();
  return {
    deps,
    ministry,
    dovecot,
    client,
    readMailbox,
    async until(what, probe, timeoutMs = 30_000) {
      const end = Date.now() + timeoutMs;
      for (;;) {
        await readMailbox();
        const value = await probe();
        if (value !== undefined) return value;
        if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
        await new Promise((r) => setTimeout(r, 300));
      }
    },
    async stop() {
      worker.shutdown();
      await running;
      await connection.close();
      await client.connection.close();
      await ministry.close();
      await dovecot.stop();
    },
  };
}
