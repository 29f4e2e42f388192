// What publication checks: the procedure fits the estimated amount (2026 thresholds), every lot's deadline is in
// the future and leaves at least the procedure's minimum delay (délai franc: from the day after publication).
import Decimal from 'decimal.js';
import { addDays, compareDates, parisDay } from '../../platform/calendar/index.ts';
import { isFormalised, minimumDelay, type DelayCircumstances, type Procedure } from './procedures.ts';
import { reaches, thresholdFor, type ContractNature } from './thresholds.ts';

export interface PublicationCandidate {
  procedure: Procedure;
  nature: ContractNature;
  /** Estimated amount HT of the whole consultation, exact decimal text. */
  estimatedAmount: string;
  circumstances: DelayCircumstances;
  lots: readonly { number: number; deadline: Date }[];
  /** Test consultations (OE-06) run with compressed durations: the legal minimum delays do not apply. */
  isTest: boolean;
}

export interface PublicationProblem {
  code: 'PROCEDURE_ABOVE_THRESHOLD' | 'NO_COMPETITION_ABOVE_THRESHOLD' | 'DEADLINE_PAST' | 'DEADLINE_TOO_SOON';
  field: string;
  message: string;
}

const euros = (value: string) => `${new Decimal(value).toFixed(0).replace(/\B(?=(\d{3})+(?!\d))/g, '\u202f')} € HT`;

export function publicationProblems(c: PublicationCandidate, now: Date): PublicationProblem[] {
  const problems: PublicationProblem[] = [];
  const launch = parisDay(now).date;
  const formalised = thresholdFor('formalised', c.nature, launch);
  if (c.procedure === 'Procédure adaptée' && formalised && reaches(c.estimatedAmount, formalised)) {
    problems.push({
      code: 'PROCEDURE_ABOVE_THRESHOLD',
      field: 'procedure',
      message:
        `Le montant estimé atteint le seuil des procédures formalisées (${euros(formalised.value)}, ` +
        `${formalised.text}) : une procédure adaptée n'est pas possible.`,
    });
  }
  const noCompetition = thresholdFor('no_competition', c.nature, launch);
  if (
    c.procedure === 'Marché passé sans publicité ni mise en concurrence préalable' &&
    noCompetition &&
    reaches(c.estimatedAmount, noCompetition)
  ) {
    problems.push({
      code: 'NO_COMPETITION_ABOVE_THRESHOLD',
      field: 'procedure',
      message:
        `Un marché sans publicité ni mise en concurrence n'est possible que sous ${euros(noCompetition.value)} ` +
        `(${noCompetition.text}).`,
    });
  }
  const rule = isFormalised(c.procedure) && !c.isTest ? minimumDelay(c.procedure, c.circumstances, launch) : null;
  for (const lot of c.lots) {
    const field = `lots[${lot.number}].deadline`;
    if (lot.deadline.getTime() <= now.getTime()) {
      problems.push({ code: 'DEADLINE_PAST', field, message: `La date limite du lot ${lot.number} est passée.` });
      continue;
    }
    if (rule) {
      const earliest = addDays(launch, rule.days);
      if (compareDates(parisDay(lot.deadline).date, earliest) < 0) {
        problems.push({
          code: 'DEADLINE_TOO_SOON',
          field,
          message:
            `La date limite du lot ${lot.number} laisse moins de ${rule.days} jours (${rule.text}) : ` +
            `au plus tôt le ${earliest.split('-').reverse().join('/')}.`,
        });
      }
    }
  }
  return problems;
}
