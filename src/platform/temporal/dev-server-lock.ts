// One Temporal dev server per SQLite file. The hub writes `temporal.pid` next to the file; at start it reads it, and
// (on Linux) looks through the process table too, for a server left running on the file by a hub that was killed
// (kill -9 leaves its children alive). Such an orphan is stopped before a new server starts; a server whose hub is
// still alive (this very process included) is refused.
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';

export interface PidFile {
  /** The dev server's process id (leader of its own process group). */
  pid: number;
  /** The hub process that launched it. */
  hubPid: number;
  dbFile: string;
  port: number;
  startedAt: string;
}

export function readPidFile(path: string): PidFile | undefined {
  try {
    const parsed = JSON.parse(readFileSync(path, 'utf8')) as Partial<PidFile>;
    if (typeof parsed.pid !== 'number' || typeof parsed.hubPid !== 'number') return undefined;
    return parsed as PidFile;
  } catch {
    return undefined;
  }
}

export function writePidFile(path: string, content: PidFile): void {
  writeFileSync(path, `${JSON.stringify(content)}\n`);
}

/** Removes the pid file if it still names `pid` (a newer server's file is left alone). */
export function removePidFile(path: string, pid: number | undefined): void {
  if (pid !== undefined && readPidFile(path)?.pid !== pid) return;
  rmSync(path, { force: true });
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists, it is someone else's.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The process's arguments, where the system shows them (/proc on Linux); undefined elsewhere or once it is gone. */
export function commandLine(pid: number): string[] | undefined {
  try {
    const raw = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
    return raw.split('\0').filter((part) => part !== '');
  } catch {
    return undefined;
  }
}

function zombie(pid: number): boolean {
  try {
    return /^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
}

/** True when `pid` is a live Temporal server started with `--db-filename dbFile`. */
export function servesFile(pid: number, dbFile: string): boolean {
  const args = commandLine(pid);
  if (!args) return isAlive(pid) && !zombie(pid) && process.platform !== 'linux';
  const at = args.indexOf('--db-filename');
  return at >= 0 && args[at + 1] === dbFile && !zombie(pid);
}

/** Every live process serving `dbFile` (Linux: from /proc; elsewhere: empty, the pid file alone decides). */
export function serversOnFile(dbFile: string): number[] {
  let entries: string[];
  try {
    entries = readdirSync('/proc');
  } catch {
    return [];
  }
  return entries
    .filter((name) => /^\d+$/.test(name))
    .map(Number)
    .filter((pid) => pid !== process.pid && servesFile(pid, dbFile));
}

/** SIGTERM to the process group (the process alone if it leads none), SIGKILL after `graceMs`; resolves once gone. */
export async function stopProcessGroup(pid: number, graceMs = 10_000): Promise<void> {
  const signal = (name: NodeJS.Signals) => {
    try {
      process.kill(-pid, name);
    } catch {
      try {
        process.kill(pid, name);
      } catch {
        // already gone
      }
    }
  };
  signal('SIGTERM');
  const deadline = Date.now() + graceMs;
  while (isAlive(pid) && !zombie(pid)) {
    if (Date.now() > deadline) {
      signal('SIGKILL');
      await new Promise((r) => setTimeout(r, 200));
      if (Date.now() > deadline + 5_000) return;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}

export class DataDirInUse extends Error {
  constructor(hubPid: number, dbFile: string) {
    super(
      `Un autre hub (processus ${hubPid}) utilise déjà le serveur Temporal de ${dbFile} : arrêtez-le ou choisissez un autre dossier avec DATA_DIR=…`,
    );
    this.name = 'DataDirInUse';
  }
}

/**
 * Makes sure no other server runs on `dbFile` before one is started: an orphan (its hub is gone) is stopped; a
 * server whose hub still runs is refused with DataDirInUse. Returns the orphans stopped.
 */
export async function takeOverDbFile(
  pidPath: string,
  dbFile: string,
  log: (line: string) => void = () => {},
): Promise<number[]> {
  const recorded = readPidFile(pidPath);
  const candidates = new Set(serversOnFile(dbFile));
  if (recorded && servesFile(recorded.pid, dbFile)) candidates.add(recorded.pid);
  const stopped: number[] = [];
  for (const pid of candidates) {
    // The hub named by the pid file, or else the parent (an orphan's parent is init, or a subreaper: not a hub).
    const named = recorded?.pid === pid;
    const hubPid = named ? recorded.hubPid : parentOf(pid);
    const hubAlive =
      hubPid !== undefined && (named || hubPid > 1) && isAlive(hubPid) && (hubPid === process.pid || isHub(hubPid));
    if (hubAlive) throw new DataDirInUse(hubPid, dbFile);
    log(`Temporal dev server ${pid} left running on ${dbFile} by a stopped hub: stopping it`);
    await stopProcessGroup(pid);
    stopped.push(pid);
  }
  if (recorded) removePidFile(pidPath, recorded.pid);
  return stopped;
}

function parentOf(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
    return Number.isInteger(ppid) ? ppid : undefined;
  } catch {
    return undefined;
  }
}

/** A Node process, as the hub is (a recycled process id is seldom another one); where unknown, assume it is. */
function isHub(pid: number): boolean {
  const args = commandLine(pid);
  if (!args) return true;
  return /(^|\/)node[\d.]*$/.test(args[0] ?? '') || args.some((a) => /(^|\/)hub(\.mjs)?$/.test(a));
}
