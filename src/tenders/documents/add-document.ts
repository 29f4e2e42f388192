// The buyer adds a document to the consultation (DCE), already streamed into the file store. A document of the same
// name becomes a new version; after publication a significant change may require moving the deadline, and every
// registered company is told. The antivirus reads the stored file first: an infected document is refused, and so
// is one it could not judge (the agent adds it again later); every verdict is kept.
import { and, eq, max } from 'drizzle-orm';
import { tenderDocuments } from '../../../db/schema/tenders.ts';
import { recordAudit } from '../../platform/audit/index.ts';
import { scanReadable } from '../../platform/antivirus/index.ts';
import { AppError, notFound, RetryLaterError } from '../../platform/errors.ts';
import type { VerbCall } from '../../platform/verb.ts';
import { consultationForAgent } from '../consultations/buyer-scope.ts';
import { applyExtensionRule, tellRegisteredCompanies, type DeadlineMove } from '../consultations/change-rules.ts';
import { keepVerdicts, type KeptVerdict } from '../antivirus/keep-verdicts.ts';
import { tenderAntivirus, type TenderDeps } from '../settings.ts';
import { DEADLINES_CHANGED_SIGNAL } from '../domain/index.ts';
import { signalConsultationWorkflow } from '../workflow/start.ts';

export interface AddDocumentInput {
  consultationId: string;
  fileId: string;
  name: string;
  significant: boolean;
  newDeadline?: Date;
}

export async function addDocument({
  ctx,
  input,
}: VerbCall<TenderDeps, AddDocumentInput>): Promise<
  { documentId: string; version: number; told: number } & DeadlineMove
> {
  const { deps } = ctx;
  const { actor, consultation } = await consultationForAgent(deps.db, ctx.actor, input.consultationId);
  const name = input.name.trim();
  if (name === '' || name.length > 200)
    throw new AppError('VALIDATION_FAILED', 'Le document doit porter un nom (200 caractères au plus).', 400, {
      field: 'name',
    });
  if (['closed', 'opened', 'awarded', 'notified'].includes(consultation.status))
    throw new AppError('DEPOSITS_CLOSED', 'La date limite est passée : les documents ne changent plus.', 409);
  const stored = await deps.files?.get(input.fileId);
  if (!stored) throw notFound('Fichier');
  const verdict = await scanReadable(tenderAntivirus(deps), stored.stream);
  const now = deps.clock.now();
  const kept: KeptVerdict = {
    consultationId: consultation.id,
    storedFileId: input.fileId,
    fileName: name,
    stage: 'document',
    verdict,
    scannedAt: now,
  };
  if (verdict.result === 'infected' || verdict.result === 'failed') {
    await deps.db.transaction(async (tx) => {
      await keepVerdicts(tx, [kept]);
      await recordAudit(tx, {
        actor,
        action: 'tender.document_refused',
        subject: { type: 'tender_consultation', id: consultation.id },
        structureId: consultation.buyerId,
        after: { name, antivirus: verdict.result, signature: verdict.signature, engine: verdict.engine },
      });
    });
    if (verdict.result === 'infected')
      throw new AppError(
        'FILE_INFECTED',
        `Le document « ${name} » est ${verdict.detail} : il est refusé et n’est pas publié.`,
        422,
      );
    throw new RetryLaterError(
      'ANTIVIRUS_UNAVAILABLE',
      `L’analyse antivirus du document « ${name} » n’a pas abouti (${verdict.detail}) : il n’est pas publié, ` +
        'réessayez dans quelques minutes.',
      60,
    );
  }
  const result = await deps.db.transaction(async (tx) => {
    const [last] = await tx
      .select({ version: max(tenderDocuments.version) })
      .from(tenderDocuments)
      .where(and(eq(tenderDocuments.consultationId, consultation.id), eq(tenderDocuments.name, name)));
    const version = (last?.version ?? 0) + 1;
    const move = await applyExtensionRule(
      tx,
      consultation,
      input.significant ? 'significant_change' : 'minor_change',
      now,
      input.newDeadline,
    );
    const [row] = await tx
      .insert(tenderDocuments)
      .values({
        consultationId: consultation.id,
        fileId: input.fileId,
        name,
        version,
        significant: input.significant,
        createdAt: now,
      })
      .returning({ id: tenderDocuments.id });
    await keepVerdicts(tx, [{ ...kept, documentId: row!.id }]);
    const told =
      consultation.status === 'published'
        ? await tellRegisteredCompanies(
            tx,
            consultation,
            `tender-document:${row!.id}`,
            version > 1 ? `Nouvelle version du document « ${name} »` : `Nouveau document « ${name} »`,
            `La consultation « ${consultation.title} » a ${version > 1 ? `une nouvelle version (${version}) du document` : 'un nouveau document'} « ${name} ».` +
              (move.moved ? ` La date limite de remise des plis est reportée au ${move.newDeadline}.` : '') +
              ` Téléchargez-le sur la page de la consultation.`,
          )
        : 0;
    await recordAudit(tx, {
      actor,
      action: 'tender.document_add',
      subject: { type: 'tender_consultation', id: consultation.id },
      structureId: consultation.buyerId,
      after: {
        documentId: row!.id,
        name,
        version,
        significant: input.significant,
        ...move,
        told,
        antivirus: verdict.result,
      },
    });
    return { documentId: row!.id, version, told, ...move };
  });
  if (result.moved) await signalConsultationWorkflow(deps, consultation.id, DEADLINES_CHANGED_SIGNAL);
  return result;
}
