// The kinds of structures the directory holds and the legal natures of EPCIs. db/schema/directory.ts declares the
// same lists for its enums (db/ knows no module); src/directory/domain/kinds.test.ts keeps the two equal.

export const STRUCTURE_KINDS = ['region', 'departement', 'epci', 'commune', 'syndicat', 'supplier'] as const;
export type StructureKind = (typeof STRUCTURE_KINDS)[number];

/** Legal nature of an EPCI à fiscalité propre: communauté de communes, d'agglomération, urbaine, métropole. */
export const EPCI_NATURES = ['CC', 'CA', 'CU', 'METRO'] as const;
export type EpciNature = (typeof EPCI_NATURES)[number];

export const isStructureKind = (value: string): value is StructureKind =>
  (STRUCTURE_KINDS as readonly string[]).includes(value);
