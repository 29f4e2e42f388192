// Calendar day and time of day in Europe/Paris, where the legal delays are counted.

const formatter = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Europe/Paris',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

export interface ParisDay {
  /** YYYY-MM-DD in Europe/Paris. */
  date: string;
  /** Milliseconds elapsed since midnight, Paris wall-clock time. */
  msSinceMidnight: number;
}

export function parisDay(at: Date): ParisDay {
  const parts = Object.fromEntries(formatter.formatToParts(at).map((p) => [p.type, p.value]));
  const ms =
    ((Number(parts.hour) * 60 + Number(parts.minute)) * 60 + Number(parts.second)) * 1000 + at.getUTCMilliseconds();
  return { date: `${parts.year}-${parts.month}-${parts.day}`, msSinceMidnight: ms };
}
