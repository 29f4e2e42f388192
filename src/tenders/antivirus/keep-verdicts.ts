// Every antivirus verdict of the tender room is kept (AV-01): which file, at which stage, what the engine and its
// signatures were, what it found and when, in the words the company or the buyer was told.
import type { Db } from '../../../db/client.ts';
import { tenderAntivirusVerdicts } from '../../../db/schema/tenders.ts';
import type { ScanVerdict } from '../../platform/antivirus/index.ts';

export interface KeptVerdict {
  consultationId: string;
  storedFileId: string;
  depositFileId?: string;
  documentId?: string;
  fileName: string;
  stage: 'receipt' | 'opening' | 'document';
  verdict: ScanVerdict;
  scannedAt: Date;
}

type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];

export async function keepVerdicts(db: Db | Tx, verdicts: readonly KeptVerdict[]): Promise<void> {
  if (verdicts.length === 0) return;
  await db.insert(tenderAntivirusVerdicts).values(
    verdicts.map((v) => ({
      consultationId: v.consultationId,
      storedFileId: v.storedFileId,
      depositFileId: v.depositFileId ?? null,
      documentId: v.documentId ?? null,
      fileName: v.fileName,
      stage: v.stage,
      result: v.verdict.result,
      signature: v.verdict.signature,
      engine: v.verdict.engine,
      detail: v.verdict.detail,
      scannedAt: v.scannedAt,
    })),
  );
}
