// Starts lifecycle workflows once their deposits are committed, without making the supplier wait for Temporal:
// the answer leaves as soon as the invoice is stored. A start that fails is left to the relay (start-relay.ts).
import type { Client } from '@temporalio/client';
import type { Logger } from '../../platform/logging.ts';
import type { InvoiceWorkflowInput } from '../domain/contract.ts';
import { launchInvoiceWorkflow, type WorkflowStarter } from './launch.ts';

export class WorkflowLauncher {
  private readonly inFlight = new Set<Promise<void>>();

  constructor(
    private readonly starter: WorkflowStarter,
    private readonly logger: Logger,
  ) {}

  launch(workflowId: string, input: Omit<InvoiceWorkflowInput, 'delivery'>): void {
    const start: Promise<void> = launchInvoiceWorkflow(this.starter, workflowId, input)
      .catch((error: unknown) =>
        this.logger.warn(
          { err: error, workflowId },
          'invoice workflow start failed after the deposit; left to the relay',
        ),
      )
      .finally(() => this.inFlight.delete(start));
    this.inFlight.add(start);
  }

  /** Waits for the starts under way (at shutdown, at the end of a bulk import). */
  async drain(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.all([...this.inFlight]);
  }
}

const launchers = new WeakMap<Client, Map<string, WorkflowLauncher>>();
const offline = new Map<string, WorkflowLauncher>();

/** One launcher per Temporal client and task queue, so that whoever holds the client can drain its starts. */
export function launcherFor(starter: WorkflowStarter, logger: Logger): WorkflowLauncher {
  const byQueue = starter.temporal ? (launchers.get(starter.temporal) ?? new Map<string, WorkflowLauncher>()) : offline;
  if (starter.temporal) launchers.set(starter.temporal, byQueue);
  const key = starter.taskQueue ?? '';
  let launcher = byQueue.get(key);
  if (!launcher) {
    launcher = new WorkflowLauncher(starter, logger);
    byQueue.set(key, launcher);
  }
  return launcher;
}

/** Waits for every start launched through this client (before closing it). */
export async function drainLaunches(client: Client): Promise<void> {
  for (const launcher of launchers.get(client)?.values() ?? []) await launcher.drain();
}
