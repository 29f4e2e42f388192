import type { Client } from '@temporalio/client';
import type { Logger } from 'pino';
import type { Db } from '../../db/client.ts';
import type { Actor } from './auth/actor.ts';
import type { Clock } from './clock.ts';
import type { FileStore } from './files/index.ts';
import type { CpuPool } from './cpu-pool/pool.ts';
import type { ResultCache } from './cpu-pool/result-cache.ts';

/** What route handlers and verbs receive: built once at start, never global. */
export interface AppDeps {
  db: Db;
  clock: Clock;
  logger: Logger;
  /** Cookies are marked Secure unless the hub is served over plain HTTP on embedded defaults. */
  secureCookies: boolean;
  /** Temporal client used to start and signal workflows; absent only in tests that need none. */
  temporal?: Client;
  /** Temporal namespace and task queue the workflows run in. */
  temporalNamespace?: string;
  taskQueue?: string;
  /** Large files (src/platform/files): disk under DATA_DIR or the S3 bucket; absent only in tests that need none. */
  files?: FileStore;
  /** The Temporal dev server `hub start` supervises: while it restarts, health says Temporal is down at once. */
  temporalServer?: { state(): 'running' | 'restarting' | 'stopped' };
  /** A real round trip to the database (health). */
  pingDb?: () => Promise<void>;
  /** Base of the links written in e-mails (PUBLIC_URL, or the local address on embedded defaults). */
  publicUrl?: string;
  /** Called before each slow secret check (scrypt) of a password, client secret or technical password: counted by tests. */
  onSecretCheck?: (kind: 'login' | 'client_secret' | 'technical_account') => void;
  /** Worker threads for CPU-heavy jobs (PDF, large validations); absent: a default pool shared by the process. */
  cpuPool?: CpuPool;
  /** Results of those jobs by content key (rendered PDFs); absent: a small one in memory. */
  resultCache?: ResultCache;
}

export type AppEnv = {
  Variables: {
    requestId: string;
    deps: AppDeps;
    actor: Actor | undefined;
  };
};
