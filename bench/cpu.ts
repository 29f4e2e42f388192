// CPU time of this machine's processes, read from /proc: what each part of a running hub spends per invoice.
import { readdirSync, readFileSync } from 'node:fs';

const TICKS_PER_SECOND = 100; // USER_HZ on Linux

/** User + system CPU time of one process, in ms (0 once it is gone). */
export function processCpuMs(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name, which is in parentheses and may hold spaces.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS_PER_SECOND;
  } catch {
    return 0;
  }
}

/** CPU time, in ms, of every process whose command name is `name` (e.g. every Postgres backend). */
export function commandCpuMs(name: string): number {
  let total = 0;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (readFileSync(`/proc/${entry}/comm`, 'utf8').trim() === name) total += processCpuMs(Number(entry));
    } catch {
      // exited meanwhile
    }
  }
  return total;
}

/** Named CPU counters sampled at two instants. */
export class CpuMeter {
  private start = new Map<string, number>();
  constructor(private readonly counters: Record<string, () => number>) {}

  begin(): void {
    for (const [name, read] of Object.entries(this.counters)) this.start.set(name, read());
  }

  /** CPU ms used by each counter since `begin`. */
  since(): Record<string, number> {
    return Object.fromEntries(
      Object.entries(this.counters).map(([name, read]) => [name, read() - (this.start.get(name) ?? 0)]),
    );
  }
}
