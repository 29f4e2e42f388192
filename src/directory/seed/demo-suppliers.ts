// Fictitious supplier companies for demonstrations and tests. Their identifiers are Luhn-valid
// but invented; the structures are flagged `demo` so they can be told apart from real ones.

export interface DemoSupplier {
  /** Stable handle for code that binds demo people or invoices to a supplier. */
  readonly key: string;
  readonly name: string;
  readonly siren: string;
  readonly siret: string;
  readonly departementCode: string;
}

export const DEMO_SUPPLIER_ARMOR_BUREAUTIQUE: DemoSupplier = {
  key: 'armor-bureautique',
  name: 'Armor Bureautique SARL',
  siren: '812345676',
  siret: '81234567600017',
  departementCode: '22',
};

export const DEMO_SUPPLIER_BREIZH_TRAVAUX: DemoSupplier = {
  key: 'breizh-travaux',
  name: 'Breizh Travaux Publics SAS',
  siren: '798765434',
  siret: '79876543400013',
  departementCode: '35',
};

export const DEMO_SUPPLIER_OCEANE_RESTAURATION: DemoSupplier = {
  key: 'oceane-restauration',
  name: 'Océane Restauration Collective',
  siren: '884523168',
  siret: '88452316800018',
  departementCode: '29',
};

export const DEMO_SUPPLIER_KERLANN_INFORMATIQUE: DemoSupplier = {
  key: 'kerlann-informatique',
  name: 'Kerlann Informatique SAS',
  siren: '833159270',
  siret: '83315927000010',
  departementCode: '56',
};

export const DEMO_SUPPLIERS: readonly DemoSupplier[] = [
  DEMO_SUPPLIER_ARMOR_BUREAUTIQUE,
  DEMO_SUPPLIER_BREIZH_TRAVAUX,
  DEMO_SUPPLIER_OCEANE_RESTAURATION,
  DEMO_SUPPLIER_KERLANN_INFORMATIQUE,
];
