// Property: whatever string arrives in any JSON field, form field or query parameter of any route (control
// characters, lone surrogates, 1 MB, Unicode edge cases), the hub answers a French 4xx or succeeds: never a 500,
// never a hang, and the invoice workflow it may reach still answers afterwards. Routes and their fields are read
// from the OpenAPI document, the pages' forms and the Chorus mirror's paths, so a new route is fed too.
import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Client } from '@temporalio/client';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/app.ts';
import { PATHS } from '../../src/chorus/domain/api-contract.ts';
import { invoiceState } from '../../src/invoices/domain/contract.ts';
import type { InvoiceDeps } from '../../src/invoices/index.ts';
import { createApiClient, createPerson, issueClientToken } from '../../src/platform/auth/index.ts';
import { testParties, ublInvoice, uniqueInvoiceNumber } from '../helpers/invoices.ts';
import { testDeps, testTemporalClient } from '../helpers/test-deps.ts';
import { createFileStore, diskBackend } from '../../src/platform/files/index.ts';
import { useTestDatabase } from '../helpers/use-database.ts';
import { startWorker, waitForStatus, type RunningWorker } from '../invoices/lifecycle-fixtures.ts';

const t = useTestDatabase();
let temporal: Client;
let worker: RunningWorker;
let app: ReturnType<typeof createApp>;
let deps: InvoiceDeps;
let invoiceId = '';
let workflowId = '';
const auth: Record<'supplier' | 'accountant' | 'operator' | 'mirror' | 'session', Record<string, string>> = {
  supplier: {},
  accountant: {},
  operator: {},
  mirror: {},
  session: {},
};
let csrf = '';

interface Target {
  method: string;
  path: string;
  kind: 'json' | 'form' | 'query';
  fields: string[];
  as: keyof typeof auth | 'anonymous';
}
const targets: Target[] = [];

/** Hostile strings: controls, lone surrogates, bidi and zero-width marks, huge, numeric and date edge cases. */
const hostile = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc
    .array(
      fc.constantFrom(
        '\u0000',
        '\u0001',
        '\u0008',
        '\u001b',
        '\u001f',
        '\u007f',
        '\ud800',
        '\udfff',
        '\u202e',
        '\ufeff',
        '\u200b',
        '\ufffd',
        'é',
        '😀',
        '\r\n',
        '%00',
        '../',
        '<script>',
        "'",
        '"',
        '\\',
        ' ',
      ),
      { maxLength: 12 },
    )
    .map((parts) => parts.join('')),
  fc.constantFrom(
    'x'.repeat(1024 * 1024),
    'é'.repeat(300_000),
    '2026-02-30',
    '99999999999999999999.99',
    '-1',
    '1e308',
    'NaN',
    '',
    '0'.repeat(64),
  ),
);

function bodyFieldsOf(schema: unknown, components: Record<string, unknown>): string[] {
  let s = schema as { $ref?: string; properties?: Record<string, unknown>; anyOf?: unknown[]; oneOf?: unknown[] };
  if (s?.$ref) s = components[s.$ref.split('/').pop()!] as typeof s;
  const alternatives = [...(s?.anyOf ?? []), ...(s?.oneOf ?? [])];
  return [...Object.keys(s?.properties ?? {}), ...alternatives.flatMap((a) => bodyFieldsOf(a, components))].filter(
    (v, i, all) => all.indexOf(v) === i,
  );
}

async function token(role: 'supplier' | 'accountant' | 'operator', structureId: string): Promise<string> {
  const clientId = `prop-${role}-${randomUUID().slice(0, 8)}`;
  await createApiClient(deps, {
    clientId,
    clientSecret: 'secret-de-test',
    name: clientId,
    structureId,
    grants: [{ role, structureId }],
  });
  return (await issueClientToken(deps, { clientId, clientSecret: 'secret-de-test' })).access_token;
}

beforeAll(async () => {
  temporal = await testTemporalClient();
  const p = await testParties(t.handle.db);
  deps = {
    ...testDeps(t.handle, { temporal }),
    // A real file store, as every deployment has: routes that take files are fed too.
    files: createFileStore({ db: t.handle.db, backend: diskBackend(mkdtempSync(join(tmpdir(), 'hub-random-input-'))) }),
    invoices: { timing: { dayMs: 60_000, reminderDaysBefore: [] }, decisionTimeoutMs: 5_000 },
  };
  worker = await startWorker(deps, deps.taskQueue!);
  app = createApp(deps);
  auth.supplier = { Authorization: `Bearer ${await token('supplier', p.armor.id)}` };
  auth.accountant = { Authorization: `Bearer ${await token('accountant', p.lorient.id)}` };
  auth.operator = { Authorization: `Bearer ${await token('operator', p.lorient.id)}` };
  const demo = await issueClientToken(deps, { clientId: 'hub-demo', clientSecret: 'hub-demo-secret' });
  auth.mirror = {
    Authorization: `Bearer ${demo.access_token}`,
    'cpro-account': Buffer.from('TECH_1_DEMO_FOURNISSEUR@cpro.fr:Demo-Fournisseur-2017').toString('base64'),
  };
  const email = `prop-${randomUUID().slice(0, 8)}@test.hub.bzh`;
  await createPerson(deps, {
    email,
    displayName: 'Opérateur',
    password: 'Mot-de-passe-2026',
    grants: [{ role: 'operator', structureId: p.lorient.id }],
  });
  const login = await app.request('/auth/login', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ email, password: 'Mot-de-passe-2026' }),
  });
  csrf = ((await login.json()) as { csrfToken: string }).csrfToken;
  auth.session = { cookie: (login.headers.get('set-cookie') ?? '').split(';')[0]! };

  const deposit = await app.request('/api/invoices', {
    method: 'POST',
    headers: { ...auth.supplier, 'Content-Type': 'application/xml' },
    body: ublInvoice({
      supplierSiret: p.armor.siret,
      supplierName: p.armor.name,
      buyerSiret: p.lorient.siret,
      number: uniqueInvoiceNumber('PROP'),
    }),
  });
  invoiceId = ((await deposit.json()) as { invoiceId: string }).invoiceId;
  workflowId = (await waitForStatus(t.handle.db, invoiceId, 'MISE_A_DISPOSITION')).workflowId!;

  // The JSON API, as documented.
  const doc = (await (await app.request('/api/openapi.json')).json()) as {
    paths: Record<
      string,
      Record<
        string,
        { parameters?: { in: string; name: string }[]; requestBody?: { content: Record<string, { schema: unknown }> } }
      >
    >;
    components?: { schemas?: Record<string, unknown> };
  };
  const components = doc.components?.schemas ?? {};
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(item)) {
      const query = (op.parameters ?? []).filter((q) => q.in === 'query').map((q) => q.name);
      const as = path.startsWith('/api/invoices')
        ? method === 'post' && path.endsWith('decisions')
          ? 'accountant'
          : 'supplier'
        : 'operator';
      if (query.length > 0) targets.push({ method: method.toUpperCase(), path, kind: 'query', fields: query, as });
      for (const [type, content] of Object.entries(op.requestBody?.content ?? {})) {
        const fields = bodyFieldsOf(content.schema, components);
        if (fields.length === 0) continue;
        const kind = type.includes('json') ? 'json' : type.includes('form') ? 'form' : undefined;
        if (kind)
          targets.push({
            method: method.toUpperCase(),
            path,
            kind,
            fields,
            as: path.startsWith('/auth') || path.startsWith('/api/oauth') ? 'anonymous' : as,
          });
      }
    }
  }
  // The pages' forms, posted by a logged-in operator with the session's CSRF token, and anonymously.
  const pageFields = [
    'email',
    'password',
    'next',
    'motive',
    'comment',
    'kind',
    'q',
    'name',
    'siret',
    'code',
    'label',
    'mandateNumber',
    'paymentDate',
    'buyerSiret',
    'serviceCode',
    'engagementNumber',
    'jeton',
    'role',
    'structure',
    'number',
    'issueDate',
    'totalWithVat',
    'buyerQuery',
    'action',
    'ids',
  ];
  for (const path of [
    '/connexion',
    '/connexion/debloquer',
    '/deconnexion',
    '/annuaire/nouvelle',
    `/annuaire/${p.lorient.id}/identite`,
    `/annuaire/${p.lorient.id}/services`,
    '/comptes/personnes',
    '/comptes/clients-api',
    `/factures/${invoiceId}/decision`,
    `/factures/${invoiceId}/completer`,
    '/a-traiter/lot',
    '/notifications/lues',
    '/factures/saisir',
  ]) {
    targets.push({ method: 'POST', path, kind: 'form', fields: pageFields, as: 'session' });
  }
  for (const path of ['/factures', '/a-traiter', '/annuaire', '/operateur/journal']) {
    targets.push({
      method: 'GET',
      path,
      kind: 'query',
      fields: ['q', 'du', 'au', 'statut', 'tri', 'page', 'structure'],
      as: 'session',
    });
  }
  // The Chorus mirror, with the demo client and supplier technical account.
  const mirrorFields = [
    'identifiantFactureCPP',
    'motif',
    'nouveauStatut',
    'commentaire',
    'numeroFacture',
    'codeDestinataire',
    'fichierFlux',
    'nomFichier',
    'syntaxeFlux',
    'numeroFluxDepot',
    'idStructure',
    'identifiantStructure',
    'siret',
    'periodeDateFactureDu',
    'pageResultatDemandee',
  ];
  for (const path of Object.values(PATHS))
    targets.push({ method: 'POST', path, kind: 'json', fields: mirrorFields, as: 'mirror' });
}, 180_000);

afterAll(async () => {
  await temporal.workflow
    .getHandle(workflowId)
    .terminate('test over')
    .catch(() => undefined);
  await worker?.stop();
  await temporal?.connection.close();
});

const ENGLISH =
  /Unsupported Media Type|Malformed|Internal Server Error|Payload Too Large|Bad Request|Not Found|Cannot |invalid input syntax/;

async function send(target: Target, field: string, value: string): Promise<Response> {
  const path = target.path.replace(/\{id\}|:id/g, invoiceId).replace(/\{sha256\}/g, '0'.repeat(64));
  const headers: Record<string, string> = target.as === 'anonymous' ? {} : { ...auth[target.as] };
  const values: Record<string, string> = { [field]: value };
  if (target.as === 'session') values._csrf = csrf;
  if (target.kind === 'query') {
    const url = `${path}?${new URLSearchParams(values).toString()}`;
    return app.request(url, { method: target.method, headers });
  }
  if (target.kind === 'form')
    return app.request(path, {
      method: target.method,
      headers: { ...headers, 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(values).toString(),
    });
  return app.request(path, {
    method: target.method,
    headers: { ...headers, 'Content-Type': 'application/json' },
    body: JSON.stringify(values),
  });
}

describe('random strings in every input of every route', () => {
  it('get a French 4xx or a success, never a 500 or a hang', { timeout: 900_000 }, async () => {
    expect(targets.length).toBeGreaterThan(40);
    const pick = fc
      .integer({ min: 0, max: targets.length - 1 })
      .chain((i) => fc.tuple(fc.constant(targets[i]!), fc.constantFrom(...targets[i]!.fields)));
    await fc.assert(
      fc.asyncProperty(pick, hostile, async ([target, field], value) => {
        let timer: NodeJS.Timeout | undefined;
        const res = await Promise.race([
          send(target, field, value),
          new Promise<never>((_, reject) => {
            timer = setTimeout(
              () => reject(new Error(`no answer in 30 s: ${target.method} ${target.path} ${field}`)),
              30_000,
            );
          }),
        ]).finally(() => clearTimeout(timer));
        const text = await res.text();
        const where = `${target.method} ${target.path} [${field}] → ${res.status} ${text.slice(0, 200)}`;
        expect(res.status, where).toBeLessThan(500);
        expect(text, where).not.toMatch(ENGLISH);
        if (res.status >= 400 && (res.headers.get('content-type') ?? '').includes('json') && text !== '') {
          const body = JSON.parse(text) as { message?: string; libelle?: string; error_description?: string };
          const message = body.message ?? body.libelle ?? body.error_description ?? '';
          // French typography (a space before the colon, accents, apostrophes) or its small words.
          expect(message, where).toMatch(/[éèàçêùâîôû’«]| : |\b(le|la|les|des|du|de|est|une?|pas|ou|et)\b/i);
        }
      }),
      { numRuns: 400, seed: 20261203, endOnFailure: true },
    );
    // The invoice these inputs reached is still served by its workflow.
    const state = await temporal.workflow.getHandle(workflowId).query(invoiceState);
    expect(state.invoiceId).toBe(invoiceId);
  });
});
