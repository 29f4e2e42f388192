// The PES V2 code lists the hub checks (DGFiP schema package, CommunDepense.xsd; ORMC documentation for titres).
// Labels stay as the DGFiP writes them.

export const PES_ALLER_NS = 'http://www.minefi.gouv.fr/cp/helios/pes_v2/Rev0/aller';
export const PES_ACQUIT_NS = 'http://www.minefi.gouv.fr/cp/helios/pes_v2/Rev0/retour/v2';
export const PES_RETOUR_NS = 'http://www.minefi.gouv.fr/cp/helios/pes_v2/Rev0/retour';
export const PES_ACQUIT_RETOUR_NS = 'http://www.minefi.gouv.fr/cp/helios/pes_v2/Rev0/aller/ack';
export const DSIG_NS = 'http://www.w3.org/2000/09/xmldsig#';

export const TYP_BORD_DEPENSE: Record<string, string> = {
  '01': 'Ordinaire',
  '02': 'Annulation/réduction',
  '03': 'Ordres de paiement',
};
export const TYP_BORD_RECETTE: Record<string, string> = {
  '01': 'Ordinaire',
  '02': 'Annulation-réduction',
  '03': 'Ordres de recette',
  '06': 'ORMC',
};

export const TYP_PCE_DEPENSE: Record<string, string> = {
  '01': 'Mandat ordinaire',
  '02': 'Mandat correctif',
  '03': "Mandat d'ordre budgétaire",
  '04': "Mandat d'ordre mixte",
  '05': 'Mandat émis après paiement',
  '06': 'Mandat global',
  '07': 'Mandat admission en non-valeurs',
  '08': 'Mandat collectif',
  '09': 'Mandat sur marché',
  '10': 'Mandat de rattachement',
  '11': 'Ordre de paiement',
  '12': '(sans libellé)',
  '13': "Charges constatées d'avance",
};
/** Titres: 01 to 15 (ORMC documentation); labels not read. */
export const TYP_PCE_RECETTE: ReadonlySet<string> = new Set(
  Array.from({ length: 15 }, (_, i) => String(i + 1).padStart(2, '0')),
);

export const NAT_PCE_DEPENSE: Record<string, string> = {
  '01': 'Fonctionnement',
  '02': 'Investissement',
  '03': 'Inventaire',
  '04': 'Emprunt',
  '05': 'Régie',
  '06': 'Annulation-Réduction',
  '07': 'Complémentaire',
  '08': 'Réémis',
  '09': 'Annulant un titre',
  '10': 'Annulation du mandat de rattachement',
  '11': 'Paie',
  '12': 'Retenue de garantie',
  '13': 'Dernier acompte sur marché',
  '14': 'Avance forfaitaire',
  '18': "Opération d'ordre liée aux cessions",
};

export const MOD_REGL: Record<string, string> = {
  '01': 'Numéraire',
  '02': 'Chèque',
  '03': 'Virement',
  '04': 'Virement appli externe',
  '05': 'Virement gros montant',
  '06': "Virement à l'étranger",
  '07': 'Opération budget rattaché',
  '08': "Opération d'ordre",
  '09': 'Avis de règlement',
  '10': 'Prélèvement',
  '11': 'Virement interne',
};
/** Payment modes that need the supplier's bank details, and those that forbid them. */
export const MOD_REGL_NEEDS_BANK: ReadonlySet<string> = new Set(['03', '05']);
export const MOD_REGL_FORBIDS_BANK: ReadonlySet<string> = new Set(['01', '02', '04', '07', '08', '09', '11']);

export const NAT_ID_TIERS_DEPENSE: Record<string, string> = {
  '01': 'SIRET',
  '02': 'SIREN',
  '03': 'FINESS',
  '04': 'NIR',
};

/** CatTiers 01: a natural person, who needs a civility and a first name. */
export const CAT_TIERS_PERSONNE_PHYSIQUE = '01';

export const PJ_SUPPORT: Record<string, string> = { '01': 'électronique', '02': 'papier', '03': 'cdrom/dvdrom' };

export const TYP_FIC_ALLER: ReadonlySet<string> = new Set(['PESALR1', 'PESALR2']);
