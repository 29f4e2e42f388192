// Free, direct and complete download of a consultation's document, with no account (OE-05). Every download is
// written in the registre des retraits, with the identification the downloader chose to give (optional).
import { and, eq } from 'drizzle-orm';
import { tenderDocuments, tenderRegistrations, tenderWithdrawals } from '../../../db/schema/tenders.ts';
import { structuresWithRole, type Actor } from '../../platform/auth/index.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import type { OpenedFile } from '../../platform/files/index.ts';
import type { VerbCall } from '../../platform/verb.ts';
import { loadConsultation } from '../consultations/buyer-scope.ts';
import type { TenderDeps } from '../settings.ts';

export interface DownloadInput {
  consultationId: string;
  documentId: string;
  email?: string | undefined;
  companyName?: string | undefined;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export async function downloadDocument({
  ctx,
  input,
}: VerbCall<TenderDeps, DownloadInput>): Promise<OpenedFile & { name: string }> {
  const { deps } = ctx;
  const consultation = await loadConsultation(deps.db, input.consultationId);
  if (!consultation || consultation.status === 'draft' || !/^[0-9a-f-]{36}$/i.test(input.documentId))
    throw notFound('Document');
  const [doc] = await deps.db
    .select()
    .from(tenderDocuments)
    .where(and(eq(tenderDocuments.id, input.documentId), eq(tenderDocuments.consultationId, consultation.id)));
  if (!doc) throw notFound('Document');
  if (input.email !== undefined && !EMAIL.test(input.email))
    throw new AppError('VALIDATION_FAILED', 'Adresse e-mail invalide.', 400, { field: 'email' });
  const opened = await deps.files?.get(doc.fileId);
  if (!opened) throw notFound('Document');
  const companyId = companyOf(ctx.actor);
  await deps.db.transaction(async (tx) => {
    await tx.insert(tenderWithdrawals).values({
      consultationId: consultation.id,
      documentId: doc.id,
      at: deps.clock.now(),
      companyId,
      email: input.email ?? null,
      companyName: input.companyName?.slice(0, 200) ?? null,
    });
    // Identified downloaders receive the changes and answers.
    if (input.email)
      await tx
        .insert(tenderRegistrations)
        .values({
          consultationId: consultation.id,
          email: input.email,
          companyName: input.companyName?.slice(0, 200) ?? '',
          companyId,
        })
        .onConflictDoNothing();
  });
  return { ...opened, name: doc.name };
}

const companyOf = (actor: Actor | undefined): string | null => structuresWithRole(actor, 'supplier')[0] ?? null;
