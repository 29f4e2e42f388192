// Pastell's recipient side (Libriciel/Mégalis Pastell, connecteur cpp: CPPWrapper.class.php, CPP.class.php,
// PortailFactureConnecteur.php; module facture-cpp: SynchronisationFacture, ExtraireDonneesPivot, CppModifStatut),
// as it imports the invoices of a collectivity, against the mirror over HTTP:
// - testConnexion: rechercher/recipiendaire {typeDemandePaiement:"FACTURE", paramRecherche:{1, 1}};
// - structures: recuperer/structures/actives/destinataire {} ; structures/rechercher {structure:{identifiantStructure},
//   restreindreStructuresPrivees:""} → listeStructures[0].idStructureCPP ; rechercher/services {idStructure};
// - rechercheFactureParRecipiendaire: FACTURE then FACTURE_TRAVAUX, paramRecherche {nbResultatsParPage:1000,
//   pageResultatDemandee:n, nbResultatsMaximum:999999}, listeFournisseurs[{idFournisseur}] when a supplier is
//   given, idDestinataire, periodeDateHeureEtatCourantDu; stops on codeRetour 20000, loops while pageCourante <
//   pages, throws when those are missing; reads idFacture, codeFournisseur, idDestinataire, codeDestinataire,
//   typeIdentifiantFournisseur, designationFournisseur, idServiceExecutant, codeServiceExecutant, typeFacture,
//   numeroFacture, dateFacture, dateDepot, dateHeureEtatCourant (strtotime), montantTTC, statut;
// - getCppInvoiceId: {listeFournisseurs:[{idFournisseur}], numeroFacture} must give exactly one invoice;
// - rechercheFactureTravaux: facturesTravaux/v1/rechercher, stops on 20007;
// - consulterHistoriqueFacture {idFacture, nbResultatsMaximum:50}: a non-empty codeRetour throws;
// - telechargerGroupeFacture {format:"PIVOT"|"PDF", listeFacture:[{idFacture}]} → fichierResultat, the pivot parsed
//   as ExtraireDonneesPivot does;
// - traiterFactureRecue {idFacture, nouveauStatut, motif, numeroDPMandat}, one target status after the other.
import { describe, expect, it } from 'vitest';
import { chorusDate } from '../../../src/chorus/domain/dates.ts';
import { uniqueInvoiceNumber } from '../../helpers/invoices.ts';
import { useTestDatabase } from '../../helpers/use-database.ts';
import { readPivotAsPastell } from '../pastell-pivot.ts';
import { odooClient, pastellClient, type Answer } from './clients.ts';
import {
  asUbl,
  base64,
  chorusStyleInvoice,
  pollUntil,
  RENNES_ACCOUNT,
  SUPPLIER_ACCOUNT,
  useContractHub,
  type ChorusStyleOptions,
} from './fixture.ts';

const t = useTestDatabase();
const ctx = useContractHub(t);

const RECHERCHE_FACTURE_PAR_RECIPIENDAIRE = 'factures/%s/rechercher/recipiendaire';

describe('Pastell (recipient side) against the mirror over HTTP', () => {
  const pastell = () => pastellClient(ctx.url, ctx.token, RENNES_ACCOUNT);
  let idStructureCpp: number;
  const shared = uniqueInvoiceNumber('SHARED');
  const ids: Record<string, number> = {};

  /** CPPWrapper::rechercheFactureParRecipiendaire, with its page size as a parameter (1000 in Pastell). */
  async function rechercheFactureParRecipiendaire(idFournisseur = 0, periodeDu = '', perPage = 1000) {
    const call = pastell();
    const result: Answer[] = [];
    const calls: Answer[] = [];
    for (const typeDemandePaiement of ['FACTURE', 'FACTURE_TRAVAUX']) {
      let numPage = 0;
      let answer: Answer;
      do {
        numPage++;
        const data: Record<string, unknown> = {
          typeDemandePaiement,
          paramRecherche: { nbResultatsParPage: perPage, pageResultatDemandee: numPage, nbResultatsMaximum: 999999 },
        };
        if (idFournisseur) data.listeFournisseurs = [{ idFournisseur }];
        data.idDestinataire = idStructureCpp;
        if (periodeDu) data.periodeDateHeureEtatCourantDu = periodeDu;
        answer = await call(RECHERCHE_FACTURE_PAR_RECIPIENDAIRE, data);
        calls.push(answer);
        result.push(...((answer.listeFactures as Answer[] | undefined) ?? []));
        if (answer.codeRetour === 20000) break;
        if (answer.pageCourante === undefined || answer.pages === undefined)
          throw new Error(`Réponse de rechercheFactureParRecipiendaire inattendue ! codeRetour=${answer.codeRetour}`);
      } while (answer.pageCourante < answer.pages);
    }
    return { result, calls };
  }

  async function deposit(account: typeof SUPPLIER_ACCOUNT, o: Omit<ChorusStyleOptions, 'buyer'>) {
    const invoice = chorusStyleInvoice({ ...o, buyer: ctx.parties.rennes, serviceCode: 'FIN' });
    const post = odooClient(ctx.url, ctx.token, account);
    const flux = await post('factures/v1/deposer/flux', {
      fichierFlux: base64(asUbl(invoice)),
      nomFichier: `${invoice.number}.xml`,
      syntaxeFlux: 'IN_DP_E1_UBL_INVOICE',
    });
    const cr = await pollUntil(
      () => post('transverses/v1/consulterCRDetaille', { numeroFluxDepot: flux.numeroFluxDepot }),
      (a) => a.etatCourantDepotFlux === 'IN_INTEGRE',
    );
    expect(cr.etatCourantDepotFlux).toBe('IN_INTEGRE');
  }

  it('tests its connection and finds its structure and services', async () => {
    const call = pastell();
    const probe = await call(RECHERCHE_FACTURE_PAR_RECIPIENDAIRE, {
      typeDemandePaiement: 'FACTURE',
      paramRecherche: { nbResultatsParPage: 1, pageResultatDemandee: 1 },
    });
    expect([0, 20000]).toContain(probe.codeRetour);
    const actives = await call('transverses/%s/recuperer/structures/actives/destinataire', {});
    expect(actives.listeStructures).toEqual([expect.objectContaining({ identifiant: ctx.parties.rennes.siret })]);
    const found = await call('structures/%s/rechercher', {
      structure: { identifiantStructure: `${ctx.parties.rennes.siret}` },
      restreindreStructuresPrivees: '',
    });
    idStructureCpp = found.listeStructures[0].idStructureCPP;
    expect(idStructureCpp).toBe(actives.listeStructures[0].idStructureCPP);
    const services = await call('structures/%s/rechercher/services', { idStructure: idStructureCpp });
    expect((services.listeServices as Answer[]).map((s) => s.codeService)).toContain('FIN');
  });

  it('imports by supplier and period, pages, tells two suppliers’ invoices of one number apart', async () => {
    await deposit(SUPPLIER_ACCOUNT, { number: shared, supplier: ctx.parties.armor, lineAmounts: ['640.00'] });
    await deposit(ctx.breizhAccount, { number: shared, supplier: ctx.parties.breizh, lineAmounts: ['12.50'] });
    await deposit(SUPPLIER_ACCOUNT, { supplier: ctx.parties.armor, contractReference: 'MARCHE-2026-07' });

    const today = chorusDate(new Date());
    const yesterday = chorusDate(new Date(Date.now() - 86_400_000));
    const all = await rechercheFactureParRecipiendaire(0, yesterday);
    const sharedRows = all.result.filter((f) => f.numeroFacture === shared);
    expect(sharedRows.map((f) => f.designationFournisseur).sort()).toEqual(
      [ctx.parties.armor.name, ctx.parties.breizh.name].sort(),
    );
    // FACTURE_TRAVAUX ends the loop with "no result".
    expect(all.calls.at(-1)?.codeRetour).toBe(20000);
    for (const row of all.result) {
      // PortailFactureConnecteur::getListeFacturesRecipiendaire reads these.
      expect(row).toMatchObject({
        idFacture: expect.any(Number),
        codeFournisseur: expect.stringMatching(/^\d{14}$/),
        idDestinataire: idStructureCpp,
        codeDestinataire: ctx.parties.rennes.siret,
        typeIdentifiantFournisseur: 'SIRET',
        codeServiceExecutant: 'FIN',
        idServiceExecutant: expect.any(Number),
        typeFacture: 'FACTURE',
        dateFacture: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
        dateDepot: today,
        statut: expect.any(String),
        montantTTC: expect.any(Number),
      });
      expect(Number.isNaN(Date.parse(row.dateHeureEtatCourant))).toBe(false);
    }

    // Paged as Pastell loops, one invoice a page: the same invoices, each once.
    const paged = await rechercheFactureParRecipiendaire(0, yesterday, 1);
    expect(paged.result.map((f) => f.idFacture).sort()).toEqual(all.result.map((f) => f.idFacture).sort());
    expect(paged.calls[0]).toMatchObject({ pageCourante: 1, nbResultatsParPage: 1, pages: all.result.length });

    // By supplier: Armor's only; an unknown supplier has none (20000 on both loops).
    const armorId = all.result.find((f) => f.designationFournisseur === ctx.parties.armor.name)?.idFournisseur;
    const armor = await rechercheFactureParRecipiendaire(armorId, yesterday);
    expect(armor.result.length).toBe(
      all.result.filter((f) => f.designationFournisseur === ctx.parties.armor.name).length,
    );
    expect(new Set(armor.result.map((f) => f.codeFournisseur))).toEqual(new Set([ctx.parties.armor.siret]));
    const nobody = await rechercheFactureParRecipiendaire(9999, yesterday);
    expect(nobody.result).toEqual([]);
    expect(nobody.calls.map((c) => c.codeRetour)).toEqual([20000, 20000]);

    // CPPWrapper::getCppInvoiceId: one invoice, not "Plusieurs factures".
    for (const supplier of [ctx.parties.armor, ctx.parties.breizh]) {
      const supplierCppId = all.result.find((f) => f.designationFournisseur === supplier.name)?.idFournisseur;
      const one = await pastell()(RECHERCHE_FACTURE_PAR_RECIPIENDAIRE, {
        listeFournisseurs: [{ idFournisseur: supplierCppId }],
        numeroFacture: shared,
      });
      expect(one.listeFactures).toHaveLength(1);
      expect(one.listeFactures[0].codeFournisseur).toBe(supplier.siret);
      ids[supplier.siren] = one.listeFactures[0].idFacture;
    }

    // A period after now: nothing changed since.
    const tomorrow = chorusDate(new Date(Date.now() + 86_400_000));
    expect((await rechercheFactureParRecipiendaire(0, tomorrow)).result).toEqual([]);
  });

  it('searches works invoices and gets Chorus’s "no result" for them', async () => {
    const answer = await pastell()('facturesTravaux/%s/rechercher', {
      roleUtilisateur: 'DESTINATAIRE',
      rechercheFactureTravaux: { nbResultatsParPage: 1000, pageResultatDemandee: 1 },
      idDestinataire: idStructureCpp,
      periodeDateHeureEtatCourantDu: chorusDate(new Date()),
    });
    expect(answer.codeRetour).toBe(20007);
  });

  it('synchronises an invoice: history, pivot and PDF, then sets its statuses one after the other to MISE_EN_PAIEMENT', async () => {
    const idFacture = ids[ctx.parties.armor.siren] as number;
    const call = pastell();
    const histo = () => call('factures/%s/consulter/historique', { idFacture, nbResultatsMaximum: 50 });
    const available = await pollUntil(histo, (h) => h.statutCourantCode === 'MISE_A_DISPOSITION');
    expect(available.codeRetour).toBeFalsy();
    expect(available.statutCourantCode).toBe('MISE_A_DISPOSITION');
    for (const h of available.historiquesDesStatuts.histoStatut as Answer[])
      expect(h).toMatchObject({ histoStatutId: expect.any(Number), histoStatutCode: expect.any(String) });

    const pivotB64 = (await call('factures/%s/telecharger/groupe', { format: 'PIVOT', listeFacture: [{ idFacture }] }))
      .fichierResultat as string;
    const pivot = readPivotAsPastell(Buffer.from(pivotB64, 'base64').toString('utf8'));
    expect(pivot.fournisseur).toMatchObject({
      fournisseur_type_id: '1',
      fournisseur: ctx.parties.armor.siret,
      fournisseur_raison_sociale: ctx.parties.armor.name,
      fournisseur_code_pays: 'FR',
      fournisseur_mode_emission: 'flux',
    });
    expect(pivot.debiteur).toEqual({
      siret: ctx.parties.rennes.siret,
      destinataire_nom: 'Rennes',
      service_destinataire_code: 'FIN',
    });
    expect(pivot.donneesFacture).toMatchObject({
      no_facture: shared,
      facture_type: '380',
      facture_cadre: 'A1',
      facture_devise: 'EUR',
      facture_montant_ht: '640.00',
      montant_ttc: '768.00',
      facture_montant_net: '768.00',
      date_facture: '2026-03-15',
      facture_date_reception: chorusDate(new Date()),
    });
    expect(pivot.pj01).toHaveLength(1);
    expect(Buffer.from(pivot.fichierFacturePdf?.bytes.subarray(0, 5) ?? []).toString()).toBe('%PDF-');

    const pdf = (await call('factures/%s/telecharger/groupe', { format: 'PDF', listeFacture: [{ idFacture }] }))
      .fichierResultat as string;
    expect(Buffer.from(pdf, 'base64').subarray(0, 5).toString()).toBe('%PDF-');

    // CppModifStatut: a list of target statuses, one call each, motive and mandate number always sent.
    for (const nouveauStatut of [
      'SERVICE_FAIT',
      'MANDATEE',
      'MISE_A_DISPOSITION_COMPTABLE',
      'COMPTABILISEE',
      'MISE_EN_PAIEMENT',
    ]) {
      const answer = await call('factures/%s/traiter/recue', {
        idFacture,
        nouveauStatut,
        motif: '',
        numeroDPMandat: nouveauStatut === 'MANDATEE' ? '2589' : '',
      });
      expect(answer.codeRetour).toBeFalsy();
      expect(answer).toMatchObject({ idFacture, numeroFacture: shared, nouveauStatut });
      expect(answer.dateTraitement).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    }
    const paid = await histo();
    expect(paid.statutCourantCode).toBe('MISE_EN_PAIEMENT');
    const codes = (paid.historiquesDesStatuts.histoStatut as Answer[]).map((h) => h.histoStatutCode);
    expect(codes.slice(0, 5)).toEqual([
      'MISE_EN_PAIEMENT',
      'COMPTABILISEE',
      'MISE_A_DISPOSITION_COMPTABLE',
      'MANDATEE',
      'SERVICE_FAIT',
    ]);
    // SynchronisationFacture: the date the legal delay starts from.
    const madeAvailable = (paid.historiquesDesStatuts.histoStatut as Answer[]).find(
      (h) => h.histoStatutCode === 'MISE_A_DISPOSITION',
    );
    expect(Number.isNaN(Date.parse(madeAvailable?.histoStatutDatePassage.replace(' ', 'T')))).toBe(false);

    // Downloaded: not offered again to an import of not-yet-downloaded invoices.
    const fresh = await call(RECHERCHE_FACTURE_PAR_RECIPIENDAIRE, {
      numeroFacture: shared,
      factureTelechargeeParDestinataire: false,
    });
    expect((fresh.listeFactures as Answer[] | undefined)?.map((f) => f.idFacture)).toEqual([
      ids[ctx.parties.breizh.siren],
    ]);
  });
});
