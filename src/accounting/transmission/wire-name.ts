// The name a flow travels under: PESALR2_{SIRET}_{yymmdd}_{NNN}.xml, NNN the daily order number of that SIRET.
// Allocated once per flow, in the transaction that records it: a retry finds it, and a number is never reused.
import { sql } from 'drizzle-orm';
import type { Db } from '../../../db/client.ts';
import { pesFlows, pesWireCounters } from '../../../db/schema/accounting.ts';
import { parisDate } from '../../platform/calendar/index.ts';
import { loadFlow } from './flow-row.ts';

export const wireNameOf = (siret: string, yymmdd: string, order: number): string =>
  `PESALR2_${siret}_${yymmdd}_${String(order).padStart(3, '0')}.xml`;

export async function allocateWireName(db: Db, flowId: string, now: Date): Promise<string> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`select 1 from ${pesFlows} where ${pesFlows.id} = ${flowId} for update`);
    const flow = await loadFlow(tx, flowId);
    if (flow.wireName) return flow.wireName;
    const day = parisDate(now).replace(/-/g, '').slice(2);
    const [counter] = await tx
      .insert(pesWireCounters)
      .values({ siret: flow.idColl, day, last: 1 })
      .onConflictDoUpdate({
        target: [pesWireCounters.siret, pesWireCounters.day],
        set: { last: sql`${pesWireCounters.last} + 1` },
      })
      .returning({ last: pesWireCounters.last });
    const name = wireNameOf(flow.idColl, day, counter?.last ?? 1);
    await tx
      .update(pesFlows)
      .set({ wireName: name })
      .where(sql`${pesFlows.id} = ${flowId}`);
    return name;
  });
}
