// The kinds of structures the directory holds and the legal natures of EPCIs. db/schema/directory.ts declares the
// same lists for its enums (db/ knows no module); src/directory/domain/kinds.test.ts keeps the two equal.

/**
 * Public kinds first (collectivities, their groupings, then local public establishments), companies last.
 * `epci` is an EPCI à fiscalité propre; `ccas_cias` a centre (inter)communal d'action sociale;
 * `etablissement_public_sante` a public hospital (CHU, CH); `ehpad_public` an autonomous public EHPAD
 * (établissement public social et médico-social); `oph` an office public de l'habitat;
 * `etablissement_public` any other public establishment (caisse des écoles, EPL, régie personnalisée…).
 */
export const STRUCTURE_KINDS = [
  'region',
  'departement',
  'epci',
  'commune',
  'syndicat',
  'ccas_cias',
  'etablissement_public_sante',
  'ehpad_public',
  'oph',
  'etablissement_public',
  'supplier',
] as const;
export type StructureKind = (typeof STRUCTURE_KINDS)[number];

/** Kinds an invoice can be addressed to (every kind but the suppliers'). */
export type PublicStructureKind = Exclude<StructureKind, 'supplier'>;

/** Legal nature of an EPCI à fiscalité propre: communauté de communes, d'agglomération, urbaine, métropole. */
export const EPCI_NATURES = ['CC', 'CA', 'CU', 'METRO'] as const;
export type EpciNature = (typeof EPCI_NATURES)[number];

export const isStructureKind = (value: string): value is StructureKind =>
  (STRUCTURE_KINDS as readonly string[]).includes(value);

export const isEpciNature = (value: string): value is EpciNature => (EPCI_NATURES as readonly string[]).includes(value);
