// The lifecycle statuses of the 2026 e-invoicing reform (AFNOR XP Z12-012, CDAR "flux 6"), and which one
// each Chorus Pro status of the hub corresponds to.
import type { InvoiceStatus } from './statuses.ts';

export interface ReformLifecycleStatus {
  code: number;
  label: string;
  /** Mandatory in the reform (forwarded to the public concentrator). */
  mandatory: boolean;
}

/** Codes 200 to 213 with their French labels. */
export const REFORM_LIFECYCLE_STATUSES: readonly ReformLifecycleStatus[] = [
  { code: 200, label: 'Déposée', mandatory: true },
  { code: 201, label: 'Émise par la plateforme', mandatory: false },
  { code: 202, label: 'Reçue par la plateforme', mandatory: false },
  { code: 203, label: 'Mise à disposition', mandatory: false },
  { code: 204, label: 'Prise en charge', mandatory: false },
  { code: 205, label: 'Approuvée', mandatory: false },
  { code: 206, label: 'Approuvée partiellement', mandatory: false },
  { code: 207, label: 'En litige', mandatory: false },
  { code: 208, label: 'Suspendue', mandatory: false },
  { code: 209, label: 'Complétée', mandatory: false },
  { code: 210, label: 'Refusée', mandatory: true },
  { code: 211, label: 'Paiement transmis', mandatory: false },
  { code: 212, label: 'Encaissée', mandatory: true },
  { code: 213, label: 'Rejetée', mandatory: true },
];

/**
 * Chorus Pro status → reform code. A_RECYCLER is a routing error (wrong recipient), which the reform calls
 * "Rejetée" (213, by the platform); the buyer's business rejection REJETEE is "Refusée" (210). The buyer's
 * internal steps after certifying the service (mandate, accounting) stay "Approuvée" until payment is sent.
 */
export const REFORM_CODE_OF_STATUS: Readonly<Record<InvoiceStatus, number>> = {
  DEPOSEE: 200,
  EN_COURS_ACHEMINEMENT: 201,
  MISE_A_DISPOSITION: 203,
  SERVICE_FAIT: 205,
  SUSPENDUE: 208,
  COMPLETEE: 209,
  A_RECYCLER: 213,
  REJETEE: 210,
  MANDATEE: 205,
  MISE_A_DISPOSITION_COMPTABLE: 205,
  COMPTABILISEE: 205,
  MISE_EN_PAIEMENT: 211,
};

export function reformStatusOf(status: InvoiceStatus): ReformLifecycleStatus {
  const code = REFORM_CODE_OF_STATUS[status];
  const found = REFORM_LIFECYCLE_STATUSES.find((s) => s.code === code);
  if (!found) throw new Error(`reform code ${code} missing from the table`);
  return found;
}
