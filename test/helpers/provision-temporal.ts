import { TestWorkflowEnvironment } from '@temporalio/testing';
import { ensureTemporalBinary } from '../../src/platform/temporal/binary.ts';

/** One real Temporal dev server (the same binary the hub runs) for the whole test run. */
export async function provisionTemporal(): Promise<{ address: string; binary: string; teardown(): Promise<void> }> {
  const binary = await ensureTemporalBinary((line) => console.log(`[tests] ${line}`));
  const env = await TestWorkflowEnvironment.createLocal({
    server: { executable: { type: 'existing-path', path: binary }, ip: '127.0.0.1', namespace: 'default' },
  });
  const address = env.address;
  console.log(`[tests] Temporal dev server on ${address} (${binary})`);
  return { address, binary, teardown: () => env.teardown() };
}
