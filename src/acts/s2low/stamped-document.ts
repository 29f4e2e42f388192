// The act's document as S²LOW's "tampon" serves it: the main document of an acknowledged act with the stamp on its
// first page (src/acts/stamp/: sent, received, published, ID); the other pieces as archived.
import { Readable } from 'node:stream';
import { AppError } from '../../platform/errors.ts';
import { filesOf, type ActsDeps } from '../deps.ts';
import type { ActRow } from '../queries/find-act.ts';
import { stampedPdfOf } from '../stamp/stamped-document.ts';

export interface PieceRef {
  fileId: string;
  archiveName: string;
  extension: string;
}

export async function stampedDocument(
  deps: ActsDeps,
  act: ActRow,
  piece: PieceRef,
  isMainDocument = true,
): Promise<{ stream: Readable; mediaType: string; fileName: string; size: number }> {
  if (isMainDocument && act.idActe && act.receivedOn) {
    const stamped = await stampedPdfOf(deps, act);
    return {
      stream: Readable.from([Buffer.from(stamped.bytes)]),
      mediaType: 'application/pdf',
      fileName: piece.archiveName,
      size: stamped.bytes.length,
    };
  }
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
