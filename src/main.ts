import { join } from 'node:path';
import { serve, type ServerType } from '@hono/node-server';
import type { Client } from '@temporalio/client';
import type { NativeConnection, Worker } from '@temporalio/worker';
import { openDatabase, type DatabaseHandle } from '../db/client.ts';
import { createActivities } from './activities.ts';
import { createApp } from './app.ts';
import { createCpuPool, diskResultCache } from './platform/cpu-pool/index.ts';
import { systemClock } from './platform/clock.ts';
import type { Config } from './platform/config.ts';
import { fileStoreFromConfig } from './platform/files/index.ts';
import type { AppDeps } from './platform/http.ts';
import type { Logger } from './platform/logging.ts';
import { drainLaunches, type InvoiceDeps } from './invoices/index.ts';
import { billingSettingsFromEnv, type BillingDeps } from './billing/index.ts';
import { ensureTemporalBinary } from './platform/temporal/binary.ts';
import { connectClient, connectWorker, type TemporalTarget } from './platform/temporal/connection.ts';
import { reconcileSchedules } from './platform/schedules/index.ts';
import { startDevServer, type DevServer } from './platform/temporal/dev-server.ts';
import { SCHEDULES } from './schedules.ts';
import { installTemporalRuntimeLogger } from './platform/temporal/runtime-logger.ts';
import { createSmtpMailer } from './platform/mail/smtp.ts';
import { createHubWorker } from './platform/temporal/worker.ts';
import { seedIfEmpty } from './seed/index.ts';
import { actsSchedules, readActsSettings, type ActsDeps } from './acts/index.ts';
import { startActsRuntime } from './acts/wiring/start-runtime.ts';
import { accountingSettingsFromEnv, type AccountingDeps } from './accounting/index.ts';
import { startTreasuryRuntime, triggerReturnsPoll } from './accounting/wiring/start-treasury.ts';

export type HubMode = 'start' | 'serve' | 'worker';

export interface RunningHub {
  url: string | undefined;
  temporalAddress: string;
  temporalUiUrl: string | undefined;
  stop(): Promise<void>;
}

/** Things to undo on shutdown, last opened first closed. */
class Stack {
  private readonly items: { name: string; close: () => Promise<unknown> }[] = [];
  push(name: string, close: () => Promise<unknown>): void {
    this.items.push({ name, close });
  }
  async closeAll(logger: Logger): Promise<void> {
    for (const item of this.items.reverse()) {
      try {
        await item.close();
      } catch (error) {
        logger.warn({ err: error }, `while stopping ${item.name}`);
      }
    }
    this.items.length = 0;
  }
}

export async function openConfiguredDatabase(config: Config): Promise<DatabaseHandle> {
  return config.databaseUrl
    ? openDatabase({ kind: 'postgres', url: config.databaseUrl })
    : openDatabase({ kind: 'pglite', dataDir: join(config.dataDir, 'pglite') });
}

/**
 * Starts the hub. `start` is all-in-one on embedded defaults (PGlite and a Temporal dev server of its own unless
 * DATABASE_URL / TEMPORAL_ADDRESS say otherwise); `serve` is HTTP only; `worker` runs workflows and activities only.
 */
export async function startHub(mode: HubMode, config: Config, logger: Logger): Promise<RunningHub> {
  const stack = new Stack();
  try {
    // Fail fast, before touching data, when the dev server would be needed and cannot be found or built.
    const temporalBinary =
      mode === 'start' && !config.temporal.address
        ? await ensureTemporalBinary((line) => logger.info(line))
        : undefined;
    const database = await openConfiguredDatabase(config);
    stack.push('database', () => database.close());
    await database.migrate();
    logger.info({ kind: database.kind }, 'database migrated');
    if (mode === 'start') {
      const seeded = await seedIfEmpty(database.db);
      if (seeded) logger.info(seeded, 'demo data seeded (first start)');
    }

    const temporalTarget = await resolveTemporal(mode, config, logger, stack, temporalBinary);
    // Before any native connection: the Temporal runtime takes its logger once, when it is created.
    installTemporalRuntimeLogger(logger);
    const client = await connectClient(temporalTarget.target);
    stack.push('temporal client', async () => {
      // Workflow starts of the last deposits finish first; the relay would start them anyway, a minute later.
      await drainLaunches(client);
      await client.connection.close();
    });

    // CPU-heavy work (PDF rendering, large validations) runs in these threads, never on the event loop.
    const cpuPool = createCpuPool({
      threads: config.cpu.threads,
      timeoutMs: config.cpu.jobTimeoutMs,
      memoryMb: config.cpu.jobMemoryMb,
      maxQueue: config.cpu.maxQueue,
      logger,
    });
    stack.push('cpu pool', () => cpuPool.close());

    // The acts transport (the demo ministry in this process when none is configured) serves the worker's sends.
    const actsSettings = readActsSettings(process.env);
    const actsRuntime = mode === 'serve' ? undefined : await startActsRuntime(actsSettings, config.dataDir);
    if (actsRuntime) {
      stack.push('acts transport', () => actsRuntime.close());
      if (actsRuntime.demoMinistryUrl)
        logger.info({ url: actsRuntime.demoMinistryUrl }, 'demo ministry (ACTES) running');
    }

    // The treasury (the demo one in this process when HELIOS_FTP_URL is not set): each return it writes is read
    // at once by a run of the returns poll.
    const treasury =
      mode === 'serve'
        ? undefined
        : await startTreasuryRuntime(process.env, {
            onReturnWritten: () => triggerReturnsPoll(client, logger),
          });
    if (treasury) {
      stack.push('treasury', () => treasury.close());
      if (treasury.demoTreasuryUrl) logger.info({ url: treasury.demoTreasuryUrl }, 'demo treasury (Hélios) running');
    }

    const deps: InvoiceDeps & BillingDeps & ActsDeps & AccountingDeps = {
      db: database.db,
      clock: systemClock,
      logger,
      secureCookies: Boolean(config.publicUrl?.startsWith('https://')),
      temporal: client,
      temporalNamespace: config.temporal.namespace,
      taskQueue: config.temporal.taskQueue,
      pingDb: () => database.ping(),
      files: fileStoreFromConfig(config, { db: database.db, logger }),
      invoices: { profile: config.depositProfile },
      billing: billingSettingsFromEnv(process.env),
      ...(temporalTarget.server ? { temporalServer: temporalTarget.server } : {}),
      publicUrl: config.publicUrl ?? `http://${config.host === '0.0.0.0' ? '127.0.0.1' : config.host}:${config.port}`,
      cpuPool,
      ...(actsRuntime ? { acts: actsRuntime.runtime } : {}),
      accounting: treasury ? treasury.accounting : accountingSettingsFromEnv(process.env),
      resultCache: diskResultCache({
        dir: join(config.dataDir, 'cache', 'pdf'),
        maxBytes: config.cpu.renderCacheBytes,
        logger,
      }),
    };

    if (mode !== 'serve') await startWorker(deps, temporalTarget.target, config, logger, stack);
    await reconcileSchedules(client, {
      taskQueue: config.temporal.taskQueue,
      logger,
      definitions: [...SCHEDULES, ...actsSchedules(actsSettings.pollSeconds)],
    });

    let url: string | undefined;
    if (mode !== 'worker') {
      const server = await listen(createApp(deps).fetch, config);
      stack.push('http server', () => new Promise((resolve) => server.close(() => resolve(undefined))));
      url = `http://${config.host === '0.0.0.0' ? '127.0.0.1' : config.host}:${config.port}`;
      logger.info({ url }, 'hub listening');
    }
    return {
      url,
      temporalAddress: temporalTarget.target.address,
      temporalUiUrl: temporalTarget.uiUrl,
      stop: () => stack.closeAll(logger),
    };
  } catch (error) {
    await stack.closeAll(logger);
    throw error;
  }
}

async function resolveTemporal(
  mode: HubMode,
  config: Config,
  logger: Logger,
  stack: Stack,
  binary: string | undefined,
): Promise<{ target: TemporalTarget; uiUrl: string | undefined; server?: DevServer }> {
  const base = { namespace: config.temporal.namespace, apiKey: config.temporal.apiKey, tls: config.temporal.tls };
  if (config.temporal.address) return { target: { ...base, address: config.temporal.address }, uiUrl: undefined };
  if (mode !== 'start' || !binary) return { target: { ...base, address: '127.0.0.1:7233' }, uiUrl: undefined };
  const server = await startDevServer({
    binary,
    dataDir: config.dataDir,
    namespace: config.temporal.namespace,
    port: config.temporal.devPort,
    uiPort: config.temporal.uiPort,
    log: (line) => logger.info(line),
    warn: (line) => logger.warn(line),
  });
  stack.push('temporal dev server', () => server.stop());
  return { target: { ...base, address: server.address }, uiUrl: server.uiUrl, server };
}

async function startWorker(
  deps: AppDeps & Pick<ActsDeps, 'acts'>,
  target: TemporalTarget,
  config: Config,
  logger: Logger,
  stack: Stack,
): Promise<void> {
  installTemporalRuntimeLogger(logger);
  const connection: NativeConnection = await connectWorker(target);
  stack.push('worker connection', () => connection.close());
  const worker: Worker = await createHubWorker({
    connection,
    namespace: config.temporal.namespace,
    taskQueue: config.temporal.taskQueue,
    activities: createActivities({ ...deps, mailer: config.smtp ? createSmtpMailer(config.smtp) : undefined }),
  });
  const running = worker.run();
  // Graceful: stop polling, let in-flight activities finish (shutdownGraceTime), then resolve.
  stack.push('worker', async () => {
    if (worker.getState() === 'RUNNING') worker.shutdown();
    await running;
  });
  running.catch((error: unknown) => logger.error({ err: error }, 'worker stopped with an error'));
  logger.info({ taskQueue: config.temporal.taskQueue }, 'worker running');
}

/** Long enough for a 1 GiB body at 2.5 Mbit/s; a resumable (tus) upload goes on past it in a new request. */
const UPLOAD_REQUEST_TIMEOUT_MS = 60 * 60_000;

function listen(fetch: (request: Request) => Response | Promise<Response>, config: Config): Promise<ServerType> {
  return new Promise((resolve, reject) => {
    const server = serve({
      fetch,
      port: config.port,
      hostname: config.host,
      // Node's default (300 s) cut any upload longer than five minutes: a 1 GiB bid on a 20 Mbit/s line takes seven.
      // The headers keep Node's own 60 s bound; each route bounds its body's size while reading it.
      serverOptions: { requestTimeout: UPLOAD_REQUEST_TIMEOUT_MS },
    });
    server.once('listening', () => resolve(server));
    server.once('error', (error: NodeJS.ErrnoException) => {
      reject(
        error.code === 'EADDRINUSE'
          ? new Error(
              `Le port ${config.port} est déjà utilisé : arrêtez l'autre processus ou choisissez un autre port avec PORT=…`,
            )
          : error,
      );
    });
  });
}

export type { Client };
