// The six natures of ACTES (CodeNatureActe) with their two-letter abbreviation (TypeAbrege) and S²LOW's default
// typology of the main document.

export const ACT_NATURES = {
  1: { abbreviation: 'DE', label: 'Délibérations', defaultTypology: '99_DE' },
  2: { abbreviation: 'AR', label: 'Actes réglementaires', defaultTypology: '99_AR' },
  3: { abbreviation: 'AI', label: 'Actes individuels', defaultTypology: '99_AI' },
  4: { abbreviation: 'CC', label: 'Contrats, conventions et avenants', defaultTypology: '99_DC' },
  5: { abbreviation: 'BF', label: 'Documents budgétaires et financiers', defaultTypology: '99_BU' },
  6: { abbreviation: 'AU', label: 'Autres', defaultTypology: '99_AU' },
} as const;

export type ActNature = keyof typeof ACT_NATURES;

export const isActNature = (value: unknown): value is ActNature =>
  typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= 6;

export const natureAbbreviation = (nature: ActNature): string => ACT_NATURES[nature].abbreviation;
