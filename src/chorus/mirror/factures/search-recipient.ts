// rechercherFactureParRecipiendaire: the invoices addressed to the recipient's structure. Pagination sits at the
// top level of this answer, unlike the other searches.
import { eq } from 'drizzle-orm';
import { chorusMirrorDownloads } from '../../../../db/schema/chorus.ts';
import { getStructure } from '../../../directory/index.ts';
import type { InvoiceSummary } from '../../../invoices/index.ts';
import type { AppDeps } from '../../../platform/http.ts';
import {
  CODE_AUCUN_RESULTAT,
  LIBELLE_AUCUN_RESULTAT,
  LIBELLE_OK_TRANSVERSES,
  type Pagination,
  type RechercherFactureParRecipiendaireResponse,
} from '../../domain/api-contract.ts';
import { chorusDate, chorusDateTime } from '../../domain/dates.ts';
import { cppIdOf, cppIdsOf, hubIdOf } from '../../ids.ts';
import { MirrorRefusal } from '../refusal.ts';
import type { MirrorSession } from '../session.ts';
import { amount, dayOf, findInvoices, statusFilter, typeFacture } from './invoice-rows.ts';
import { pageRequest } from './paging.ts';

export async function searchRecipientInvoices(
  deps: AppDeps,
  session: MirrorSession,
  body: Record<string, unknown>,
): Promise<RechercherFactureParRecipiendaireResponse> {
  if (session.role !== 'accountant')
    throw new MirrorRefusal(20005, 'Ce compte technique n’est pas rattaché à une structure destinataire.');
  const idDestinataire = await cppIdOf(deps.db, 'structure', session.structureId);
  if (body.idDestinataire !== undefined && body.idDestinataire !== null && body.idDestinataire !== idDestinataire) {
    throw new MirrorRefusal(20005, 'Ce compte technique n’agit pas pour cette structure destinataire.');
  }
  const paging = pageRequest(body.paramRecherche as Pagination | undefined);
  const statuses = statusFilter(body.statutCourant);
  let serviceId: string | undefined;
  if (body.idServiceExecutant !== undefined && body.idServiceExecutant !== null) {
    serviceId = await hubIdOf(deps.db, 'service', body.idServiceExecutant);
    if (serviceId === undefined) throw new MirrorRefusal(CODE_AUCUN_RESULTAT, LIBELLE_AUCUN_RESULTAT, 200);
  }
  const downloaded = await downloadedBy(deps, session.structureId);
  const from = boundOf(body.periodeDateHeureEtatCourantDu, '00:00');
  const to = boundOf(body.periodeDateHeureEtatCourantAu, '23:59');
  const wantDownloaded =
    typeof body.factureTelechargeeParDestinataire === 'boolean' ? body.factureTelechargeeParDestinataire : undefined;
  const keep =
    from || to || wantDownloaded !== undefined
      ? (i: InvoiceSummary) => {
          const changed = chorusDateTime(i.statusChangedAt);
          return (
            (!from || changed >= from) &&
            (!to || changed <= to) &&
            (wantDownloaded === undefined || downloaded.has(i.id) === wantDownloaded)
          );
        }
      : undefined;
  const found =
    statuses === null || body.typeDemandePaiement === 'FACTURE_TRAVAUX'
      ? undefined
      : await findInvoices(
          deps,
          session,
          {
            buyerId: session.structureId,
            serviceId,
            statuses,
            depositDateFrom: dayOf(body.periodeDateDepotDu),
            depositDateTo: dayOf(body.periodeDateDepotAu),
            issueDateFrom: dayOf(body.periodeDateFactureDu),
            issueDateTo: dayOf(body.periodeDateFactureAu),
            exactNumber:
              typeof body.numeroFacture === 'string' && body.numeroFacture !== '' ? body.numeroFacture : undefined,
            keep,
          },
          paging,
        );
  if (!found || found.total === 0) throw new MirrorRefusal(CODE_AUCUN_RESULTAT, LIBELLE_AUCUN_RESULTAT, 200);

  const serviceIds = await cppIdsOf(
    deps.db,
    'service',
    found.items.flatMap((i) => (i.service ? [i.service.id] : [])),
  );
  const suppliers = new Map<string, { siret: string; kind: string }>();
  for (const supplierId of new Set(found.items.map((i) => i.supplier.id))) {
    const structure = await getStructure(deps.db, supplierId);
    suppliers.set(supplierId, {
      siret: structure?.siret ?? structure?.vatNumber ?? '',
      kind: structure?.siret ? 'SIRET' : 'UE_HORS_FRANCE',
    });
  }
  return {
    codeRetour: 0,
    libelle: LIBELLE_OK_TRANSVERSES,
    listeFactures: found.items.map((i) => ({
      idFacture: found.invoiceIds.get(i.id) ?? 0,
      numeroFacture: i.number,
      statut: i.status,
      codeDestinataire: i.buyer.siret,
      idDestinataire,
      codeFournisseur: suppliers.get(i.supplier.id)?.siret ?? '',
      typeIdentifiantFournisseur: suppliers.get(i.supplier.id)?.kind ?? 'SIRET',
      designationFournisseur: i.supplier.name,
      codeServiceExecutant: i.service?.code ?? null,
      idServiceExecutant: i.service ? (serviceIds.get(i.service.id) ?? null) : null,
      dateDepot: chorusDate(i.depositedAt),
      dateFacture: i.issueDate,
      dateHeureEtatCourant: chorusDateTime(i.statusChangedAt),
      montantHT: amount(i.totalWithoutVat),
      montantTTC: amount(i.totalWithVat),
      montantAPayer: amount(i.amountDue),
      devise: i.currency,
      typeDemandePaiement: 'FACTURE',
      typeFacture: typeFacture(i.typeCode),
      factureTelechargeeParDestinataire: downloaded.has(i.id),
      numeroBonCommande: i.engagementNumber,
    })),
    pageCourante: paging.page,
    pages: Math.ceil(found.total / paging.size),
    nbResultatsParPage: paging.size,
    total: found.total,
  };
}

async function downloadedBy(deps: AppDeps, structureId: string): Promise<Set<string>> {
  const rows = await deps.db
    .select({ invoiceId: chorusMirrorDownloads.invoiceId })
    .from(chorusMirrorDownloads)
    .where(eq(chorusMirrorDownloads.structureId, structureId));
  return new Set(rows.map((r) => r.invoiceId));
}

/** A period bound ("2022-01-07", "2022-01-08T23:59:59", "2022-01-07 10:00") as "YYYY-MM-DD HH:mm", Paris time. */
function boundOf(value: unknown, defaultTime: string): string | undefined {
  if (typeof value !== 'string') return undefined;
  const m = /^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}:\d{2}))?/.exec(value.trim());
  return m ? `${m[1]} ${m[2] ?? defaultTime}` : undefined;
}
