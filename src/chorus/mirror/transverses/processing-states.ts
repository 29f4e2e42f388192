// recupererEtatsPossiblesPourTraitement and recupererEtatParTypeDemandePaiement: the hub's lifecycle rules,
// the same the decision verbs apply, as Chorus lists them.
import { invoiceStatuses } from '../../../../db/schema/invoices.ts';
import { TRANSITIONS } from '../../../invoices/index.ts';
import { LIBELLE_OK_TRANSVERSES } from '../../domain/api-contract.ts';

export function possibleProcessingStates(body: Record<string, unknown>) {
  const from = typeof body.statutCourant === 'string' ? body.statutCourant : '';
  const targets = [...new Set(TRANSITIONS.filter((t) => t.from === from && t.by === 'accountant').map((t) => t.to))];
  return {
    codeRetour: 0,
    libelle: LIBELLE_OK_TRANSVERSES,
    listeStatutsPossiblesPourTraitement: targets.map((statutPossiblePourTraitement) => ({
      statutPossiblePourTraitement,
    })),
  };
}

export function statesOfPaymentRequestType() {
  return {
    codeRetour: 0,
    libelle: LIBELLE_OK_TRANSVERSES,
    listeEtatDemandePaiement: invoiceStatuses.map((etatDemandePaiement) => ({ etatDemandePaiement })),
  };
}
