// What PostgreSQL spends on given databases, read from the server itself: the CPU time of the backends connected
// to them (from /proc, by pid) and their row writes, transactions and size (pg_stat_database, pg_database_size).
// Other databases on the same server (other benches, other tests) are not counted.
import type postgres from 'postgres';
import { processCpuMs } from './cpu.ts';

export interface DatabaseCounters {
  inserted: number;
  updated: number;
  deleted: number;
  commits: number;
  bytes: number;
}

/** CPU ms of the backends serving `databases` since `begin()`; a backend that exits meanwhile takes its share along. */
export class BackendCpu {
  private baseline = new Map<number, number>();
  constructor(
    private readonly admin: postgres.Sql,
    private readonly databases: string[],
  ) {}

  private async pids(): Promise<number[]> {
    if (this.databases.length === 0) return [];
    const rows = await this.admin<{ pid: number }[]>`
      select pid from pg_stat_activity where datname in ${this.admin(this.databases)} and pid <> pg_backend_pid()`;
    return rows.map((r) => r.pid);
  }

  async begin(): Promise<void> {
    this.baseline = new Map((await this.pids()).map((pid) => [pid, processCpuMs(pid)]));
  }

  /** Backends that connected after `begin()` count from zero: all their work falls in the run. */
  async since(): Promise<number> {
    let total = 0;
    for (const pid of await this.pids()) total += processCpuMs(pid) - (this.baseline.get(pid) ?? 0);
    return total;
  }
}

/** Row writes, commits and size of each database (cumulative; subtract two readings). */
export async function databaseCounters(
  admin: postgres.Sql,
  databases: string[],
): Promise<Map<string, DatabaseCounters>> {
  const rows = await admin<
    { datname: string; inserted: string; updated: string; deleted: string; commits: string; bytes: string }[]
  >`
    select datname, tup_inserted as inserted, tup_updated as updated, tup_deleted as deleted,
           xact_commit as commits, pg_database_size(datname) as bytes
    from pg_stat_database where datname in ${admin(databases)}`;
  return new Map(
    rows.map((r) => [
      r.datname,
      {
        inserted: Number(r.inserted),
        updated: Number(r.updated),
        deleted: Number(r.deleted),
        commits: Number(r.commits),
        bytes: Number(r.bytes),
      },
    ]),
  );
}

/** Backends publish their statistics at most once a second, and idle ones within ten: wait that long first. */
export const STATS_FLUSH_MS = 11_000;

export function countersDelta(before: DatabaseCounters, after: DatabaseCounters): DatabaseCounters {
  return {
    inserted: after.inserted - before.inserted,
    updated: after.updated - before.updated,
    deleted: after.deleted - before.deleted,
    commits: after.commits - before.commits,
    bytes: after.bytes - before.bytes,
  };
}
