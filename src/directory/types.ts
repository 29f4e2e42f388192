// Plain objects the directory verbs return.
import type { EpciNature, StructureKind } from './domain/kinds.ts';

export type { EpciNature, StructureKind };

export interface StructureSummary {
  id: string;
  kind: StructureKind;
  name: string;
  siren: string | null;
  /** SIRET of the main establishment, when one is recorded. */
  siret: string | null;
  vatNumber: string | null;
  inseeCode: string | null;
  departementCode: string | null;
  population: number | null;
  epciNature: EpciNature | null;
  demo: boolean;
  active: boolean;
}

/** Chorus Pro routing rules of a structure (`consulterStructure` → `parametres`). */
export interface ChorusRouting {
  /** `codeServiceDoitEtreRenseigne` */
  serviceCodeRequired: boolean;
  /** `numeroEJDoitEtreRenseigne` */
  engagementNumberRequired: boolean;
  /** `gestionNumeroEJOuCodeService` */
  serviceCodeOrEngagementRequired: boolean;
  /** Invoices to this structure are forwarded to Chorus Pro. */
  receivesThroughChorus: boolean;
  /** The 2026 reform's BR-FR rules refuse invoices to this structure (strict profile), instead of warning. */
  strictReformRules: boolean;
}

export interface ServiceInfo {
  id: string;
  code: string;
  label: string;
  active: boolean;
  /** Chorus `numeroEngagement`: invoices to this service must carry an engagement number. */
  engagementNumberRequired: boolean;
}

export interface EstablishmentInfo {
  id: string;
  siret: string;
  main: boolean;
  /** Computed from the SIREN rather than known from the SIRENE register. */
  derived: boolean;
  label: string | null;
  active: boolean;
}

export interface StructureRef {
  id: string;
  name: string;
  siren: string | null;
}

/** The legal payment delay of a public buyer (décret 2013-269 art. 1, CCP R.2192-10/11). */
export interface PaymentDelay {
  /** The delay in force, in days: the override when set, otherwise the kind's. */
  days: number;
  /** What the law gives the structure's kind (30, or 50 for a public hospital). */
  legalDays: number;
  /** A delay the operator set in place of the legal one. */
  overrideDays: number | null;
}

export interface StructureDetail extends StructureSummary {
  chorus: ChorusRouting;
  paymentDelay: PaymentDelay;
  services: ServiceInfo[];
  establishments: EstablishmentInfo[];
  /** For a commune: the EPCI à fiscalité propre it belongs to. */
  epci: StructureRef | null;
  /** For an EPCI: how many of its member communes are in the directory. */
  memberCount: number | null;
}

export interface SearchStructuresInput {
  /** Name (any case, with or without accents), SIREN, SIRET or INSEE code; spaces in numbers are ignored. */
  q?: string | undefined;
  kind?: StructureKind | undefined;
  /** Only public buyers (every kind but suppliers): the public directory of recipients. */
  recipientsOnly?: boolean | undefined;
  departement?: string | undefined;
  /** Only the structures an invoice can be addressed to: companies (suppliers) left out. */
  publicOnly?: boolean | undefined;
  limit?: number | undefined;
  offset?: number | undefined;
}

export interface SearchStructuresResult {
  items: StructureSummary[];
  total: number;
  limit: number;
  offset: number;
}
