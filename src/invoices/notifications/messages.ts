// The French text of each invoice notification. Pure: the caller gathers the facts.
import type { InvoiceStatus } from '../../../db/schema/invoices.ts';
import { STATUS_LABELS } from '../domain/transitions.ts';

export interface InvoiceFacts {
  number: string;
  supplierName: string;
  buyerName: string;
  amountDue: string;
  currency: string;
}

export interface Message {
  title: string;
  body: string;
}

/** One formatter for the module: building one per call costs more than the rest of the message. */
const parisDate = new Intl.DateTimeFormat('fr-FR', { timeZone: 'Europe/Paris' });

const frenchDate = (iso: string): string => `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;

function frenchAmount(amount: string, currency: string): string {
  const [units = '0', cents = '00'] = amount.split('.');
  const negative = units.startsWith('-');
  const digits = negative ? units.slice(1) : units;
  const grouped = digits.replace(/\B(?=(\d{3})+(?!\d))/g, '\u202f');
  return `${negative ? '-' : ''}${grouped},${cents.padEnd(2, '0')} ${currency === 'EUR' ? '€' : currency}`;
}

const invoiceLine = (f: InvoiceFacts): string =>
  `Facture n° ${f.number} de ${f.supplierName} à ${f.buyerName}, montant dû ${frenchAmount(f.amountDue, f.currency)}.`;

export interface TransitionFacts {
  from: InvoiceStatus | null;
  to: InvoiceStatus;
  actorName: string;
  /** YYYY-MM-DD, Paris. */
  on: string;
  motive: string | null;
  data: Record<string, unknown> | null;
}

export function transitionMessage(invoice: InvoiceFacts, t: TransitionFacts): Message {
  const lines = [
    invoiceLine(invoice),
    `Nouveau statut : « ${STATUS_LABELS[t.to]} », le ${frenchDate(t.on)} (${t.actorName}).`,
  ];
  // A completion carries the supplier's own words, not a motive of the recipient.
  if (t.motive) lines.push(t.to === 'COMPLETEE' ? `Commentaire du fournisseur : ${t.motive}` : `Motif : ${t.motive}`);
  const data = t.data ?? {};
  if (t.to === 'MISE_A_DISPOSITION' && typeof data.legalDueAt === 'string') {
    lines.push(`Délai légal de paiement : jusqu’au ${parisDate.format(new Date(data.legalDueAt))}.`);
  }
  if (t.to === 'SUSPENDUE')
    lines.push('Le délai de paiement est suspendu : complétez la facture avec les pièces demandées.');
  if (t.to === 'A_RECYCLER')
    lines.push('Le destinataire indique une erreur d’acheminement : corrigez le destinataire de la facture.');
  if (t.to === 'MANDATEE' && typeof data.mandateNumber === 'string')
    lines.push(`Numéro de mandat : ${data.mandateNumber}.`);
  if (t.to === 'MISE_EN_PAIEMENT' && typeof data.paymentDate === 'string') {
    lines.push(`Date de mise en paiement : ${frenchDate(data.paymentDate)}.`);
    if (typeof data.lateDays === 'number' && data.lateDays > 0) {
      lines.push(
        `Paiement en retard de ${data.lateDays} jour(s) : intérêts moratoires de ${frenchAmount(String(data.interest), invoice.currency)} ` +
          `(taux ${String(data.ratePercent).replace('.', ',')} %) et indemnité forfaitaire de ${frenchAmount(String(data.indemnity), invoice.currency)}.`,
      );
    }
  }
  return { title: `Facture ${invoice.number} : ${STATUS_LABELS[t.to]}`, body: lines.join('\n') };
}

export function reminderMessage(invoice: InvoiceFacts, dueDate: string, daysBefore: number): Message {
  return {
    title: `Facture ${invoice.number} : échéance dans ${daysBefore} jour${daysBefore > 1 ? 's' : ''}`,
    body: [invoiceLine(invoice), `Le délai légal de paiement expire le ${frenchDate(dueDate)}.`].join('\n'),
  };
}

export function expiredMessage(invoice: InvoiceFacts, dueDate: string): Message {
  return {
    title: `Facture ${invoice.number} : délai de paiement dépassé`,
    body: [
      invoiceLine(invoice),
      `Le délai légal de paiement a expiré le ${frenchDate(dueDate)}. Des intérêts moratoires courent à partir du lendemain, ` +
        'au taux de la BCE majoré de huit points, et l’indemnité forfaitaire de 40 € est due (décret n° 2013-269).',
    ].join('\n'),
  };
}
