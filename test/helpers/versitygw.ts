// A real S3-compatible server for the S3 file store's tests and benchmark: versitygw (Apache-2.0) serving a
// temporary folder through its posix backend, on a loopback port. The binary is found (VERSITYGW_PATH, PATH, Go's
// bin folder) or built once with `go install`, like the Temporal binary. Under CI a binary that can be neither found
// nor built fails the run; elsewhere the S3 tests are skipped with a line saying why.
import { spawn, type ChildProcess } from 'node:child_process';
import { accessSync, constants, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { CreateBucketCommand, S3Client } from '@aws-sdk/client-s3';
import { freePort } from '../../src/platform/net.ts';
import { goBinDir, hasGo } from '../../src/platform/temporal/binary.ts';

export const VERSITYGW_MODULE = 'github.com/versity/versitygw/cmd/versitygw@v1.8.0';

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

export function findVersitygw(env: NodeJS.ProcessEnv = process.env): string | undefined {
  if (env.VERSITYGW_PATH) {
    if (!isExecutable(env.VERSITYGW_PATH)) throw new Error(`VERSITYGW_PATH=${env.VERSITYGW_PATH} is not executable`);
    return env.VERSITYGW_PATH;
  }
  for (const dir of (env.PATH ?? '').split(delimiter)) {
    if (dir && isExecutable(join(dir, 'versitygw'))) return join(dir, 'versitygw');
  }
  const goBin = goBinDir();
  return goBin && isExecutable(join(goBin, 'versitygw')) ? join(goBin, 'versitygw') : undefined;
}

async function build(log: (line: string) => void): Promise<string | undefined> {
  if (!hasGo()) return undefined;
  log(`building versitygw (go install ${VERSITYGW_MODULE}): a few minutes, once`);
  const code = await new Promise<number | null>((resolve, reject) => {
    const child = spawn('go', ['install', VERSITYGW_MODULE], { stdio: ['ignore', 'inherit', 'inherit'] });
    child.on('error', reject);
    child.on('exit', resolve);
  });
  return code === 0 ? findVersitygw() : undefined;
}

/**
 * The versitygw binary, built if needed. Undefined (the S3 tests skip) only outside CI; under CI, a binary that
 * cannot be had throws.
 */
export async function ensureVersitygw(log: (line: string) => void = (l) => console.log(`[versitygw] ${l}`)) {
  const binary = findVersitygw() ?? (await build(log));
  if (binary) return binary;
  const reason = hasGo()
    ? `« go install ${VERSITYGW_MODULE} » failed`
    : `Go is missing: install it, or set VERSITYGW_PATH, or run « go install ${VERSITYGW_MODULE} »`;
  if (process.env.CI) throw new Error(`versitygw unavailable under CI: ${reason}`);
  log(`S3 tests skipped: ${reason}`);
  return undefined;
}

export interface RunningVersitygw {
  endpoint: string;
  region: string;
  bucket: string;
  accessKeyId: string;
  secretAccessKey: string;
  /** The folder served: one sub-folder per bucket, one file per object. */
  root: string;
  client: S3Client;
  stop(): Promise<void>;
}

/** Starts versitygw on a free loopback port over a fresh temporary folder, with one bucket created. */
export async function startVersitygw(binary: string, bucket = 'hub-files'): Promise<RunningVersitygw> {
  const root = mkdtempSync(join(tmpdir(), 'hub-versitygw-'));
  mkdirSync(join(root, 'data'));
  const accessKeyId = 'hubtest';
  const secretAccessKey = 'hubtest-secret-key';
  const region = 'us-east-1';
  const port = await freePort();
  const endpoint = `http://127.0.0.1:${port}`;
  const child: ChildProcess = spawn(
    binary,
    [
      '--access',
      accessKeyId,
      '--secret',
      secretAccessKey,
      '--region',
      region,
      '--port',
      `127.0.0.1:${port}`,
      '--health',
      '/health',
      '--quiet',
      'posix',
      join(root, 'data'),
    ],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-4000)));
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));

  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(timer);
    }
    rmSync(root, { recursive: true, force: true });
  };

  try {
    await waitHealthy(endpoint, exited, () => stderr);
    const client = new S3Client({
      endpoint,
      region,
      forcePathStyle: true,
      credentials: { accessKeyId, secretAccessKey },
    });
    await client.send(new CreateBucketCommand({ Bucket: bucket }));
    return {
      endpoint,
      region,
      bucket,
      accessKeyId,
      secretAccessKey,
      root: join(root, 'data'),
      client,
      stop: async () => {
        client.destroy();
        await stop();
      },
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

async function waitHealthy(endpoint: string, exited: Promise<number | null>, stderr: () => string): Promise<void> {
  let gone: number | null | undefined;
  void exited.then((code) => (gone = code));
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (gone !== undefined) throw new Error(`versitygw exited (${gone}) before serving:\n${stderr()}`);
    try {
      const answer = await fetch(`${endpoint}/health`);
      if (answer.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`versitygw did not answer on ${endpoint} within 30 s:\n${stderr()}`);
}
