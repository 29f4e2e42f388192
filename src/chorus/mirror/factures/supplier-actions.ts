// completerFacture (after SUSPENDUE) and recyclerFacture (after A_RECYCLER), through the hub's supplier verb.
import { getInvoiceDetail, supplierActOnInvoice } from '../../../invoices/index.ts';
import type { AppDeps } from '../../../platform/http.ts';
import { LIBELLE_OK_TRANSVERSES, type Retour } from '../../domain/api-contract.ts';
import { chorusDate, chorusDateTime } from '../../domain/dates.ts';
import { MirrorRefusal } from '../refusal.ts';
import type { MirrorSession } from '../session.ts';
import { invoiceOfSession } from './invoice-of-session.ts';

function requireSupplier(session: MirrorSession): void {
  if (session.role !== 'supplier')
    throw new MirrorRefusal(20005, 'Ce compte technique n’est pas rattaché à une structure fournisseur.');
}

export async function completeInvoice(
  deps: AppDeps,
  session: MirrorSession,
  body: Record<string, unknown>,
): Promise<Retour & { identifiantFactureCPP: number; numeroFacture: string; dateTraitement: string }> {
  requireSupplier(session);
  const { invoiceId, cppId } = await invoiceOfSession(deps, session, body.identifiantFactureCPP);
  if (Array.isArray(body.pieceJointeComplementaire) && body.pieceJointeComplementaire.length > 0) {
    throw new MirrorRefusal(
      20016,
      'Les pièces jointes complémentaires ne sont pas encore acceptées par cette interface : complétez la facture par un commentaire, ou joignez les pièces depuis le portail du hub.',
    );
  }
  const comment = typeof body.commentaire === 'string' ? body.commentaire : '';
  await supplierActOnInvoice({
    ctx: { deps: deps, actor: session.actor },
    input: { invoiceId: invoiceId, action: { kind: 'COMPLETEE', comment, attachments: [] } },
  });
  const detail = await getInvoiceDetail(deps, session.actor, invoiceId);
  return {
    codeRetour: 0,
    libelle: LIBELLE_OK_TRANSVERSES,
    identifiantFactureCPP: cppId,
    numeroFacture: detail.number,
    dateTraitement: chorusDate(deps.clock.now()),
  };
}

export async function recycleInvoice(
  deps: AppDeps,
  session: MirrorSession,
  body: Record<string, unknown>,
): Promise<
  Retour & { identifiantFactureCPP: number; numeroFacture: string; dateDepot: string; statutFacture: string }
> {
  requireSupplier(session);
  const { invoiceId, cppId } = await invoiceOfSession(deps, session, body.identifiantFactureCPP);
  const destinataire = (body.destinataire ?? {}) as Record<string, unknown>;
  const buyerSiret = typeof destinataire.codeDestinataire === 'string' ? destinataire.codeDestinataire : '';
  const serviceCode =
    typeof destinataire.codeServiceExecutant === 'string' && destinataire.codeServiceExecutant !== ''
      ? destinataire.codeServiceExecutant
      : undefined;
  const engagementNumber =
    typeof body.numeroBonCommande === 'string' && body.numeroBonCommande !== '' ? body.numeroBonCommande : undefined;
  const result = await supplierActOnInvoice({
    ctx: { deps: deps, actor: session.actor },
    input: {
      invoiceId: invoiceId,
      action: {
        kind: 'REROUTE',
        buyerSiret,
        ...(serviceCode !== undefined ? { serviceCode } : {}),
        ...(engagementNumber !== undefined ? { engagementNumber } : {}),
      },
    },
  });
  const detail = await getInvoiceDetail(deps, session.actor, invoiceId);
  return {
    codeRetour: 0,
    libelle: LIBELLE_OK_TRANSVERSES,
    dateDepot: chorusDateTime(deps.clock.now()),
    identifiantFactureCPP: cppId,
    numeroFacture: detail.number,
    statutFacture: result.status,
  };
}
