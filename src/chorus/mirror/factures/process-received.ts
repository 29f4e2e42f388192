// traiterFactureRecue: the recipient sets a status, through the hub's decision verb (same rules as its pages).
import { decideInvoice, getInvoiceDetail } from '../../../invoices/index.ts';
import type { AppDeps } from '../../../platform/http.ts';
import { LIBELLE_OK_TRANSVERSES, type TraiterFactureRecueResponse } from '../../domain/api-contract.ts';
import { chorusDate } from '../../domain/dates.ts';
import { MirrorRefusal } from '../refusal.ts';
import type { MirrorSession } from '../session.ts';
import { invoiceOfSession } from './invoice-of-session.ts';

type AccountantAction = Parameters<typeof decideInvoice>[0]['input']['action'];

export async function processReceivedInvoice(
  deps: AppDeps,
  session: MirrorSession,
  body: Record<string, unknown>,
): Promise<TraiterFactureRecueResponse> {
  if (session.role !== 'accountant')
    throw new MirrorRefusal(20005, 'Ce compte technique n’est pas rattaché à une structure destinataire.');
  const { invoiceId, cppId } = await invoiceOfSession(deps, session, body.idFacture);
  const nouveauStatut = typeof body.nouveauStatut === 'string' ? body.nouveauStatut : '';
  const motif = typeof body.motif === 'string' ? body.motif : '';
  // The official sample writes `NumeroDPMandat`; clients send `numeroDPMandat`.
  const mandat =
    typeof body.numeroDPMandat === 'string'
      ? body.numeroDPMandat
      : typeof body.NumeroDPMandat === 'string'
        ? body.NumeroDPMandat
        : '';
  const today = chorusDate(deps.clock.now());
  const action = actionOf(nouveauStatut, motif, mandat, today);
  if (!action)
    throw new MirrorRefusal(20010, `Le statut « ${nouveauStatut} » ne peut pas être demandé par le destinataire.`);
  await decideInvoice({ ctx: { deps: deps, actor: session.actor }, input: { invoiceId: invoiceId, action: action } });
  const detail = await getInvoiceDetail(deps, session.actor, invoiceId);
  return {
    codeRetour: 0,
    libelle: LIBELLE_OK_TRANSVERSES,
    dateTraitement: today,
    idFacture: cppId,
    nouveauStatut,
    numeroFacture: detail.number,
  };
}

function actionOf(statut: string, motif: string, mandat: string, today: string): AccountantAction | undefined {
  switch (statut) {
    case 'SERVICE_FAIT':
    case 'MISE_A_DISPOSITION_COMPTABLE':
    case 'COMPTABILISEE':
      return { kind: statut };
    case 'SUSPENDUE':
    case 'REJETEE':
    case 'A_RECYCLER':
      return { kind: statut, motive: motif };
    case 'MANDATEE':
      return { kind: 'MANDATEE', mandateNumber: mandat };
    case 'MISE_EN_PAIEMENT':
      return { kind: 'MISE_EN_PAIEMENT', paymentDate: today };
    default:
      return undefined;
  }
}
