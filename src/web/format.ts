// How the portal writes amounts, dates and delays in French. Amounts stay decimal strings: never a JS float.

const PARIS = 'Europe/Paris';
const NARROW_NBSP = '\u202f';

/** `1234.5` → `1 234,50` (French grouping, two decimals at least), from the decimal string as stored. */
export function formatDecimal(value: string, minFraction = 2): string {
  const m = /^([+-]?)(\d+)(?:\.(\d+))?$/.exec(value.trim());
  if (!m) return value;
  const [, sign, int = '0', frac = ''] = m;
  const grouped = int.replace(/^0+(?=\d)/, '').replace(/\B(?=(\d{3})+(?!\d))/g, NARROW_NBSP);
  const fraction = frac.padEnd(minFraction, '0');
  return `${sign === '-' ? '−' : ''}${grouped}${fraction ? `,${fraction}` : ''}`;
}

/** An amount with its currency: `1 234,50 €`, `99,00 USD`. */
export function formatMoney(value: string, currency = 'EUR'): string {
  return `${formatDecimal(value)}\u00a0${currency === 'EUR' ? '€' : currency}`;
}

const dayFormat = new Intl.DateTimeFormat('fr-FR', {
  timeZone: PARIS,
  day: '2-digit',
  month: '2-digit',
  year: 'numeric',
});
const timeFormat = new Intl.DateTimeFormat('fr-FR', { timeZone: PARIS, hour: '2-digit', minute: '2-digit' });
const isoDayFormat = new Intl.DateTimeFormat('en-CA', {
  timeZone: PARIS,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** `2026-03-15` (a calendar date) or an instant → `15/03/2026` (in Paris). */
export function formatDate(value: string | Date): string {
  if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)) {
    const [y, m, d] = value.split('-');
    return `${d}/${m}/${y}`;
  }
  return dayFormat.format(new Date(value));
}

/** An instant → `15/03/2026 14:05` (Paris time). */
export function formatDateTime(value: string | Date): string {
  const d = new Date(value);
  return `${dayFormat.format(d)} à ${timeFormat.format(d)}`;
}

/** The calendar day (YYYY-MM-DD) of an instant in Paris. */
export function parisDay(value: string | Date): string {
  return isoDayFormat.format(new Date(value));
}

/** Calendar days from `now` to the due instant, counted in Paris: 0 on the due day, negative once past. */
export function daysLeft(dueAt: string | Date, now: Date): number {
  const due = Date.parse(`${parisDay(dueAt)}T00:00:00Z`);
  const today = Date.parse(`${parisDay(now)}T00:00:00Z`);
  return Math.round((due - today) / 86_400_000);
}

/** `dans 3 jours`, `aujourd’hui`, `en retard de 2 jours`. */
export function describeDaysLeft(days: number): string {
  if (days === 0) return 'échéance aujourd’hui';
  if (days > 0) return days === 1 ? 'reste 1 jour' : `reste ${days} jours`;
  return days === -1 ? 'en retard de 1 jour' : `en retard de ${-days} jours`;
}

/** `1 234` for counts. */
export function formatCount(n: number): string {
  return formatDecimal(String(n), 0);
}
