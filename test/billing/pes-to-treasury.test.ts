// The PES Aller of a billing run, as the treasury takes it: a real run on PostgreSQL and Temporal writes the titles
// of the year and hands the file to the accounting module, whose checks pass and whose transmission workflow uploads
// it once to the fake DGFiP gateway over real FTP (routing commands, then STOR into /entree/); Hélios answers
// PES_ACQUIT with the bordereau of titles accepted (domain 6, Recette), no error anywhere, for the syndicat's
// codique, SIRET and budget, and the flow ends ACQUITTE. A second run of the year sends nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TreasuryEndpoint } from '../../src/accounting/index.ts';
import { pMsgOf } from '../../src/accounting/transport/treasury-ftp.ts';
import { syndicatIssuer } from '../../src/billing/runs/syndicat.ts';
import { DEFAULT_BILLING_SETTINGS } from '../../src/billing/settings.ts';
import type { AppDeps } from '../../src/platform/http.ts';
import { pollUntil } from '../accounting/accounting-harness.ts';
import { FakeTreasury } from '../../src/demo-treasury/index.ts';
import { useTestDatabase } from '../helpers/use-database.ts';
import { giveRequiredReferences, runYear, startBillingHub, type BillingHub } from './billing-harness.ts';
import { readPes } from './pes-reader.ts';

const t = useTestDatabase();
const YEAR = 2027;
const settings = DEFAULT_BILLING_SETTINGS;
let hub: BillingHub;
let fake: FakeTreasury;
let endpoint: TreasuryEndpoint;

const api = (path: string, init: RequestInit = {}) => hub.api(path, init);

beforeAll(async () => {
  // Hélios knows the syndicat's poste comptable, SIRET and budget as the billing settings give them.
  const issuer = await syndicatIssuer(t.handle.db);
  fake = await FakeTreasury.start({
    accounts: [
      { idPost: settings.pesIdPost, idColl: issuer.siret, codCol: settings.pesCodCol, codBud: settings.pesCodBud },
    ],
  });
  endpoint = {
    url: fake.url,
    entree: '/entree/',
    sortie: '/sortie/',
    pAppli: 'GHELPES2',
    pDest: 'VHPCE11',
    timeoutMs: 10_000,
  };
  hub = await startBillingHub(t.handle, 'billing-pes', { accounting: { treasury: endpoint } } as Partial<AppDeps>);
}, 120_000);

afterAll(async () => {
  await fake?.stop();
  await hub?.stop();
});

describe('the PES of a billing run at the treasury', { retry: 0, timeout: 600_000 }, () => {
  it('is accepted by Hélios with PES_ACQUIT and no error', async () => {
    // The members whose directory entry requires references get them, so that every EPCI is billed.
    await giveRequiredReferences(hub, YEAR);

    type Run = { id: string; status: string; pes: { bordereau: number; titles: number; flowId: string | null } | null };
    const run = await runYear<Run>(hub, { year: YEAR, dryRun: false });
    expect(run.status).toBe('DONE');
    expect(run.pes).toMatchObject({ bordereau: 1, titles: 61 });
    const flowId = run.pes?.flowId ?? null;
    expect(flowId).toMatch(/^[0-9a-f-]{36}$/);

    // The run handed its PES to the accounting module: checked, sent once over FTP with the routing commands.
    const flow = await pollUntil(
      hub.deps,
      flowId!,
      ['ACQUITTE', 'INFORMATION_DISPONIBLE', 'REFUSE', 'ERREUR', 'NON_CONFORME'],
      120_000,
    );
    expect(flow.issues).toEqual([]);
    expect(flow.status).toBe('ACQUITTE');
    expect(flow.channel).toBe('billing');
    expect(fake.received).toHaveLength(1);
    const sent = fake.received[0]!;
    expect(sent.routing).toEqual({
      pDest: endpoint.pDest,
      pAppli: endpoint.pAppli,
      pMsg: pMsgOf({ codCol: settings.pesCodCol, idPost: settings.pesIdPost, codBud: settings.pesCodBud }),
    });
    // What went to the treasury is the year's PES the API serves, under its wire name.
    expect(sent.name).toMatch(/^PESALR2_\d{14}_\d{6}_\d{3}\.xml$/);
    const res = await api(`/api/billing/years/${YEAR}/pes`);
    expect(res.status).toBe(200);
    const bytes = Buffer.from(await res.arrayBuffer());
    const pes = readPes(new Uint8Array(bytes));
    expect(pes.nomFic).toMatch(/^PESALR2_\d{14}_COT2027_B001$/);
    expect(flow.nomFic).toBe(pes.nomFic);

    // Hélios answered PES_ACQUIT: the bordereau of titles, domain 6 (Recette), accepted, no error anywhere.
    // The acknowledgement as the treasury wrote it, kept on the flow (the poller took it from /sortie/).
    const acquit = await api(`/api/accounting/flows/${flowId}/acquit`);
    expect(acquit.status).toBe(200);
    const answer = Buffer.from(await acquit.arrayBuffer()).toString('latin1');
    expect(answer).toContain('<n:PES_ACQUIT');
    expect(answer).toContain(`<NomFic V="${pes.nomFic}"/>`);
    expect(answer).not.toContain('<Erreur>');
    expect(answer.match(/<ElementACQUIT>/g)).toHaveLength(1);
    expect(answer).toContain(
      `<ElementACQUIT><DomaineAck V="6"/><EtatAck V="1"/><NumBord V="1"/><ExerciceBord V="${YEAR}"/></ElementACQUIT>`,
    );
    const report = (await (await api(`/api/billing/runs/${run.id}`)).json()) as { pes: { flowStatus: string } };
    expect(report.pes.flowStatus).toBe('ACQUITTE');

    // The same year again: nothing new issued, no second PES, nothing more sent to the treasury.
    const second = await runYear<{ status: string; pes: unknown }>(hub, { year: YEAR, dryRun: false });
    expect(second).toMatchObject({ status: 'DONE', pes: null });
    expect(fake.received).toHaveLength(1);
  });
});
