// Technical accounts are bound to the API clients allowed to use them, as PISTE binds an application to the
// structures that connected it: a client registered for Breizh Travaux, presenting Armor Bureautique's technical
// account, is refused (403, French message) until the operator binds it, and again once the binding is withdrawn.
import { and, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { auditEvents } from '../../db/schema/audit.ts';
import { createApp } from '../../src/app.ts';
import { cproAccountHeader, createTechnicalAccount } from '../../src/chorus/index.ts';
import { DEMO_SUPPLIER_ARMOR_BUREAUTIQUE, DEMO_SUPPLIER_BREIZH_TRAVAUX } from '../../src/directory/index.ts';
import { clientCredentialsToken } from '../helpers/client-token.ts';
import { testDeps } from '../helpers/test-deps.ts';
import { useTestDatabase } from '../helpers/use-database.ts';
import { insertDepositedInvoice, partyBySiren } from '../invoices/lifecycle-fixtures.ts';
import { PageClient } from '../web/page-client.ts';
import { HUB } from './mirror-harness.ts';

const t = useTestDatabase();
const ARMOR_ACCOUNT = { login: 'TECH_1_DEMO_FOURNISSEUR@cpro.fr', password: 'Demo-Fournisseur-2017' };
const BREIZH_ACCOUNT = { login: 'TECH_1_BREIZH_TRAVAUX@cpro.fr', password: 'Breizh-Travaux-2017' };
let app: ReturnType<typeof createApp>;
let operator: PageClient;
let armorInvoice: string;
let breizhToken: string;
let demoToken: string;

/** rechercherFactureParFournisseur for one invoice number, as a Chorus client would call it. */
function searchSupplier(token: string, account: { login: string; password: string }, numeroFacture: string) {
  return app.request(`${HUB}/cpro/factures/v1/rechercher/fournisseur`, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/json;charset=utf-8',
      Authorization: `Bearer ${token}`,
      'cpro-account': cproAccountHeader(account),
    },
    body: JSON.stringify({ numeroFacture }),
  });
}

async function expectNotBound(answer: Response, clientId: string, login: string): Promise<void> {
  expect(answer.status).toBe(403);
  const body = (await answer.json()) as { code: string; message: string };
  expect(body.code).toBe('TECHNICAL_ACCOUNT_NOT_BOUND');
  expect(body.message).toBe(
    `Le client API « ${clientId} » n’est pas raccordé au compte technique ${login} : l’opérateur du hub doit l’y autoriser (page Clients API) avant que ce client l’utilise.`,
  );
}

beforeAll(async () => {
  app = createApp(testDeps(t.handle));
  operator = await PageClient.logIn(app, 'operateur@demo.hub.bzh', 'Demo-Operateur-2026');
  const armor = await partyBySiren(t.handle.db, 'supplier', DEMO_SUPPLIER_ARMOR_BUREAUTIQUE.siren);
  const breizh = await partyBySiren(t.handle.db, 'supplier', DEMO_SUPPLIER_BREIZH_TRAVAUX.siren);
  const rennes = await partyBySiren(t.handle.db, 'commune', '213502388');
  armorInvoice = (await insertDepositedInvoice(t.handle.db, { supplier: armor, buyer: rennes })).number;

  // The operator registers Breizh Travaux's software on the API clients page; its secret is shown once.
  await operator.get('/comptes/clients-api');
  const created = await operator.post('/comptes/clients-api', {
    clientId: 'breizh-erp',
    name: 'ERP de Breizh Travaux',
    role: 'supplier',
    structure: DEMO_SUPPLIER_BREIZH_TRAVAUX.siret,
  });
  expect(created.status).toBe(200);
  const secret = /<code class="secret">([^<]+)<\/code>/.exec(await created.text())?.[1];
  breizhToken = await clientCredentialsToken(app, 'breizh-erp', secret!);
  demoToken = await clientCredentialsToken(app, 'hub-demo', 'hub-demo-secret');
  await createTechnicalAccount(
    t.handle.db,
    { ...BREIZH_ACCOUNT, structureId: breizh.id, role: 'supplier', clientIds: ['breizh-erp'] },
    new Date(),
  );
});

describe('technical accounts bound to API clients', () => {
  it('refuses a client with the technical account of a structure it is not bound to, and serves the bound ones', async () => {
    await expectNotBound(
      await searchSupplier(breizhToken, ARMOR_ACCOUNT, armorInvoice),
      'breizh-erp',
      ARMOR_ACCOUNT.login,
    );
    await expectNotBound(await searchSupplier(demoToken, BREIZH_ACCOUNT, 'X-1'), 'hub-demo', BREIZH_ACCOUNT.login);

    const own = await searchSupplier(breizhToken, BREIZH_ACCOUNT, armorInvoice);
    expect(own.status).toBe(200);
    expect(await own.text()).not.toContain(armorInvoice);
    const armorsOwn = await searchSupplier(demoToken, ARMOR_ACCOUNT, armorInvoice);
    expect(armorsOwn.status).toBe(200);
    expect(await armorsOwn.text()).toContain(`"numeroFacture":"${armorInvoice}"`);
  });

  it('lets the operator bind a client to a technical account on the API clients page, and withdraw it', async () => {
    await operator.get('/comptes/clients-api');
    const bound = await operator.post('/comptes/clients-api/raccordements', {
      bindingClientId: 'breizh-erp',
      bindingLogin: ARMOR_ACCOUNT.login,
      action: 'raccorder',
    });
    expect(bound.status).toBe(200);
    const html = await bound.text();
    expect(html).toContain(`Le client API breizh-erp peut utiliser le compte technique ${ARMOR_ACCOUNT.login}.`);
    expect(html).toMatch(
      new RegExp(`<td>breizh-erp</td>.*?<td>${BREIZH_ACCOUNT.login} ; ${ARMOR_ACCOUNT.login}</td>`, 's'),
    );
    const served = await searchSupplier(breizhToken, ARMOR_ACCOUNT, armorInvoice);
    expect(served.status).toBe(200);
    expect(await served.text()).toContain(`"numeroFacture":"${armorInvoice}"`);
    const [audit] = await t.handle.db
      .select()
      .from(auditEvents)
      .where(
        and(
          eq(auditEvents.action, 'chorus_technical_account.bind_client'),
          eq(auditEvents.subjectId, ARMOR_ACCOUNT.login),
        ),
      );
    expect(audit).toMatchObject({ actorKind: 'person', after: { clientId: 'breizh-erp' } });

    const withdrawn = await operator.post('/comptes/clients-api/raccordements', {
      bindingClientId: 'breizh-erp',
      bindingLogin: ARMOR_ACCOUNT.login,
      action: 'retirer',
    });
    expect(withdrawn.status).toBe(200);
    expect(await withdrawn.text()).toContain(
      `Le client API breizh-erp ne peut plus utiliser le compte technique ${ARMOR_ACCOUNT.login}.`,
    );
    await expectNotBound(
      await searchSupplier(breizhToken, ARMOR_ACCOUNT, armorInvoice),
      'breizh-erp',
      ARMOR_ACCOUNT.login,
    );
  });

  it('names the field when the client or the technical account does not exist, and is for operators only', async () => {
    await operator.get('/comptes/clients-api');
    const noClient = await operator.post('/comptes/clients-api/raccordements', {
      bindingClientId: 'inconnu',
      bindingLogin: ARMOR_ACCOUNT.login,
      action: 'raccorder',
    });
    expect(noClient.status).toBe(400);
    const noClientHtml = await noClient.text();
    expect(noClientHtml).toContain('Aucun client API ne porte l’identifiant « inconnu ».');
    expect(noClientHtml).toMatch(/id="f-binding-client"[^>]*aria-invalid="true"/);
    const noAccount = await operator.post('/comptes/clients-api/raccordements', {
      bindingClientId: 'breizh-erp',
      bindingLogin: 'TECH_1_NULLE_PART@cpro.fr',
      action: 'raccorder',
    });
    expect(noAccount.status).toBe(400);
    expect(await noAccount.text()).toContain(
      'Aucun compte technique ne porte l’identifiant « TECH_1_NULLE_PART@cpro.fr ».',
    );

    const accountant = await PageClient.logIn(app, 'comptable.rennes@demo.hub.bzh', 'Demo-Comptable-Rennes-2026');
    await accountant.get('/');
    const refused = await accountant.post('/comptes/clients-api/raccordements', {
      bindingClientId: 'breizh-erp',
      bindingLogin: ARMOR_ACCOUNT.login,
      action: 'raccorder',
    });
    expect(refused.status).toBe(403);
    await expectNotBound(
      await searchSupplier(breizhToken, ARMOR_ACCOUNT, armorInvoice),
      'breizh-erp',
      ARMOR_ACCOUNT.login,
    );
  });
});
