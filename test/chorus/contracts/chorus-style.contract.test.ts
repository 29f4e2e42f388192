// Invoices written the Chorus Pro way (billing frame A1 in BT-23, the recipient's SIRET in BT-46 and BT-47 under
// scheme 0009, no PMT/PMD/AAB notes) in UBL, CII and Factur-X, deposited under every syntaxeFlux of the sources,
// against the mirror over HTTP; and the searches as the Go client (antoine2116/go-choruspro) sends and decodes them.
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { structures } from '../../../db/schema/directory.ts';
import { useTestDatabase } from '../../helpers/use-database.ts';
import { odooClient, type Answer } from './clients.ts';
import {
  asCii,
  asFacturX,
  asUbl,
  base64,
  chorusStyleInvoice,
  pollUntil,
  SUPPLIER_ACCOUNT,
  useContractHub,
} from './fixture.ts';

const t = useTestDatabase();
const ctx = useContractHub(t);

describe('Chorus-style invoices under every syntaxeFlux, over HTTP', () => {
  const post = () => odooClient(ctx.url, ctx.token, SUPPLIER_ACCOUNT);
  const invoice = () =>
    chorusStyleInvoice({ supplier: ctx.parties.armor, buyer: ctx.parties.rennes, serviceCode: 'FIN' });

  async function depositAndReport(bytes: Uint8Array, syntaxeFlux: string, nomFichier: string): Promise<Answer> {
    const flux = await post()('factures/v1/deposer/flux', { fichierFlux: base64(bytes), nomFichier, syntaxeFlux });
    expect(flux).toMatchObject({ codeRetour: 0, syntaxeFlux });
    return pollUntil(
      () => post()('transverses/v1/consulterCRDetaille', { numeroFluxDepot: flux.numeroFluxDepot }),
      (a) => a.etatCourantDepotFlux !== 'IN_DEPOT_PORTAIL_EN_ATTENTE_TRAITEMENT_SE_CPP',
    );
  }

  it.each([
    ['IN_DP_E1_UBL_INVOICE', 'UBL'],
    ['IN_DP_E2_UBL_INVOICE_MIN', 'UBL'],
    ['IN_DP_E3_UBL_INVOICE', 'UBL'],
    ['IN_DP_E1_CII_16B', 'CII'],
    ['IN_DP_E1_CII', 'CII'],
    ['IN_DP_E2_CII_MIN_16B', 'CII'],
    ['IN_DP_E2_CII_MIN', 'CII'],
    ['IN_DP_E2_CII_FACTURX', 'FACTURX'],
  ] as const)('%s: a Chorus-style %s invoice reaches IN_INTEGRE, warnings aside', async (syntaxe, kind) => {
    const inv = invoice();
    const bytes = kind === 'UBL' ? asUbl(inv) : kind === 'CII' ? asCii(inv) : await asFacturX(inv);
    const report = await depositAndReport(bytes, syntaxe, `${inv.number}.${kind === 'FACTURX' ? 'pdf' : 'xml'}`);
    expect(report).toMatchObject({ etatCourantDepotFlux: 'IN_INTEGRE', listeErreurDP: [], listeErreurTechnique: [] });
    const [row] = (await post()('factures/v1/rechercher/fournisseur', { numeroFacture: inv.number }))
      .listeFactures as Answer[];
    expect(row).toMatchObject({ numeroFacture: inv.number, codeDestinataire: ctx.parties.rennes.siret });
  });

  it.each(['IN_DP_E1_PES_FACTURE', 'IN_DP_E2_PES_FACTURE_MIN', 'IN_DP_E1_XCBL', 'IN_DP_E2_CPP_FACTURE_MIN'])(
    '%s is taken, and its invoice rejected in the report with the syntaxes the hub reads',
    async (syntaxe) => {
      const inv = invoice();
      const report = await depositAndReport(asUbl(inv), syntaxe, `${inv.number}.xml`);
      expect(report.etatCourantDepotFlux).toBe('IN_REJETE');
      expect(report.listeErreurDP).toEqual([
        expect.objectContaining({
          numeroDP: inv.number,
          libelleErreurDP: expect.stringContaining('IN_DP_E1_UBL_INVOICE'),
        }),
      ]);
    },
  );

  it('rejects a content that is not what syntaxeFlux announces', async () => {
    const inv = invoice();
    const report = await depositAndReport(asUbl(inv), 'IN_DP_E2_CII_MIN_16B', `${inv.number}.xml`);
    expect(report.etatCourantDepotFlux).toBe('IN_REJETE');
    expect(report.listeErreurDP[0]).toMatchObject({
      numeroDP: inv.number,
      libelleErreurDP: expect.stringContaining('CII'),
    });
  });

  it('rejects the same invoice when the recipient chose the strict profile, naming the reform rules', async () => {
    const lorient = ctx.parties.lorient;
    await t.handle.db.update(structures).set({ strictReformRules: true }).where(eq(structures.id, lorient.id));
    try {
      const inv = chorusStyleInvoice({ supplier: ctx.parties.armor, buyer: lorient });
      const report = await depositAndReport(asUbl(inv), 'IN_DP_E1_UBL_INVOICE', `${inv.number}.xml`);
      expect(report.etatCourantDepotFlux).toBe('IN_REJETE');
      expect(report.listeErreurDP[0]).toMatchObject({
        numeroDP: inv.number,
        identifiantDestinataire: lorient.siret,
        libelleErreurDP: expect.stringMatching(/BR-FR-05.*BR-FR-08|BR-FR-08.*BR-FR-05/),
      });
    } finally {
      await t.handle.db.update(structures).set({ strictReformRules: false }).where(eq(structures.id, lorient.id));
    }
  });
});

describe('searches as the Go client sends and decodes them', () => {
  /** RechercherFactureParFournisseurOptions has no omitempty: every field goes out, zero-valued. */
  const goZeroValues = {
    cadreFacturation: { codeCadreFacturation: '', codeStructureValideur: '', codeServiceValideur: '' },
    coordonneeBancaire: 0,
    idFournisseur: 0,
    idServiceFournisseur: 0,
    idStructureValideur: 0,
    idUtilisateurCourant: 0,
    idUtilisateurCreateur: null,
    listeDestinataire: null,
    modeDepot: '',
    montantApayerMax: 0,
    montantApayerMin: 0,
    montantHTMax: 0,
    montantHTMin: 0,
    montantTTCMax: 0,
    montantTTCMin: 0,
    numeroBonCommande: '',
    numeroFacture: '',
    numeroFactureOrigine: '',
    numeroFluxDepot: '',
    numeroMarche: '',
    periodeDateDepotAu: '',
    periodeDateDepotDu: '',
    periodeDateFactureAu: null,
    periodeDateFactureDu: null,
    periodeDateHeureEtatCourantAu: null,
    periodeDateHeureEtatCourantDu: null,
    rechercheFactureParFournisseur: null,
    rechercheSirenDestinataire: false,
    recupererTaille: false,
    rejetTraite: false,
    statutCourant: null,
    typeFacture: '',
  };
  /** Go's time.Time decodes RFC 3339 only; its Date type "2006-01-02". */
  const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;
  const GO_DATE = /^\d{4}-\d{2}-\d{2}$/;

  it('takes the zero values as "not given", and answers dates Go decodes', async () => {
    const post = odooClient(ctx.url, ctx.token, SUPPLIER_ACCOUNT);
    const inv = chorusStyleInvoice({ supplier: ctx.parties.armor, buyer: ctx.parties.rennes, serviceCode: 'FIN' });
    const flux = await post('factures/v1/deposer/flux', {
      fichierFlux: base64(asUbl(inv)),
      nomFichier: `${inv.number}.xml`,
      syntaxeFlux: 'IN_DP_E1_UBL_INVOICE',
    });
    await pollUntil(
      () => post('transverses/v1/consulterCRDetaille', { numeroFluxDepot: flux.numeroFluxDepot }),
      (a) => a.etatCourantDepotFlux === 'IN_INTEGRE',
    );
    const all = await post('factures/v1/rechercher/fournisseur', goZeroValues);
    expect(all.codeRetour).toBe(0);
    expect(all.parametresRetour.total).toBeGreaterThan(0);
    const mine = await post('factures/v1/rechercher/fournisseur', { ...goZeroValues, numeroFacture: inv.number });
    expect(mine.listeFactures).toHaveLength(1);
    const row = mine.listeFactures[0] as Answer;
    expect(row.dateHeureEtatCourant).toMatch(RFC3339);
    expect(row.dateDepot).toMatch(GO_DATE);
    expect(row.dateFacture).toMatch(GO_DATE);
    expect(row).toMatchObject({
      typeDemandePaiement: 'FACTURE',
      codeFournisseur: ctx.parties.armor.siret,
      typeIdentifiantFournisseur: 'SIRET',
      designationFournisseur: ctx.parties.armor.name,
      idDestinataire: expect.any(Number),
      modeDepot: 'DEPOT_FLUX',
      nomPrenomUtilisateurCreateur: SUPPLIER_ACCOUNT.login,
      taille: asUbl(inv).length,
    });
    // The Go client's bound is RFC 3339 with an offset: an instant after the change finds nothing.
    const later = new Date(Date.parse(row.dateHeureEtatCourant) + 60_000).toISOString();
    const none = await post('factures/v1/rechercher/fournisseur', {
      ...goZeroValues,
      numeroFacture: inv.number,
      periodeDateHeureEtatCourantDu: later,
    });
    expect(none.codeRetour).toBe(20000);
    // consulter gives the same deposit day; the short report adds the PDF and the partner.
    const consulted = await post('factures/v1/consulter/fournisseur', {
      identifiantFactureCPP: row.identifiantFactureCPP,
    });
    expect(consulted.facture.references.dateDepot).toBe(row.dateDepot);
    expect(consulted.facture.references.dateCreationFacture).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/);
    const cr = await post('transverses/v1/consulterCR', { numeroFluxDepot: flux.numeroFluxDepot });
    expect(cr.dateDepotFlux).toMatch(RFC3339);
    expect(cr).toMatchObject({ codeAppliPartenaire: expect.any(String), designationPartenaire: expect.any(String) });
    expect(Buffer.from(cr.fichierCR, 'base64').subarray(0, 5).toString()).toBe('%PDF-');
  });

  it('sorts on triColonne / triSens and refuses an unknown column', async () => {
    const post = odooClient(ctx.url, ctx.token, SUPPLIER_ACCOUNT);
    const sorted = async (triSens: string) =>
      (
        (
          await post('factures/v1/rechercher/fournisseur', {
            rechercheFactureParFournisseur: { nbResultatsParPage: 200, triColonne: 'MontantTTC', triSens },
          })
        ).listeFactures as Answer[]
      ).map((f) => f.montantTTC as number);
    const up = await sorted('Ascendant');
    expect(up.length).toBeGreaterThan(1);
    expect(up).toEqual([...up].sort((a, b) => a - b));
    expect(await sorted('Descendant')).toEqual([...up].reverse());
    const refused = await post('factures/v1/rechercher/fournisseur', {
      rechercheFactureParFournisseur: { triColonne: 'Couleur' },
    }).catch((e: { status: number; libelle: string }) => e);
    expect(refused).toMatchObject({ status: 400, libelle: expect.stringContaining('Couleur') });
  });
});
