import { randomUUID } from 'node:crypto';
import type { Client } from '@temporalio/client';
import { NativeConnection } from '@temporalio/worker';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { accessTokens, apiClients } from '../../db/schema/auth.ts';
import { createActivities } from '../../src/activities.ts';
import { createLogger } from '../../src/platform/logging.ts';
import { SCHEDULES } from '../../src/schedules.ts';
import { reconcileSchedules } from '../../src/platform/schedules/index.ts';
import { createHubWorker } from '../../src/platform/temporal/worker.ts';
import { testDeps, testTemporalClient } from '../helpers/test-deps.ts';
import { useTestDatabase } from '../helpers/use-database.ts';

const t = useTestDatabase();
let client: Client;
let connection: NativeConnection;

beforeAll(async () => {
  client = await testTemporalClient();
  connection = await NativeConnection.connect({ address: inject('temporalAddress') });
});
afterAll(async () => {
  await connection.close();
  await client.connection.close();
});

describe('hub worker', () => {
  it('registers the workflows of workflows/ with activities built from the dependencies', async () => {
    const deps = testDeps(t.handle, { temporal: client });
    const [apiClient] = await t.handle.db.select().from(apiClients).where(eq(apiClients.clientId, 'hub-demo'));
    if (!apiClient) throw new Error('the template database holds the demo API client');
    const expiredToken = `expired-${randomUUID()}`;
    const threeDaysAgo = new Date(Date.now() - 3 * 24 * 3600 * 1000);
    await t.handle.db.insert(accessTokens).values({
      tokenHash: expiredToken,
      apiClientId: apiClient.id,
      scope: 'openid',
      createdAt: threeDaysAgo,
      expiresAt: threeDaysAgo,
    });
    const worker = await createHubWorker({
      connection,
      namespace: 'default',
      taskQueue: deps.taskQueue!,
      activities: createActivities(deps),
    });
    const result = await worker.runUntil(
      client.workflow.execute('purgeExpiredCredentialsWorkflow', {
        taskQueue: deps.taskQueue!,
        workflowId: `purge-${randomUUID()}`,
      }),
    );
    expect((result as { accessTokens: number }).accessTokens).toBeGreaterThanOrEqual(1);
    expect(await t.handle.db.select().from(accessTokens).where(eq(accessTokens.tokenHash, expiredToken))).toEqual([]);
  });

  it('creates each declared schedule once, on the configured task queue', async () => {
    const taskQueue = `schedules-${randomUUID()}`;
    const logger = createLogger('silent');
    for (const s of SCHEDULES)
      await client.schedule
        .getHandle(s.scheduleId)
        .delete()
        .catch(() => {});
    const ids = SCHEDULES.map((s) => s.scheduleId);
    const reconcile = () => reconcileSchedules(client, { taskQueue, logger, definitions: SCHEDULES });
    expect(await reconcile()).toEqual({ created: ids, updated: [], unchanged: [], deleted: [] });
    expect(await reconcile()).toEqual({ created: [], updated: [], unchanged: ids, deleted: [] });
    const description = await client.schedule.getHandle('hub-purge-expired-credentials').describe();
    expect(description.action).toMatchObject({
      type: 'startWorkflow',
      workflowType: 'purgeExpiredCredentialsWorkflow',
      taskQueue,
    });
    expect(description.spec.intervals?.[0]?.every).toBe(3_600_000);
  });
});
