// The date formats of the Chorus Pro API, in Paris time. One format per field, as Chorus gives it:
//
// | field(s)                                                         | format                        | source |
// |------------------------------------------------------------------|-------------------------------|--------|
// | deposer/flux, soumettre `dateDepot`; traiter/recue, completer     | `YYYY-MM-DD` (chorusDate)     | SymphonInvoice live sandbox test; COMM process-received-invoice |
// |   `dateTraitement`; searches `dateDepot`, `dateFacture`;          |                               | GO `*Date` on every one of these fields |
// |   consulter `references.dateDepot`, `dateFacture`,                |                               | |
// |   `dateEcheancePaiement`                                          |                               | |
// | searches `dateHeureEtatCourant`                                   | ISO 8601 with offset          | GO types it `time.Time` (RFC 3339) in both searches; the note is silent: see below |
// | consulterCR(Detaille) `dateDepotFlux`, `dateHeureEtatCourantFlux` | ISO 8601 with offset          | COMM show-detailed-report sample `2018-02-16T15:10:25.536+01:00`; GO `time.Time` |
// | consulter/historique `histoStatutDatePassage`; consulter          | `YYYY-MM-DD HH:mm`            | GO `Datetime` ("2006-01-02 15:04") |
// |   `references.dateCreationFacture`; recycler `dateDepot`;         | (chorusDateTime)              | COMM recycle-invoice sample `2016-05-24 15:02`; COMM search-structure-services |
// |   services `dateDbtService`, `dateFinService`                     |                               | |
//
// `dateHeureEtatCourant`: the research note lists the three formats Chorus uses without saying which this field
// takes. ISO 8601 with offset is chosen because it is an instant (a status can change twice in a minute, and the
// pull watermark of clients compares these values), the Go client decodes a whole page with it and fails on
// any other format, Pastell reads it with strtotime (which takes it), and Odoo does not read it.
// `dateDepot` is the same calendar day in searches and in consulter (the deposit's Paris day); the deposit's time
// is in consulter `references.dateCreationFacture`.
//
// Criteria sent by clients (`periodeDate…Du/Au`) are read in any of these forms: a bare date covers the whole
// Paris day, a date-time without offset is Paris wall-clock time (Pastell sends `2022-01-08T23:59:59`), one with
// an offset or `Z` is that instant (the Go client sends RFC 3339).
import { addDays, isCalendarDate, parisMidnight, parisOffsetMinutes } from '../../platform/calendar/index.ts';

const PARTS = new Intl.DateTimeFormat('fr-FR', {
  timeZone: 'Europe/Paris',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

function parisParts(date: Date) {
  const p = Object.fromEntries(PARTS.formatToParts(date).map((x) => [x.type, x.value]));
  return { y: p.year ?? '', mo: p.month ?? '', d: p.day ?? '', h: p.hour ?? '', mi: p.minute ?? '', s: p.second ?? '' };
}

/** "2026-11-28" */
export function chorusDate(date: Date | string): string {
  const p = parisParts(new Date(date));
  return `${p.y}-${p.mo}-${p.d}`;
}

/** "2026-11-28 15:02" */
export function chorusDateTime(date: Date | string): string {
  const p = parisParts(new Date(date));
  return `${p.y}-${p.mo}-${p.d} ${p.h}:${p.mi}`;
}

/** "2026-11-28T15:02:07.123+01:00" */
export function chorusIsoDateTime(date: Date | string): string {
  const at = new Date(date);
  const p = parisParts(at);
  const local = Date.UTC(Number(p.y), Number(p.mo) - 1, Number(p.d), Number(p.h), Number(p.mi), Number(p.s));
  const offset = Math.round((local - Math.floor(at.getTime() / 1000) * 1000) / 60_000);
  const sign = offset >= 0 ? '+' : '-';
  const hh = String(Math.floor(Math.abs(offset) / 60)).padStart(2, '0');
  const mm = String(Math.abs(offset) % 60).padStart(2, '0');
  return `${p.y}-${p.mo}-${p.d}T${p.h}:${p.mi}:${p.s}.${String(at.getUTCMilliseconds()).padStart(3, '0')}${sign}${hh}:${mm}`;
}

const DATE_TIME = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3})\d*)?)?(Z|[+-]\d{2}:?\d{2})?$/;

/**
 * The instant a search bound designates: `start` is the first millisecond it covers, `end` the last (a bare date
 * covers its whole Paris day, a time without seconds its whole minute). Undefined when it is no date at all.
 */
export function chorusBound(value: string, bound: 'start' | 'end'): Date | undefined {
  const text = value.trim();
  if (isCalendarDate(text)) {
    return bound === 'start' ? parisMidnight(text) : new Date(parisMidnight(addDays(text, 1)).getTime() - 1);
  }
  const m = DATE_TIME.exec(text);
  if (!m || !isCalendarDate(m[1] as string)) return undefined;
  const [, day, hh, mi, ss, ms, zone] = m as unknown as [string, string, string, string, string?, string?, string?];
  const h = Number(hh);
  const minute = Number(mi);
  const second = ss === undefined ? (bound === 'end' ? 59 : 0) : Number(ss);
  const milli = ms === undefined ? (bound === 'end' && ss === undefined ? 999 : 0) : Number(ms.padEnd(3, '0'));
  if (h > 23 || minute > 59 || second > 59) return undefined;
  const wall = Date.parse(`${day}T00:00:00Z`) + ((h * 60 + minute) * 60 + second) * 1000 + milli;
  if (zone !== undefined) {
    const offset =
      zone === 'Z' ? 0 : (zone.startsWith('-') ? -1 : 1) * (Number(zone.slice(1, 3)) * 60 + Number(zone.slice(-2)));
    return new Date(wall - offset * 60_000);
  }
  for (const offset of [120, 60]) {
    const candidate = wall - offset * 60_000;
    if (parisOffsetMinutes(candidate) === offset) return new Date(candidate);
  }
  return new Date(wall - 60 * 60_000); // a wall time skipped by the spring change: read it as winter time
}
