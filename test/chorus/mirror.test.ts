// The mirror's contract beyond the round trip: PISTE's refusals, functional errors, fluxes of several invoices,
// structures and reference lists, downloads.
import type { Client } from '@temporalio/client';
import { crc32 } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cproAccountHeader, createTechnicalAccount, type ChorusClient } from '../../src/chorus/index.ts';
import { writeTarGz } from '../../src/chorus/mirror/flux/archive.ts';
import { DEMO_SUPPLIER_ARMOR_BUREAUTIQUE } from '../../src/directory/index.ts';
import { DUPLICATE_MESSAGE } from '../../src/invoices/index.ts';
import { clientCredentialsToken } from '../helpers/client-token.ts';
import { testTemporalClient } from '../helpers/test-deps.ts';
import { partyBySiren, ublInvoice, uniqueInvoiceNumber, type TestParty } from '../helpers/invoices.ts';
import { useTestDatabase } from '../helpers/use-database.ts';
import { readPivotAsPastell } from './pastell-pivot.ts';
import {
  chorusClientOf,
  HUB,
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
let token: string;
let rennes: TestParty;

beforeAll(async () => {
  temporal = await testTemporalClient();
  hub = await startMirror(t.handle, temporal, { worker: true });
  chorus = chorusClientOf(hub.app);
  rennes = await partyBySiren(t.handle.db, 'commune', '213502388');
  token = await clientCredentialsToken(hub.app, 'hub-demo', 'hub-demo-secret');
});
afterAll(async () => {
  await hub?.stop();
  await temporal?.connection.close();
});

function post(
  path: string,
  body: unknown,
  account: { login: string; password: string } | null = SUPPLIER_ACCOUNT,
  bearer: string | null = token,
) {
  const headers: Record<string, string> = { 'Content-Type': 'application/json;charset=utf-8' };
  if (bearer) headers.Authorization = `Bearer ${bearer}`;
  if (account) headers['cpro-account'] = cproAccountHeader(account);
  return hub.app.request(`${HUB}${path}`, { method: 'POST', headers, body: JSON.stringify(body) });
}

const invoiceXml = (number: string, serviceCode: string | null = 'FIN') =>
  ublInvoice({
    number,
    supplierSiret: DEMO_SUPPLIER_ARMOR_BUREAUTIQUE.siret,
    supplierName: DEMO_SUPPLIER_ARMOR_BUREAUTIQUE.name,
    buyerSiret: rennes.siret,
    ...(serviceCode ? { serviceCode } : {}),
  });

const depositXml = (xml: string | Uint8Array, nomFichier = 'facture.xml') =>
  chorus.deposerFlux(SUPPLIER_ACCOUNT, {
    fichierFlux: Buffer.from(xml).toString('base64'),
    nomFichier,
    syntaxeFlux: 'IN_DP_E1_UBL_INVOICE',
  });

const finalReport = (numero: string) =>
  pollUntil(
    () => chorus.consulterCRDetaille(SUPPLIER_ACCOUNT, numero),
    (cr) => cr.etatCourantDepotFlux !== 'IN_DEPOT_PORTAIL_EN_ATTENTE_TRAITEMENT_SE_CPP',
  );

describe('mirror authentication (PISTE)', () => {
  it('answers 401 with PISTE’s WWW-Authenticate and an empty body for a wrong technical account', async () => {
    const answer = await post(
      '/cpro/transverses/v1/recuperer/tauxtva',
      {},
      { login: SUPPLIER_ACCOUNT.login, password: 'Mauvais-2017' },
    );
    expect(answer.status).toBe(401);
    expect(answer.headers.get('www-authenticate')).toBe(
      'Bearer realm="PISTE",error="Unauthorized",error_description="login or password incorrects"',
    );
    expect(await answer.text()).toBe('');
  });

  it('answers 401 without a cpro-account or without a bearer token', async () => {
    expect((await post('/cpro/transverses/v1/recuperer/tauxtva', {}, null)).status).toBe(401);
    const noBearer = await post('/cpro/transverses/v1/recuperer/tauxtva', {}, SUPPLIER_ACCOUNT, null);
    expect(noBearer.status).toBe(401);
    expect(noBearer.headers.get('www-authenticate')).toContain('realm="PISTE"');
  });

  it('answers 403 with an empty body to an account without the API right, and on a path outside the API', async () => {
    const lorient = await partyBySiren(t.handle.db, 'commune', '215601212');
    const login = `TECH_1_SANS_API_${Date.now()}@cpro.fr`;
    await createTechnicalAccount(
      t.handle.db,
      { login, password: 'Sans-Api-2017', structureId: lorient.id, role: 'accountant', apiEnabled: false },
      new Date(),
    );
    const refused = await post('/cpro/transverses/v1/recuperer/tauxtva', {}, { login, password: 'Sans-Api-2017' });
    expect(refused.status).toBe(403);
    expect(await refused.text()).toBe('');
    const unknown = await post('/cpro/factures/v1/nexistepas', {});
    expect(unknown.status).toBe(403);
    expect(await unknown.text()).toBe('');
  });

  it('serves the health check on GET', async () => {
    const answer = await hub.app.request(`${HUB}/cpro/transverses/v1/health-check`, {
      headers: { Authorization: `Bearer ${token}`, 'cpro-account': cproAccountHeader(SUPPLIER_ACCOUNT) },
    });
    expect(await answer.json()).toEqual({ body: 'OK', statusCodeValue: 200, statusCode: 'OK' });
  });
});

describe('mirror deposits', () => {
  it('refuses an unknown syntaxeFlux with a functional error', async () => {
    const answer = await post('/cpro/factures/v1/deposer/flux', {
      fichierFlux: Buffer.from('<x/>').toString('base64'),
      nomFichier: 'f.xml',
      syntaxeFlux: 'IN_DP_E1_CII_FACTURX',
    });
    expect(answer.status).toBe(400);
    const body = (await answer.json()) as { codeRetour: number; libelle: string };
    expect(body.codeRetour).toBe(20003);
    expect(body.libelle).toContain('IN_DP_E1_CII_FACTURX');
  });

  it('refuses a deposit from a recipient’s technical account', async () => {
    const answer = await post(
      '/cpro/factures/v1/deposer/flux',
      {
        fichierFlux: Buffer.from(invoiceXml('X1')).toString('base64'),
        nomFichier: 'f.xml',
        syntaxeFlux: 'IN_DP_E1_UBL_INVOICE',
      },
      RENNES_ACCOUNT,
    );
    expect(answer.status).toBe(400);
    expect(((await answer.json()) as { codeRetour: number }).codeRetour).toBe(20005);
  });

  it('rejects a second flux with the same invoice number, with Chorus’s wording, and leaves the first untouched', async () => {
    const number = uniqueInvoiceNumber('DUP');
    const first = await depositXml(invoiceXml(number));
    expect((await finalReport(first.numeroFluxDepot)).etatCourantDepotFlux).toBe('IN_INTEGRE');
    const second = await depositXml(invoiceXml(number));
    const report = await finalReport(second.numeroFluxDepot);
    expect(report.etatCourantDepotFlux).toBe('IN_REJETE');
    expect(report.listeErreurDP).toHaveLength(1);
    expect(report.listeErreurDP[0]?.libelleErreurDP).toContain(DUPLICATE_MESSAGE);
    const found = await chorus.rechercherFactureParFournisseur(SUPPLIER_ACCOUNT, { numeroFacture: number });
    expect(found.listeFactures.map((f) => f.numeroFluxDepot)).toEqual([first.numeroFluxDepot]);
  });

  it('integrates an archive partially: the invoice without its mandatory service code is listed in listeErreurDP', async () => {
    const good = uniqueInvoiceNumber('ARC');
    const bad = uniqueInvoiceNumber('ARC');
    const archive = writeTarGz([
      { name: `${good}.xml`, bytes: Buffer.from(invoiceXml(good)) },
      { name: `${bad}.xml`, bytes: Buffer.from(invoiceXml(bad, null)) },
    ]);
    const flux = await depositXml(archive, 'lot.tar.gz');
    const report = await finalReport(flux.numeroFluxDepot);
    expect(report.etatCourantDepotFlux).toBe('IN_INTEGRE_PARTIEL');
    expect(report.listeErreurDP).toEqual([
      expect.objectContaining({
        numeroDP: bad,
        identifiantFournisseur: DEMO_SUPPLIER_ARMOR_BUREAUTIQUE.siret,
        identifiantDestinataire: rennes.siret,
      }),
    ]);
    expect(report.listeErreurDP[0]?.libelleErreurDP).toMatch(/service/i);
    const integrated = await chorus.rechercherFactureParFournisseur(SUPPLIER_ACCOUNT, {
      numeroFluxDepot: flux.numeroFluxDepot,
    });
    expect(integrated.listeFactures.map((f) => f.numeroFacture)).toEqual([good]);
  });

  it('takes an invoice keyed in with soumettre through the same deposit and routing', async () => {
    const number = uniqueInvoiceNumber('SOU');
    const request = {
      modeDepot: 'SAISIE_API',
      numeroFactureSaisi: number,
      dateFacture: '2026-11-20',
      destinataire: { codeDestinataire: rennes.siret, codeServiceExecutant: 'FIN' },
      cadreDeFacturation: { codeCadreFacturation: 'A1_FACTURE_FOURNISSEUR' },
      references: { deviseFacture: 'EUR', typeFacture: 'FACTURE', typeTva: 'TVA_SUR_DEBIT', modePaiement: 'VIREMENT' },
      lignePoste: [
        {
          lignePosteNumero: 1,
          lignePosteReference: 'R1',
          lignePosteDenomination: 'Ramettes de papier',
          lignePosteQuantite: 10,
          lignePosteUnite: 'lot',
          lignePosteMontantUnitaireHT: 50.1,
          lignePosteTauxTva: 'TVA20',
        },
        {
          lignePosteNumero: 2,
          lignePosteDenomination: 'Livres',
          lignePosteQuantite: 3,
          lignePosteMontantUnitaireHT: 12.35,
          lignePosteTauxTva: 'TVA5_5',
        },
      ],
      montantTotal: { montantHtTotal: 538.05, montantTVA: 102.24, montantTtcTotal: 640.29, montantAPayer: 640.29 },
    };
    const answer = await post('/cpro/factures/v1/soumettre', request);
    const body = (await answer.json()) as Record<string, unknown>;
    expect(body).toMatchObject({
      codeRetour: 0,
      libelle: 'GCU_MSG_01_000',
      numeroFacture: number,
      statutFacture: 'DEPOSEE',
      identifiantStructure: DEMO_SUPPLIER_ARMOR_BUREAUTIQUE.siret,
    });
    const [found] = (await chorus.rechercherFactureParFournisseur(SUPPLIER_ACCOUNT, { numeroFacture: number }))
      .listeFactures;
    expect(found).toMatchObject({
      identifiantFactureCPP: body.identifiantFactureCPP,
      montantHT: 538.05,
      montantTTC: 640.29,
      codeServiceExecutant: 'FIN',
    });

    const wrongTotal = await post('/cpro/factures/v1/soumettre', {
      ...request,
      numeroFactureSaisi: uniqueInvoiceNumber('SOU'),
      montantTotal: { montantTtcTotal: 640.3 },
    });
    expect(wrongTotal.status).toBe(400);
    expect(((await wrongTotal.json()) as { libelle: string }).libelle).toContain('640.29');
    const noService = await post('/cpro/factures/v1/soumettre', {
      ...request,
      numeroFactureSaisi: uniqueInvoiceNumber('SOU'),
      destinataire: { codeDestinataire: rennes.siret },
    });
    expect(((await noService.json()) as { libelle: string }).libelle).toMatch(/service/i);
  });

  it('refuses a file that is not the syntax the flux announces', async () => {
    const flux = await chorus.deposerFlux(SUPPLIER_ACCOUNT, {
      fichierFlux: Buffer.from(invoiceXml(uniqueInvoiceNumber('SYN'))).toString('base64'),
      nomFichier: 'f.xml',
      syntaxeFlux: 'IN_DP_E1_CII_16B',
    });
    const report = await finalReport(flux.numeroFluxDepot);
    expect(report.etatCourantDepotFlux).toBe('IN_REJETE');
    expect(report.listeErreurDP[0]?.libelleErreurDP).toContain('CII D16B');
  });
});

describe('mirror processing and downloads', () => {
  it('refuses a rejection without motive, then downloads the pivot', async () => {
    const number = uniqueInvoiceNumber('REJ');
    const xml = invoiceXml(number);
    const flux = await depositXml(xml);
    await finalReport(flux.numeroFluxDepot);
    const [invoice] = (await chorus.rechercherFactureParRecipiendaire(RENNES_ACCOUNT, { numeroFacture: number }))
      .listeFactures;
    const idFacture = invoice?.idFacture as number;

    const noMotive = await post(
      '/cpro/factures/v1/traiter/recue',
      { idFacture, nouveauStatut: 'REJETEE' },
      RENNES_ACCOUNT,
    );
    expect(noMotive.status).toBe(400);
    const refusal = (await noMotive.json()) as { codeRetour: number; libelle: string };
    expect(refusal.codeRetour).not.toBe(0);
    expect(refusal.libelle).toContain('motif');

    const bySupplier = await post(
      '/cpro/factures/v1/traiter/recue',
      { idFacture, nouveauStatut: 'SERVICE_FAIT' },
      SUPPLIER_ACCOUNT,
    );
    expect(((await bySupplier.json()) as { codeRetour: number }).codeRetour).toBe(20005);

    const notDownloaded = { numeroFacture: number, factureTelechargeeParDestinataire: false };
    expect((await chorus.rechercherFactureParRecipiendaire(RENNES_ACCOUNT, notDownloaded)).listeFactures).toHaveLength(
      1,
    );
    const download = await chorus.telechargerFacture(RENNES_ACCOUNT, idFacture, 'PIVOT');
    const pivot = readPivotAsPastell(Buffer.from(download.fichierResultat, 'base64').toString('utf8'));
    expect(pivot.donneesFacture.no_facture).toBe(number);
    expect(xml).toContain(pivot.donneesFacture.montant_ttc);
    expect((await chorus.rechercherFactureParRecipiendaire(RENNES_ACCOUNT, notDownloaded)).listeFactures).toEqual([]);
    const [downloaded] = (
      await chorus.rechercherFactureParRecipiendaire(RENNES_ACCOUNT, {
        numeroFacture: number,
        factureTelechargeeParDestinataire: true,
      })
    ).listeFactures;
    expect(downloaded).toMatchObject({ idFacture, factureTelechargeeParDestinataire: true });

    const today = invoice?.dateHeureEtatCourant.slice(0, 10) as string;
    const tomorrow = new Date(Date.parse(`${today}T12:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
    expect(
      (
        await chorus.rechercherFactureParRecipiendaire(RENNES_ACCOUNT, {
          numeroFacture: number,
          periodeDateHeureEtatCourantDu: today,
        })
      ).total,
    ).toBe(1);
    expect(
      (
        await chorus.rechercherFactureParRecipiendaire(RENNES_ACCOUNT, {
          numeroFacture: number,
          periodeDateHeureEtatCourantDu: `${tomorrow}T00:00:00`,
        })
      ).total,
    ).toBe(0);
  });

  it('shows the invoice to both sides, then suspension → completer and A_RECYCLER → recycler, through the lifecycle', async () => {
    const number = uniqueInvoiceNumber('SUS');
    await finalReport((await depositXml(invoiceXml(number))).numeroFluxDepot);
    const [listed] = (await chorus.rechercherFactureParRecipiendaire(RENNES_ACCOUNT, { numeroFacture: number }))
      .listeFactures;
    const idFacture = listed?.idFacture as number;

    // The flux is final once the invoice has left DEPOSEE; the workflow then makes it available.
    const bySupplier = await pollUntil(
      async () =>
        (await (
          await post('/cpro/factures/v1/consulter/fournisseur', { identifiantFactureCPP: idFacture, codeLangue: 'FR' })
        ).json()) as { facture: Record<string, Record<string, unknown>> },
      (answer) => (answer.facture?.statutFacture as unknown) === 'MISE_A_DISPOSITION',
    );
    expect(bySupplier.facture).toMatchObject({
      identifiantFactureCPP: idFacture,
      numeroFacture: number,
      statutFacture: 'MISE_A_DISPOSITION',
      destinataire: { codeDestinataire: rennes.siret, codeServiceExecutant: 'FIN' },
      fournisseur: { codeFournisseur: DEMO_SUPPLIER_ARMOR_BUREAUTIQUE.siret, typeIdentifiantFournisseur: 'SIRET' },
      montantTotal: { montantHtTotal: 100, montantTVA: 20, montantTtcTotal: 120, montantAPayer: 120 },
    });
    const byRecipient = await post(
      '/cpro/factures/v1/consulter/recipiendaire',
      { identifiantFactureCPP: idFacture },
      RENNES_ACCOUNT,
    );
    expect(((await byRecipient.json()) as { facture: { numeroFacture: string } }).facture.numeroFacture).toBe(number);

    await chorus.traiterFactureRecue(RENNES_ACCOUNT, {
      idFacture,
      nouveauStatut: 'SUSPENDUE',
      motif: 'Bon de livraison manquant',
    });
    const completed = (await (
      await post('/cpro/factures/v1/completer', {
        identifiantFactureCPP: idFacture,
        commentaire: 'Bon de livraison envoyé par courrier',
      })
    ).json()) as Record<string, unknown>;
    expect(completed).toMatchObject({ codeRetour: 0, identifiantFactureCPP: idFacture, numeroFacture: number });

    await chorus.traiterFactureRecue(RENNES_ACCOUNT, {
      idFacture,
      nouveauStatut: 'A_RECYCLER',
      motif: 'Mauvais service destinataire',
    });
    const recycled = (await (
      await post('/cpro/factures/v1/recycler', {
        identifiantFactureCPP: idFacture,
        destinataire: { codeDestinataire: rennes.siret, codeServiceExecutant: 'EDUC' },
      })
    ).json()) as Record<string, unknown>;
    expect(recycled).toMatchObject({ codeRetour: 0, statutFacture: 'DEPOSEE', numeroFacture: number });
    expect(recycled.dateDepot).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/);

    const history = await pollUntil(
      () => chorus.consulterHistorique(SUPPLIER_ACCOUNT, idFacture),
      (h) => h.statutCourantCode === 'MISE_A_DISPOSITION',
    );
    const codes = history.historiquesDesStatuts.histoStatut.map((h) => h.histoStatutCode);
    expect(codes.slice(0, 6)).toEqual([
      'MISE_A_DISPOSITION',
      'EN_COURS_ACHEMINEMENT',
      'DEPOSEE',
      'A_RECYCLER',
      'COMPLETEE',
      'SUSPENDUE',
    ]);
    expect(
      history.historiquesDesStatuts.histoStatut.find((h) => h.histoStatutCode === 'SUSPENDUE')?.histoStatutCommentaire,
    ).toBe('Bon de livraison manquant');
    const [again] = (await chorus.rechercherFactureParFournisseur(SUPPLIER_ACCOUNT, { numeroFacture: number }))
      .listeFactures;
    expect(again?.codeServiceExecutant).toBe('EDUC');
  });

  it('answers an empty search with codeRetour 20000 and HTTP 200', async () => {
    const answer = await post(
      '/cpro/factures/v1/rechercher/recipiendaire',
      { numeroFacture: 'AUCUNE-FACTURE' },
      RENNES_ACCOUNT,
    );
    expect(answer.status).toBe(200);
    expect(await answer.json()).toEqual({
      codeRetour: 20000,
      libelle: "TRA_MSG_00.015 – La recherche n'a retourné aucun résultat",
    });
  });

  it('answers the reference lists and the short flux report (consulterCR)', async () => {
    const tva = (await (await post('/cpro/transverses/v1/recuperer/tauxtva', { codeLangue: 'FR' })).json()) as {
      codeRetour: number;
      libelle: string;
      listeTauxTva: { codeTauxTva: string; valeurTauxTva: number }[];
    };
    expect(tva).toMatchObject({ codeRetour: 0, libelle: 'TRA_MSG_00.000' });
    expect(tva.listeTauxTva).toContainEqual(expect.objectContaining({ codeTauxTva: 'TVA20', valeurTauxTva: 20 }));
    const formats = (await (await post('/cpro/transverses/v1/recuperer/formatflux', {})).json()) as {
      listeFormatFlux: { formatFlux: string }[];
    };
    expect(formats.listeFormatFlux.map((f) => f.formatFlux)).toEqual(
      expect.arrayContaining([
        'IN_DP_E1_UBL_INVOICE',
        'IN_DP_E1_CII_16B',
        'IN_DP_E2_CII_FACTURX',
        'IN_DP_E2_CII_MIN_16B',
      ]),
    );
    expect(formats.listeFormatFlux).toHaveLength(12);

    const flux = await depositXml(invoiceXml(uniqueInvoiceNumber('CR')));
    await finalReport(flux.numeroFluxDepot);
    const short = (await (
      await post('/cpro/transverses/v1/consulterCR', { numeroFluxDepot: flux.numeroFluxDepot })
    ).json()) as Record<string, unknown>;
    expect(short).toMatchObject({
      codeRetour: 0,
      numeroFluxDepot: flux.numeroFluxDepot,
      etatCourantFlux: 'IN_INTEGRE',
      codeInterfaceFlux: 'FSO1100A',
    });
    const otherSupplier = await post(
      '/cpro/transverses/v1/consulterCRDetaille',
      { numeroFluxDepot: flux.numeroFluxDepot },
      RENNES_ACCOUNT,
    );
    expect(((await otherSupplier.json()) as { codeRetour: number }).codeRetour).toBe(20004);
  });

  it('lists the target statuses from MISE_A_DISPOSITION as the decision rules allow them', async () => {
    const answer = await post(
      '/cpro/transverses/v1/recuperer/etats/traitement',
      { statutCourant: 'MISE_A_DISPOSITION' },
      RENNES_ACCOUNT,
    );
    const targets = (
      (await answer.json()) as { listeStatutsPossiblesPourTraitement: { statutPossiblePourTraitement: string }[] }
    ).listeStatutsPossiblesPourTraitement.map((s) => s.statutPossiblePourTraitement);
    expect(targets).toEqual(
      expect.arrayContaining(['SERVICE_FAIT', 'SUSPENDUE', 'REJETEE', 'A_RECYCLER', 'MANDATEE', 'MISE_EN_PAIEMENT']),
    );
    expect(targets).not.toContain('COMPLETEE');
  });
});

describe('mirror structures', () => {
  it('downloads the directory of public recipients as a zipped CSV with their routing flags and services', async () => {
    const answer = (await (await post('/cpro/transverses/v1/telecharger/annuaire/destinataire', {})).json()) as {
      codeRetour: number;
      fichierResultat: string;
    };
    expect(answer.codeRetour).toBe(0);
    const zip = Buffer.from(answer.fichierResultat, 'base64');
    expect(zip.readUInt32LE(0)).toBe(0x04034b50);
    const size = zip.readUInt32LE(18);
    const nameLength = zip.readUInt16LE(26);
    expect(zip.subarray(30, 30 + nameLength).toString()).toBe('annuaire_destinataires.csv');
    const csv = zip.subarray(30 + nameLength, 30 + nameLength + size);
    expect(crc32(csv)).toBe(zip.readUInt32LE(14));
    const lines = csv.toString('utf8').split('\r\n');
    expect(lines[0]).toMatch(/^SIRET;RAISON_SOCIALE;CODE_SERVICE/);
    expect(lines.some((l) => l.startsWith(`${rennes.siret};Rennes;TECH;`) && l.endsWith(';OUI;OUI;NON;NON;OUI'))).toBe(
      true,
    );
    expect(lines.some((l) => l.startsWith(`${rennes.siret};Rennes;FIN;`) && l.endsWith(';OUI;OUI;NON;NON;NON'))).toBe(
      true,
    );
    expect(lines.some((l) => l.startsWith(DEMO_SUPPLIER_ARMOR_BUREAUTIQUE.siret))).toBe(false);
  }, 90_000);

  it('finds Rennes by SIRET, with its routing flags and services', async () => {
    const search = (await (
      await post('/cpro/structures/v1/rechercher', {
        structure: { identifiantStructure: rennes.siret, typeIdentifiantStructure: 'SIRET' },
        restreindreStructuresPrivees: true,
      })
    ).json()) as {
      listeStructures: { idStructureCPP: number; identifiantStructure: string; designationStructure: string }[];
    };
    expect(search.listeStructures).toHaveLength(1);
    const idStructureCPP = search.listeStructures[0]?.idStructureCPP as number;
    expect(search.listeStructures[0]).toMatchObject({
      identifiantStructure: rennes.siret,
      designationStructure: 'Rennes',
    });

    const structure = (await (
      await post('/cpro/structures/v1/consulter', { idStructureCPP, codeLangue: 'FR' })
    ).json()) as Record<string, Record<string, unknown>>;
    expect(structure).toMatchObject({
      codeRetour: 0,
      libelle: 'GCU_MSG_01_000',
      parametres: { codeServiceDoitEtreRenseigne: true, numeroEJDoitEtreRenseigne: false },
    });
    expect(structure.informationGenerales).toMatchObject({ idStructureCPP, structurePriveePublique: 'PUBLIQUE' });

    const services = (await (
      await post('/cpro/structures/v1/rechercher/services', {
        idStructure: idStructureCPP,
        parametresRechercherServicesStructure: { nbResultatsParPage: 100 },
      })
    ).json()) as {
      listeServices: { idService: number; codeService: string; estActif: boolean }[];
    };
    const tech = services.listeServices.find((s) => s.codeService === 'TECH');
    expect(services.listeServices.find((s) => s.codeService === 'FIN')?.estActif).toBe(true);
    const service = (await (
      await post('/cpro/structures/v1/consulter/service', { idStructure: idStructureCPP, idService: tech?.idService })
    ).json()) as Record<string, Record<string, unknown>>;
    expect(service.parametres?.numeroEngagement).toBe(true);

    const actives = (await (
      await post('/cpro/transverses/v1/recuperer/structures/actives/destinataire', {}, RENNES_ACCOUNT)
    ).json()) as { listeStructures: unknown[] };
    expect(actives.listeStructures).toEqual([
      { idStructureCPP, identifiant: rennes.siret, designationStructure: 'Rennes' },
    ]);
    const asSupplier = (await (
      await post('/cpro/transverses/v1/recuperer/structures/actives/fournisseur', {}, RENNES_ACCOUNT)
    ).json()) as { listeStructures: unknown[] };
    expect(asSupplier.listeStructures).toEqual([]);
  });
});
