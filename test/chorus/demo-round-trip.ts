// The mirror round trip against a running hub, with the demo accounts and only the Chorus Pro contract:
//   npx tsx test/chorus/demo-round-trip.ts [http://127.0.0.1:3000]
// Deposits a UBL flux for Rennes (service FIN), polls its report to IN_INTEGRE, finds the invoice, lets Rennes
// certify the service then mandate it, and prints the history the supplier sees.
import { chorusClientConfig, createChorusClient } from '../../src/chorus/client/index.ts';
import { DEMO_SUPPLIER_ARMOR_BUREAUTIQUE } from '../../src/directory/index.ts';
import { ublInvoice } from '../helpers/invoices.ts';

const hub = process.argv[2] ?? 'http://127.0.0.1:3000';
const SUPPLIER = { login: 'TECH_1_DEMO_FOURNISSEUR@cpro.fr', password: 'Demo-Fournisseur-2017' };
const RENNES = { login: 'TECH_1_DEMO_RENNES@cpro.fr', password: 'Demo-Rennes-2017' };
const RENNES_SIRET = '21350238800019';

const chorus = createChorusClient(
  chorusClientConfig('sandbox', 'hub-demo', 'hub-demo-secret', {
    apiBase: hub,
    tokenUrl: new URL('/api/oauth/token', hub).toString(),
    maxAttempts: 2,
  }),
);
const step = (label: string, value: unknown) => console.log(`\n== ${label}\n${JSON.stringify(value, null, 2)}`);

const number = `DEMO-${Date.now().toString(36).toUpperCase()}`;
const xml = ublInvoice({
  number,
  supplierSiret: DEMO_SUPPLIER_ARMOR_BUREAUTIQUE.siret,
  supplierName: DEMO_SUPPLIER_ARMOR_BUREAUTIQUE.name,
  buyerSiret: RENNES_SIRET,
  serviceCode: 'FIN',
  lineAmounts: ['1250.50'],
});
const deposit = await chorus.deposerFlux(SUPPLIER, {
  fichierFlux: Buffer.from(xml).toString('base64'),
  nomFichier: `${number}.xml`,
  syntaxeFlux: 'IN_DP_E1_UBL_INVOICE',
  avecSignature: false,
});
step('deposer/flux', deposit);

let report = await chorus.consulterCRDetaille(SUPPLIER, deposit.numeroFluxDepot);
for (let i = 0; i < 100 && report.etatCourantDepotFlux === 'IN_DEPOT_PORTAIL_EN_ATTENTE_TRAITEMENT_SE_CPP'; i += 1) {
  await new Promise((resolve) => setTimeout(resolve, 300));
  report = await chorus.consulterCRDetaille(SUPPLIER, deposit.numeroFluxDepot);
}
step('consulterCRDetaille', report);
if (report.etatCourantDepotFlux !== 'IN_INTEGRE') throw new Error(`flux ${report.etatCourantDepotFlux}`);

const found = await chorus.rechercherFactureParFournisseur(SUPPLIER, { numeroFluxDepot: deposit.numeroFluxDepot });
step('rechercher/fournisseur', found);
const idFacture = found.listeFactures[0]?.identifiantFactureCPP;
if (idFacture === undefined) throw new Error('invoice not found');
step(
  'traiter/recue SERVICE_FAIT',
  await chorus.traiterFactureRecue(RENNES, { idFacture, nouveauStatut: 'SERVICE_FAIT' }),
);
step(
  'traiter/recue MANDATEE',
  await chorus.traiterFactureRecue(RENNES, { idFacture, nouveauStatut: 'MANDATEE', numeroDPMandat: '2026-0042' }),
);
const history = await chorus.consulterHistorique(SUPPLIER, idFacture);
step('consulter/historique', history);
const codes = history.historiquesDesStatuts.histoStatut.map((h) => h.histoStatutCode);
if (codes[0] !== 'MANDATEE' || codes[1] !== 'SERVICE_FAIT') throw new Error(`unexpected history ${codes.join(', ')}`);
console.log('\nround trip OK');
