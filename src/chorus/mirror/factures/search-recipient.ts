// rechercherFactureParRecipiendaire: the invoices addressed to the recipient's structure. Every criterion of the
// contract (research note §2.1: Pastell's request, COMM search-by-recipient-for-an-invoice, GO) is honoured or,
// when it names what the hub does not have (validators, works invoices, supplier services), matches nothing.
// Pagination sits at the top level of this answer, unlike the other searches.
import { dec } from '../../../../formats/index.ts';
import type { InvoiceStatus } from '../../../invoices/index.ts';
import type { AppDeps } from '../../../platform/http.ts';
import {
  LIBELLE_OK_TRANSVERSES,
  type FactureRecipiendaire,
  type RechercherFactureParRecipiendaireResponse,
} from '../../domain/api-contract.ts';
import { chorusDate, chorusIsoDateTime } from '../../domain/dates.ts';
import { cppIdOf, hubIdOf } from '../../ids.ts';
import { MirrorRefusal, noResult } from '../refusal.ts';
import type { MirrorSession } from '../session.ts';
import {
  amountCriterion,
  codesCriterion,
  dayCriterion,
  flagCriterion,
  frameMatches,
  idCriterion,
  instantCriterion,
  isGiven,
  objectOf,
  sortCriterion,
  statusesCriterion,
  textCriterion,
  type Json,
} from './criteria.ts';
import { amount, searchInvoices, typeFacture, type Found } from './invoice-rows.ts';
import { modelLoader } from './invoice-model.ts';
import { pageRequest } from './paging.ts';

/** The row fields, which are also the `triColonne` values. */
const COLUMNS = [
  'idFacture',
  'numeroFacture',
  'statut',
  'codeDestinataire',
  'idDestinataire',
  'codeFournisseur',
  'idFournisseur',
  'typeIdentifiantFournisseur',
  'designationFournisseur',
  'codeServiceExecutant',
  'idServiceExecutant',
  'nomServiceExecutant',
  'dateDepot',
  'dateFacture',
  'dateHeureEtatCourant',
  'montantHT',
  'montantTTC',
  'montantAPayer',
  'devise',
  'typeDemandePaiement',
  'typeFacture',
  'factureTelechargeeParDestinataire',
  'numeroBonCommande',
  'taille',
] as const satisfies readonly (keyof FactureRecipiendaire)[];

export async function searchRecipientInvoices(
  deps: AppDeps,
  session: MirrorSession,
  body: Json,
): Promise<RechercherFactureParRecipiendaireResponse> {
  if (session.role !== 'accountant')
    throw new MirrorRefusal(20005, 'Ce compte technique n’est pas rattaché à une structure destinataire.');
  const idDestinataire = await cppIdOf(deps.db, 'structure', session.structureId);
  const asked = idCriterion(body, 'idDestinataire');
  if (asked !== undefined && asked !== idDestinataire)
    throw new MirrorRefusal(20005, 'Ce compte technique n’agit pas pour cette structure destinataire.');
  const params = objectOf(body.paramRecherche);
  const paging = pageRequest(params);
  const sort = sortCriterion(params, 'paramRecherche', COLUMNS);
  const max = idCriterion(params, 'nbResultatsMaximum');

  // Criteria the hub cannot meet: another kind of payment request, a validator, another billing frame.
  const type = textCriterion(body, 'typeDemandePaiement');
  if ((type !== undefined && type !== 'FACTURE') || idCriterion(body, 'idStructureValideur') !== undefined)
    throw noResult();
  if (!frameMatches(body)) throw noResult();

  const statuses = statusesCriterion(body);
  if (statuses?.length === 0) throw noResult();
  let serviceId: string | undefined;
  const idService = idCriterion(body, 'idServiceExecutant');
  if (idService !== undefined) {
    serviceId = await hubIdOf(deps.db, 'service', idService);
    if (serviceId === undefined) throw noResult();
  }
  const suppliers = await supplierFilter(deps, body.listeFournisseurs);
  if (suppliers?.size === 0) throw noResult();
  const types = codesCriterion(body, 'listeTypeFacture');
  const downloaded = flagCriterion(body, 'factureTelechargeeParDestinataire');
  const changedFrom = instantCriterion(body, 'periodeDateHeureEtatCourantDu', 'start');
  const changedTo = instantCriterion(body, 'periodeDateHeureEtatCourantAu', 'end');
  const depositFrom = instantCriterion(body, 'periodeDateDepotDu', 'start');
  const depositTo = instantCriterion(body, 'periodeDateDepotAu', 'end');
  const htMin = amountCriterion(body, 'montantHTMin');
  const htMax = amountCriterion(body, 'montantHTMax');
  const dueMin = amountCriterion(body, 'montantApayerMin', 'montantAPayerMin');
  const dueMax = amountCriterion(body, 'montantApayerMax', 'montantAPayerMax');
  const engagement = textCriterion(body, 'numeroBonCommande');
  const contract = textCriterion(body, 'numeroMarche');
  const model = modelLoader(deps, session);

  const inMemory =
    suppliers !== undefined ||
    types !== undefined ||
    downloaded !== undefined ||
    changedFrom !== undefined ||
    changedTo !== undefined ||
    depositFrom !== undefined ||
    depositTo !== undefined ||
    htMin !== undefined ||
    htMax !== undefined ||
    dueMin !== undefined ||
    dueMax !== undefined ||
    engagement !== undefined ||
    contract !== undefined;
  const keep = inMemory
    ? async ({ invoice: i, facts }: Found): Promise<boolean> => {
        const changed = Date.parse(i.statusChangedAt);
        const deposited = Date.parse(i.depositedAt);
        if (suppliers && !suppliers.has(i.supplier.id)) return false;
        if (types && !types.includes(typeFacture(i.typeCode))) return false;
        if (downloaded !== undefined && facts.downloaded !== downloaded) return false;
        if (changedFrom && changed < changedFrom.getTime()) return false;
        if (changedTo && changed > changedTo.getTime()) return false;
        if (depositFrom && deposited < depositFrom.getTime()) return false;
        if (depositTo && deposited > depositTo.getTime()) return false;
        if (htMin && dec(i.totalWithoutVat).lt(htMin)) return false;
        if (htMax && dec(i.totalWithoutVat).gt(htMax)) return false;
        if (dueMin && dec(i.amountDue).lt(dueMin)) return false;
        if (dueMax && dec(i.amountDue).gt(dueMax)) return false;
        if (engagement !== undefined && i.engagementNumber !== engagement) return false;
        if (contract !== undefined && (await model(i.id)).contractReference?.trim() !== contract) return false;
        return true;
      }
    : undefined;

  const found = await searchInvoices(
    deps,
    session,
    {
      filters: {
        buyerId: session.structureId,
        serviceId,
        statuses: statuses as InvoiceStatus[] | undefined,
        issueDateFrom: dayCriterion(body, 'periodeDateFactureDu'),
        issueDateTo: dayCriterion(body, 'periodeDateFactureAu'),
        ...amountFilters(body),
      },
      exactNumber: textCriterion(body, 'numeroFacture'),
      keep,
      max,
    },
    (f) => rowOf(f, idDestinataire),
    sort,
    paging,
  );
  if (found.total === 0) throw noResult();
  return {
    codeRetour: 0,
    libelle: LIBELLE_OK_TRANSVERSES,
    listeFactures: found.rows,
    pageCourante: paging.page,
    pages: Math.ceil(found.total / paging.size),
    nbResultatsParPage: paging.size,
    total: found.total,
  };
}

function rowOf({ invoice: i, facts }: Found, idDestinataire: number): FactureRecipiendaire {
  return {
    idFacture: facts.cppId,
    numeroFacture: i.number,
    statut: i.status,
    codeDestinataire: i.buyer.siret,
    idDestinataire,
    codeFournisseur: facts.supplier.identifier,
    idFournisseur: facts.supplier.cppId,
    typeIdentifiantFournisseur: facts.supplier.kind,
    designationFournisseur: i.supplier.name,
    codeServiceExecutant: i.service?.code ?? null,
    idServiceExecutant: facts.serviceCppId,
    nomServiceExecutant: i.service?.label ?? null,
    dateDepot: chorusDate(i.depositedAt),
    dateFacture: i.issueDate,
    dateHeureEtatCourant: chorusIsoDateTime(i.statusChangedAt),
    montantHT: amount(i.totalWithoutVat),
    montantTTC: amount(i.totalWithVat),
    montantAPayer: amount(i.amountDue),
    devise: i.currency,
    typeDemandePaiement: 'FACTURE',
    typeFacture: typeFacture(i.typeCode),
    factureTelechargeeParDestinataire: facts.downloaded,
    numeroBonCommande: i.engagementNumber,
    taille: facts.size,
  };
}

/** `montantTTCMin/Max`: the invoices module filters on the total with VAT. */
function amountFilters(body: Json): { amountMin?: string; amountMax?: string } {
  const min = amountCriterion(body, 'montantTTCMin');
  const max = amountCriterion(body, 'montantTTCMax');
  return { ...(min ? { amountMin: min.toFixed() } : {}), ...(max ? { amountMax: max.toFixed() } : {}) };
}

/**
 * `listeFournisseurs[{idFournisseur, listeIdService}]`: the suppliers whose invoices are wanted (hub structure ids).
 * A supplier given with services matches nothing: the hub's suppliers have no services. Undefined when not given.
 */
async function supplierFilter(deps: AppDeps, value: unknown): Promise<Set<string> | undefined> {
  if (!isGiven(value)) return undefined;
  if (!Array.isArray(value))
    throw new MirrorRefusal(
      20001,
      'Le critère de recherche « listeFournisseurs » doit être une liste de { idFournisseur, listeIdService }.',
    );
  const entries = value.map(objectOf).filter((e) => isGiven(e.idFournisseur));
  if (entries.length === 0) return undefined;
  const ids = new Set<string>();
  for (const entry of entries) {
    const id = idCriterion(entry, 'idFournisseur');
    const hubId = id === undefined ? undefined : await hubIdOf(deps.db, 'structure', id);
    if (hubId !== undefined && !isGiven(entry.listeIdService)) ids.add(hubId);
  }
  return ids;
}
