// French labels of the directory's kinds and EPCI natures.
import type { EpciNature, StructureKind } from './kinds.ts';

export const KIND_LABELS: Record<StructureKind, string> = {
  region: 'Région',
  departement: 'Département',
  epci: 'EPCI à fiscalité propre',
  commune: 'Commune',
  syndicat: 'Syndicat',
  ccas_cias: 'CCAS / CIAS',
  etablissement_public_sante: 'Établissement public de santé',
  ehpad_public: 'EHPAD public',
  oph: 'Office public de l’habitat (OPH)',
  etablissement_public: 'Autre établissement public',
  supplier: 'Fournisseur',
};

export const EPCI_NATURE_LABELS: Record<EpciNature, string> = {
  CC: 'Communauté de communes',
  CA: 'Communauté d’agglomération',
  CU: 'Communauté urbaine',
  METRO: 'Métropole',
};

export const CHORUS_FLAG_LABELS = {
  serviceCodeRequired: 'Code service obligatoire (codeServiceDoitEtreRenseigne)',
  engagementNumberRequired: 'Numéro d’engagement obligatoire (numeroEJDoitEtreRenseigne)',
  serviceCodeOrEngagementRequired: 'Code service ou numéro d’engagement (gestionNumeroEJOuCodeService)',
  receivesThroughChorus: 'Reçoit ses factures par Chorus Pro',
  strictReformRules: 'Règles de la réforme de 2026 bloquantes (profil strict, BR-FR)',
} as const;
