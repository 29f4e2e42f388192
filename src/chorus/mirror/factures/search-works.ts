// facturesTravaux/v1/rechercher: works invoices (E4/E5 flows: progress statements, final accounts of public works,
// frames A4…A8). Pastell searches them on every import (CPPWrapper::rechercheFactureTravaux, paging in
// `rechercheFactureTravaux`, answer `listeFacturesTravaux` + `parametresRetour`) and stops on anything but its
// "no result" code. The hub takes supplier invoices (frame A1) only, so there are never works invoices to list:
// the answer is Chorus's own "no result" for this service, 20007 GFT_MSG_01.075, with HTTP 200.
import type { MirrorSession } from '../session.ts';

export const CODE_AUCUN_RESULTAT_TRAVAUX = 20007;
export const LIBELLE_AUCUN_RESULTAT_TRAVAUX = "GFT_MSG_01.075 – La recherche n'a retourné aucun résultat";

export function searchWorksInvoices(session: MirrorSession) {
  void session;
  return { codeRetour: CODE_AUCUN_RESULTAT_TRAVAUX, libelle: LIBELLE_AUCUN_RESULTAT_TRAVAUX };
}
