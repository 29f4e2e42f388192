// The act's main document with its stamp, for its structure (API) or for anyone once published (public page).
import { and, eq, isNull } from 'drizzle-orm';
import { buffer } from 'node:stream/consumers';
import { actPieces } from '../../../db/schema/acts.ts';
import type { Actor } from '../../platform/auth/index.ts';
import { AppError } from '../../platform/errors.ts';
import { filesOf, type ActsDeps } from '../deps.ts';
import { findVisibleAct, type ActRow } from '../queries/find-act.ts';
import { stampLines } from './stamp-lines.ts';
import { stampPdf } from './stamp-pdf.ts';

export interface StampedPdf {
  bytes: Uint8Array;
  fileName: string;
}

export async function stampedPdfOfVisibleAct(deps: ActsDeps, actor: Actor | undefined, id: string) {
  return stampedPdfOf(deps, await findVisibleAct(deps, actor, id));
}

export async function stampedPdfOf(deps: ActsDeps, act: ActRow): Promise<StampedPdf> {
  if (!act.idActe || !act.receivedOn)
    throw new AppError(
      'ACT_NOT_ACKNOWLEDGED',
      'Le tampon n’existe qu’une fois l’accusé de réception de la préfecture reçu : cet acte ne l’a pas encore.',
      409,
    );
  const [piece] = await deps.db
    .select({ fileId: actPieces.fileId })
    .from(actPieces)
    .where(and(eq(actPieces.actId, act.id), eq(actPieces.position, 1), isNull(actPieces.replyId)));
  const opened = piece ? await filesOf(deps).get(piece.fileId) : null;
  if (!opened)
    throw new AppError('DOCUMENT_MISSING', 'Le document principal de l’acte est introuvable dans le stockage.', 500);
  // The act's bytes are capped at 150 MiB on the way in; pdf-lib needs them whole.
  const bytes = await buffer(opened.stream);
  const stamped = await stampPdf(new Uint8Array(bytes), stampLines(act));
  return { bytes: stamped, fileName: `${act.idActe}.pdf` };
}
