// The tenders worker killed outright (SIGKILL) during the deposit window, on the real Postgres and Temporal: the
// deadline is a Temporal timer, so another worker closes the window at the deadline, never before it; deposits
// need no worker; opening stays refused before the deadline, and after it until the window's close is recorded
// (a consultation whose deadline passed while no worker ran).
import type { ChildProcess } from 'node:child_process';
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { auditEvents } from '../../db/schema/audit.ts';
import { tenderConsultations, tenderLots } from '../../db/schema/tenders.ts';
import { tenderWorkflowId } from '../../src/tenders/domain/index.ts';
import { openBids } from '../../src/tenders/opening/open-bids.ts';
import { killWorker, spawnWorker } from '../helpers/spawn-worker.ts';
import { personActing } from '../helpers/invoices.ts';
import { skipUnlessCi } from '../helpers/required-under-ci.ts';
import { urlForDatabase } from '../helpers/test-database.ts';
import { useTestDatabase } from '../helpers/use-database.ts';
import { startWorker, type RunningWorker } from '../invoices/lifecycle-fixtures.ts';
import { bytesOf, depositFiles, eventually, publishTestConsultation, refusal, useTenderHarness } from './harness.ts';

const t = useTestDatabase();
const source = inject('testDatabase');
const h = useTenderHarness(t, { inProcessWorker: false });
let child: ChildProcess | undefined;
let replacement: RunningWorker | undefined;

// Registered after the harness's, so it runs before the harness stops.
afterAll(async () => {
  if (child) await killWorker(child);
  await replacement?.stop();
});

const consultationRow = async (id: string) =>
  (await t.handle.db.select().from(tenderConsultations).where(eq(tenderConsultations.id, id)))[0]!;

/** The workflow is asleep on its deadline timer: nothing of the window is left in the worker's memory. */
async function timerStarted(id: string): Promise<void> {
  await eventually(async () => {
    const history = await h.client.workflow.getHandle(tenderWorkflowId(id)).fetchHistory();
    return history.events?.some((e) => e.timerStartedEventAttributes) ? true : undefined;
  });
}

describe('the tenders worker killed during the deposit window', () => {
  it.skipIf(skipUnlessCi(source.mode !== 'postgres', 'base de test PostgreSQL'))(
    'still closes the window at the deadline with another worker, and opening stays refused before it',
    async () => {
      const [{ name }] = (await t.handle.db.execute(sql`select current_database() as name`)) as unknown as [
        { name: string },
      ];
      const dbUrl = urlForDatabase((source as { adminUrl: string }).adminUrl, name);
      child = await spawnWorker({ dbUrl, taskQueue: h.deps.taskQueue! });
      const agent = personActing('agent', h.parties.rennes.id);

      // Two consultations: the first's deadline comes once another worker runs, the second's while none does.
      const deadline = new Date(Date.now() + 25_000);
      const early = new Date(Date.now() + 12_000);
      const id = await publishTestConsultation(h, deadline, 'Fournitures (worker tué)');
      const orphan = await publishTestConsultation(h, early, 'Fournitures (échéance sans worker)');
      await Promise.all([timerStarted(id), timerStarted(orphan)]);
      await killWorker(child);
      child = undefined;

      // No worker: a company deposits in time all the same; opening is refused before the deadline, and audited.
      const bid = await depositFiles(h, h.parties.armor.id, id, [
        { name: 'offre', fileName: 'offre.pdf', mediaType: 'application/pdf', content: bytesOf('Offre Armor') },
      ]);
      expect(bid.late).toBe(false);
      const before = await refusal(openBids({ ctx: { deps: h.deps, actor: agent }, input: { consultationId: id } }));
      // (Its reason, before_deadline and not key_not_released, is checked in the audit log below.)
      expect(before.code).toBe('OPENING_BEFORE_DEADLINE');

      // The second deadline passes with no worker: the hub's clock is past it, but the close is not recorded, so
      // opening is still refused (the key is not released).
      await new Promise((r) => setTimeout(r, Math.max(0, early.getTime() - Date.now() + 500)));
      expect((await consultationRow(orphan)).keyReleasedAt).toBeNull();
      const unreleased = await refusal(
        openBids({ ctx: { deps: h.deps, actor: agent }, input: { consultationId: orphan } }),
      );
      expect(unreleased.code).toBe('OPENING_BEFORE_DEADLINE');
      expect(unreleased.message).toMatch(/^La date limite est passée mais la clôture des dépôts n’est pas encore/);

      // Another worker takes over the same workflows: their timers fire, each window closes, never before its
      // deadline.
      replacement = await startWorker(h.deps, h.deps.taskQueue!);
      for (const [consultationId, at] of [
        [orphan, early],
        [id, deadline],
      ] as const) {
        const closed = await eventually(async () => {
          const row = await consultationRow(consultationId);
          return row.status === 'closed' && row.keyReleasedAt ? row : undefined;
        }, 90_000);
        expect(closed.keyReleasedAt!.getTime()).toBeGreaterThanOrEqual(at.getTime());
        const [lot] = await t.handle.db.select().from(tenderLots).where(eq(tenderLots.consultationId, consultationId));
        expect(lot!.closedAt!.getTime()).toBeGreaterThanOrEqual(at.getTime());
        const closes = await t.handle.db
          .select()
          .from(auditEvents)
          .where(and(eq(auditEvents.action, 'tender.lot_close'), eq(auditEvents.subjectId, consultationId)));
        expect(closes).toHaveLength(1);
        // The timer that fired is the one the killed worker started, in the same run.
        const history = await h.client.workflow.getHandle(tenderWorkflowId(consultationId)).fetchHistory();
        expect(history.events?.filter((e) => e.timerFiredEventAttributes)).toHaveLength(1);
      }

      // A bid after the close is late; opening now works and opens the bid received while no worker ran.
      const late = await depositFiles(h, h.parties.breizh.id, id, [
        { name: 'offre', fileName: 'offre.pdf', mediaType: 'application/pdf', content: bytesOf('Offre Breizh') },
      ]);
      expect(late.late).toBe(true);
      const report = await openBids({ ctx: { deps: h.deps, actor: agent }, input: { consultationId: id } });
      expect(report.deposits.map((d) => [d.depositId, d.status, d.integrity])).toEqual([
        [bid.depositId, 'ouvert', 'intact'],
        [late.depositId, 'hors_delai', null],
      ]);
      const refusedRows = await t.handle.db
        .select()
        .from(auditEvents)
        .where(eq(auditEvents.action, 'tender.open_refused'));
      expect(refusedRows.map((r) => [r.subjectId, (r.after as { reason: string }).reason]).sort()).toEqual(
        [
          [id, 'before_deadline'],
          [orphan, 'key_not_released'],
        ].sort(),
      );
    },
    240_000,
  );
});
