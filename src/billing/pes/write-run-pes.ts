// Last step of a run: the contributions it issued become the titles of receipt of one bordereau, written as a PES
// Aller and stored. Idempotent per run. The accounting module takes the stored file from here (README).
import { and, desc, eq, isNotNull, isNull } from 'drizzle-orm';
import Decimal from 'decimal.js';
import { billingContributions, billingPesFiles, billingRuns } from '../../../db/schema/billing.ts';
import { databaseBlobStore } from '../../platform/blob-store.ts';
import type { StoredLine } from '../runs/issue-contribution.ts';
import { syndicatIssuer } from '../runs/syndicat.ts';
import { billingSettings, type BillingDeps } from '../settings.ts';
import { buildPesRecette } from './build-pes.ts';
import { encodePes } from './encode-pes.ts';

export interface PesFileRef {
  year: number;
  bordereau: number;
  nomFic: string;
  sha256: string;
  titles: number;
  totalAmount: string;
}

export async function writeRunPes(deps: BillingDeps, runId: string): Promise<PesFileRef | null> {
  const settings = billingSettings(deps);
  const issuer = await syndicatIssuer(deps.db);
  return deps.db.transaction(async (tx) => {
    const [run] = await tx.select().from(billingRuns).where(eq(billingRuns.id, runId)).for('update');
    if (!run) throw new Error(`billing run ${runId} not found`);
    const [done] = await tx.select().from(billingPesFiles).where(eq(billingPesFiles.runId, runId));
    if (done) return done;
    const titles = await tx
      .select()
      .from(billingContributions)
      .where(
        and(
          eq(billingContributions.runId, runId),
          isNotNull(billingContributions.invoiceId),
          isNull(billingContributions.pesBordereau),
        ),
      )
      .orderBy(billingContributions.sequence);
    if (titles.length === 0) return null;
    const [last] = await tx
      .select({ bordereau: billingPesFiles.bordereau })
      .from(billingPesFiles)
      .where(eq(billingPesFiles.year, run.year))
      .orderBy(desc(billingPesFiles.bordereau))
      .limit(1);
    const bordereau = (last?.bordereau ?? 0) + 1;
    const nomFic = `PESALR2_${issuer.siret}_COT${run.year}_B${String(bordereau).padStart(3, '0')}`;
    const xml = buildPesRecette(
      {
        siret: issuer.siret,
        idPost: settings.pesIdPost,
        codCol: settings.pesCodCol,
        codBud: settings.pesCodBud,
        label: issuer.name,
      },
      {
        nomFic,
        year: run.year,
        bordereau,
        date: run.issueDate,
        object: `Contributions ${run.year} des membres`,
        titles: titles.map((c, i) => {
          const line = c.line as StoredLine;
          return {
            pieceNumber: i + 1,
            invoiceNumber: c.number,
            object: `Contribution ${c.year} ${line.memberName}`,
            productCode: line.productCode,
            account: settings.account,
            amount: c.amount,
            vatAmount: c.vatAmount,
            serviceCode: line.serviceCode,
            engagementNumber: line.engagementNumber,
            debtor: { siret: line.siret, name: line.memberName },
          };
        }),
      },
    );
    const sha256 = await databaseBlobStore(tx).put(encodePes(xml), 'application/xml');
    const totalAmount = titles.reduce((s, c) => s.plus(c.totalAmount), new Decimal(0)).toFixed(2);
    const file = { year: run.year, bordereau, runId, nomFic, sha256, titles: titles.length, totalAmount };
    await tx.insert(billingPesFiles).values(file);
    for (const c of titles)
      await tx.update(billingContributions).set({ pesBordereau: bordereau }).where(eq(billingContributions.id, c.id));
    return file;
  });
}
