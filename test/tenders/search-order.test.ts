// The public search over the real Postgres: with closed consultations included it walks the lots in deadline
// order (tender_lots_deadline_idx) and must give the same answer as grouping every lot: each consultation once,
// at its earliest lot's deadline, nearest first, drafts left out, filters and the deadline bound applied. The buyer
// list holds the buyers of non-draft consultations only.
import { describe, expect, it } from 'vitest';
import { tenderConsultations, tenderLots } from '../../db/schema/tenders.ts';
import { publishingBuyers, searchConsultations } from '../../src/tenders/consultations/read-consultation.ts';
import type { TenderDeps } from '../../src/tenders/index.ts';
import { testParties } from '../helpers/invoices.ts';
import { testDeps } from '../helpers/test-deps.ts';
import { useTestDatabase } from '../helpers/use-database.ts';

const t = useTestDatabase();
const day = (n: number) => new Date(Date.UTC(2026, 0, 1) + n * 86_400_000);

async function consultation(
  deps: TenderDeps,
  buyerId: string,
  reference: string,
  status: 'draft' | 'published' | 'closed' | 'notified',
  deadlines: number[],
  title = `Consultation ${reference}`,
): Promise<string> {
  const [row] = await deps.db
    .insert(tenderConsultations)
    .values({
      buyerId,
      reference,
      title,
      object: 'Objet',
      procedure: 'Procédure adaptée',
      nature: 'supplies',
      cpv: '30192000',
      estimatedAmount: '1000.00',
      placeCode: '35238',
      status,
      publishedAt: status === 'draft' ? null : day(-30),
    })
    .returning({ id: tenderConsultations.id });
  await deps.db.insert(tenderLots).values(
    deadlines.map((d, i) => ({
      consultationId: row!.id,
      number: i + 1,
      title: `Lot ${i + 1}`,
      cpv: '30192000',
      estimatedAmount: '500.00',
      deadline: day(d),
    })),
  );
  return row!.id;
}

describe('tender search order', () => {
  it('lists each consultation once at its earliest lot, nearest first, with filters and drafts left out', async () => {
    const deps = testDeps(t.handle) as TenderDeps;
    const { rennes, quimper, brest } = await testParties(deps.db);
    // The file's own database: a retried attempt starts from none.
    await deps.db.delete(tenderLots);
    await deps.db.delete(tenderConsultations);
    // Lots listed out of order on purpose: the earliest is not lot 1. Two lots share a deadline in C.
    const a = await consultation(deps, rennes.id, 'A', 'notified', [9, 3, 12]);
    const b = await consultation(deps, quimper.id, 'B', 'closed', [5]);
    const c = await consultation(deps, rennes.id, 'C', 'published', [7, 7], 'Chauffage des écoles');
    const d = await consultation(deps, quimper.id, 'D', 'published', [1, 20]);
    await consultation(deps, brest.id, 'E', 'draft', [0]);

    const all = await searchConsultations(deps, { openOnly: false });
    expect(all.map((r) => [r.reference, r.nextDeadline])).toEqual([
      ['D', day(1).toISOString()],
      ['A', day(3).toISOString()],
      ['B', day(5).toISOString()],
      ['C', day(7).toISOString()],
    ]);
    expect((await searchConsultations(deps, { openOnly: false, limit: 2 })).map((r) => r.id)).toEqual([d, a]);
    expect((await searchConsultations(deps, { openOnly: false, deadlineBefore: day(5) })).map((r) => r.id)).toEqual([
      d,
      a,
      b,
    ]);
    expect((await searchConsultations(deps, { openOnly: false, buyerId: rennes.id })).map((r) => r.id)).toEqual([a, c]);
    expect((await searchConsultations(deps, { openOnly: false, q: 'chauffage' })).map((r) => r.id)).toEqual([c]);
    // Open ones only: the grouping query, same order.
    expect((await searchConsultations(deps, {})).map((r) => r.id)).toEqual([d, c]);

    const buyers = await publishingBuyers(deps);
    expect(buyers.map((x) => x.id).sort()).toEqual([rennes.id, quimper.id].sort());
  });
});
