// Which reminder a contribution is due today: the latest threshold passed before its due date (J-7…), then after it
// (J+1, J+15…). Each is sent once; a run missed for days sends only the latest one due, not a burst.
import { addDays, compareDates } from '../../platform/calendar/index.ts';

export interface ReminderDue {
  kind: string;
  when: 'before' | 'after';
  days: number;
}

export function reminderDue(
  dueDate: string,
  today: string,
  daysBefore: readonly number[],
  daysAfter: readonly number[],
): ReminderDue | null {
  if (compareDates(today, dueDate) <= 0) {
    const passed = [...daysBefore].sort((a, b) => a - b).find((d) => compareDates(today, addDays(dueDate, -d)) >= 0);
    return passed === undefined ? null : { kind: `before:${passed}`, when: 'before', days: passed };
  }
  const passed = [...daysAfter].sort((a, b) => b - a).find((d) => compareDates(today, addDays(dueDate, d)) >= 0);
  return passed === undefined ? null : { kind: `after:${passed}`, when: 'after', days: passed };
}

export function reminderMessage(input: {
  reminder: ReminderDue;
  number: string;
  memberName: string;
  totalAmount: string;
  dueDate: string;
  year: number;
}): { subject: string; body: string } {
  const amount = `${input.totalAmount.replace('.', ',')} €`;
  const due = input.dueDate.split('-').reverse().join('/');
  if (input.reminder.when === 'before')
    return {
      subject: `Contribution ${input.year} : échéance le ${due} (facture ${input.number})`,
      body: `Bonjour,\n\nLa contribution ${input.year} de ${input.memberName} au syndicat (facture ${input.number}, ${amount}) arrive à échéance le ${due}, dans ${input.reminder.days} jour(s).\nLa facture est disponible dans vos factures reçues sur le hub.\n\nLe syndicat`,
    };
  return {
    subject: `Relance : contribution ${input.year} impayée (facture ${input.number})`,
    body: `Bonjour,\n\nLa contribution ${input.year} de ${input.memberName} au syndicat (facture ${input.number}, ${amount}) était due le ${due} et n’est pas réglée à ce jour.\nMerci de procéder au mandatement ou de nous signaler toute difficulté.\n\nLe syndicat`,
  };
}
