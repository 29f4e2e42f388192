// rechercherFactureParFournisseur: the supplier's invoices, by flux, number, status or deposit dates.
import { eq } from 'drizzle-orm';
import { chorusMirrorFluxItems } from '../../../../db/schema/chorus.ts';
import type { AppDeps } from '../../../platform/http.ts';
import {
  CODE_AUCUN_RESULTAT,
  LIBELLE_AUCUN_RESULTAT,
  LIBELLE_OK_TRANSVERSES,
  type Pagination,
  type RechercherFactureParFournisseurResponse,
} from '../../domain/api-contract.ts';
import { chorusDate, chorusDateTime } from '../../domain/dates.ts';
import { fluxSequence } from '../flux/flux-number.ts';
import { MirrorRefusal } from '../refusal.ts';
import type { MirrorSession } from '../session.ts';
import { amount, dayOf, findInvoices, statusFilter, typeFacture } from './invoice-rows.ts';
import { pageRequest, parametresRetour } from './paging.ts';

export async function searchSupplierInvoices(
  deps: AppDeps,
  session: MirrorSession,
  body: Record<string, unknown>,
): Promise<RechercherFactureParFournisseurResponse> {
  if (session.role !== 'supplier')
    throw new MirrorRefusal(20005, 'Ce compte technique n’est pas rattaché à une structure fournisseur.');
  const paging = pageRequest(body.rechercheFactureParFournisseur as Pagination | undefined);
  const statuses = statusFilter(body.statutCourant);
  let fluxInvoiceIds: string[] | undefined;
  if (body.numeroFluxDepot !== undefined && body.numeroFluxDepot !== null && body.numeroFluxDepot !== '') {
    const sequence = fluxSequence(body.numeroFluxDepot);
    const rows =
      sequence === undefined
        ? []
        : await deps.db
            .select({ invoiceId: chorusMirrorFluxItems.invoiceId })
            .from(chorusMirrorFluxItems)
            .where(eq(chorusMirrorFluxItems.fluxSequence, sequence));
    fluxInvoiceIds = rows.flatMap((r) => (r.invoiceId ? [r.invoiceId] : []));
  }
  const found =
    statuses === null
      ? undefined
      : await findInvoices(
          deps,
          session,
          {
            supplierId: session.structureId,
            statuses,
            depositDateFrom: dayOf(body.periodeDateDepotDu),
            depositDateTo: dayOf(body.periodeDateDepotAu),
            exactNumber:
              typeof body.numeroFacture === 'string' && body.numeroFacture !== '' ? body.numeroFacture : undefined,
            fluxInvoiceIds,
          },
          paging,
        );
  if (!found || found.total === 0) throw new MirrorRefusal(CODE_AUCUN_RESULTAT, LIBELLE_AUCUN_RESULTAT, 200);
  return {
    codeRetour: 0,
    libelle: LIBELLE_OK_TRANSVERSES,
    listeFactures: found.items.map((i) => ({
      identifiantFactureCPP: found.invoiceIds.get(i.id) ?? 0,
      numeroFacture: i.number,
      statut: i.status,
      dateDepot: chorusDate(i.depositedAt),
      dateFacture: i.issueDate,
      dateHeureEtatCourant: chorusDateTime(i.statusChangedAt),
      codeDestinataire: i.buyer.siret,
      designationDestinataire: i.buyer.name,
      codeServiceExecutant: i.service?.code ?? null,
      montantHT: amount(i.totalWithoutVat),
      montantTTC: amount(i.totalWithVat),
      montantAPayer: amount(i.amountDue),
      devise: i.currency,
      typeFacture: typeFacture(i.typeCode),
      numeroFluxDepot: found.fluxOf.get(i.id) ?? null,
      numeroBonCommande: i.engagementNumber,
      rejetTraite: false,
      commentaireEtatCourant: null,
    })),
    parametresRetour: parametresRetour(paging, found.total),
  };
}
