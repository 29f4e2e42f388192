// `hub demo pes` against a running hub (the app on a socket, the worker, the fake treasury): the first run deposits
// the demo supplier's invoice to Rennes, a second finds it; the file written passes the hub's checks, and deposited
// by Rennes' demo client it links that invoice, is sent and acknowledged.
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkPesStream } from '../../src/accounting/check/check-pes-file.ts';
import { run } from '../../src/cli/demo-pes.ts';
import { seedDemoAccounts } from '../../src/seed/demo-accounts.ts';
import { seedTenderDemoClient } from '../../src/seed/tender-demo-client.ts';
import { Readable } from 'node:stream';
import { useTestDatabase } from '../helpers/use-database.ts';
import { pollUntil } from './accounting-harness.ts';
import { formWithFile, startApiHarness, type ApiHarness } from './api-harness.ts';

const t = useTestDatabase();
let h: ApiHarness;
const RENNES_SIRET = '21350238800019';

beforeAll(async () => {
  h = await startApiHarness(t.handle);
  (h.fake as unknown as { options: { accounts: unknown[] } }).options.accounts.push({
    idColl: RENNES_SIRET,
    idPost: '035000',
    codCol: '123',
    codBud: '01',
  });
  await seedDemoAccounts(t.handle.db);
  await seedTenderDemoClient(t.handle.db);
}, 120_000);
afterAll(async () => h?.stopAll());

async function demo(out: string) {
  let stdout = '';
  let stderr = '';
  const code = await run(['--out', out, '--url', h.base], {
    stdout: (s) => (stdout += s),
    stderr: (s) => (stderr += s),
  });
  return { code, stdout, stderr };
}

async function token(clientId: string, secret: string) {
  const res = await fetch(`${h.base}/api/oauth/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'client_credentials', client_id: clientId, client_secret: secret }),
  });
  return `Bearer ${((await res.json()) as { access_token: string }).access_token}`;
}

describe('hub demo pes', () => {
  it('writes a PES of Rennes paying the demo supplier’s invoice, which passes the checks and links that invoice', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'demo-pes-'));
    const first = await demo(join(dir, 'pes-1.xml'));
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    const number = /facture (DEMO-PES-[A-Z0-9]+) déposée/.exec(first.stdout)?.[1];
    expect(number).toBeDefined();

    const second = await demo(join(dir, 'pes-2.xml'));
    expect(second.code).toBe(0);
    expect(second.stdout).toContain(`Facture trouvée : ${number}`);

    const bytes = await readFile(join(dir, 'pes-2.xml'));
    const checked = await checkPesStream(Readable.from([bytes]), {
      sirets: [RENNES_SIRET],
      hubSigns: false,
      pjBudgetBytes: 1 << 20,
      totalPjBudgetBytes: 1 << 20,
    });
    expect(checked.issues).toEqual([]);
    expect(checked.summary.idColl).toBe(RENNES_SIRET);

    // Rennes' demo software deposits it through the JSON API.
    const rennes = await token('hub-demo-rennes', 'hub-demo-rennes-secret');
    const form = formWithFile('file', 'pes-demo.xml', bytes);
    const res = await fetch(`${h.base}/api/accounting/flows`, {
      method: 'POST',
      headers: { authorization: rennes, 'content-type': form.contentType },
      body: form.body,
    });
    const created = (await res.json()) as { id: string; status: string };
    expect(res.status).toBe(201);
    const done = await pollUntil(h.deps, created.id, ['ACQUITTE', 'INFORMATION_DISPONIBLE', 'REFUSE', 'ERREUR']);
    expect(done.status).toBe('ACQUITTE');
    const detail = (await (
      await fetch(`${h.base}/api/accounting/flows/${created.id}`, { headers: { authorization: rennes } })
    ).json()) as { invoices: { number: string; embedded: boolean }[]; unmatched: unknown[] };
    expect(detail.invoices).toEqual([expect.objectContaining({ number, embedded: true })]);
    expect(detail.unmatched).toEqual([]);
  }, 180_000);

  it('needs --out, and says in French when the hub is not seeded', async () => {
    let stderr = '';
    expect(await run([], { stdout: () => undefined, stderr: (s) => (stderr += s) })).toBe(2);
    expect(stderr).toMatch(/^Usage : hub demo pes --out FICHIER/);
    const unseeded = await run(['--out', join(tmpdir(), 'x.xml'), '--url', 'http://127.0.0.1:9'], {
      stdout: () => undefined,
      stderr: (s) => (stderr += s),
    });
    expect(unseeded).toBe(1);
    expect(stderr).toMatch(/Démonstration interrompue : /);
  });
});
