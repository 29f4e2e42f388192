// consulterFactureParFournisseur / consulterFactureParRecipiendaire: one invoice's header, parties, references and
// totals, as Chorus Pro nests them. Lines and VAT breakdown are not given (empty lists); dates as domain/dates.ts says.
import { getInvoiceDetail, type InvoiceDetail } from '../../../invoices/index.ts';
import { getStructure } from '../../../directory/index.ts';
import type { AppDeps } from '../../../platform/http.ts';
import { LIBELLE_OK_TRANSVERSES } from '../../domain/api-contract.ts';
import { chorusDate, chorusDateTime } from '../../domain/dates.ts';
import { cppIdOf, cppIdsOf } from '../../ids.ts';
import { MirrorRefusal } from '../refusal.ts';
import type { MirrorSession } from '../session.ts';
import type { Invoice } from '../../../../formats/index.ts';
import { amount, invoiceFacts, typeFacture, type InvoiceFacts } from './invoice-rows.ts';
import { invoiceModel } from './invoice-model.ts';
import { invoiceOfSession } from './invoice-of-session.ts';

export async function consultInvoice(
  deps: AppDeps,
  session: MirrorSession,
  body: Record<string, unknown>,
  side: 'supplier' | 'accountant',
) {
  if (session.role !== side)
    throw new MirrorRefusal(
      20005,
      side === 'supplier'
        ? 'Ce compte technique n’est pas rattaché à une structure fournisseur.'
        : 'Ce compte technique n’est pas rattaché à une structure destinataire.',
    );
  const { invoiceId, cppId } = await invoiceOfSession(deps, session, body.identifiantFactureCPP ?? body.idFacture);
  const detail = await getInvoiceDetail(deps, session.actor, invoiceId);
  const [facts, model] = await Promise.all([
    invoiceFacts(deps, session, [detail]),
    invoiceModel(deps, session, invoiceId),
  ]);
  return {
    codeRetour: 0,
    libelle: LIBELLE_OK_TRANSVERSES,
    facture: await facture(deps, detail, cppId, facts.get(invoiceId) as InvoiceFacts, model),
  };
}

async function facture(deps: AppDeps, d: InvoiceDetail, cppId: number, facts: InvoiceFacts, model: Invoice) {
  const supplier = await getStructure(deps.db, d.supplier.id);
  const structureIds = await cppIdsOf(deps.db, 'structure', [d.supplier.id, d.buyer.id]);
  return {
    identifiantFactureCPP: cppId,
    numeroFacture: d.number,
    statutFacture: d.status,
    modeDepot: facts.modeDepot,
    commentaire: d.lastMotive,
    cadreDeFacturation: {
      codeCadreFacturation: 'A1_FACTURE_FOURNISSEUR',
      codeStructureValideur: null,
      codeServiceValideur: null,
    },
    destinataire: {
      codeDestinataire: d.buyer.siret,
      idDestinataire: structureIds.get(d.buyer.id) ?? null,
      libelleDestinataire: d.buyer.name,
      codeServiceExecutant: d.service?.code ?? null,
      idServiceExecutant: d.service ? await cppIdOf(deps.db, 'service', d.service.id) : null,
      libelleServiceExecutant: d.service?.label ?? null,
    },
    fournisseur: {
      codeFournisseur: supplier?.siret ?? supplier?.vatNumber ?? d.supplierIdentifier,
      idFournisseur: structureIds.get(d.supplier.id) ?? null,
      typeIdentifiantFournisseur: supplier?.siret ? 'SIRET' : 'UE_HORS_FRANCE',
      raisonSocialeFournisseur: d.supplier.name,
    },
    references: {
      numeroBonCommande: d.engagementNumber,
      numeroMarche: model.contractReference?.trim() || null,
      numeroFactureOrigine: model.precedingInvoices[0]?.reference ?? null,
      numeroDpMandat: d.mandateNumber,
      // The deposit's Paris day, as searches give it; its time is dateCreationFacture.
      dateDepot: chorusDate(d.depositedAt),
      dateCreationFacture: chorusDateTime(d.depositedAt),
      dateFacture: d.issueDate,
      dateEcheancePaiement: d.paymentClock.legalDueAt ? chorusDate(d.paymentClock.legalDueAt) : null,
      typeFacture: typeFacture(d.typeCode),
      codeDeviseFacture: d.currency,
    },
    lignesDePoste: { lignePoste: [] },
    recapitulatifDeTva: { ligneTva: [] },
    montantTotal: {
      montantHtTotal: amount(d.totalWithoutVat),
      montantTVA: amount(d.totalVat),
      montantTtcTotal: amount(d.totalWithVat),
      montantAPayer: amount(d.amountDue),
    },
  };
}
