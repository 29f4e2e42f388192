// Structures the package `@etalab/decoupage-administratif` gives no SIREN for, with their real identifiers.
// SIRENs and main-establishment SIRETs are those of the SIRENE register (INSEE) for the
// conseil régional and the conseils départementaux; the syndicat is Mégalis Bretagne, whose SIREN
// 253514491 appears in the ACTES identifiers of its own deliberations ("035-253514491-…").
// Note: the Finistère département is 222900011 (222900018 is not Luhn-valid).

export interface KnownStructure {
  readonly name: string;
  readonly siren: string;
  /** Real SIRET of the main establishment (siège). */
  readonly siret: string;
  readonly inseeCode: string | null;
  readonly departementCode: string;
}

export const REGION_BRETAGNE: KnownStructure = {
  name: 'Région Bretagne',
  siren: '233500016',
  siret: '23350001600040',
  inseeCode: '53',
  departementCode: '35',
};

/** The four départements of the région, in code order. */
export const BRETON_DEPARTEMENTS: readonly KnownStructure[] = [
  {
    name: "Département des Côtes-d'Armor",
    siren: '222200016',
    siret: '22220001600327',
    inseeCode: '22',
    departementCode: '22',
  },
  {
    name: 'Département du Finistère',
    siren: '222900011',
    siret: '22290001100016',
    inseeCode: '29',
    departementCode: '29',
  },
  {
    name: "Département d'Ille-et-Vilaine",
    siren: '223500018',
    siret: '22350001800013',
    inseeCode: '35',
    departementCode: '35',
  },
  {
    name: 'Département du Morbihan',
    siren: '225600014',
    siret: '22560001400016',
    inseeCode: '56',
    departementCode: '56',
  },
];

/** The syndicat mixte that operates the hub (seat in Cesson-Sévigné, Ille-et-Vilaine). */
export const HUB_SYNDICAT: KnownStructure = {
  name: 'Syndicat mixte Mégalis Bretagne',
  siren: '253514491',
  siret: '25351449100047',
  inseeCode: null,
  departementCode: '35',
};

/**
 * A public hospital, so invoices to an établissement public de santé (50-day legal delay) can be tried: the CHU de
 * Rennes (Pontchaillou), SIREN 263500076 in the SIRENE register (FINESS juridique 350005179). Its main SIRET is not
 * known here: the seed derives one from the SIREN and marks it as derived, as it does for the communes.
 */
export const CHU_RENNES = {
  name: 'Centre hospitalier universitaire de Rennes',
  siren: '263500076',
  inseeCode: null,
  departementCode: '35',
} as const;
