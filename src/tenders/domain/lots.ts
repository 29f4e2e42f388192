// The lots of a consultation as the buyer drafts them: numbered from 1, each with its title, CPV code, estimated
// amount and deadline.
import Decimal from 'decimal.js';
import { normalizeCpv } from './cpv.ts';

export interface DraftLot {
  number: number;
  title: string;
  cpv: string;
  estimatedAmount: string;
  deadline: Date;
}

export interface LotProblem {
  field: string;
  message: string;
}

export const AMOUNT_TEXT = /^[0-9]{1,13}(\.[0-9]{1,2})?$/;

export function lotProblems(lots: readonly DraftLot[]): LotProblem[] {
  const problems: LotProblem[] = [];
  if (lots.length === 0) problems.push({ field: 'lots', message: 'Une consultation compte au moins un lot.' });
  lots.forEach((lot, index) => {
    const field = `lots[${index}]`;
    if (lot.number !== index + 1)
      problems.push({
        field: `${field}.number`,
        message: `Les lots sont numérotés de 1 à ${lots.length}, dans l'ordre.`,
      });
    if (lot.title.trim() === '')
      problems.push({ field: `${field}.title`, message: `Le lot ${lot.number} n'a pas d'intitulé.` });
    if (!normalizeCpv(lot.cpv))
      problems.push({ field: `${field}.cpv`, message: `Le code CPV du lot ${lot.number} doit compter 8 chiffres.` });
    if (!AMOUNT_TEXT.test(lot.estimatedAmount) || new Decimal(lot.estimatedAmount).lessThanOrEqualTo(0))
      problems.push({
        field: `${field}.estimatedAmount`,
        message: `Le montant estimé du lot ${lot.number} doit être un montant positif en euros (ex. 15000.00).`,
      });
    if (Number.isNaN(lot.deadline.getTime()))
      problems.push({ field: `${field}.deadline`, message: `La date limite du lot ${lot.number} est invalide.` });
  });
  return problems;
}

/** The consultation's estimated amount: the sum of its lots (exact). */
export const totalAmount = (lots: readonly Pick<DraftLot, 'estimatedAmount'>[]): string =>
  lots.reduce((sum, l) => sum.plus(l.estimatedAmount), new Decimal(0)).toFixed(2);
