// soumettreFacture: an invoice keyed in through the API (mode SAISIE_API) becomes an EN 16931 invoice written as
// UBL 2.1, then goes through the hub's deposit verb like any other; the answer is Chorus's.
import {
  dec,
  emptyInvoice,
  emptyLine,
  roundHalfUp,
  toFixed,
  writeUbl,
  type Invoice,
} from '../../../../formats/index.ts';
import { findStructureBySiret, frenchVatNumber, getStructure } from '../../../directory/index.ts';
import { depositInvoice, type InvoiceDeps } from '../../../invoices/index.ts';
import { LIBELLE_OK_GCU } from '../../domain/api-contract.ts';
import { chorusDate } from '../../domain/dates.ts';
import { cppIdOf, hubIdOf } from '../../ids.ts';
import { MirrorRefusal } from '../refusal.ts';
import type { MirrorSession } from '../session.ts';

type Json = Record<string, unknown>;
const obj = (v: unknown): Json => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Json) : {});
const str = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined);
const missing = (field: string) => new MirrorRefusal(20001, `Le champ ${field} est obligatoire.`);

/** A JSON amount or quantity as a decimal string, never through float arithmetic. */
function decimal(v: unknown, field: string): string {
  if (typeof v === 'number' && Number.isFinite(v)) return dec(String(v)).toString();
  if (typeof v === 'string' && /^-?\d+(\.\d+)?$/.test(v.trim())) return v.trim();
  throw new MirrorRefusal(20001, `Le champ ${field} doit être un nombre.`);
}

/** Chorus VAT rate codes (`TVA20`, `TVA5_5`…) or a manual rate. */
function vatRate(code: unknown, manual: unknown, field: string): string {
  if (manual !== undefined && manual !== null) return decimal(manual, field);
  const m = typeof code === 'string' ? /^TVA(\d+)(?:_(\d+))?$/.exec(code) : null;
  if (!m) throw new MirrorRefusal(20001, `Le taux de TVA ${String(code)} (${field}) est inconnu.`);
  return m[2] ? `${m[1]}.${m[2]}` : (m[1] as string);
}

export async function submitInvoice(deps: InvoiceDeps, session: MirrorSession, body: Json) {
  if (session.role !== 'supplier')
    throw new MirrorRefusal(20005, 'Ce compte technique n’est pas rattaché à une structure fournisseur.');
  const mode = str(body.modeDepot) ?? 'SAISIE_API';
  if (mode !== 'SAISIE_API')
    throw new MirrorRefusal(
      20001,
      `Le mode de dépôt ${mode} n’est pas accepté par cette interface (SAISIE_API uniquement).`,
    );
  const fournisseur = obj(body.fournisseur);
  if (
    fournisseur.idFournisseur !== undefined &&
    (await hubIdOf(deps.db, 'structure', fournisseur.idFournisseur)) !== session.structureId
  ) {
    throw new MirrorRefusal(20005, 'Ce compte technique n’agit pas pour ce fournisseur (idFournisseur).');
  }
  const invoice = await invoiceOf(deps, session, body);
  const bytes = new TextEncoder().encode(writeUbl(invoice));
  const result = await depositInvoice({
    ctx: { deps: deps, actor: session.actor },
    input: {
      supplierId: session.structureId,
      bytes,
      fileName: `${invoice.number}.xml`,
      channel: 'chorus_mirror',
    },
  });
  if (result.outcome === 'refused') {
    const detail = result.violations
      ?.filter((v) => v.severity === 'fatal')
      .map((v) => `${v.rule} : ${v.message}`)
      .join(' ; ');
    throw new MirrorRefusal(20020, detail ? `${result.message} ${detail}` : result.message);
  }
  const supplier = await getStructure(deps.db, session.structureId);
  return {
    codeRetour: 0,
    libelle: LIBELLE_OK_GCU,
    identifiantFactureCPP: await cppIdOf(deps.db, 'invoice', result.invoiceId),
    numeroFacture: result.number,
    statutFacture: result.status,
    dateDepot: chorusDate(deps.clock.now()),
    identifiantStructure: supplier?.siret ?? '',
    empreinteCertificatDepot: Buffer.from(result.originalSha256, 'hex').toString('base64'),
  };
}

async function invoiceOf(deps: InvoiceDeps, session: MirrorSession, body: Json): Promise<Invoice> {
  const references = obj(body.references);
  const destinataire = obj(body.destinataire);
  const number = str(body.numeroFactureSaisi);
  if (!number) throw missing('numeroFactureSaisi');
  const buyerSiret = str(destinataire.codeDestinataire);
  if (!buyerSiret) throw missing('destinataire.codeDestinataire');
  const supplier = await getStructure(deps.db, session.structureId);
  if (!supplier?.siret || !supplier.siren)
    throw new MirrorRefusal(20005, 'La structure du fournisseur n’a pas de SIRET.');
  const buyer = await findStructureBySiret(deps.db, buyerSiret);

  const invoice = emptyInvoice();
  invoice.number = number;
  invoice.issueDate = str(body.dateFacture) ?? chorusDate(deps.clock.now());
  invoice.typeCode = str(references.typeFacture) === 'AVOIR' ? '381' : '380';
  invoice.currencyCode = str(references.deviseFacture) ?? 'EUR';
  const serviceCode = str(destinataire.codeServiceExecutant);
  if (serviceCode) invoice.buyerReference = serviceCode;
  const engagement = str(references.numeroBonCommande);
  if (engagement) invoice.purchaseOrderReference = engagement;
  const contract = str(references.numeroMarche);
  if (contract) invoice.contractReference = contract;
  // Chorus's A1 (supplier invoice) in the French billing frames: M1, goods and services.
  invoice.processControl = { businessProcessType: 'M1', specificationIdentifier: 'urn:cen.eu:en16931:2017' };
  invoice.notes = [
    ...(str(body.commentaire) ? [{ note: str(body.commentaire) as string }] : []),
    {
      subjectCode: 'PMT',
      note: 'Indemnité forfaitaire pour frais de recouvrement en cas de retard de paiement : 40 €.',
    },
    { subjectCode: 'PMD', note: "Pénalités de retard : taux d'intérêt de la BCE majoré de 8 points." },
    { subjectCode: 'AAB', note: "Pas d'escompte pour paiement anticipé." },
  ];
  invoice.seller = {
    name: supplier.name,
    identifiers: [{ value: supplier.siret, schemeId: '0009' }],
    legalRegistrationId: { value: supplier.siren, schemeId: '0002' },
    vatId: supplier.vatNumber ?? frenchVatNumber(supplier.siren),
    electronicAddress: { value: supplier.siret, schemeId: '0009' },
    postalAddress: { countryCode: 'FR' },
  };
  invoice.buyer = {
    name: buyer?.name ?? buyerSiret,
    legalRegistrationId: { value: buyerSiret, schemeId: '0009' },
    electronicAddress: { value: buyerSiret, schemeId: '0009' },
    postalAddress: { countryCode: 'FR' },
  };

  const lignes = Array.isArray(body.lignePoste) ? (body.lignePoste as unknown[]).map(obj) : [];
  if (lignes.length === 0) throw missing('lignePoste');
  const byRate = new Map<string, string>();
  lignes.forEach((l, i) => {
    const field = `lignePoste[${i}]`;
    const quantity = decimal(l.lignePosteQuantite, `${field}.lignePosteQuantite`);
    const price = decimal(l.lignePosteMontantUnitaireHT, `${field}.lignePosteMontantUnitaireHT`);
    const discount =
      l.lignePosteMontantRemiseHT === undefined || l.lignePosteMontantRemiseHT === null
        ? '0'
        : decimal(l.lignePosteMontantRemiseHT, `${field}.lignePosteMontantRemiseHT`);
    const rate = vatRate(l.lignePosteTauxTva, l.lignePosteTauxTvaManuel, `${field}.lignePosteTauxTva`);
    const net = roundHalfUp(dec(quantity).times(dec(price)).minus(dec(discount)));
    const line = emptyLine();
    line.id = String(l.lignePosteNumero ?? i + 1);
    line.quantity = quantity;
    line.unitCode = 'C62';
    line.price = { netPrice: price };
    line.netAmount = toFixed(net);
    line.vat = { categoryCode: dec(rate).isZero() ? 'Z' : 'S', rate };
    line.item = {
      name: str(l.lignePosteDenomination) ?? str(l.lignePosteReference) ?? `Ligne ${i + 1}`,
      classificationIds: [],
      attributes: [],
    };
    invoice.lines.push(line);
    byRate.set(rate, toFixed(dec(byRate.get(rate) ?? '0').plus(net)));
  });
  invoice.vatBreakdown = [...byRate].map(([rate, taxable]) => ({
    categoryCode: dec(rate).isZero() ? 'Z' : 'S',
    rate,
    taxableAmount: taxable,
    taxAmount: toFixed(roundHalfUp(dec(taxable).times(dec(rate)).dividedBy(100))),
  }));
  const net = invoice.vatBreakdown.reduce((t, b) => t.plus(dec(b.taxableAmount ?? '0')), dec('0'));
  const vat = invoice.vatBreakdown.reduce((t, b) => t.plus(dec(b.taxAmount ?? '0')), dec('0'));
  invoice.totals = {
    lineNetAmount: toFixed(net),
    taxExclusiveAmount: toFixed(net),
    taxAmount: toFixed(vat),
    taxInclusiveAmount: toFixed(net.plus(vat)),
    payableAmount: toFixed(net.plus(vat)),
  };

  const montants = obj(body.montantTotal);
  if (
    montants.montantTtcTotal !== undefined &&
    !dec(decimal(montants.montantTtcTotal, 'montantTotal.montantTtcTotal')).equals(net.plus(vat))
  ) {
    throw new MirrorRefusal(
      20001,
      `Le montant TTC total (${String(montants.montantTtcTotal)}) ne correspond pas aux lignes (${toFixed(net.plus(vat))}).`,
    );
  }
  // A transfer needs the supplier's IBAN, which Chorus keeps by id (codeCoordonneesBancairesFournisseur) and the hub
  // does not: the payment means is then left out. Credit notes carry none (as Chorus requires).
  const means = ({ CHEQUE: '20', PRELEVEMENT: '49', ESPECE: '10' } as Record<string, string>)[
    str(references.modePaiement) ?? ''
  ];
  if (invoice.typeCode === '380' && means)
    invoice.paymentInstructions = { meansTypeCode: means, remittanceInformation: number, creditTransfers: [] };
  return invoice;
}
