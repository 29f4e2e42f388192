// The acts' whole chain for a test: a mailbox the demo ministry answers into (a real dovecot Maildir read over IMAP,
// or a plain Maildir read directly), the demo ministry over mutual TLS, a hub worker on its own task queue of the
// real Temporal server, and the deps the hub's app runs on. The mailbox is read when the test says (readMailbox),
// so a test can also leave an answer unread.
import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Client } from '@temporalio/client';
import { NativeConnection, type Worker } from '@temporalio/worker';
import { inject } from 'vitest';
import type { DatabaseHandle } from '../../db/client.ts';
import {
  deliverToMaildir,
  httpsMinistryClient,
  openImapMailbox,
  openMaildirMailbox,
  type ActsDeps,
} from '../../src/acts/index.ts';
import { createActivities } from '../../src/activities.ts';
import { startDemoMinistry, type DemoMinistry, type DemoMinistryOptions } from '../../src/demo-ministry/index.ts';
import { createHubWorker } from '../../src/platform/temporal/worker.ts';
import { testTemporalClient } from '../helpers/test-deps.ts';
import { startDovecot, type RunningDovecot } from './dovecot.ts';
import { actsTestDeps } from './harness.ts';

export interface ActsChainOptions {
  /** Length of the legality window; absent, the real one (until the Paris midnight two months on). */
  windowMs?: number;
  /** 'maildir': no dovecot, the hub reads the ministry's Maildir directly (as a worker in another process can). */
  mailbox?: 'imap' | 'maildir';
  /** The demo ministry's options besides its delivery (an acknowledgement after 200 ms unless said). */
  ministry?: Omit<DemoMinistryOptions, 'deliver'>;
  /** Deps in place of the test ones (e.g. a file store shared with another process). */
  deps?: Partial<ActsDeps>;
}

export interface ActsChain {
  deps: ActsDeps;
  ministry: DemoMinistry;
  /** The Maildir the ministry's answers are delivered into. */
  maildir: string;
  client: Client;
  /** Reads the answers mailbox once, as the hub's schedule does. */
  readMailbox(): Promise<unknown>;
  /** Reads the mailbox and probes until the probe gives a value. */
  until<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs?: number): Promise<T>;
  stop(): Promise<void>;
}

export async function startActsChain(handle: DatabaseHandle, options: ActsChainOptions = {}): Promise<ActsChain> {
  const dovecot: RunningDovecot | undefined = options.mailbox === 'maildir' ? undefined : await startDovecot();
  const maildir = dovecot?.maildir ?? mkdtempSync(join(tmpdir(), 'hub-acts-maildir-'));
  const ministry = await startDemoMinistry({
    ackDelayMs: 200,
    ...options.ministry,
    deliver: (raw) => deliverToMaildir(maildir, raw, `${Date.now()}.${randomBytes(6).toString('hex')}.ministere`),
  });
  const client = await testTemporalClient();
  const taskQueue = `acts-${randomBytes(4).toString('hex')}`;
  const deps = actsTestDeps(handle, {
    temporal: client,
    taskQueue,
    ...(options.windowMs === undefined ? {} : { actsTiming: { windowMs: options.windowMs } }),
    acts: {
      settings: { trigram: 'HUB', application: 'EACT', pollSeconds: 1 },
      returnAddress: 'actes@demo.hub.bzh',
      ministry: httpsMinistryClient({
        url: ministry.url,
        cert: ministry.clientCert,
        key: ministry.clientKey,
        ca: ministry.ca,
      }),
      openMailbox: () => (dovecot ? openImapMailbox(dovecot.url) : openMaildirMailbox(maildir)),
    },
    ...options.deps,
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
    maildir,
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
      await dovecot?.stop();
    },
  };
}
