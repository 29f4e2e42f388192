import type { Client } from '@temporalio/client';

export type PartState = 'ok' | 'down';

export interface HealthReport {
  status: 'ok' | 'degraded';
  db: PartState;
  temporal: PartState;
}

async function probe(check: () => Promise<unknown>, timeoutMs: number): Promise<PartState> {
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      check(),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error('timeout')), timeoutMs);
      }),
    ]);
    return 'ok';
  } catch {
    return 'down';
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Asks each part for a real round trip, in parallel, each bounded in time. A supervised dev server that is being
 * restarted is down without asking.
 */
export async function checkHealth(
  parts: {
    pingDb: () => Promise<void>;
    temporal: Client | undefined;
    namespace: string;
    temporalServer?: { state(): string } | undefined;
  },
  timeoutMs = 2000,
): Promise<HealthReport> {
  const serverDown = parts.temporalServer !== undefined && parts.temporalServer.state() !== 'running';
  const [db, temporal] = await Promise.all([
    probe(parts.pingDb, timeoutMs),
    parts.temporal && !serverDown
      ? probe(() => parts.temporal!.workflowService.describeNamespace({ namespace: parts.namespace }), timeoutMs)
      : Promise.resolve<PartState>('down'),
  ]);
  return { status: db === 'ok' && temporal === 'ok' ? 'ok' : 'degraded', db, temporal };
}
