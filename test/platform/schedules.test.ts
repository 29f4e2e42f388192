// Schedules declared by modules, held by a real Temporal server: calendar specs in Paris time, working days with
// French public holidays skipped by Temporal itself, arguments, catch-up and overlap, updates that keep an
// operator's pause, and the hub's own schedules removed when no longer declared.
import { randomUUID } from 'node:crypto';
import type { Client } from '@temporalio/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isWorkingDay, parisDate } from '../../src/platform/calendar/index.ts';
import { createLogger } from '../../src/platform/logging.ts';
import { reconcileSchedules, type ScheduleDefinition } from '../../src/platform/schedules/index.ts';
import { testTemporalClient } from '../helpers/test-deps.ts';

let client: Client;
const logger = createLogger('silent');
const created: string[] = [];

beforeAll(async () => {
  client = await testTemporalClient();
});
afterAll(async () => {
  for (const id of created)
    await client.schedule
      .getHandle(id)
      .delete()
      .catch(() => {});
  await client.connection.close();
});

const uniqueId = (job: string) => {
  const id = `hub-test-${job}-${randomUUID().slice(0, 8)}`;
  created.push(id);
  return id;
};

/** `HH:MM` in Paris of an instant. */
const parisTime = (at: Date) =>
  at.toLocaleTimeString('fr-FR', { timeZone: 'Europe/Paris', hour: '2-digit', minute: '2-digit' });

describe('module schedules on Temporal', () => {
  it('runs a yearly job on 1 January at 06:00 Paris time, with its arguments, catch-up window and overlap policy', async () => {
    const taskQueue = `schedules-${randomUUID()}`;
    const billing: ScheduleDefinition = {
      scheduleId: uniqueId('billing-run'),
      workflowType: 'billingRunWorkflow',
      calendars: [{ month: 'JANUARY', dayOfMonth: 1, hour: 6, comment: 'Appel de cotisations annuel' }],
      args: [{ kind: 'yearly' }],
      catchupWindow: '7 days',
      overlap: 'BUFFER_ONE',
      note: 'Facturation annuelle des adhérents',
    };
    const report = await reconcileSchedules(client, { taskQueue, logger, definitions: [billing] });
    expect(report.created).toEqual([billing.scheduleId]);

    const description = await client.schedule.getHandle(billing.scheduleId).describe();
    expect(description.spec.timezone).toBe('Europe/Paris');
    expect(description.action).toMatchObject({
      workflowType: 'billingRunWorkflow',
      taskQueue,
      args: [{ kind: 'yearly' }],
    });
    expect(description.policies).toMatchObject({ overlap: 'BUFFER_ONE', catchupWindow: 7 * 24 * 3600 * 1000 });
    expect(description.memo).toMatchObject({ note: 'Facturation annuelle des adhérents' });
    const next = description.info.nextActionTimes;
    expect(next.length).toBeGreaterThan(1);
    for (const at of next) {
      expect(parisDate(at).slice(5)).toBe('01-01');
      // 06:00 in Paris is 05:00 UTC in winter: Temporal read the spec in the declared zone.
      expect(parisTime(at)).toBe('06:00');
      expect(at.getUTCHours()).toBe(5);
    }
  });

  it('skips weekends and the French public holidays of a working-day job (Christmas, New Year)', async () => {
    const taskQueue = `schedules-${randomUUID()}`;
    const daily: ScheduleDefinition = {
      scheduleId: uniqueId('working-days'),
      workflowType: 'reminderWorkflow',
      calendars: [
        { month: 'DECEMBER', dayOfMonth: { start: 24, end: 31 }, hour: 8 },
        { month: 'JANUARY', dayOfMonth: { start: 1, end: 6 }, hour: 8 },
      ],
      workingDaysOnly: true,
      catchupWindow: '1 hour',
      overlap: 'SKIP',
      note: 'Relance des jours ouvrés',
    };
    await reconcileSchedules(client, {
      taskQueue,
      logger,
      definitions: [daily],
      now: new Date('2026-12-02T10:00:00Z'),
    });
    const { info } = await client.schedule.getHandle(daily.scheduleId).describe();
    const days = info.nextActionTimes.map((at) => parisDate(at));
    // The window each year: 24–31 December and 1–6 January, minus weekends, 25 December and 1 January.
    const expected = [
      '2026-12-24',
      '2026-12-28',
      '2026-12-29',
      '2026-12-30',
      '2026-12-31',
      '2027-01-04',
      '2027-01-05',
      '2027-01-06',
    ];
    expect(days.slice(0, expected.length)).toEqual(expected);
    for (const [i, day] of days.entries()) {
      expect(isWorkingDay(day)).toBe(true);
      expect(parisTime(info.nextActionTimes[i]!)).toBe('08:00');
    }
  });

  it('updates a changed declaration, keeps an operator’s pause, leaves an unchanged one alone and deletes a removed one', async () => {
    const taskQueue = `schedules-${randomUUID()}`;
    const relay: ScheduleDefinition = {
      scheduleId: uniqueId('relay'),
      workflowType: 'relayWorkflow',
      every: '1 minute',
      catchupWindow: '1 minute',
      overlap: 'SKIP',
      note: 'Relais',
    };
    const report: ScheduleDefinition = {
      scheduleId: uniqueId('report'),
      workflowType: 'reportWorkflow',
      calendars: [{ dayOfWeek: 'MONDAY', hour: 7 }],
      catchupWindow: '1 day',
      overlap: 'SKIP',
      note: 'Rapport hebdomadaire',
    };
    await reconcileSchedules(client, { taskQueue, logger, definitions: [relay, report] });
    await client.schedule.getHandle(relay.scheduleId).pause('Suspendu par l’exploitant');

    const changed = { ...relay, every: '2 minutes', overlap: 'BUFFER_ONE' as const };
    const second = await reconcileSchedules(client, { taskQueue, logger, definitions: [changed, report] });
    expect(second).toMatchObject({ updated: [relay.scheduleId], unchanged: [report.scheduleId], created: [] });
    const updated = await client.schedule.getHandle(relay.scheduleId).describe();
    expect(updated.spec.intervals?.[0]?.every).toBe(120_000);
    expect(updated.policies.overlap).toBe('BUFFER_ONE');
    expect(updated.state).toMatchObject({ paused: true, note: 'Suspendu par l’exploitant' });

    // Listing is eventually consistent: the removed schedule is found once the server has indexed it.
    let deleted: string[] = [];
    for (let i = 0; i < 50 && deleted.length === 0; i += 1) {
      deleted = (await reconcileSchedules(client, { taskQueue, logger, definitions: [changed] })).deleted;
      if (deleted.length === 0) await new Promise((r) => setTimeout(r, 200));
    }
    expect(deleted).toEqual([report.scheduleId]);
    await expect(client.schedule.getHandle(report.scheduleId).describe()).rejects.toThrow();
  }, 30_000);

  it('refuses a declaration that gives neither an interval nor a calendar, or a badly named id', async () => {
    const taskQueue = `schedules-${randomUUID()}`;
    const base = { workflowType: 'x', catchupWindow: '1 minute', overlap: 'SKIP' as const, note: 'x' };
    await expect(
      reconcileSchedules(client, { taskQueue, logger, definitions: [{ ...base, scheduleId: 'hub-test-none' }] }),
    ).rejects.toThrow(/either every or calendars/);
    await expect(
      reconcileSchedules(client, {
        taskQueue,
        logger,
        definitions: [{ ...base, scheduleId: 'Billing', every: '1 day' }],
      }),
    ).rejects.toThrow(/hub-<module>-<job>/);
  });
});
