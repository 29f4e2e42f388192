// The registers a buyer exports (ACH-08): withdrawals of documents (registre des retraits), deposits (registre des
// dépôts) and questions (registre des questions), as CSV for its agents and the operator.
import { asc, eq } from 'drizzle-orm';
import { structures } from '../../../db/schema/directory.ts';
import {
  tenderDeposits,
  tenderDocuments,
  tenderLots,
  tenderQuestions,
  tenderWithdrawals,
} from '../../../db/schema/tenders.ts';
import type { Actor } from '../../platform/auth/index.ts';
import { toCsv as csvOf } from '../../web/csv.ts';
import type { TenderDeps } from '../settings.ts';
import { consultationForAgent } from './buyer-scope.ts';

const toCsv = (headers: string[], rows: string[][]): string =>
  csvOf(
    headers.map((header, i) => ({ header, value: (row: string[]) => row[i] })),
    rows,
  );

export type RegisterName = 'retraits' | 'depots' | 'questions';

export async function exportRegister(
  deps: TenderDeps,
  actor: Actor | undefined,
  consultationId: string,
  name: RegisterName,
): Promise<string> {
  const { consultation } = await consultationForAgent(deps.db, actor, consultationId, { operatorReads: true });
  if (name === 'retraits') {
    const rows = await deps.db
      .select({ w: tenderWithdrawals, doc: tenderDocuments.name, version: tenderDocuments.version })
      .from(tenderWithdrawals)
      .innerJoin(tenderDocuments, eq(tenderDocuments.id, tenderWithdrawals.documentId))
      .where(eq(tenderWithdrawals.consultationId, consultation.id))
      .orderBy(asc(tenderWithdrawals.at));
    return toCsv(
      ['Date et heure', 'Document', 'Version', 'Entreprise', 'E-mail'],
      rows.map((r) => [r.w.at.toISOString(), r.doc, String(r.version), r.w.companyName ?? '', r.w.email ?? '']),
    );
  }
  if (name === 'depots') {
    const rows = await deps.db
      .select({ d: tenderDeposits, lot: tenderLots.number, company: structures.name })
      .from(tenderDeposits)
      .innerJoin(tenderLots, eq(tenderLots.id, tenderDeposits.lotId))
      .innerJoin(structures, eq(structures.id, tenderDeposits.companyId))
      .where(eq(tenderDeposits.consultationId, consultation.id))
      .orderBy(asc(tenderDeposits.receivedAt));
    return toCsv(
      [
        'Dépôt',
        'Lot',
        'Entreprise',
        'Début de transmission',
        'Réception (fin)',
        'Hors délai',
        'Remplacé',
        'Ouvert',
        'Intégrité',
      ],
      rows.map((r) => [
        r.d.id,
        String(r.lot),
        r.company,
        r.d.uploadStartedAt.toISOString(),
        r.d.receivedAt.toISOString(),
        r.d.late ? 'oui' : 'non',
        r.d.supersededAt ? 'oui' : 'non',
        r.d.openedAt?.toISOString() ?? '',
        r.d.integrity ?? '',
      ]),
    );
  }
  const rows = await deps.db
    .select({ q: tenderQuestions, company: structures.name })
    .from(tenderQuestions)
    .leftJoin(structures, eq(structures.id, tenderQuestions.companyId))
    .where(eq(tenderQuestions.consultationId, consultation.id))
    .orderBy(asc(tenderQuestions.askedAt));
  return toCsv(
    ['Question', 'Posée le', 'Entreprise', 'Réponse', 'Répondue le'],
    rows.map((r) => [
      r.q.question,
      r.q.askedAt.toISOString(),
      r.company ?? '',
      r.q.answer ?? '',
      r.q.answeredAt?.toISOString() ?? '',
    ]),
  );
}
