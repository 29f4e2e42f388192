// The act's document as S²LOW's "tampon" serves it. The stamp itself (the dates of sending, reception and
// publication written on the PDF) is built in src/acts/stamp/; until it is merged, this serves the archived
// original unchanged. Swapping the body of `stampedDocument` is the only change the stamp needs here.
import type { Readable } from 'node:stream';
import { AppError } from '../../platform/errors.ts';
import { filesOf, type ActsDeps } from '../deps.ts';
import type { ActRow } from '../queries/find-act.ts';

export interface PieceRef {
  fileId: string;
  archiveName: string;
  extension: string;
}

export async function stampedDocument(
  deps: ActsDeps,
  _act: ActRow,
  piece: PieceRef,
): Promise<{ stream: Readable; mediaType: string; fileName: string; size: number }> {
  const opened = await filesOf(deps).get(piece.fileId);
  if (!opened)
    throw new AppError('FILE_MISSING', `Le fichier ${piece.archiveName} est introuvable dans le stockage.`, 404);
  return {
    stream: opened.stream,
    mediaType: opened.file.mediaType,
    fileName: piece.archiveName,
    size: opened.file.size,
  };
}
