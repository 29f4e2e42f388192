// A client that speaks only the Chorus Pro contract, against the hub's mirror with the demo accounts: deposit a flux,
// follow its report to IN_INTEGRE, find the invoice, Rennes certifies the service and mandates it, the supplier
// sees both steps in the history.
import type { Client } from '@temporalio/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_SUPPLIER_ARMOR_BUREAUTIQUE } from '../../src/directory/index.ts';
import type { ChorusClient } from '../../src/chorus/index.ts';
import { testTemporalClient } from '../helpers/test-deps.ts';
import { partyBySiren, ublInvoice, uniqueInvoiceNumber } from '../helpers/invoices.ts';
import { useTestDatabase } from '../helpers/use-database.ts';
import {
  chorusClientOf,
  pollUntil,
  RENNES_ACCOUNT,
  startMirror,
  SUPPLIER_ACCOUNT,
  type MirrorHarness,
} from './mirror-harness.ts';

const t = useTestDatabase();
let temporal: Client;
let hub: MirrorHarness;
let chorus: ChorusClient;

beforeAll(async () => {
  temporal = await testTemporalClient();
  hub = await startMirror(t.handle, temporal, { worker: true });
  chorus = chorusClientOf(hub.app);
});
afterAll(async () => {
  await hub?.stop();
  await temporal?.connection.close();
});

describe('Chorus mirror round trip', () => {
  it('deposits, integrates, finds, processes and shows the history, on the Chorus contract only', async () => {
    const rennes = await partyBySiren(t.handle.db, 'commune', '213502388');
    const number = uniqueInvoiceNumber('CPP');
    const xml = ublInvoice({
      number,
      supplierSiret: DEMO_SUPPLIER_ARMOR_BUREAUTIQUE.siret,
      supplierName: DEMO_SUPPLIER_ARMOR_BUREAUTIQUE.name,
      buyerSiret: rennes.siret,
      serviceCode: 'FIN',
      lineAmounts: ['1250.50'],
    });

    const deposit = await chorus.deposerFlux(SUPPLIER_ACCOUNT, {
      idUtilisateurCourant: 0,
      fichierFlux: Buffer.from(xml).toString('base64'),
      nomFichier: `${number}.xml`,
      syntaxeFlux: 'IN_DP_E1_UBL_INVOICE',
      avecSignature: false,
    });
    expect(deposit).toMatchObject({ codeRetour: 0, libelle: 'GCU_MSG_01_000', syntaxeFlux: 'IN_DP_E1_UBL_INVOICE' });
    expect(deposit.numeroFluxDepot).toMatch(/^CPP\d{22}$/);
    expect(deposit.dateDepot).toMatch(/^\d{4}-\d{2}-\d{2}$/);

    const report = await pollUntil(
      () => chorus.consulterCRDetaille(SUPPLIER_ACCOUNT, deposit.numeroFluxDepot),
      (cr) => cr.etatCourantDepotFlux !== 'IN_DEPOT_PORTAIL_EN_ATTENTE_TRAITEMENT_SE_CPP',
    );
    expect(report).toMatchObject({
      codeRetour: 0,
      libelle: 'TRA_MSG_00.000',
      etatCourantDepotFlux: 'IN_INTEGRE',
      codeInterfaceDepotFlux: 'FSO1100A',
      listeErreurDP: [],
      listeErreurTechnique: [],
    });
    expect(report.nomFichier).toBe(`FSO1100A_CPP001_${deposit.numeroFluxDepot}`);
    expect(report.dateDepotFlux).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}[+-]\d{2}:\d{2}$/);

    const bySupplier = await chorus.rechercherFactureParFournisseur(SUPPLIER_ACCOUNT, {
      numeroFluxDepot: deposit.numeroFluxDepot,
      rechercheFactureParFournisseur: { nbResultatsParPage: 10, pageResultatDemandee: 1 },
    });
    expect(bySupplier.parametresRetour).toEqual({ nbResultatsParPage: 10, pageCourante: 1, pages: 1, total: 1 });
    const [found] = bySupplier.listeFactures;
    expect(found).toMatchObject({
      numeroFacture: number,
      statut: 'MISE_A_DISPOSITION',
      codeDestinataire: rennes.siret,
      codeServiceExecutant: 'FIN',
      montantHT: 1250.5,
      montantTTC: 1500.6,
      numeroFluxDepot: deposit.numeroFluxDepot,
    });
    expect(Number.isInteger(found?.identifiantFactureCPP)).toBe(true);
    const idFacture = found?.identifiantFactureCPP as number;

    const received = await chorus.rechercherFactureParRecipiendaire(RENNES_ACCOUNT, {
      numeroFacture: number,
      paramRecherche: { nbResultatsParPage: 10, pageResultatDemandee: 1 },
    });
    expect(received).toMatchObject({ pageCourante: 1, pages: 1, total: 1 });
    expect(received.listeFactures[0]).toMatchObject({
      idFacture,
      numeroFacture: number,
      statut: 'MISE_A_DISPOSITION',
      codeFournisseur: DEMO_SUPPLIER_ARMOR_BUREAUTIQUE.siret,
    });

    const serviceDone = await chorus.traiterFactureRecue(RENNES_ACCOUNT, {
      idFacture,
      nouveauStatut: 'SERVICE_FAIT',
      idUtilisateurCourant: 0,
    });
    expect(serviceDone).toMatchObject({
      codeRetour: 0,
      idFacture,
      nouveauStatut: 'SERVICE_FAIT',
      numeroFacture: number,
    });
    const mandated = await chorus.traiterFactureRecue(RENNES_ACCOUNT, {
      idFacture,
      nouveauStatut: 'MANDATEE',
      numeroDPMandat: '2589',
    });
    expect(mandated).toMatchObject({ codeRetour: 0, nouveauStatut: 'MANDATEE' });

    const history = await chorus.consulterHistorique(SUPPLIER_ACCOUNT, idFacture);
    expect(history).toMatchObject({ codeRetour: 0, idFacture, numeroFacture: number, statutCourantCode: 'MANDATEE' });
    const codes = history.historiquesDesStatuts.histoStatut.map((h) => h.histoStatutCode);
    expect(codes).toEqual(['MANDATEE', 'SERVICE_FAIT', 'MISE_A_DISPOSITION', 'EN_COURS_ACHEMINEMENT', 'DEPOSEE']);
    expect(history.historiquesDesStatuts.histoStatut[0]?.histoStatutDatePassage).toMatch(
      /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/,
    );
  });
});
