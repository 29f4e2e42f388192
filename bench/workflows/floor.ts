// The least a long-lived workflow can do: one local activity, then a timer far away (as an invoice waits for its
// due date). Measures what Temporal itself costs per workflow, apart from the hub's own work.
import { proxyLocalActivities, sleep } from '@temporalio/workflow';

const { touch } = proxyLocalActivities<{ touch(id: string): Promise<void> }>({ startToCloseTimeout: '10 seconds' });

export async function floorWorkflow(id: string): Promise<void> {
  await touch(id);
  await sleep('30 days');
}
