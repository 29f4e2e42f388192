// Reading an accountant's decision from a posted form (one invoice, or a selection).
import { AppError } from '../../platform/errors.ts';
import type { AccountantAction } from './invoice-verbs.ts';

const field = (form: Record<string, unknown>, name: string): string =>
  typeof form[name] === 'string' ? (form[name] as string) : '';

/** The decision posted by the accountant's form; the verb checks motive, number and date. */
export function accountantActionOf(form: Record<string, unknown>): AccountantAction {
  const kind = field(form, 'kind');
  switch (kind) {
    case 'SERVICE_FAIT':
    case 'MISE_A_DISPOSITION_COMPTABLE':
    case 'COMPTABILISEE':
      return { kind };
    case 'SUSPENDUE':
    case 'REJETEE':
    case 'A_RECYCLER':
      return { kind, motive: field(form, 'motive') };
    case 'MANDATEE':
      return { kind, mandateNumber: field(form, 'mandateNumber') };
    case 'MISE_EN_PAIEMENT':
      return { kind, paymentDate: field(form, 'paymentDate') };
    default:
      throw new AppError('INVALID_INPUT', 'Action inconnue.', 400);
  }
}
