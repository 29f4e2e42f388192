// The prefecture's letters as S²LOW's API gives them: the unread ones (list_document_prefecture.php, the columns
// of ActesTransactionsSQL::listDocumentPrefectureNonLu) and each one's archive (actes_transac_get_document.php).
import { and, asc, eq, inArray, isNull } from 'drizzle-orm';
import { actLetters, acts } from '../../../db/schema/acts.ts';
import { structuresWithRole, type Actor } from '../../platform/auth/index.ts';
import { filesOf, type ActsDeps } from '../deps.ts';
import { packArchive } from '../transmission/build-archive.ts';
import { LETTER_TYPE, letterS2lowStatus, type LetterRow } from './transactions.ts';

/** Unread letters of the structures the actor is an agent of; S²LOW's values are all strings (PDO). */
export async function unreadLetters(deps: ActsDeps, actor: Actor | undefined) {
  const mine = structuresWithRole(actor, 'agent');
  if (mine.length === 0) return [];
  const rows = await deps.db
    .select({ letter: actLetters, number: acts.number, idActe: acts.idActe })
    .from(actLetters)
    .innerJoin(acts, eq(acts.id, actLetters.actId))
    .where(and(inArray(acts.structureId, mine), isNull(actLetters.readAt)))
    .orderBy(asc(actLetters.receivedAt));
  return rows.map((r) => ({
    id: r.letter.id,
    type: String(LETTER_TYPE[r.letter.code] ?? ''),
    related_transaction_id: r.letter.actId,
    number: r.number,
    unique_id: r.idActe ?? '',
    last_status_id: String(letterS2lowStatus(r.letter)),
  }));
}

/** The letter's files as a .tar.gz, as S²LOW keeps the archive it received (here: the letter's PDF). */
export function letterArchive(deps: ActsDeps, letter: LetterRow, pdfName: string) {
  const entries = letter.fileId ? [{ name: pdfName, fileId: letter.fileId }] : [];
  return {
    stream: packArchive(filesOf(deps), entries),
    mediaType: 'application/gzip',
    fileName: `${letter.code}.tar.gz`,
  };
}
