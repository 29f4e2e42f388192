// The Chorus Pro client against the msw fake of the real portal: token cache, headers, retries and refusals.
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  chorusClientConfig,
  ChorusError,
  createChorusClient,
  type ChorusClient,
} from '../../src/chorus/client/index.ts';
import { FakeChorus, FAKE_API_BASE } from './fake-chorus.ts';

const ACCOUNT = { login: 'TECH_1_HUB@cpro.fr', password: 'Hub-Tech-2026' };
const UBL = Buffer.from('<Invoice><cbc:ID>F-2026-001</cbc:ID></Invoice>').toString('base64');

let fake = new FakeChorus();
const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterAll(() => server.close());
afterEach(() => server.resetHandlers());

let clock = 1_800_000_000_000;
let sleeps: number[] = [];
let client: ChorusClient;

function build(overrides: Parameters<typeof chorusClientConfig>[3] = {}): ChorusClient {
  return createChorusClient(
    chorusClientConfig('sandbox', 'piste-app', 'piste-secret', {
      baseDelayMs: 100,
      maxDelayMs: 5000,
      maxAttempts: 4,
      timeoutMs: 200,
      ...overrides,
    }),
    {
      now: () => clock,
      sleep: async (ms) => {
        sleeps.push(ms);
      },
      random: () => 0.5,
    },
  );
}

beforeEach(() => {
  fake = new FakeChorus();
  server.use(...fake.handlers);
  sleeps = [];
  client = build();
});

const deposit = (c: ChorusClient = client, account = ACCOUNT) =>
  c.deposerFlux(account, {
    fichierFlux: UBL,
    nomFichier: 'F-2026-001.xml',
    syntaxeFlux: 'IN_DP_E1_UBL_INVOICE',
    avecSignature: false,
  });

describe('Chorus Pro client', () => {
  it('targets the PISTE sandbox and production hosts', () => {
    expect(chorusClientConfig('sandbox', 'a', 'b')).toMatchObject({
      apiBase: FAKE_API_BASE,
      tokenUrl: 'https://sandbox-oauth.piste.gouv.fr/api/oauth/token',
    });
    expect(chorusClientConfig('production', 'a', 'b')).toMatchObject({
      apiBase: 'https://api.piste.gouv.fr',
      tokenUrl: 'https://oauth.piste.gouv.fr/api/oauth/token',
    });
  });

  it('deposits a flux with the bearer token and the cpro-account of the technical account', async () => {
    const answer = await deposit();
    expect(answer).toMatchObject({ codeRetour: 0, libelle: 'GCU_MSG_01_000', syntaxeFlux: 'IN_DP_E1_UBL_INVOICE' });
    expect(answer.numeroFluxDepot).toMatch(/^CPP\d{22}$/);
    expect(fake.calls[0]?.login).toBe(ACCOUNT.login);
  });

  it('keeps the token until shortly before it expires, then renews it', async () => {
    await deposit();
    await deposit();
    expect(fake.tokenRequests).toBe(1);
    clock += (3600 - 240 - 1) * 1000;
    await deposit();
    expect(fake.tokenRequests).toBe(1);
    clock += 2000;
    await deposit();
    expect(fake.tokenRequests).toBe(2);
  });

  it('fails with the reason of WWW-Authenticate on a wrong technical account, without retrying', async () => {
    const error = await deposit(client, { login: ACCOUNT.login, password: 'wrong' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ChorusError);
    expect(error).toMatchObject({ kind: 'unauthorized', details: { status: 401 } });
    expect((error as ChorusError).details.wwwAuthenticate).toContain('login or password incorrects');
    expect((error as ChorusError).message).toContain('login or password incorrects');
    expect(fake.callsTo('/cpro/factures/v1/deposer/flux')).toBe(1);
  });

  it('fetches a new token once when the API says the token expired', async () => {
    await deposit();
    fake.tokens.clear();
    await deposit();
    expect(fake.tokenRequests).toBe(2);
  });

  it('reports a 403 with an empty body as a PISTE subscription problem, without retrying', async () => {
    fake.inject('/cpro/factures/v1/deposer/flux', { kind: '403' });
    const error = await deposit().catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: 'forbidden', details: { status: 403 } });
    expect((error as Error).message).toContain('CGU');
    expect(fake.callsTo('/cpro/factures/v1/deposer/flux')).toBe(1);
  });

  it('waits as long as Retry-After says after a 429, then succeeds', async () => {
    fake.inject('/cpro/factures/v1/deposer/flux', { kind: '429', retryAfterSeconds: 3 });
    const answer = await deposit();
    expect(answer.codeRetour).toBe(0);
    expect(sleeps).toEqual([3000]);
    expect(fake.callsTo('/cpro/factures/v1/deposer/flux')).toBe(2);
  });

  it('retries 500s with growing, jittered delays', async () => {
    fake.inject('/cpro/factures/v1/deposer/flux', { kind: '500' }, { kind: '500' });
    await deposit();
    // base 100 ms, doubled each time; random() = 0.5 gives three quarters of the ceiling.
    expect(sleeps).toEqual([75, 150]);
    expect(fake.callsTo('/cpro/factures/v1/deposer/flux')).toBe(3);
  });

  it('gives up as unavailable after the last attempt', async () => {
    fake.inject('/cpro/factures/v1/deposer/flux', { kind: '500' }, { kind: '500' }, { kind: '500' }, { kind: '500' });
    const error = await deposit().catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: 'unavailable', details: { status: 500 } });
    expect(fake.callsTo('/cpro/factures/v1/deposer/flux')).toBe(4);
  });

  it('abandons an attempt after its timeout and retries', async () => {
    fake.inject('/cpro/transverses/v1/consulterCRDetaille', { kind: 'timeout', ms: 2000 });
    const { numeroFluxDepot } = await deposit();
    // Without the timeout the first, slow answer would have been taken: two calls prove it was abandoned.
    const cr = await client.consulterCRDetaille(ACCOUNT, numeroFluxDepot);
    expect(cr.etatCourantDepotFlux).toBe('IN_DEPOT_PORTAIL_EN_ATTENTE_TRAITEMENT_SE_CPP');
    expect(fake.callsTo('/cpro/transverses/v1/consulterCRDetaille')).toBe(2);
  });

  it('does not retry a functional refusal and keeps its codeRetour and libelle', async () => {
    const error = await client
      .deposerFlux(ACCOUNT, { fichierFlux: UBL, nomFichier: 'x.xml', syntaxeFlux: 'IN_DP_E1_CII_FACTURX' })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: 'functional', details: { status: 400, codeRetour: 20003 } });
    expect((error as ChorusError).details.libelle).toContain('IN_DP_E1_CII_FACTURX');
    expect(fake.callsTo('/cpro/factures/v1/deposer/flux')).toBe(1);
  });

  it('reads an empty search (codeRetour 20000) as no invoice', async () => {
    const page = await client.rechercherFactureParFournisseur(ACCOUNT, {
      numeroFacture: 'NOPE',
      rechercheFactureParFournisseur: { nbResultatsParPage: 10, pageResultatDemandee: 1 },
    });
    expect(page.listeFactures).toEqual([]);
    expect(page.parametresRetour.total).toBe(0);
  });

  it('polls a flux to its final state, the refused invoices listed in listeErreurDP', async () => {
    fake.refuseNumbers.add('F-2026-001');
    const { numeroFluxDepot } = await deposit();
    const first = await client.consulterCRDetaille(ACCOUNT, numeroFluxDepot);
    const second = await client.consulterCRDetaille(ACCOUNT, numeroFluxDepot);
    expect(first.etatCourantDepotFlux).toBe('IN_DEPOT_PORTAIL_EN_ATTENTE_TRAITEMENT_SE_CPP');
    expect(second.etatCourantDepotFlux).toBe('IN_REJETE');
    expect(second.listeErreurDP).toEqual([
      expect.objectContaining({ numeroDP: 'F-2026-001', libelleErreurDP: 'Le code service est obligatoire' }),
    ]);
  });

  it('refuses the application when PISTE refuses its credentials', async () => {
    const error = await deposit(build({ clientSecret: 'bad' })).catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: 'token_refused' });
    expect((error as Error).message).toContain('Client authentication failed');
  });
});
