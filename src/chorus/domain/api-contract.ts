// The JSON shapes of the Chorus Pro API that the hub speaks, on both faces (client and mirror), named as Chorus
// names them. Only the fields the hub reads or writes are typed; Chorus answers carry more.

/**
 * An amount on the wire: a JSON number. Received ones are numbers as JSON.parse gives them; ours are written
 * from their exact decimal text (see mirror/json-amount.ts), never through a float.
 */
export type WireAmount = number | { readonly text: string; toJSON(): string };

export const PATHS = {
  deposerFlux: '/cpro/factures/v1/deposer/flux',
  deposerPdf: '/cpro/factures/v1/deposer/pdf',
  soumettre: '/cpro/factures/v1/soumettre',
  rechercherFournisseur: '/cpro/factures/v1/rechercher/fournisseur',
  rechercherRecipiendaire: '/cpro/factures/v1/rechercher/recipiendaire',
  consulterFournisseur: '/cpro/factures/v1/consulter/fournisseur',
  consulterRecipiendaire: '/cpro/factures/v1/consulter/recipiendaire',
  consulterHistorique: '/cpro/factures/v1/consulter/historique',
  traiterRecue: '/cpro/factures/v1/traiter/recue',
  completer: '/cpro/factures/v1/completer',
  recycler: '/cpro/factures/v1/recycler',
  telechargerGroupe: '/cpro/factures/v1/telecharger/groupe',
  consulterCR: '/cpro/transverses/v1/consulterCR',
  consulterCRDetaille: '/cpro/transverses/v1/consulterCRDetaille',
  healthCheck: '/cpro/transverses/v1/health-check',
  rechercherStructure: '/cpro/structures/v1/rechercher',
  consulterStructure: '/cpro/structures/v1/consulter',
  rechercherServices: '/cpro/structures/v1/rechercher/services',
  consulterService: '/cpro/structures/v1/consulter/service',
  rechercherEngagements: '/cpro/engagementsJuridiques/v1/rechercher',
  rechercherFacturesTravaux: '/cpro/facturesTravaux/v1/rechercher',
  consulterInformationSiret: '/cpro/transverses/v1/consulter/information/siret',
} as const;

/** Every answer carries these; 0 is success. */
export interface Retour {
  codeRetour: number;
  libelle: string;
}

export const LIBELLE_OK_TRANSVERSES = 'TRA_MSG_00.000';
export const LIBELLE_OK_GCU = 'GCU_MSG_01_000';
export const CODE_AUCUN_RESULTAT = 20000;
export const LIBELLE_AUCUN_RESULTAT = "TRA_MSG_00.015 – La recherche n'a retourné aucun résultat";

/**
 * Every `syntaxeFlux` value of the sources (research note §5.2: PhpChorusPiste, SymphonInvoice, a C# client, GO),
 * what the flux must carry, and its interface code (`codeInterfaceDepotFlux`). Known interface codes: FSO1100A
 * (E1 UBL), FSO1106A (E1 CII 16B), FSO1110A (E2 UBL minimal), FSO1117A (Factur-X); the others are not in the
 * sources and take the code of their family's known one. PES, xCBL and Chorus's own minimal XML are accepted as
 * values but their invoices are rejected in the report: the hub reads UBL, CII and Factur-X only (PES left the
 * EDI annex in V4.21, 2021).
 */
export const SYNTAXES_FLUX = {
  IN_DP_E1_UBL_INVOICE: { syntax: 'UBL', interfaceCode: 'FSO1100A' },
  IN_DP_E1_CII_16B: { syntax: 'CII', interfaceCode: 'FSO1106A' },
  IN_DP_E2_CII_FACTURX: { syntax: 'FACTURX', interfaceCode: 'FSO1117A' },
  IN_DP_E1_CII: { syntax: 'CII', interfaceCode: 'FSO1106A' },
  IN_DP_E1_PES_FACTURE: { syntax: 'PES', interfaceCode: 'FSO1100A' },
  IN_DP_E1_XCBL: { syntax: 'XCBL', interfaceCode: 'FSO1100A' },
  IN_DP_E2_UBL_INVOICE_MIN: { syntax: 'UBL', interfaceCode: 'FSO1110A' },
  IN_DP_E2_CII_MIN_16B: { syntax: 'CII', interfaceCode: 'FSO1110A' },
  IN_DP_E2_CII_MIN: { syntax: 'CII', interfaceCode: 'FSO1110A' },
  IN_DP_E2_CPP_FACTURE_MIN: { syntax: 'CPP', interfaceCode: 'FSO1110A' },
  IN_DP_E2_PES_FACTURE_MIN: { syntax: 'PES', interfaceCode: 'FSO1110A' },
  IN_DP_E3_UBL_INVOICE: { syntax: 'UBL', interfaceCode: 'FSO1100A' },
} as const;
export type SyntaxeFlux = keyof typeof SYNTAXES_FLUX;

export interface DeposerFluxRequest {
  idUtilisateurCourant?: number;
  fichierFlux: string;
  nomFichier: string;
  syntaxeFlux: string;
  avecSignature?: boolean;
}
export interface DeposerFluxResponse extends Retour {
  numeroFluxDepot: string;
  dateDepot: string;
  syntaxeFlux: string;
}

/** CR states (research note §5.3). */
export const ETATS_FLUX_FINAUX = [
  'IN_INTEGRE',
  'IN_INTEGRE_PARTIEL',
  'IN_REJETE',
  'IN_INCIDENTE',
  'IN_ERREUR_INTERNE',
  'IN_A_RELANCER',
] as const;
export type EtatFlux =
  | 'IN_DEPOT_PORTAIL_EN_ATTENTE_TRAITEMENT_SE_CPP'
  | 'IN_RECU'
  | 'IN_TRAITE_SE_CPP'
  | 'IN_EN_ATTENTE_TRAITEMENT_CPP'
  | 'IN_EN_COURS_TRAITEMENT_CPP'
  | 'IN_EN_ATTENTE_RETRAITEMENT_CPP'
  | (typeof ETATS_FLUX_FINAUX)[number];

export function isFinalFluxState(state: string): boolean {
  return (ETATS_FLUX_FINAUX as readonly string[]).includes(state);
}

export interface ErreurDP {
  numeroDP: string;
  identifiantFournisseur: string;
  identifiantDestinataire: string;
  libelleErreurDP: string;
}
export interface ErreurTechnique {
  codeErreur: string;
  libelleErreur: string;
  natureErreur: string;
}
export interface ConsulterCRDetailleResponse extends Retour {
  numeroFluxDepot?: string;
  codeInterfaceDepotFlux: string;
  dateDepotFlux: string;
  dateHeureEtatCourantFlux: string;
  etatCourantDepotFlux: string;
  nomFichier: string;
  listeErreurDP: ErreurDP[];
  listeErreurTechnique: ErreurTechnique[];
}

export interface Pagination {
  nbResultatsParPage?: number;
  pageResultatDemandee?: number;
  triSens?: 'Ascendant' | 'Descendant';
  triColonne?: string;
}
export interface ParametresRetour {
  nbResultatsParPage: number;
  pageCourante: number;
  pages: number;
  total: number;
}

export interface RechercherFactureParFournisseurRequest {
  numeroFluxDepot?: string;
  numeroFacture?: string;
  idFournisseur?: number;
  statutCourant?: string[];
  periodeDateDepotDu?: string;
  periodeDateDepotAu?: string;
  rechercheFactureParFournisseur?: Pagination;
}
export interface FactureFournisseur {
  identifiantFactureCPP: number;
  numeroFacture: string;
  statut: string;
  typeDemandePaiement?: string;
  /** `YYYY-MM-DD` */
  dateDepot: string;
  dateFacture: string;
  /** ISO 8601 with offset (see domain/dates.ts). */
  dateHeureEtatCourant: string;
  codeFournisseur?: string;
  typeIdentifiantFournisseur?: string;
  designationFournisseur?: string;
  codeDestinataire: string;
  idDestinataire?: number | null;
  designationDestinataire: string;
  codeServiceExecutant: string | null;
  idServiceExecutant?: number | null;
  nomServiceExecutant?: string | null;
  modeDepot?: string;
  nomPrenomUtilisateurCreateur?: string;
  /** Size of the deposited file, in bytes. */
  taille?: number;
  montantHT: WireAmount;
  montantTTC: WireAmount;
  montantAPayer: WireAmount;
  devise: string;
  typeFacture: string;
  numeroFluxDepot: string | null;
  numeroBonCommande: string | null;
  rejetTraite: boolean;
  commentaireEtatCourant: string | null;
}
export interface RechercherFactureParFournisseurResponse extends Retour {
  listeFactures: FactureFournisseur[];
  parametresRetour: ParametresRetour;
}

export interface RechercherFactureParRecipiendaireRequest {
  typeDemandePaiement?: string;
  listeFournisseurs?: { idFournisseur: number; listeIdService?: number[] }[];
  paramRecherche?: Pagination;
  factureTelechargeeParDestinataire?: boolean;
  idDestinataire?: number;
  idServiceExecutant?: number;
  numeroFacture?: string;
  statutCourant?: string[] | string;
  periodeDateHeureEtatCourantDu?: string;
  periodeDateHeureEtatCourantAu?: string;
}
export interface FactureRecipiendaire {
  idFacture: number;
  numeroFacture: string;
  statut: string;
  codeDestinataire: string;
  idDestinataire: number;
  codeFournisseur: string;
  idFournisseur?: number | null;
  typeIdentifiantFournisseur: string;
  designationFournisseur: string;
  codeServiceExecutant: string | null;
  idServiceExecutant: number | null;
  nomServiceExecutant?: string | null;
  dateDepot: string;
  dateFacture: string;
  dateHeureEtatCourant: string;
  montantHT: WireAmount;
  montantTTC: WireAmount;
  montantAPayer: WireAmount;
  devise: string;
  typeDemandePaiement: string;
  typeFacture: string;
  factureTelechargeeParDestinataire: boolean;
  numeroBonCommande: string | null;
  taille?: number;
}
/** Pagination at top level here, unlike the other searches. */
export interface RechercherFactureParRecipiendaireResponse extends Retour {
  listeFactures: FactureRecipiendaire[];
  pageCourante: number;
  pages: number;
  nbResultatsParPage: number;
  total: number;
}

export interface ConsulterHistoriqueRequest {
  idFacture: number;
  nbResultatsMaximum?: number;
}
export interface HistoStatut {
  histoStatutId: number;
  histoStatutCode: string;
  histoStatutDatePassage: string;
  histoStatutCommentaire: string | null;
  histoStatutUtilisateurNom: string;
  histoStatutUtilisateurPrenom: string;
}
export interface ConsulterHistoriqueResponse extends Retour {
  idFacture: number;
  numeroFacture: string;
  modeDepot: string;
  statutCourantCode: string;
  historiquesDesStatuts: { histoStatut: HistoStatut[] };
  historiquesDesActionsUtilisateurs: { histoAction: unknown[] };
  historiquesDesEvenementsComplementaires: { evenement: unknown[] };
}

export interface TraiterFactureRecueRequest {
  idFacture: number;
  nouveauStatut: string;
  motif?: string;
  numeroDPMandat?: string;
  idUtilisateurCourant?: number;
}
export interface TraiterFactureRecueResponse extends Retour {
  dateTraitement: string;
  idFacture: number;
  nouveauStatut: string;
  numeroFacture: string;
}

export interface TelechargerGroupeRequest {
  format?: 'PDF' | 'PIVOT' | string;
  listeFacture: { idFacture: number }[];
  avecPiecesJointesComplementaires?: 'OUI' | 'NON';
}
export interface TelechargerGroupeResponse extends Retour {
  fichierResultat: string;
}
