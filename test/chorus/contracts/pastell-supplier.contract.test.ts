// Pastell's supplier side (module facture-chorus-fournisseur; connecteur cpp CPP.class.php: deposerPDF,
// soumettreFacture, deposerXML, getInfoByNumeroFluxDepot, consulterCompteRenduImport; actions CPPDeposerPDF and
// ChorusProSendFacture), against the mirror over HTTP:
// - deposer/pdf {fichierFacture, nomFichier, formatDepot:"PDF_NON_SIGNE"}: reads codeDestinataire,
//   codeDeviseFacture, codeFournisseur, codeRetour, codeServiceExecutant, dateFacture, libelle, montantAPayer,
//   montantHtTotal, montantTVA, montantTtcAvantRemiseGlobalTTC, numeroBonCommande, numeroFacture, pieceJointeId,
//   typeFacture, typeTva into its form;
// - soumettre {modeDepot:"DEPOT_PDF_API", numeroFactureSaisi, dateFacture, destinataire{codeDestinataire,
//   codeServiceExecutant?}, fournisseur{idFournisseur}, cadreDeFacturation{codeCadreFacturation}, references{
//   deviseFacture, typeFacture, typeTva, modePaiement:"VIREMENT", numeroBonCommande?}, montantTotal{montantHtTotal,
//   montantTVA, montantTtcTotal, montantAPayer} (PHP floats), pieceJointePrincipale[{designation, id}]}: an empty
//   identifiantFactureCPP is an error showing libelle and codeRetour; reads identifiantFactureCPP, statutFacture,
//   dateDepot;
// - deposer/flux {fichierFlux, nomFichier, syntaxeFlux} then rechercher/fournisseur {numeroFluxDepot} →
//   listeFactures[0], and consulterCRDetaille {numeroFluxDepot}.
import { describe, expect, it } from 'vitest';
import { renderInvoicePdf } from '../../../formats/index.ts';
import { uniqueInvoiceNumber } from '../../helpers/invoices.ts';
import { useTestDatabase } from '../../helpers/use-database.ts';
import { readPivotAsPastell } from '../pastell-pivot.ts';
import { ChorusHttpError, pastellClient, type Answer } from './clients.ts';
import {
  asFacturX,
  asUbl,
  base64,
  chorusStyleInvoice,
  pollUntil,
  RENNES_ACCOUNT,
  SUPPLIER_ACCOUNT,
  useContractHub,
} from './fixture.ts';

const t = useTestDatabase();
const ctx = useContractHub(t);

describe('Pastell (supplier side) against the mirror over HTTP', () => {
  const pastell = () => pastellClient(ctx.url, ctx.token, SUPPLIER_ACCOUNT);

  /** ChorusProSendFacture: the form Pastell filled from deposer/pdf and its user, sent as soumettreFacture. */
  function soumettre(form: Record<string, unknown>) {
    const data: Record<string, unknown> = {
      modeDepot: 'DEPOT_PDF_API',
      numeroFactureSaisi: form.numero_facture,
      dateFacture: form.date_facture,
      destinataire: { codeDestinataire: form.code_destinataire },
      fournisseur: { idFournisseur: Math.trunc(Number(form.id_cpp_fournisseur)) },
      cadreDeFacturation: { codeCadreFacturation: form.cadre_facturation },
      references: {
        deviseFacture: form.code_devise_facture,
        typeFacture: form.type_facture,
        typeTva: form.type_tva,
        modePaiement: 'VIREMENT',
      },
      montantTotal: {
        montantHtTotal: Number.parseFloat(String(form.montant_ht_total)),
        montantTVA: Number.parseFloat(String(form.montant_tva)),
        montantTtcTotal: Number.parseFloat(String(form.montant_ttc_avant_remise_global_ttc)),
        montantAPayer: Number.parseFloat(String(form.montant_a_payer)),
      },
      pieceJointePrincipale: [
        {
          pieceJointePrincipaleDesignation: 'ma facture',
          pieceJointePrincipaleId: Math.trunc(Number(form.piece_jointe_id)),
        },
      ],
    };
    if (form.code_service_executant)
      (data.destinataire as Record<string, unknown>).codeServiceExecutant = form.code_service_executant;
    if (form.numero_bon_commande)
      (data.references as Record<string, unknown>).numeroBonCommande = form.numero_bon_commande;
    return pastell()('factures/%s/soumettre', data);
  }

  /** CPPDeposerPDF: the fields it copies from Chorus into its form. */
  const FROM_CPP: Record<string, string> = {
    codeDestinataire: 'code_destinataire',
    codeDeviseFacture: 'code_devise_facture',
    codeFournisseur: 'code_fournisseur',
    codeRetour: 'code_retour',
    codeServiceExecutant: 'code_service_executant',
    dateFacture: 'date_facture',
    libelle: 'libelle',
    montantAPayer: 'montant_a_payer',
    montantHtTotal: 'montant_ht_total',
    montantTVA: 'montant_tva',
    montantTtcAvantRemiseGlobalTTC: 'montant_ttc_avant_remise_global_ttc',
    numeroBonCommande: 'numero_bon_commande',
    numeroFacture: 'numero_facture',
    pieceJointeId: 'piece_jointe_id',
    typeFacture: 'type_facture',
    typeTva: 'type_tva',
  };

  async function deposerPdf(name: string, pdf: Uint8Array) {
    const result = await pastell()('factures/%s/deposer/pdf', {
      fichierFacture: base64(pdf),
      nomFichier: name,
      formatDepot: 'PDF_NON_SIGNE',
    });
    const form: Record<string, unknown> = {};
    for (const [chorus, field] of Object.entries(FROM_CPP)) if (chorus in result) form[field] = result[chorus];
    form.cadre_facturation = 'A1_FACTURE_FOURNISSEUR';
    const company = await pastell()('structures/%s/rechercher', {
      structure: { identifiantStructure: ctx.parties.armor.siret },
      restreindreStructuresPrivees: '',
    });
    form.id_cpp_fournisseur = company.listeStructures[0].idStructureCPP;
    return { result, form };
  }

  it('deposits a plain PDF, then submits it with the data its user keyed in; Rennes receives it with that PDF', async () => {
    const number = uniqueInvoiceNumber('PDF');
    const model = chorusStyleInvoice({
      number,
      supplier: ctx.parties.armor,
      buyer: ctx.parties.rennes,
      serviceCode: 'FIN',
      lineAmounts: ['1250.50'],
    });
    const pdf = await renderInvoicePdf(model);
    const { result, form } = await deposerPdf(`${number}.pdf`, pdf);
    expect(result).toMatchObject({
      codeRetour: 0,
      pieceJointeId: expect.any(Number),
      codeFournisseur: ctx.parties.armor.siret,
    });
    // Pastell's user completes what OCR did not find.
    Object.assign(form, {
      numero_facture: number,
      date_facture: '2026-03-15',
      code_destinataire: ctx.parties.rennes.siret,
      code_service_executant: 'FIN',
      code_devise_facture: 'EUR',
      type_facture: 'FACTURE',
      type_tva: 'TVA_SUR_DEBIT',
      montant_ht_total: '1250.50',
      montant_tva: '250.10',
      montant_ttc_avant_remise_global_ttc: '1500.60',
      montant_a_payer: '1500.60',
    });
    const sent = await soumettre(form);
    expect(sent).toMatchObject({
      codeRetour: 0,
      identifiantFactureCPP: expect.any(Number),
      statutFacture: 'DEPOSEE',
      dateDepot: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
    });

    const mine = await pastell()('factures/%s/rechercher/fournisseur', { numeroFacture: number });
    expect(mine.listeFactures).toEqual([
      expect.objectContaining({
        identifiantFactureCPP: sent.identifiantFactureCPP,
        modeDepot: 'DEPOT_PDF_API',
        montantTTC: 1500.6,
      }),
    ]);
    // The recipient gets the supplier's PDF itself as the invoice (PJ 01 of the pivot).
    const rennes = pastellClient(ctx.url, ctx.token, RENNES_ACCOUNT);
    const [received] = (await rennes('factures/%s/rechercher/recipiendaire', { numeroFacture: number }))
      .listeFactures as Answer[];
    const pivotB64 = (
      await rennes('factures/%s/telecharger/groupe', {
        format: 'PIVOT',
        listeFacture: [{ idFacture: received?.idFacture }],
      })
    ).fichierResultat as string;
    const pivot = readPivotAsPastell(Buffer.from(pivotB64, 'base64').toString('utf8'));
    expect(pivot.donneesFacture).toMatchObject({ no_facture: number, montant_ttc: '1500.60' });
    expect(Buffer.from(pivot.fichierFacturePdf?.bytes ?? []).equals(Buffer.from(pdf))).toBe(true);

    // A deposited PDF becomes one invoice only.
    const again = await soumettre({ ...form, numero_facture: uniqueInvoiceNumber('PDF') }).catch((e: unknown) => e);
    expect(again).toBeInstanceOf(ChorusHttpError);
    expect((again as ChorusHttpError).status).toBe(400);
    expect(JSON.parse((again as ChorusHttpError).libelle).codeRetour).toBe(20002);
  });

  it('deposits a Factur-X PDF: the answer carries the invoice data Pastell copies, submitted as is', async () => {
    const number = uniqueInvoiceNumber('FX');
    const model = chorusStyleInvoice({
      number,
      supplier: ctx.parties.armor,
      buyer: ctx.parties.rennes,
      serviceCode: 'FIN',
      engagementNumber: 'EJ-2026-77',
      lineAmounts: ['100.00', '40.00'],
    });
    const { result, form } = await deposerPdf(`${number}.pdf`, await asFacturX(model));
    expect(result).toMatchObject({
      numeroFacture: number,
      dateFacture: '2026-03-15',
      codeDestinataire: ctx.parties.rennes.siret,
      codeServiceExecutant: 'FIN',
      numeroBonCommande: 'EJ-2026-77',
      codeDeviseFacture: 'EUR',
      typeFacture: 'FACTURE',
      typeTva: 'TVA_SUR_DEBIT',
      montantHtTotal: 140,
      montantTVA: 28,
      montantTtcAvantRemiseGlobalTTC: 168,
      montantAPayer: 168,
    });
    const sent = await soumettre(form);
    expect(sent).toMatchObject({ codeRetour: 0, statutFacture: 'DEPOSEE' });
    const rennes = pastellClient(ctx.url, ctx.token, RENNES_ACCOUNT);
    const [received] = (await rennes('factures/%s/rechercher/recipiendaire', { numeroFacture: number }))
      .listeFactures as Answer[];
    expect(received).toMatchObject({ montantHT: 140, numeroBonCommande: 'EJ-2026-77', codeServiceExecutant: 'FIN' });
  });

  it('refuses a submission whose totals disagree, with codeRetour and libelle', async () => {
    const number = uniqueInvoiceNumber('PDF');
    const pdf = await renderInvoicePdf(
      chorusStyleInvoice({ number, supplier: ctx.parties.armor, buyer: ctx.parties.rennes, serviceCode: 'FIN' }),
    );
    const { form } = await deposerPdf(`${number}.pdf`, pdf);
    Object.assign(form, {
      numero_facture: number,
      date_facture: '2026-03-15',
      code_destinataire: ctx.parties.rennes.siret,
      code_service_executant: 'FIN',
      code_devise_facture: 'EUR',
      type_facture: 'FACTURE',
      type_tva: 'TVA_SUR_DEBIT',
      montant_ht_total: '100',
      montant_tva: '20',
      montant_ttc_avant_remise_global_ttc: '121',
      montant_a_payer: '121',
    });
    const refused = await soumettre(form).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(ChorusHttpError);
    const body = JSON.parse((refused as ChorusHttpError).libelle) as Answer;
    expect(body.codeRetour).toBe(20001);
    expect(body.libelle).toContain('montantTtcTotal');
  });

  it('deposits an XML flux and finds it by its flux number, with the report', async () => {
    const invoice = chorusStyleInvoice({ supplier: ctx.parties.armor, buyer: ctx.parties.rennes, serviceCode: 'FIN' });
    const flux = await pastell()('factures/%s/deposer/flux', {
      fichierFlux: base64(asUbl(invoice)),
      nomFichier: `${invoice.number}.xml`,
      syntaxeFlux: 'IN_DP_E1_UBL_INVOICE',
    });
    const cr = await pollUntil(
      () => pastell()('transverses/%s/consulterCRDetaille', { numeroFluxDepot: flux.numeroFluxDepot }),
      (a) => a.etatCourantDepotFlux === 'IN_INTEGRE',
    );
    expect(cr.etatCourantDepotFlux).toBe('IN_INTEGRE');
    const info = await pastell()('factures/%s/rechercher/fournisseur', { numeroFluxDepot: flux.numeroFluxDepot });
    expect(info.listeFactures[0]).toMatchObject({
      numeroFacture: invoice.number,
      identifiantFactureCPP: expect.any(Number),
      modeDepot: 'DEPOT_FLUX',
      numeroFluxDepot: flux.numeroFluxDepot,
    });
  });
});
