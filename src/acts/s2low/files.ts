// actes_transac_get_files_list.php and actes_download_file.php: the files of a transmitted act as S²LOW lists
// them (element 0 the 1-1 message, 1 the act's document, then the annexes) and each one's download, stamped on
// request (`tampon=true`).
import { Readable } from 'node:stream';
import { eq } from 'drizzle-orm';
import { actPieces } from '../../../db/schema/acts.ts';
import { structures } from '../../../db/schema/directory.ts';
import type { Actor } from '../../platform/auth/index.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { filesOf, type ActsDeps } from '../deps.ts';
import { acteXml } from '../domain/messages.ts';
import { departementCode3, messageFileName } from '../domain/names.ts';
import type { ActNature } from '../domain/natures.ts';
import { findVisibleAct, type ActRow } from '../queries/find-act.ts';
import { stampedDocument } from './stamped-document.ts';
import { actPiecesOf } from './transactions.ts';

export const notAcknowledged = (): AppError => new AppError('NOT_ACKNOWLEDGED', "Pas d'acquittement recu", 409);

const MEDIA: Record<string, string> = {
  pdf: 'application/pdf',
  jpg: 'image/jpeg',
  png: 'image/png',
  xml: 'application/xml',
};
const mediaOf = (extension: string): string => MEDIA[extension] ?? 'application/octet-stream';

/** The 1-1 message exactly as the archive carries it (the same builder, the same recorded inputs). */
async function actMessage(deps: ActsDeps, act: ActRow) {
  const [structure] = await deps.db.select().from(structures).where(eq(structures.id, act.structureId));
  const pieces = await actPiecesOf(deps, act.id);
  const name = messageFileName(
    {
      departement: departementCode3(structure!.departementCode ?? '000'),
      siren: structure!.siren!,
      decisionDate: act.decisionDate,
      number: act.number,
      nature: act.nature as ActNature,
    },
    '1-1',
  );
  const bytes = acteXml({
    decisionDate: act.decisionDate,
    number: act.number,
    nature: act.nature as ActNature,
    matieres: act.classification.split('.').map(Number),
    object: act.object,
    classificationDate: act.classificationDate,
    documentFile: pieces[0]!.archiveName,
    annexFiles: pieces.slice(1).map((p) => p.archiveName),
  });
  return { name, bytes, pieces };
}

export async function filesList(deps: ActsDeps, act: ActRow) {
  if (!act.sentAt || act.status === 'EN_ATTENTE_TRANSMISSION' || act.status === 'TRANSMIS') throw notAcknowledged();
  const message = await actMessage(deps, act);
  const sizes = await Promise.all(message.pieces.map((p) => filesOf(deps).head(p.fileId)));
  return [
    {
      id: act.id,
      name: message.name,
      posted_filename: message.name,
      mimetype: 'application/xml',
      size: String(message.bytes.length),
      sign: '',
      code_pj: '',
    },
    ...message.pieces.map((p, i) => ({
      id: p.id,
      name: p.archiveName,
      posted_filename: p.originalName,
      mimetype: mediaOf(p.extension),
      size: String(sizes[i]?.size ?? 0),
      sign: '',
      code_pj: p.typology,
    })),
  ];
}

/** One file of the list: the message (named by the act's id) or a piece; a PDF piece stamped when asked. */
export async function downloadFile(deps: ActsDeps, actor: Actor | undefined, fileId: string, stamped: boolean) {
  const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
  if (!UUID.test(fileId)) throw notFound('Fichier');
  const [piece] = await deps.db.select().from(actPieces).where(eq(actPieces.id, fileId));
  const act = await findVisibleAct(deps, actor, piece?.actId ?? fileId).catch(() => {
    throw notFound('Fichier');
  });
  if (!piece) {
    const message = await actMessage(deps, act);
    const bytes = Buffer.from(message.bytes);
    return { stream: Readable.from([bytes]), mediaType: 'application/xml', fileName: message.name, size: bytes.length };
  }
  if (piece.replyId !== null) throw notFound('Fichier');
  if (stamped && piece.extension === 'pdf') {
    if (!act.idActe) throw notAcknowledged();
    return stampedDocument(deps, act, piece, piece.position === 1);
  }
  const opened = await filesOf(deps).get(piece.fileId);
  if (!opened) throw notFound('Fichier');
  return {
    stream: opened.stream,
    mediaType: mediaOf(piece.extension),
    fileName: piece.archiveName,
    size: opened.file.size,
  };
}
