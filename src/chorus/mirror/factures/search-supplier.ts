// rechercherFactureParFournisseur: the supplier's invoices. Every criterion of the contract (research note §2.1:
// OCA and Pastell by flux, GO's full request) is honoured or, when it names what the hub does not have (supplier
// services, validators, bank details ids, creating users' ids, handled rejections), matches nothing.
import { eq } from 'drizzle-orm';
import { chorusMirrorFluxItems } from '../../../../db/schema/chorus.ts';
import { dec } from '../../../../formats/index.ts';
import type { InvoiceStatus } from '../../../invoices/index.ts';
import type { AppDeps } from '../../../platform/http.ts';
import {
  LIBELLE_OK_TRANSVERSES,
  type FactureFournisseur,
  type RechercherFactureParFournisseurResponse,
} from '../../domain/api-contract.ts';
import { chorusDate, chorusIsoDateTime } from '../../domain/dates.ts';
import { cppIdOf, hubIdOf } from '../../ids.ts';
import { fluxSequence } from '../flux/flux-number.ts';
import { MirrorRefusal, noResult } from '../refusal.ts';
import type { MirrorSession } from '../session.ts';
import {
  amountCriterion,
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
import { pageRequest, parametresRetour } from './paging.ts';

const COLUMNS = [
  'identifiantFactureCPP',
  'numeroFacture',
  'statut',
  'typeDemandePaiement',
  'typeFacture',
  'dateDepot',
  'dateFacture',
  'dateHeureEtatCourant',
  'codeFournisseur',
  'typeIdentifiantFournisseur',
  'designationFournisseur',
  'codeDestinataire',
  'idDestinataire',
  'designationDestinataire',
  'codeServiceExecutant',
  'idServiceExecutant',
  'nomServiceExecutant',
  'montantHT',
  'montantTTC',
  'montantAPayer',
  'devise',
  'numeroFluxDepot',
  'numeroBonCommande',
  'modeDepot',
  'nomPrenomUtilisateurCreateur',
  'taille',
] as const satisfies readonly (keyof FactureFournisseur)[];

export async function searchSupplierInvoices(
  deps: AppDeps,
  session: MirrorSession,
  body: Json,
): Promise<RechercherFactureParFournisseurResponse> {
  if (session.role !== 'supplier')
    throw new MirrorRefusal(20005, 'Ce compte technique n’est pas rattaché à une structure fournisseur.');
  const params = objectOf(body.rechercheFactureParFournisseur);
  const paging = pageRequest(params);
  const sort = sortCriterion(params, 'rechercheFactureParFournisseur', COLUMNS);
  const max = idCriterion(params, 'nbResultatsMaximum');

  const idFournisseur = idCriterion(body, 'idFournisseur');
  if (idFournisseur !== undefined && idFournisseur !== (await cppIdOf(deps.db, 'structure', session.structureId)))
    throw new MirrorRefusal(20005, 'Ce compte technique n’agit pas pour ce fournisseur (idFournisseur).');
  // Criteria the hub cannot meet.
  if (
    idCriterion(body, 'idServiceFournisseur') !== undefined ||
    idCriterion(body, 'idStructureValideur') !== undefined ||
    idCriterion(body, 'coordonneeBancaire') !== undefined ||
    isGiven(body.idUtilisateurCreateur) ||
    flagCriterion(body, 'rejetTraite') === true ||
    !frameMatches(body)
  )
    throw noResult();

  const statuses = statusesCriterion(body);
  if (statuses?.length === 0) throw noResult();
  let fluxInvoiceIds: string[] | undefined;
  const numeroFluxDepot = textCriterion(body, 'numeroFluxDepot');
  if (numeroFluxDepot !== undefined) {
    const sequence = fluxSequence(numeroFluxDepot);
    const rows =
      sequence === undefined
        ? []
        : await deps.db
            .select({ invoiceId: chorusMirrorFluxItems.invoiceId })
            .from(chorusMirrorFluxItems)
            .where(eq(chorusMirrorFluxItems.fluxSequence, sequence));
    fluxInvoiceIds = rows.flatMap((r) => (r.invoiceId ? [r.invoiceId] : []));
  }
  const recipients = await recipientFilter(deps, body.listeDestinataire);
  if (recipients?.size === 0) throw noResult();
  const type = textCriterion(body, 'typeFacture');
  const modeDepot = textCriterion(body, 'modeDepot');
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
  const preceding = textCriterion(body, 'numeroFactureOrigine');
  const model = modelLoader(deps, session);

  const inMemory = [
    recipients,
    type,
    modeDepot,
    changedFrom,
    changedTo,
    depositFrom,
    depositTo,
    htMin,
    htMax,
    dueMin,
    dueMax,
    engagement,
    contract,
    preceding,
  ].some((c) => c !== undefined);
  const keep = inMemory
    ? async ({ invoice: i, facts }: Found): Promise<boolean> => {
        const changed = Date.parse(i.statusChangedAt);
        const deposited = Date.parse(i.depositedAt);
        if (recipients) {
          const services = recipients.get(i.buyer.id);
          if (!services || (services.size > 0 && !(i.service && services.has(i.service.id)))) return false;
        }
        if (type !== undefined && typeFacture(i.typeCode) !== type) return false;
        if (modeDepot !== undefined && facts.modeDepot !== modeDepot) return false;
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
        if (preceding !== undefined && !(await model(i.id)).precedingInvoices.some((p) => p.reference === preceding))
          return false;
        return true;
      }
    : undefined;

  const ttcMin = amountCriterion(body, 'montantTTCMin');
  const ttcMax = amountCriterion(body, 'montantTTCMax');
  const found = await searchInvoices(
    deps,
    session,
    {
      filters: {
        supplierId: session.structureId,
        statuses: statuses as InvoiceStatus[] | undefined,
        issueDateFrom: dayCriterion(body, 'periodeDateFactureDu'),
        issueDateTo: dayCriterion(body, 'periodeDateFactureAu'),
        ...(ttcMin ? { amountMin: ttcMin.toFixed() } : {}),
        ...(ttcMax ? { amountMax: ttcMax.toFixed() } : {}),
      },
      exactNumber: textCriterion(body, 'numeroFacture'),
      fluxInvoiceIds,
      keep,
      max,
    },
    rowOf,
    sort,
    paging,
  );
  if (found.total === 0) throw noResult();
  return {
    codeRetour: 0,
    libelle: LIBELLE_OK_TRANSVERSES,
    listeFactures: found.rows,
    parametresRetour: parametresRetour(paging, found.total),
  };
}

function rowOf({ invoice: i, facts }: Found): FactureFournisseur {
  return {
    identifiantFactureCPP: facts.cppId,
    numeroFacture: i.number,
    statut: i.status,
    typeDemandePaiement: 'FACTURE',
    typeFacture: typeFacture(i.typeCode),
    dateDepot: chorusDate(i.depositedAt),
    dateFacture: i.issueDate,
    dateHeureEtatCourant: chorusIsoDateTime(i.statusChangedAt),
    codeFournisseur: facts.supplier.identifier,
    typeIdentifiantFournisseur: facts.supplier.kind,
    designationFournisseur: i.supplier.name,
    codeDestinataire: i.buyer.siret,
    idDestinataire: facts.buyerCppId,
    designationDestinataire: i.buyer.name,
    codeServiceExecutant: i.service?.code ?? null,
    idServiceExecutant: facts.serviceCppId,
    nomServiceExecutant: i.service?.label ?? null,
    montantHT: amount(i.totalWithoutVat),
    montantTTC: amount(i.totalWithVat),
    montantAPayer: amount(i.amountDue),
    devise: i.currency,
    numeroFluxDepot: facts.fluxNumber,
    numeroBonCommande: i.engagementNumber,
    modeDepot: facts.modeDepot,
    nomPrenomUtilisateurCreateur: facts.creator,
    taille: facts.size,
    rejetTraite: false,
    commentaireEtatCourant: null,
  };
}

/**
 * `listeDestinataire[{idDestinataire, listeIdServiceExecutant}]`: the recipients (hub structure ids) and, for each,
 * the services wanted (none: all). Undefined when not given; an empty map when none of them is known.
 */
async function recipientFilter(deps: AppDeps, value: unknown): Promise<Map<string, Set<string>> | undefined> {
  if (!isGiven(value)) return undefined;
  if (!Array.isArray(value))
    throw new MirrorRefusal(
      20001,
      'Le critère de recherche « listeDestinataire » doit être une liste de { idDestinataire, listeIdServiceExecutant }.',
    );
  const entries = value.map(objectOf).filter((e) => isGiven(e.idDestinataire));
  if (entries.length === 0) return undefined;
  const out = new Map<string, Set<string>>();
  for (const entry of entries) {
    const id = idCriterion(entry, 'idDestinataire');
    const hubId = id === undefined ? undefined : await hubIdOf(deps.db, 'structure', id);
    if (hubId === undefined) continue;
    const services = new Set<string>();
    const listed = isGiven(entry.listeIdServiceExecutant) && Array.isArray(entry.listeIdServiceExecutant);
    for (const sid of listed ? (entry.listeIdServiceExecutant as unknown[]) : []) {
      const serviceId = await hubIdOf(deps.db, 'service', sid);
      services.add(serviceId ?? 'unknown-service');
    }
    out.set(hubId, services);
  }
  return out;
}
