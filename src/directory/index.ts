// The directory module's public entry: everything other modules may use.
export {
  compactIdentifier,
  deriveSiret,
  frenchVatNumber,
  isValidSiren,
  isValidSiret,
  LA_POSTE_SIREN,
  luhnValid,
} from './identifiers.ts';
export { normalizeForSearch } from './normalize.ts';
export { findRecipientBySiret } from './recipient-by-siret.ts';
export {
  DEMO_SUPPLIERS,
  DEMO_SUPPLIER_ARMOR_BUREAUTIQUE,
  DEMO_SUPPLIER_BREIZH_TRAVAUX,
  DEMO_SUPPLIER_KERLANN_INFORMATIQUE,
  DEMO_SUPPLIER_OCEANE_RESTAURATION,
  type DemoSupplier,
} from './seed/demo-suppliers.ts';
export {
  BRETON_DEPARTEMENTS,
  CHU_RENNES,
  HUB_SYNDICAT,
  REGION_BRETAGNE,
  type KnownStructure,
} from './seed/known-structures.ts';
export { seedDirectory, type SeedDirectoryResult } from './seed/seed-directory.ts';
export { getStructure, findStructureBySiren, findStructureBySiret } from './read-structure.ts';
export { searchStructures, SEARCH_DEFAULT_LIMIT, SEARCH_MAX_LIMIT } from './search-structures.ts';
export { listEpciMembers, listServices } from './lists.ts';
export { directoryRoutes } from './routes.ts';
export { createStructure, type NewStructureInput } from './create-structure.ts';
export { insertSupplierCompany, supplierCompanyOf, type SupplierCompany } from './supplier-company.ts';
export { updateStructure, type StructureEditInput } from './edit-structure.ts';
export {
  DEFAULT_PAYMENT_DELAY_DAYS,
  legalPaymentDelayDays,
  paymentDelayDays,
  PUBLIC_HOSPITAL_PAYMENT_DELAY_DAYS,
} from './domain/payment-delay.ts';
export { isStructureKind, STRUCTURE_KINDS } from './domain/kinds.ts';
export { KIND_LABELS } from './domain/labels.ts';
export {
  saveService,
  updateChorusRouting,
  type DirectoryChange,
  type FieldChange,
  type ServiceInput,
} from './update-structure.ts';
export type {
  ChorusRouting,
  EpciNature,
  EstablishmentInfo,
  PaymentDelay,
  SearchStructuresInput,
  SearchStructuresResult,
  ServiceInfo,
  StructureDetail,
  StructureKind,
  StructureRef,
  StructureSummary,
} from './types.ts';
export { directoryPages } from './pages/routes.tsx';
export { recipientPages } from './pages/recipients-routes.tsx';
export { RECIPIENTS_PATH } from './pages/recipients-pages.tsx';
