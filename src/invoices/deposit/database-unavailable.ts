// A deposit that meets an unreachable database says what happened to the invoice, under the hub's one outage code.
import { databaseUnavailable as unavailable, isDatabaseUnavailable } from '../../platform/database-unavailable.ts';
import type { AppError } from '../../platform/errors.ts';

export { isDatabaseUnavailable };

export const databaseUnavailable = (): AppError =>
  unavailable(
    'La base de données du hub est momentanément injoignable : la facture n’a pas été enregistrée. Déposez-la de nouveau dans quelques minutes.',
  );
