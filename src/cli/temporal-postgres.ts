// `hub temporal-postgres [--port N]`: a Temporal server on PostgreSQL (built once from ops/temporal-server, its
// databases created and migrated), in the foreground until Ctrl-C. The hub's `serve` and `worker` processes then
// reach it through TEMPORAL_ADDRESS.
import {
  ensurePostgresTemporalBinary,
  setupPostgresTemporal,
  startPostgresTemporal,
} from '../platform/temporal/postgres-server.ts';
import type { Io } from './io.ts';

const USAGE = 'Usage : hub temporal-postgres [--port 7233]\n';

export async function run(argv: string[], io: Io): Promise<number> {
  const i = argv.indexOf('--port');
  const port = i >= 0 ? Number(argv[i + 1]) : 7233;
  if (!Number.isInteger(port) || port < 1 || port > 65_535 || argv.length !== (i >= 0 ? 2 : 0)) {
    io.stderr(USAGE);
    return 2;
  }
  const log = (line: string) => io.stdout(`${line}\n`);
  const options = {
    postgresUrl: process.env.TEMPORAL_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/',
    ...(process.env.TEMPORAL_NAMESPACE ? { namespace: process.env.TEMPORAL_NAMESPACE } : {}),
    port,
    log,
  };
  const binary = ensurePostgresTemporalBinary(log);
  setupPostgresTemporal(binary, options);
  const server = await startPostgresTemporal(binary, options);
  log(`TEMPORAL_ADDRESS=${server.address} pour « hub serve » et « hub worker » ; Ctrl-C pour arrêter.`);
  await new Promise<void>((resolve) => {
    process.once('SIGINT', () => resolve());
    process.once('SIGTERM', () => resolve());
  });
  await server.stop();
  return 0;
}
