import { AppError } from '../../platform/errors.ts';
import type { Actor } from '../../platform/auth/index.ts';
import { filesOf, type ActsDeps } from '../deps.ts';
import { findVisibleAct } from './find-act.ts';

export async function openActArchive(deps: ActsDeps, actor: Actor | undefined, id: string) {
  const act = await findVisibleAct(deps, actor, id);
  if (!act.archiveFileId)
    throw new AppError('ARCHIVE_NOT_BUILT', "L'archive de cet acte n'est pas encore construite.", 404);
  const opened = await filesOf(deps).get(act.archiveFileId);
  if (!opened)
    throw new AppError('NOT_FOUND', 'Archive introuvable : cet élément n’existe pas ou vous n’y avez pas accès.', 404);
  return { stream: opened.stream, mediaType: 'application/gzip', fileName: act.archiveName!, size: opened.file.size };
}
