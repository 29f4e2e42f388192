// consulterHistoriqueFacture: the status history of an invoice, newest first, for either side.
import { getInvoiceDetail } from '../../../invoices/index.ts';
import type { AppDeps } from '../../../platform/http.ts';
import { LIBELLE_OK_TRANSVERSES, type ConsulterHistoriqueResponse } from '../../domain/api-contract.ts';
import { chorusDateTime } from '../../domain/dates.ts';
import type { MirrorSession } from '../session.ts';
import { invoiceOfSession } from './invoice-of-session.ts';
import { invoiceFacts } from './invoice-rows.ts';

export async function invoiceHistory(
  deps: AppDeps,
  session: MirrorSession,
  body: Record<string, unknown>,
): Promise<ConsulterHistoriqueResponse> {
  const { invoiceId, cppId } = await invoiceOfSession(deps, session, body.idFacture);
  const detail = await getInvoiceDetail(deps, session.actor, invoiceId);
  const facts = (await invoiceFacts(deps, session, [detail])).get(invoiceId);
  const max =
    Number.isInteger(body.nbResultatsMaximum) && (body.nbResultatsMaximum as number) > 0
      ? (body.nbResultatsMaximum as number)
      : undefined;
  const newestFirst = [...detail.events].sort((a, b) => b.sequence - a.sequence).slice(0, max);
  return {
    codeRetour: 0,
    libelle: LIBELLE_OK_TRANSVERSES,
    idFacture: cppId,
    numeroFacture: detail.number,
    modeDepot: facts?.modeDepot ?? 'DEPOT_FLUX',
    statutCourantCode: detail.status,
    historiquesDesStatuts: {
      histoStatut: newestFirst.map((e) => {
        const [prenom, ...nom] = e.actorName.split(' ');
        return {
          histoStatutId: e.sequence,
          histoStatutCode: e.toStatus,
          histoStatutDatePassage: chorusDateTime(e.occurredAt),
          histoStatutCommentaire: e.motive,
          histoStatutUtilisateurNom: nom.length > 0 ? nom.join(' ') : (prenom ?? ''),
          histoStatutUtilisateurPrenom: nom.length > 0 ? (prenom ?? '') : '',
        };
      }),
    },
    historiquesDesActionsUtilisateurs: { histoAction: [] },
    historiquesDesEvenementsComplementaires: { evenement: [] },
  };
}
