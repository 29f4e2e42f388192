import { resolve } from 'node:path';
import { z } from 'zod';

/** Every setting the hub reads from its environment, typed and checked once at start. */
export interface Config {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | undefined;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  publicUrl: string | undefined;
  /** Notification e-mails go out through this SMTP server; without it they wait in the outbox. */
  smtp: { url: string; from: string } | undefined;
  /** Large files go to this S3-compatible bucket; without it, to the disk under `${dataDir}/files`. */
  s3:
    | { endpoint: string | undefined; region: string; bucket: string; accessKeyId: string; secretAccessKey: string }
    | undefined;
  /**
   * Validation profile of deposits (DEPOSIT_PROFILE): 'b2g' (default) as Chorus Pro applies to public buyers,
   * the 2026 reform's BR-FR rules as warnings; 'fr' makes them blocking for every recipient.
   */
  depositProfile: 'b2g' | 'fr';
  temporal: {
    address: string | undefined;
    namespace: string;
    taskQueue: string;
    apiKey: string | undefined;
    tls: { certPath: string; keyPath: string; serverCaPath: string | undefined } | undefined;
    cliPath: string | undefined;
    uiPort: number;
    /** Port of the dev server the hub launches itself (a busy one is replaced by a free one). */
    devPort: number;
  };
  /** The CPU pool (PDF rendering, reading and validating large invoices) and the cache of rendered PDFs. */
  cpu: {
    /** Worker threads; undefined: the machine's cores, 1 to 4. */
    threads: number | undefined;
    jobTimeoutMs: number;
    jobMemoryMb: number;
    maxQueue: number;
    /** Bound of the rendered PDFs kept under DATA_DIR/cache/pdf. */
    renderCacheBytes: number;
  };
}

export class ConfigError extends Error {
  constructor(
    readonly variable: string,
    detail: string,
  ) {
    super(`Configuration invalide : ${variable} ${detail}`);
    this.name = 'ConfigError';
  }
}

const port = (name: string) =>
  z
    .string()
    .regex(/^\d+$/, `doit être un numéro de port (1-65535)`)
    .transform(Number)
    .refine((n) => n >= 1 && n <= 65535, 'doit être un numéro de port (1-65535)')
    .describe(name);

const count = (name: string, min: number, max: number) =>
  z
    .string()
    .regex(/^\d+$/, `doit être un entier de ${min} à ${max}`)
    .transform(Number)
    .refine((n) => n >= min && n <= max, `doit être un entier de ${min} à ${max}`)
    .describe(name);

const schema = {
  PORT: port('PORT').default(3000),
  HOST: z.string().min(1).default('0.0.0.0'),
  DATA_DIR: z.string().min(1).default('./data'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\/.+/, 'doit être une URL postgres://utilisateur@hôte:port/base')
    .optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  PUBLIC_URL: z.string().url('doit être une URL http(s)://…').optional(),
  TEMPORAL_ADDRESS: z
    .string()
    .regex(/^[^\s:]+:\d+$/, 'doit être de la forme hôte:port')
    .optional(),
  TEMPORAL_NAMESPACE: z.string().min(1).default('default'),
  TEMPORAL_TASK_QUEUE: z.string().min(1).default('hub'),
  TEMPORAL_API_KEY: z.string().min(1).optional(),
  TEMPORAL_TLS_CERT: z.string().min(1).optional(),
  TEMPORAL_TLS_KEY: z.string().min(1).optional(),
  TEMPORAL_TLS_SERVER_CA: z.string().min(1).optional(),
  TEMPORAL_CLI_PATH: z.string().min(1).optional(),
  TEMPORAL_UI_PORT: port('TEMPORAL_UI_PORT').default(8233),
  TEMPORAL_DEV_PORT: port('TEMPORAL_DEV_PORT').default(7233),
  DEPOSIT_PROFILE: z.enum(['b2g', 'fr'], { message: 'doit valoir b2g ou fr' }).default('b2g'),
  CPU_THREADS: count('CPU_THREADS', 1, 64).optional(),
  CPU_JOB_TIMEOUT_S: count('CPU_JOB_TIMEOUT_S', 1, 3600).default(120),
  CPU_JOB_MEMORY_MB: count('CPU_JOB_MEMORY_MB', 64, 65_536).default(1536),
  CPU_QUEUE_MAX: count('CPU_QUEUE_MAX', 0, 100_000).default(256),
  RENDER_CACHE_MB: count('RENDER_CACHE_MB', 0, 1_048_576).default(512),
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\/\S+$/, 'doit être une URL smtp://utilisateur:mot-de-passe@hôte:port ou smtps://…')
    .optional(),
  SMTP_FROM: z
    .string()
    .regex(/^[^\s<>@]+@[^\s<>@]+$/, 'doit être l’adresse d’expédition des e-mails (nom@domaine)')
    .optional(),
  S3_ENDPOINT: z
    .string()
    .regex(/^https?:\/\/[^\s/]+\/?$/, 'doit être l’URL du serveur S3 (http(s)://hôte:port), sans chemin')
    .optional(),
  S3_REGION: z.string().min(1).default('us-east-1'),
  S3_BUCKET: z
    .string()
    .regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, 'doit être un nom de bucket S3 (3 à 63 minuscules, chiffres, . ou -)')
    .optional(),
  S3_ACCESS_KEY_ID: z.string().min(1).optional(),
  S3_SECRET_ACCESS_KEY: z.string().min(1).optional(),
} as const;

const S3_REQUIRED = ['S3_BUCKET', 'S3_ACCESS_KEY_ID', 'S3_SECRET_ACCESS_KEY'] as const;

type Raw = { [K in keyof typeof schema]: z.output<(typeof schema)[K]> };

/** Reads the environment; the first bad variable stops the start with one line that names it. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const raw = {} as Record<string, unknown>;
  for (const [name, type] of Object.entries(schema)) {
    const value = env[name] === '' ? undefined : env[name];
    const parsed = (type as z.ZodType).safeParse(value);
    if (!parsed.success) throw new ConfigError(name, parsed.error.issues[0]?.message ?? 'est invalide');
    raw[name] = parsed.data;
  }
  const r = raw as Raw;
  if (Boolean(r.TEMPORAL_TLS_CERT) !== Boolean(r.TEMPORAL_TLS_KEY)) {
    throw new ConfigError(
      r.TEMPORAL_TLS_CERT ? 'TEMPORAL_TLS_KEY' : 'TEMPORAL_TLS_CERT',
      'doit être fourni avec son pendant (certificat et clé)',
    );
  }
  if (r.SMTP_URL && !r.SMTP_FROM) throw new ConfigError('SMTP_FROM', 'doit être fourni avec SMTP_URL');
  const s3Given = r.S3_ENDPOINT || r.S3_BUCKET || r.S3_ACCESS_KEY_ID || r.S3_SECRET_ACCESS_KEY;
  const s3Missing = S3_REQUIRED.find((name) => !r[name]);
  if (s3Given && s3Missing) {
    throw new ConfigError(
      s3Missing,
      `doit être fourni avec les autres réglages du stockage S3 (${S3_REQUIRED.join(', ')})`,
    );
  }
  return {
    port: r.PORT,
    host: r.HOST,
    dataDir: resolve(r.DATA_DIR),
    databaseUrl: r.DATABASE_URL,
    logLevel: r.LOG_LEVEL,
    publicUrl: r.PUBLIC_URL,
    smtp: r.SMTP_URL && r.SMTP_FROM ? { url: r.SMTP_URL, from: r.SMTP_FROM } : undefined,
    s3:
      r.S3_BUCKET && r.S3_ACCESS_KEY_ID && r.S3_SECRET_ACCESS_KEY
        ? {
            endpoint: r.S3_ENDPOINT?.replace(/\/$/, ''),
            region: r.S3_REGION,
            bucket: r.S3_BUCKET,
            accessKeyId: r.S3_ACCESS_KEY_ID,
            secretAccessKey: r.S3_SECRET_ACCESS_KEY,
          }
        : undefined,
    depositProfile: r.DEPOSIT_PROFILE,
    temporal: {
      address: r.TEMPORAL_ADDRESS,
      namespace: r.TEMPORAL_NAMESPACE,
      taskQueue: r.TEMPORAL_TASK_QUEUE,
      apiKey: r.TEMPORAL_API_KEY,
      tls:
        r.TEMPORAL_TLS_CERT && r.TEMPORAL_TLS_KEY
          ? { certPath: r.TEMPORAL_TLS_CERT, keyPath: r.TEMPORAL_TLS_KEY, serverCaPath: r.TEMPORAL_TLS_SERVER_CA }
          : undefined,
      cliPath: r.TEMPORAL_CLI_PATH,
      uiPort: r.TEMPORAL_UI_PORT,
      devPort: r.TEMPORAL_DEV_PORT,
    },
    cpu: {
      threads: r.CPU_THREADS,
      jobTimeoutMs: r.CPU_JOB_TIMEOUT_S * 1000,
      jobMemoryMb: r.CPU_JOB_MEMORY_MB,
      maxQueue: r.CPU_QUEUE_MAX,
      renderCacheBytes: r.RENDER_CACHE_MB * 1024 * 1024,
    },
  };
}
