// Which of the prefecture's letters wait for the collectivity's answer, and when that answer is late. The texts
// fix no delay for answering a 2-1, 3-1 or 4-1; the hub flags an answer as late one month after the letter
// arrived, the delay the prefectures' letters usually give and half of the préfet's own two months.
import { LETTER_REPLIES, type LetterCode } from './statuses.ts';

export const ANSWER_LATE_AFTER_DAYS = 30;
const DAY_MS = 86_400_000;

export interface LetterState {
  code: string;
  receivedAt: Date;
  replyRequestedAt: Date | null;
}

/** A letter that admits a reply (2-1, 3-1, 4-1) and has none yet. */
export function awaitsAnswer(letter: LetterState): boolean {
  const replies: readonly string[] = LETTER_REPLIES[letter.code as LetterCode] ?? [];
  return replies.length > 0 && letter.replyRequestedAt === null;
}

/** The instant before which a letter still unanswered is late. */
export const lateBefore = (now: Date): Date => new Date(now.getTime() - ANSWER_LATE_AFTER_DAYS * DAY_MS);

export function answerLate(letter: LetterState, now: Date): boolean {
  return awaitsAnswer(letter) && letter.receivedAt.getTime() < lateBefore(now).getTime();
}
