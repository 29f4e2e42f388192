// What one hub process keeps of the uploads it is receiving: the plaintext hash and the antivirus session, fed
// only with the bytes of stored segments, so they stay true when a request breaks (the bytes of the segment it was
// filling are dropped and sent again). Node cannot serialise a hash: when this state is missing (another process
// received the start, or the hub restarted, or the upload sat idle) the stored prefix is decrypted to rebuild it.
// Keyed by the deps object: each hub (each app built from its deps) has its own.
import type { Hash } from 'node:crypto';
import type { ScanSession } from '../../platform/antivirus/index.ts';

export interface LiveUpload {
  storedBytes: number;
  segmentCount: number;
  /** SHA-256 of the plaintext of the stored segments. */
  hash: Hash;
  /** The antivirus fed since the first byte; undefined once resumed elsewhere (the file is scanned whole). */
  scan: ScanSession | undefined;
  /** The request receiving now; a newer request for the same upload stops it first. */
  active?: { stop(): void; done: Promise<unknown> };
  idle?: NodeJS.Timeout;
}

/** An upload left alone this long lets go of its antivirus connection; a later request rebuilds the state. */
const IDLE_MS = 10 * 60 * 1000;

const registries = new WeakMap<object, Map<string, LiveUpload>>();

function registryOf(owner: object): Map<string, LiveUpload> {
  let registry = registries.get(owner);
  if (!registry) registries.set(owner, (registry = new Map()));
  return registry;
}

export function liveUpload(owner: object, id: string): LiveUpload | undefined {
  return registryOf(owner).get(id);
}

export function keepLive(owner: object, id: string, live: LiveUpload): void {
  const registry = registryOf(owner);
  const previous = registry.get(id);
  if (previous && previous !== live) dropState(previous);
  if (live.idle) clearTimeout(live.idle);
  live.idle = setTimeout(() => forgetLive(owner, id), IDLE_MS);
  live.idle.unref();
  registry.set(id, live);
}

export function forgetLive(owner: object, id: string): void {
  const registry = registryOf(owner);
  const live = registry.get(id);
  if (!live) return;
  registry.delete(id);
  dropState(live);
}

function dropState(live: LiveUpload): void {
  if (live.idle) clearTimeout(live.idle);
  if (live.scan && !live.scan.sink.writableFinished) live.scan.sink.destroy();
}
