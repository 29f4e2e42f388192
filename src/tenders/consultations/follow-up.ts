// What a buyer's agent follows on a consultation: who registered, how many downloads, the questions to answer, the
// deposits received per lot (never their contents) and the awards. Agents of the buyer only; 404 for anyone else.
import { and, asc, count, eq, isNotNull } from 'drizzle-orm';
import { structures } from '../../../db/schema/directory.ts';
import {
  tenderAwards,
  tenderDepositFiles,
  tenderDeposits,
  tenderLots,
  tenderQuestions,
  tenderRegistrations,
  tenderWithdrawals,
} from '../../../db/schema/tenders.ts';
import type { Actor } from '../../platform/auth/index.ts';
import type { TenderDeps } from '../settings.ts';
import { consultationForAgent } from './buyer-scope.ts';

export interface FollowUp {
  registrations: { email: string; companyName: string; at: string }[];
  withdrawals: number;
  questions: { id: string; question: string; askedAt: string; answer: string | null; answeredAt: string | null }[];
  deposits: {
    id: string;
    lot: number;
    company: string;
    receivedAt: string;
    late: boolean;
    superseded: boolean;
    opened: boolean;
    integrity: string | null;
    /** Only once opened: the files, to read them. */
    files: { id: string; part: string; fileName: string; size: number; integrity: string | null }[];
  }[];
  awards: {
    lot: number;
    depositId: string;
    amount: string;
    standstillEndsAt: string | null;
    notifiedAt: string | null;
  }[];
}

const iso = (d: Date | null): string | null => d?.toISOString() ?? null;

export async function followUp(deps: TenderDeps, actor: Actor | undefined, consultationId: string): Promise<FollowUp> {
  const { consultation } = await consultationForAgent(deps.db, actor, consultationId, { operatorReads: true });
  const id = consultation.id;
  const [registrations, [withdrawals], questions, deposits, awards, files] = await Promise.all([
    deps.db
      .select()
      .from(tenderRegistrations)
      .where(eq(tenderRegistrations.consultationId, id))
      .orderBy(asc(tenderRegistrations.createdAt)),
    deps.db.select({ n: count() }).from(tenderWithdrawals).where(eq(tenderWithdrawals.consultationId, id)),
    deps.db
      .select()
      .from(tenderQuestions)
      .where(eq(tenderQuestions.consultationId, id))
      .orderBy(asc(tenderQuestions.askedAt)),
    deps.db
      .select({ d: tenderDeposits, lot: tenderLots.number, company: structures.name })
      .from(tenderDeposits)
      .innerJoin(tenderLots, eq(tenderLots.id, tenderDeposits.lotId))
      .innerJoin(structures, eq(structures.id, tenderDeposits.companyId))
      .where(eq(tenderDeposits.consultationId, id))
      .orderBy(asc(tenderLots.number), asc(tenderDeposits.receivedAt)),
    deps.db
      .select({ a: tenderAwards, lot: tenderLots.number })
      .from(tenderAwards)
      .innerJoin(tenderLots, eq(tenderLots.id, tenderAwards.lotId))
      .where(eq(tenderAwards.consultationId, id)),
    deps.db
      .select({ f: tenderDepositFiles })
      .from(tenderDepositFiles)
      .innerJoin(tenderDeposits, eq(tenderDeposits.id, tenderDepositFiles.depositId))
      .where(and(eq(tenderDeposits.consultationId, id), isNotNull(tenderDeposits.openedAt)))
      .orderBy(asc(tenderDepositFiles.part), asc(tenderDepositFiles.fileName)),
  ]);
  return {
    registrations: registrations.map((r) => ({
      email: r.email,
      companyName: r.companyName,
      at: r.createdAt.toISOString(),
    })),
    withdrawals: withdrawals?.n ?? 0,
    questions: questions.map((q) => ({
      id: q.id,
      question: q.question,
      askedAt: q.askedAt.toISOString(),
      answer: q.answer,
      answeredAt: iso(q.answeredAt),
    })),
    deposits: deposits.map((r) => ({
      id: r.d.id,
      lot: r.lot,
      company: r.company,
      receivedAt: r.d.receivedAt.toISOString(),
      late: r.d.late,
      superseded: r.d.supersededAt !== null,
      opened: r.d.openedAt !== null,
      integrity: r.d.integrity,
      files: files
        .filter(({ f }) => f.depositId === r.d.id)
        .map(({ f }) => ({ id: f.id, part: f.part, fileName: f.fileName, size: f.size, integrity: f.integrity })),
    })),
    awards: awards.map((r) => ({
      lot: r.lot,
      depositId: r.a.depositId,
      amount: r.a.amount,
      standstillEndsAt: iso(r.a.standstillEndsAt),
      notifiedAt: iso(r.a.notifiedAt),
    })),
  };
}
