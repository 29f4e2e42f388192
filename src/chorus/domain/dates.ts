// The date formats of the Chorus Pro API, in Paris time: "YYYY-MM-DD", "YYYY-MM-DD HH:mm" and ISO with offset.

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
