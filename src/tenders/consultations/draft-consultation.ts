// A buyer's agent drafts a consultation: procedure from the DECP list, nature, lots with their CPV codes, amounts
// and deadlines, and whether backup copies and a signature are required. Nothing is visible until publication.
import { tenderConsultations, tenderLots } from '../../../db/schema/tenders.ts';
import { recordAudit } from '../../platform/audit/index.ts';
import { AppError } from '../../platform/errors.ts';
import type { VerbCall } from '../../platform/verb.ts';
import { cpvEntry } from '../cpv/cpv-list.ts';
import {
  CONTRACT_NATURES,
  isProcedure,
  LEGAL_DAY_MS,
  lotProblems,
  normalizeCpv,
  totalAmount,
  type ContractNature,
  type DraftLot,
} from '../domain/index.ts';
import type { TenderDeps } from '../settings.ts';
import { chooseBuyer } from './buyer-scope.ts';

export interface DraftConsultationInput {
  buyerId?: string;
  reference: string;
  title: string;
  object: string;
  procedure: string;
  nature: string;
  cpv: string;
  lots: { title: string; cpv: string; estimatedAmount: string; deadline: string }[];
  placeCode: string;
  durationMonths?: number;
  priorInformationNotice?: boolean;
  justifiedUrgency?: boolean;
  backupCopyAllowed?: boolean;
  signatureRequired?: boolean;
  /** A test consultation (OE-06); only it may shorten its days (`dayMs`) to run in seconds. */
  isTest?: boolean;
  dayMs?: number;
}

const refused = (field: string, message: string) =>
  new AppError('VALIDATION_FAILED', message, 400, { field, problems: [{ field, message }] });

export async function draftConsultation({
  ctx,
  input,
}: VerbCall<TenderDeps, DraftConsultationInput>): Promise<{ id: string }> {
  const { actor, buyerId } = chooseBuyer(ctx.actor, input.buyerId);
  if (!/^[A-Za-z0-9_\-./]{1,16}$/.test(input.reference))
    throw refused('reference', 'La référence compte 1 à 16 caractères (lettres, chiffres, - _ . /), sans espace.');
  if (input.title.trim() === '' || input.title.length > 300)
    throw refused('title', 'Le titre est obligatoire (300 caractères au plus).');
  if (input.object.trim() === '' || input.object.length > 1000)
    throw refused('object', 'L’objet est obligatoire (1 000 caractères au plus, limite des données essentielles).');
  if (!isProcedure(input.procedure)) throw refused('procedure', `Procédure inconnue : « ${input.procedure} ».`);
  if (!(CONTRACT_NATURES as readonly string[]).includes(input.nature))
    throw refused('nature', 'La nature est « works », « supplies » ou « services ».');
  const cpv = normalizeCpv(input.cpv);
  if (!cpv || !cpvEntry(cpv)) throw refused('cpv', `Code CPV inconnu : « ${input.cpv} ».`);
  if (!/^[0-9AB]{2}[0-9]{3}$/.test(input.placeCode))
    throw refused('placeCode', 'Le lieu d’exécution est le code INSEE de la commune (5 caractères, ex. 35238).');
  const dayMs = input.isTest ? (input.dayMs ?? LEGAL_DAY_MS) : LEGAL_DAY_MS;
  if (input.dayMs !== undefined && !input.isTest)
    throw refused('dayMs', 'Seule une consultation de test peut raccourcir ses durées.');
  if (!Number.isInteger(dayMs) || dayMs < 100 || dayMs > LEGAL_DAY_MS)
    throw refused('dayMs', 'La durée d’un jour de test est comprise entre 100 ms et 24 h.');

  const lots: DraftLot[] = input.lots.map((l, i) => ({
    number: i + 1,
    title: l.title,
    cpv: l.cpv,
    estimatedAmount: l.estimatedAmount,
    deadline: new Date(l.deadline),
  }));
  const problems = lotProblems(lots);
  for (const [i, lot] of lots.entries()) {
    const code = normalizeCpv(lot.cpv);
    if (code && !cpvEntry(code))
      problems.push({ field: `lots[${i}].cpv`, message: `Code CPV inconnu : « ${lot.cpv} ».` });
  }
  if (problems.length > 0)
    throw new AppError('VALIDATION_FAILED', problems.map((p) => p.message).join(' '), 400, { problems });

  const now = ctx.deps.clock.now();
  return ctx.deps.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(tenderConsultations)
      .values({
        buyerId,
        reference: input.reference,
        title: input.title.trim(),
        object: input.object.trim(),
        procedure: input.procedure,
        nature: input.nature as ContractNature,
        cpv,
        estimatedAmount: totalAmount(lots),
        priorInformationNotice: input.priorInformationNotice ?? false,
        justifiedUrgency: input.justifiedUrgency ?? false,
        backupCopyAllowed: input.backupCopyAllowed ?? false,
        signatureRequired: input.signatureRequired ?? false,
        isTest: input.isTest ?? false,
        dayMs,
        placeCode: input.placeCode,
        durationMonths: input.durationMonths ?? 12,
        createdAt: now,
        updatedAt: now,
      })
      .onConflictDoNothing()
      .returning({ id: tenderConsultations.id });
    if (!row)
      throw new AppError(
        'DUPLICATE_REFERENCE',
        `La référence « ${input.reference} » est déjà utilisée par cet acheteur.`,
        409,
      );
    await tx.insert(tenderLots).values(
      lots.map((l) => ({
        consultationId: row.id,
        number: l.number,
        title: l.title.trim(),
        cpv: normalizeCpv(l.cpv) as string,
        estimatedAmount: l.estimatedAmount,
        deadline: l.deadline,
      })),
    );
    await recordAudit(tx, {
      actor,
      action: 'tender.draft',
      subject: { type: 'tender_consultation', id: row.id },
      structureId: buyerId,
      after: {
        reference: input.reference,
        procedure: input.procedure,
        lots: lots.length,
        isTest: input.isTest ?? false,
      },
    });
    return { id: row.id };
  });
}
