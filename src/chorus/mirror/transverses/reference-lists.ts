// Reference lists of the transverses API, as Chorus Pro names their codes.
import { LIBELLE_OK_TRANSVERSES, SYNTAXES_FLUX } from '../../domain/api-contract.ts';

const ok = <T extends object>(body: T) => ({ codeRetour: 0, libelle: LIBELLE_OK_TRANSVERSES, ...body });

export const REFERENCE_LISTS = {
  tauxtva: () =>
    ok({
      listeTauxTva: [
        { codeTauxTva: 'TVA0', libelleTauxTva: 'TVA 0 %', valeurTauxTva: 0 },
        { codeTauxTva: 'TVA2_1', libelleTauxTva: 'TVA 2,1 %', valeurTauxTva: 2.1 },
        { codeTauxTva: 'TVA5_5', libelleTauxTva: 'TVA 5,5 %', valeurTauxTva: 5.5 },
        { codeTauxTva: 'TVA10', libelleTauxTva: 'TVA 10 %', valeurTauxTva: 10 },
        { codeTauxTva: 'TVA20', libelleTauxTva: 'TVA 20 %', valeurTauxTva: 20 },
      ],
    }),
  devises: () => ok({ listeDevises: [{ codeDevise: 'EUR', libelleDevise: 'Euro' }] }),
  modereglements: () =>
    ok({
      listeModePaiement: ['CHEQUE', 'PRELEVEMENT', 'VIREMENT', 'ESPECE', 'AUTRE', 'REPORT'].map((modePaiement) => ({
        modePaiement,
      })),
    }),
  cadrefacturation: () => ok({ listeCadreFacturation: [{ codeCadreFacturation: 'A1_FACTURE_FOURNISSEUR' }] }),
  formatflux: () => ok({ listeFormatFlux: Object.keys(SYNTAXES_FLUX).map((formatFlux) => ({ formatFlux })) }),
  typedp: () => ok({ listeTypeDemandePaiement: [{ typeDemandePaiement: 'FACTURE' }] }),
  // How an invoice may reach the hub (`modeDepot` of searches and consulter): API entry and PDF deposit are the
  // soumettre modes of the note (§2.1); DEPOT_FLUX and DEPOT_PORTAIL name the flux and the portal.
  modedepot: () =>
    ok({
      listeModeDepot: ['SAISIE_API', 'DEPOT_PDF_API', 'DEPOT_PDF_SIGNE_API', 'DEPOT_FLUX', 'DEPOT_PORTAIL'].map(
        (modeDepot) => ({ modeDepot }),
      ),
    }),
} as const;

export type ReferenceList = keyof typeof REFERENCE_LISTS;
