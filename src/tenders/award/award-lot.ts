// The buyer awards a lot to one valid, intact deposit, once the bids are opened: the letters to the unsuccessful
// (with reasons and the standstill end) and to the winner are generated and delivered in their spaces at once; the
// standstill starts. When every lot is awarded the workflow is told and waits for the standstill's end.
import { Readable } from 'node:stream';
import Decimal from 'decimal.js';
import { and, eq, isNull } from 'drizzle-orm';
import {
  tenderAwards,
  tenderConsultations,
  tenderDeposits,
  tenderLetters,
  tenderLots,
} from '../../../db/schema/tenders.ts';
import { recordAudit } from '../../platform/audit/index.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import type { VerbCall } from '../../platform/verb.ts';
import { consultationForAgent } from '../consultations/buyer-scope.ts';
import { partyOf } from '../deposits/parties.ts';
import { AMOUNT_TEXT, AWARDED_SIGNAL, standstillEnd } from '../domain/index.ts';
import { AwardDecpSchema } from '../decp/decp-schema.ts';
import { awardLetter, rejectionLetter, type LetterFacts } from '../letters/award-letters.ts';
import type { TenderDeps } from '../settings.ts';
import { signalConsultationWorkflow } from '../workflow/start.ts';

export interface AwardLotInput {
  consultationId: string;
  lotNumber: number;
  depositId: string;
  amount: string;
  reasons: string;
  decp?: unknown;
}

export interface AwardResult {
  awardId: string;
  standstillEndsAt: string;
  letters: { letterId: string; companyId: string; kind: 'rejet' | 'attribution' }[];
  allLotsAwarded: boolean;
}

export async function awardLot({ ctx, input }: VerbCall<TenderDeps, AwardLotInput>): Promise<AwardResult> {
  const { deps } = ctx;
  const { actor, consultation } = await consultationForAgent(deps.db, ctx.actor, input.consultationId);
  if (consultation.status !== 'opened')
    throw new AppError('NOT_OPENED', 'L’attribution suit l’ouverture des plis : ouvrez-les d’abord.', 409);
  if (!AMOUNT_TEXT.test(input.amount) || new Decimal(input.amount).lessThan(1))
    throw new AppError('VALIDATION_FAILED', 'Le montant attribué est un montant HT en euros (ex. 41000.00).', 400, {
      field: 'amount',
    });
  if (input.reasons.trim().length < 3)
    throw new AppError(
      'VALIDATION_FAILED',
      'Les motifs du choix sont obligatoires (lettres aux candidats évincés).',
      400,
      { field: 'reasons' },
    );
  const decp = AwardDecpSchema.safeParse(input.decp ?? {});
  if (!decp.success)
    throw new AppError(
      'VALIDATION_FAILED',
      `Données essentielles invalides : ${decp.error.issues.map((i) => i.path.join('.')).join(', ')}.`,
      400,
      {
        field: 'decp',
      },
    );
  const [lot] = await deps.db
    .select()
    .from(tenderLots)
    .where(and(eq(tenderLots.consultationId, consultation.id), eq(tenderLots.number, input.lotNumber)));
  if (!lot) throw notFound('Lot');
  const deposits = await deps.db
    .select()
    .from(tenderDeposits)
    .where(and(eq(tenderDeposits.lotId, lot.id), isNull(tenderDeposits.supersededAt)));
  const winner = deposits.find((d) => d.id === input.depositId);
  if (!winner) throw notFound('Pli');
  if (winner.late || winner.integrity !== 'intact')
    throw new AppError('DEPOSIT_NOT_AWARDABLE', 'Seul un pli reçu à temps, ouvert et intact peut être retenu.', 409);
  const now = deps.clock.now();
  const ends = standstillEnd(now, consultation.dayMs);
  const buyer = await partyOf(deps.db, consultation.buyerId);
  const winnerParty = await partyOf(deps.db, winner.companyId);
  const companies = [...new Set(deposits.map((d) => d.companyId))];
  const amount = new Decimal(input.amount).toFixed(2);

  // Letters are stored first; if the award then fails they are removed.
  const stored: { companyId: string; kind: 'rejet' | 'attribution'; fileId: string }[] = [];
  try {
    for (const companyId of companies) {
      const company = await partyOf(deps.db, companyId);
      const facts: LetterFacts = {
        buyer: buyer.name,
        consultation: { reference: consultation.reference, title: consultation.title, isTest: consultation.isTest },
        lot: { number: lot.number, title: lot.title },
        company: company.name,
        winner: winnerParty.name,
        amount,
        reasons: input.reasons.trim(),
        standstillEndsAt: ends,
        sentAt: now,
      };
      const kind = companyId === winner.companyId ? 'attribution' : 'rejet';
      const pdf = kind === 'attribution' ? await awardLetter(facts) : await rejectionLetter(facts);
      const file = await deps.files!.put(Readable.from([pdf]), {
        kind: 'attachment',
        mediaType: 'application/pdf',
        fileName: `${kind}-lot${lot.number}.pdf`,
        owningStructureId: companyId,
      });
      stored.push({ companyId, kind, fileId: file.id });
    }
    const result = await deps.db.transaction(async (tx) => {
      const [award] = await tx
        .insert(tenderAwards)
        .values({
          consultationId: consultation.id,
          lotId: lot.id,
          depositId: winner.id,
          amount,
          reasons: input.reasons.trim(),
          decp: decp.data,
          // Offers received in time for the lot (a tampered one counts: irregular offers are counted by DECP).
          offersReceived: deposits.filter((d) => !d.late).length,
          decidedAt: now,
          lettersSentAt: now,
          standstillEndsAt: ends,
        })
        .onConflictDoNothing()
        .returning({ id: tenderAwards.id });
      if (!award) throw new AppError('ALREADY_AWARDED', `Le lot ${lot.number} est déjà attribué.`, 409);
      const letters = await tx
        .insert(tenderLetters)
        .values(
          stored.map((s) => ({
            awardId: award.id,
            companyId: s.companyId,
            kind: s.kind,
            fileId: s.fileId,
            sentAt: now,
          })),
        )
        .returning({ letterId: tenderLetters.id, companyId: tenderLetters.companyId, kind: tenderLetters.kind });
      const lots = await tx
        .select({ id: tenderLots.id })
        .from(tenderLots)
        .where(eq(tenderLots.consultationId, consultation.id));
      const awards = await tx
        .select({ id: tenderAwards.id })
        .from(tenderAwards)
        .where(eq(tenderAwards.consultationId, consultation.id));
      const allLotsAwarded = awards.length === lots.length;
      if (allLotsAwarded)
        await tx
          .update(tenderConsultations)
          .set({ status: 'awarded', updatedAt: now })
          .where(eq(tenderConsultations.id, consultation.id));
      await recordAudit(tx, {
        actor,
        action: 'tender.award',
        subject: { type: 'tender_consultation', id: consultation.id },
        structureId: consultation.buyerId,
        after: {
          lot: lot.number,
          depositId: winner.id,
          amount,
          standstillEndsAt: ends.toISOString(),
          letters: letters.length,
        },
      });
      return {
        awardId: award.id,
        standstillEndsAt: ends.toISOString(),
        letters: letters.map((l) => ({ ...l, kind: l.kind as 'rejet' | 'attribution' })),
        allLotsAwarded,
      };
    });
    if (result.allLotsAwarded) await signalConsultationWorkflow(deps, consultation.id, AWARDED_SIGNAL);
    return result;
  } catch (error) {
    for (const s of stored) await deps.files!.delete(s.fileId).catch(() => undefined);
    throw error;
  }
}
