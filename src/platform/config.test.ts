import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.ts';

describe('loadConfig', () => {
  it('gives embedded defaults on an empty environment', () => {
    const config = loadConfig({});
    expect(config.port).toBe(3000);
    expect(config.databaseUrl).toBeUndefined();
    expect(config.temporal.address).toBeUndefined();
    expect(config.temporal.namespace).toBe('default');
    expect(config.dataDir.endsWith('/data')).toBe(true);
    expect(config.depositProfile).toBe('b2g');
    expect(config.cpu).toEqual({
      threads: undefined,
      jobTimeoutMs: 120_000,
      jobMemoryMb: 1536,
      maxQueue: 256,
      renderCacheBytes: 512 * 1024 * 1024,
    });
  });

  it('reads the deposit profile: b2g or the strict fr', () => {
    expect(loadConfig({ DEPOSIT_PROFILE: 'fr' }).depositProfile).toBe('fr');
    expect(() => loadConfig({ DEPOSIT_PROFILE: 'strict' })).toThrow(/DEPOSIT_PROFILE doit valoir b2g ou fr/);
  });

  it('reads the CPU pool settings', () => {
    const config = loadConfig({ CPU_THREADS: '3', CPU_JOB_TIMEOUT_S: '30', CPU_QUEUE_MAX: '8', RENDER_CACHE_MB: '0' });
    expect(config.cpu).toMatchObject({ threads: 3, jobTimeoutMs: 30_000, maxQueue: 8, renderCacheBytes: 0 });
    expect(() => loadConfig({ CPU_THREADS: '0' })).toThrow(
      /^Configuration invalide : CPU_THREADS doit être un entier de 1 à 64$/,
    );
    expect(() => loadConfig({ CPU_JOB_MEMORY_MB: 'beaucoup' })).toThrow(/CPU_JOB_MEMORY_MB/);
  });

  it('names the variable in one line when a value is malformed', () => {
    expect(() => loadConfig({ PORT: 'abc' })).toThrow(ConfigError);
    expect(() => loadConfig({ PORT: '70000' })).toThrow(/PORT/);
    expect(() => loadConfig({ DATABASE_URL: 'mysql://x' })).toThrow(/DATABASE_URL/);
    expect(() => loadConfig({ TEMPORAL_ADDRESS: 'nohostport' })).toThrow(/TEMPORAL_ADDRESS/);
    expect(() => loadConfig({ LOG_LEVEL: 'loud' })).toThrow(/LOG_LEVEL/);
  });

  it('requires TLS certificate and key together', () => {
    expect(() => loadConfig({ TEMPORAL_TLS_CERT: '/c.pem' })).toThrow(/TEMPORAL_TLS_KEY/);
    const config = loadConfig({
      TEMPORAL_TLS_CERT: '/c.pem',
      TEMPORAL_TLS_KEY: '/k.pem',
      TEMPORAL_ADDRESS: 'ns.tmprl.cloud:7233',
    });
    expect(config.temporal.tls).toEqual({ certPath: '/c.pem', keyPath: '/k.pem', serverCaPath: undefined });
  });

  it('reads a cluster address, namespace and API key', () => {
    const config = loadConfig({
      TEMPORAL_ADDRESS: 'temporal.example:7233',
      TEMPORAL_NAMESPACE: 'hub-prod',
      TEMPORAL_API_KEY: 'k',
    });
    expect(config.temporal).toMatchObject({ address: 'temporal.example:7233', namespace: 'hub-prod', apiKey: 'k' });
  });

  it('reads the SMTP server of notification e-mails, which needs a sender address', () => {
    expect(loadConfig({}).smtp).toBeUndefined();
    expect(loadConfig({ SMTP_URL: 'smtp://hub:pw@mail.example:587', SMTP_FROM: 'factures@hub.example' }).smtp).toEqual({
      url: 'smtp://hub:pw@mail.example:587',
      from: 'factures@hub.example',
    });
    expect(() => loadConfig({ SMTP_URL: 'smtp://mail.example' })).toThrow(/SMTP_FROM/);
    expect(() => loadConfig({ SMTP_URL: 'http://mail.example', SMTP_FROM: 'a@b.example' })).toThrow(/SMTP_URL/);
  });

  it('keeps large files on the disk unless the S3 settings are given, which come together', () => {
    expect(loadConfig({}).s3).toBeUndefined();
    const s3 = {
      S3_ENDPOINT: 'http://127.0.0.1:7070/',
      S3_BUCKET: 'hub-files',
      S3_ACCESS_KEY_ID: 'key',
      S3_SECRET_ACCESS_KEY: 'secret',
    };
    expect(loadConfig(s3).s3).toEqual({
      endpoint: 'http://127.0.0.1:7070',
      region: 'us-east-1',
      bucket: 'hub-files',
      accessKeyId: 'key',
      secretAccessKey: 'secret',
    });
    expect(loadConfig({ ...s3, S3_REGION: 'fr-par' }).s3?.region).toBe('fr-par');
    expect(() => loadConfig({ ...s3, S3_SECRET_ACCESS_KEY: '' })).toThrow(/S3_SECRET_ACCESS_KEY/);
    expect(() => loadConfig({ S3_ENDPOINT: 'http://s3.example' })).toThrow(/S3_BUCKET/);
    expect(() => loadConfig({ ...s3, S3_BUCKET: 'Hub_Files' })).toThrow(/S3_BUCKET/);
    expect(() => loadConfig({ ...s3, S3_ENDPOINT: 's3.example/bucket' })).toThrow(/S3_ENDPOINT/);
  });
});
