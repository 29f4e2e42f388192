// The four lines of the stamp S²LOW puts on an acknowledged act: sent, received, published, ID.
import { parisDate } from '../../platform/calendar/index.ts';

export interface StampFacts {
  sentAt: Date | null;
  receivedOn: string | null;
  publishedAt: Date | null;
  idActe: string | null;
}

const french = (isoDate: string) => isoDate.split('-').reverse().join('/');

/** The lines, in order; the « Publié le » line only once the act is published. */
export function stampLines(facts: StampFacts): string[] {
  const lines: string[] = [];
  if (facts.sentAt) lines.push(`Envoyé en préfecture le ${french(parisDate(facts.sentAt))}`);
  if (facts.receivedOn) lines.push(`Reçu en préfecture le ${french(facts.receivedOn)}`);
  if (facts.publishedAt) lines.push(`Publié le ${french(parisDate(facts.publishedAt))}`);
  if (facts.idActe) lines.push(`ID : ${facts.idActe}`);
  return lines;
}
