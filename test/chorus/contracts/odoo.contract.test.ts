// Odoo (OCA l10n-france, l10n_fr_chorus_account + l10n_fr_chorus_ubl), as its code calls Chorus Pro and reads the
// answers, against the mirror over HTTP:
// - res_partner: structures/v1/rechercher {structure:{identifiantStructure, typeIdentifiantStructure:"SIRET"}} and
//   takes listeStructures[0].idStructureCPP when there is exactly one; structures/v1/consulter {idStructureCPP}
//   reads parametres.*; rechercher/services {idStructure, parametresRechercherServicesStructure:{nbResultatsParPage:
//   10000}} reads codeRetour == 0 and listeServices[].codeService/libelleService/estActif/idService.
// - account_move: engagementsJuridiques/v1/rechercher {structureReceptriceEngagementJuridique: str(company id),
//   numeroEngagementJuridique, etatCourantEngagementJuridique:"COMMANDE"} reads listeEngagementJuridique;
//   deposer/flux {fichierFlux, nomFichier, syntaxeFlux, avecSignature:false}, several invoices as a .tar.gz
//   "ubl_chorus_lot_factures.tar.gz" of "ubl_chorus_facture_<name with / as ->.xml" files.
// - chorus_flow: consulterCRDetaille {numeroFluxDepot} until etatCourantDepotFlux is IN_INTEGRE, IN_INTEGRE_PARTIEL
//   or IN_REJETE; listeErreurDP[].numeroDP is matched against the invoice name to detach rejected invoices;
//   rechercher/fournisseur {numeroFluxDepot} maps listeFactures[].numeroFacture to identifiantFactureCPP + statut.
// - account_move: consulter/historique {idFacture} reads idFacture (must equal) and statutCourantCode, polled until
//   MANDATEE or MISE_EN_PAIEMENT.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { uniqueInvoiceNumber } from '../../helpers/invoices.ts';
import { useTestDatabase } from '../../helpers/use-database.ts';
import { ChorusHttpError, odooClient, pastellClient } from './clients.ts';
import {
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

const FINAL_FLUX_STATES = ['IN_REJETE', 'IN_INTEGRE', 'IN_INTEGRE_PARTIEL'];
/** An Odoo invoice name: the journal sequence with slashes. */
const odooName = () => `FAC/2026/${uniqueInvoiceNumber('').replace(/[^A-Z0-9]/g, '')}`;
const fileName = (name: string) => `ubl_chorus_facture_${name.replace(/\//g, '-')}.xml`;

/** The lot as Python's tarfile writes it in Odoo, here written by GNU tar (another implementation than the hub's). */
function tarGz(files: { name: string; bytes: Uint8Array }[]): Uint8Array {
  const dir = mkdtempSync(join(tmpdir(), 'odoo-lot-'));
  try {
    for (const f of files) writeFileSync(join(dir, f.name), f.bytes);
    execFileSync('/usr/bin/tar', [
      '--format=ustar',
      '-czf',
      join(dir, 'lot.tar.gz'),
      '-C',
      dir,
      ...files.map((f) => f.name),
    ]);
    return new Uint8Array(readFileSync(join(dir, 'lot.tar.gz')));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('Odoo (OCA l10n_fr_chorus_account) against the mirror over HTTP', () => {
  const odoo = () => odooClient(ctx.url, ctx.token, SUPPLIER_ACCOUNT);
  const invoice = (name: string, extra: { serviceCode?: string; engagementNumber?: string } = { serviceCode: 'FIN' }) =>
    chorusStyleInvoice({ number: name, supplier: ctx.parties.armor, buyer: ctx.parties.rennes, ...extra });

  async function crCron(numeroFluxDepot: string) {
    return pollUntil(
      () => odoo()('transverses/v1/consulterCRDetaille', { numeroFluxDepot }),
      (answer) => FINAL_FLUX_STATES.includes(answer.etatCourantDepotFlux),
    );
  }

  it('reads the partner: its Chorus id, the info required, its services', async () => {
    const post = odoo();
    const company = await post('structures/v1/rechercher', {
      structure: { identifiantStructure: ctx.parties.armor.siret, typeIdentifiantStructure: 'SIRET' },
    });
    expect(company.listeStructures).toHaveLength(1);
    expect(company.listeStructures[0].idStructureCPP).toEqual(expect.any(Number));

    const found = await post('structures/v1/rechercher', {
      structure: { identifiantStructure: ctx.parties.rennes.siret, typeIdentifiantStructure: 'SIRET' },
    });
    expect(found.listeStructures).toHaveLength(1);
    const id = found.listeStructures[0].idStructureCPP as number;
    const consulted = await post('structures/v1/consulter', { idStructureCPP: id });
    // Odoo's mapping of the flags: service code required only → "service".
    expect(consulted.parametres).toMatchObject({
      gestionNumeroEJOuCodeService: false,
      codeServiceDoitEtreRenseigne: true,
      numeroEJDoitEtreRenseigne: false,
    });
    const services = await post('structures/v1/rechercher/services', {
      idStructure: id,
      parametresRechercherServicesStructure: { nbResultatsParPage: 10000 },
    });
    expect(services.codeRetour).toBe(0);
    const fin = (services.listeServices as Record<string, unknown>[]).find((s) => s.codeService === 'FIN');
    expect(fin).toMatchObject({ estActif: true, libelleService: expect.any(String) });
    expect(Number.isInteger(Number(fin?.idService))).toBe(true);
    expect(services.parametresRetour.total).toBe(services.listeServices.length);
  });

  it('deposits one invoice, follows the CR, gets its identifier, checks its commitment and follows its status', async () => {
    const post = odoo();
    const name = odooName();
    const engagement = `EJ${uniqueInvoiceNumber('')
      .replace(/[^A-Z0-9]/g, '')
      .slice(-10)}`;
    const deposit = await post('factures/v1/deposer/flux', {
      fichierFlux: base64(asUbl(invoice(name, { serviceCode: 'FIN', engagementNumber: engagement }))),
      nomFichier: fileName(name),
      syntaxeFlux: 'IN_DP_E1_UBL_INVOICE',
      avecSignature: false,
    });
    expect(deposit).toMatchObject({ codeRetour: 0, syntaxeFlux: 'IN_DP_E1_UBL_INVOICE' });
    const cr = await crCron(deposit.numeroFluxDepot);
    expect(cr).toMatchObject({ etatCourantDepotFlux: 'IN_INTEGRE', libelle: 'TRA_MSG_00.000', listeErreurDP: [] });

    const found = await post('factures/v1/rechercher/fournisseur', { numeroFluxDepot: deposit.numeroFluxDepot });
    const row = (found.listeFactures as Record<string, unknown>[]).find((f) => f.numeroFacture === name);
    expect(row).toMatchObject({ identifiantFactureCPP: expect.any(Number), statut: expect.any(String) });
    const chorusIdentifier = row?.identifiantFactureCPP as number;

    // The commitment check Odoo runs on invoice validation: the company's own Chorus id as receiving structure.
    const company = await post('structures/v1/rechercher', {
      structure: { identifiantStructure: ctx.parties.armor.siret, typeIdentifiantStructure: 'SIRET' },
    });
    const companyIdentifier = String(company.listeStructures[0].idStructureCPP);
    const known = await post('engagementsJuridiques/v1/rechercher', {
      structureReceptriceEngagementJuridique: companyIdentifier,
      numeroEngagementJuridique: engagement,
      etatCourantEngagementJuridique: 'COMMANDE',
    });
    expect(known.listeEngagementJuridique).toHaveLength(1);
    const unknown = await post('engagementsJuridiques/v1/rechercher', {
      structureReceptriceEngagementJuridique: companyIdentifier,
      numeroEngagementJuridique: 'EJ-JAMAIS-VU',
      etatCourantEngagementJuridique: 'COMMANDE',
    });
    expect(unknown.listeEngagementJuridique).toBeFalsy();

    // The status cron, while the recipient (Rennes, through Pastell-like calls) pays the invoice.
    const history = () => post('factures/v1/consulter/historique', { idFacture: chorusIdentifier });
    const available = await pollUntil(history, (h) => h.statutCourantCode === 'MISE_A_DISPOSITION');
    expect(available).toMatchObject({ idFacture: chorusIdentifier, statutCourantCode: 'MISE_A_DISPOSITION' });
    const rennes = pastellClient(ctx.url, ctx.token, RENNES_ACCOUNT);
    for (const nouveauStatut of ['SERVICE_FAIT', 'MANDATEE', 'MISE_EN_PAIEMENT']) {
      await rennes('factures/%s/traiter/recue', {
        idFacture: chorusIdentifier,
        nouveauStatut,
        motif: '',
        numeroDPMandat: nouveauStatut === 'MANDATEE' ? 'M2026-118' : '',
      });
    }
    const paid = await history();
    expect(paid).toMatchObject({ idFacture: chorusIdentifier, statutCourantCode: 'MISE_EN_PAIEMENT' });
  });

  it('deposits a .tar.gz lot; the rejected invoice is named by its number in listeErreurDP, the other gets its id', async () => {
    const post = odoo();
    const good = odooName();
    const rejected = odooName();
    const lot = tarGz([
      { name: fileName(good), bytes: asUbl(invoice(good)) },
      // Rennes requires a service code: this one has none.
      { name: fileName(rejected), bytes: asUbl(invoice(rejected, {})) },
    ]);
    const deposit = await post('factures/v1/deposer/flux', {
      fichierFlux: base64(lot),
      nomFichier: 'ubl_chorus_lot_factures.tar.gz',
      syntaxeFlux: 'IN_DP_E1_UBL_INVOICE',
      avecSignature: false,
    });
    const cr = await crCron(deposit.numeroFluxDepot);
    expect(cr.etatCourantDepotFlux).toBe('IN_INTEGRE_PARTIEL');
    expect(cr.listeErreurDP).toEqual([
      {
        numeroDP: rejected,
        identifiantFournisseur: ctx.parties.armor.siret,
        identifiantDestinataire: ctx.parties.rennes.siret,
        libelleErreurDP: expect.stringMatching(/code service/i),
      },
    ]);
    const found = await post('factures/v1/rechercher/fournisseur', { numeroFluxDepot: deposit.numeroFluxDepot });
    expect((found.listeFactures as { numeroFacture: string }[]).map((f) => f.numeroFacture)).toEqual([good]);
  });

  it('gets Chorus’s refusal as an HTTP error with its libelle, as Odoo reports it', async () => {
    const refused = await odoo()('factures/v1/deposer/flux', {
      fichierFlux: base64(new TextEncoder().encode('<x/>')),
      nomFichier: 'x.xml',
      syntaxeFlux: 'IN_DP_E1_CII_FACTURX',
      avecSignature: false,
    }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(ChorusHttpError);
    expect((refused as ChorusHttpError).status).toBe(400);
    expect((refused as ChorusHttpError).libelle).toContain('IN_DP_E1_CII_FACTURX');
  });
});
