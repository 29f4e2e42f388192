// The parties of an invoice typed in the form: the depositing supplier as the directory knows it, and the
// recipient found by the SIRET chosen, with the services and references it requires.
import {
  compactIdentifier,
  findRecipientBySiret,
  getStructure,
  isValidSiret,
  KIND_LABELS,
  searchStructures,
} from '../../directory/index.ts';
import type { AppDeps } from '../../platform/http.ts';
import type { FormBuyer, FormSupplier } from '../domain/invoice-form/build-invoice.ts';

export interface SupplierForForm extends FormSupplier {
  id: string;
  /** The main establishment's SIRET first. */
  establishments: { siret: string; label: string | null; main: boolean }[];
}

export async function supplierForForm(deps: Pick<AppDeps, 'db'>, supplierId: string): Promise<SupplierForForm | null> {
  const s = await getStructure(deps.db, supplierId);
  if (!s || s.kind !== 'supplier') return null;
  const establishments = s.establishments
    .filter((e) => e.active)
    .sort((a, b) => Number(b.main) - Number(a.main))
    .map((e) => ({ siret: e.siret, label: e.label, main: e.main }));
  return {
    id: s.id,
    name: s.name,
    siren: s.siren,
    vatNumber: s.vatNumber,
    sirets: establishments.map((e) => e.siret),
    establishments,
  };
}

/** The public recipient owning this SIRET, active, or null. */
export async function buyerForForm(deps: Pick<AppDeps, 'db'>, siret: string): Promise<FormBuyer | null> {
  const compact = compactIdentifier(siret);
  if (!isValidSiret(compact)) return null;
  const r = await findRecipientBySiret(deps.db, compact);
  if (!r || r.kind === 'supplier' || !r.active || !r.establishmentActive) return null;
  return {
    name: r.name,
    siret: compact,
    siren: compact.slice(0, 9),
    vatNumber: null,
    serviceCodeRequired: r.serviceCodeRequired,
    engagementNumberRequired: r.engagementNumberRequired,
    serviceCodeOrEngagementRequired: r.serviceCodeOrEngagementRequired,
    services: [...r.services].sort((a, b) => a.code.localeCompare(b.code)),
  };
}

export interface RecipientChoice {
  name: string;
  siret: string;
  kindLabel: string;
}

/** Public recipients of the directory matching a name, a commune, a SIREN or a SIRET (at most 10). */
export async function searchRecipients(deps: Pick<AppDeps, 'db'>, q: string): Promise<RecipientChoice[]> {
  if (q.trim().length < 2) return [];
  const compact = compactIdentifier(q);
  if (isValidSiret(compact)) {
    const r = await findRecipientBySiret(deps.db, compact);
    return r && r.kind !== 'supplier' && r.active && r.establishmentActive
      ? [{ name: r.name, siret: compact, kindLabel: KIND_LABELS[r.kind] }]
      : [];
  }
  const found = await searchStructures(deps.db, { q, limit: 25 });
  return found.items
    .filter((s) => s.kind !== 'supplier' && s.active && s.siret !== null)
    .slice(0, 10)
    .map((s) => ({ name: s.name, siret: s.siret!, kindLabel: KIND_LABELS[s.kind] }));
}
