// Brute force over real sockets, from several loopback addresses (127.0.0.x are all this machine's): parallel wrong
// passwords are counted before their check, blocks hold per source address, the unlock link arrives over SMTP and
// works once, and client secrets and technical-account passwords have the same limit.
import { request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { serve, type ServerType } from '@hono/node-server';
import type { Client } from '@temporalio/client';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emailOutbox } from '../../db/schema/invoices.ts';
import { createApp } from '../../src/app.ts';
import { cproAccountHeader } from '../../src/chorus/index.ts';
import { createPerson, FREE_ATTEMPTS, MAX_DELAY_SECONDS, UNLOCK_SUBJECT } from '../../src/platform/auth/index.ts';
import { createSmtpMailer } from '../../src/platform/mail/smtp.ts';
import { testDeps, testTemporalClient } from '../helpers/test-deps.ts';
import { useTestDatabase } from '../helpers/use-database.ts';
import { startFakeSmtpServer, type FakeSmtpServer } from '../invoices/fake-smtp-server.ts';
import { eventually, startWorker, uniqueQueue, type RunningWorker } from '../invoices/lifecycle-fixtures.ts';

const t = useTestDatabase();
const PUBLIC_URL = 'http://hub.example';
const EMAIL = 'cible@brute-force.example';
const PASSWORD = 'Le-Bon-Mot-De-Passe-2026';
const SUPPLIER_ACCOUNT = { login: 'TECH_1_DEMO_FOURNISSEUR@cpro.fr', password: 'Demo-Fournisseur-2017' };
const checks = { login: 0, client_secret: 0, technical_account: 0 };
let client: Client;
let smtp: FakeSmtpServer;
let worker: RunningWorker;
let server: ServerType;
let port: number;

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
}

/** One HTTP request over a real socket, leaving from the loopback address `from`. */
function call(
  from: string,
  method: string,
  path: string,
  options: { headers?: Record<string, string>; body?: string } = {},
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port, localAddress: from, method, path, headers: options.headers, agent: false },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text }));
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}

const loginFrom = (from: string, password: string) =>
  call(from, 'POST', '/auth/login', {
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: EMAIL, password }),
  });

const tokenFrom = (from: string, secret: string) =>
  call(from, 'POST', '/api/oauth/token', {
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: `grant_type=client_credentials&client_id=hub-demo&client_secret=${encodeURIComponent(secret)}`,
  });

function expectTooMany(answer: Answer, message: RegExp): void {
  expect(answer.status).toBe(429);
  const retryAfter = Number(answer.headers['retry-after']);
  expect(retryAfter).toBeGreaterThan(0);
  expect(retryAfter).toBeLessThanOrEqual(MAX_DELAY_SECONDS);
  expect(answer.text).toMatch(message);
}

beforeAll(async () => {
  client = await testTemporalClient();
  smtp = await startFakeSmtpServer();
  const taskQueue = uniqueQueue('brute-force');
  const deps = testDeps(t.handle, {
    temporal: client,
    taskQueue,
    publicUrl: PUBLIC_URL,
    onSecretCheck: (kind) => {
      checks[kind] += 1;
    },
  });
  worker = await startWorker(
    { ...deps, mailer: createSmtpMailer({ url: smtp.url, from: 'hub@brute.example' }) },
    taskQueue,
  );
  await createPerson(deps, { email: EMAIL, displayName: 'Claire Cible', password: PASSWORD });
  server = serve({ fetch: createApp(deps).fetch, port: 0, hostname: '127.0.0.1' });
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  port = (server.address() as AddressInfo).port;
}, 120_000);
afterAll(async () => {
  await new Promise((resolve) => server?.close(resolve));
  await worker?.stop();
  await smtp?.close();
  await client?.connection.close();
});

describe('person logins', () => {
  it(
    '30 parallel wrong passwords from one address: at most 10 checked, the other 20 get 429 in French with Retry-After',
    { timeout: 120_000 },
    async () => {
      const answers = await Promise.all(Array.from({ length: 30 }, () => loginFrom('127.0.0.2', 'faux')));
      const refused = answers.filter((a) => a.status === 401);
      const throttled = answers.filter((a) => a.status === 429);
      console.log(
        `[measure] 30 parallel wrong passwords: ${checks.login} password checks, ${refused.length} × 401, ${throttled.length} × 429`,
      );
      expect(checks.login).toBeLessThanOrEqual(FREE_ATTEMPTS);
      expect(checks.login).toBe(refused.length);
      expect(throttled.length).toBe(30 - refused.length);
      expect(throttled.length).toBeGreaterThanOrEqual(20);
      for (const answer of throttled) {
        expectTooMany(answer, /"code":"TOO_MANY_ATTEMPTS"/);
        expect(JSON.parse(answer.text).message).toMatch(
          /^Trop de tentatives de connexion infructueuses depuis votre adresse\. Réessayez dans \d+ secondes?\.$/,
        );
      }
      // Blocked even with the right password, and without checking it.
      expectTooMany(await loginFrom('127.0.0.2', PASSWORD), /Trop de tentatives/);
      expect(checks.login).toBe(refused.length);
    },
  );

  it(
    'blocks only the address the failures came from: the person still logs in from another one',
    { timeout: 120_000 },
    async () => {
      const elsewhere = await loginFrom('127.0.0.3', PASSWORD);
      expect(elsewhere.status).toBe(200);
      expect(JSON.parse(elsewhere.text).person.email).toBe(EMAIL);
      expect((await loginFrom('127.0.0.2', PASSWORD)).status).toBe(429);
    },
  );

  it('e-mails one unlock link; the link lifts the block once, and only once', { timeout: 120_000 }, async () => {
    const mails = await eventually(
      async () => {
        const found = smtp.received.filter((m) => m.to.includes(EMAIL));
        return found.length > 0 ? found : undefined;
      },
      30_000,
      'the unlock e-mail',
    );
    const [mail] = mails;
    expect(mails).toHaveLength(1);
    const [, rawBody = ''] = mail!.data.split('\r\n\r\n');
    const text = Buffer.from(rawBody.replace(/\s+/g, ''), 'base64').toString('utf8');
    expect(text).toContain('depuis l’adresse 127.0.0.2');
    const link = /https?:\/\/\S+/.exec(text)?.[0];
    expect(link).toMatch(/^http:\/\/hub\.example\/connexion\/debloquer\?jeton=[A-Za-z0-9_-]{43}$/);
    const [row] = await t.handle.db
      .select()
      .from(emailOutbox)
      .where(and(eq(emailOutbox.toAddress, EMAIL), eq(emailOutbox.subject, UNLOCK_SUBJECT)));
    expect(row?.sentAt).not.toBeNull();

    const path = link!.slice(PUBLIC_URL.length);
    const page = await call('127.0.0.2', 'GET', path);
    expect(page.status).toBe(200);
    expect(page.text).toContain('Débloquer mon compte</button>');
    const csrf = /name="_csrf" value="([^"]+)"/.exec(page.text)?.[1];
    const cookie = [page.headers['set-cookie']]
      .flat()
      .filter(Boolean)
      .map((c) => c!.split(';')[0])
      .join('; ');
    const token = new URL(link!).searchParams.get('jeton')!;
    const post = () =>
      call('127.0.0.2', 'POST', '/connexion/debloquer', {
        headers: { 'content-type': 'application/x-www-form-urlencoded', cookie },
        body: new URLSearchParams({ _csrf: csrf!, jeton: token }).toString(),
      });

    const unlocked = await post();
    expect(unlocked.status).toBe(200);
    expect(unlocked.text).toContain(`Les connexions avec l’adresse ${EMAIL} ne sont plus suspendues.`);
    expect((await loginFrom('127.0.0.2', PASSWORD)).status).toBe(200);

    const again = await post();
    expect(again.status).toBe(400);
    expect(again.text).toContain('Ce lien de déblocage n’est plus valable');
  });
});

describe('OAuth client secrets', () => {
  it(
    '15 wrong secrets then the right one from the same address: refused with 429; another address gets its token',
    { timeout: 120_000 },
    async () => {
      const before = checks.client_secret;
      const statuses: number[] = [];
      for (let i = 0; i < 15; i += 1) statuses.push((await tokenFrom('127.0.0.4', `faux-${i}`)).status);
      expect(statuses).toEqual([...Array(FREE_ATTEMPTS).fill(400), ...Array(15 - FREE_ATTEMPTS).fill(429)]);
      const right = await tokenFrom('127.0.0.4', 'hub-demo-secret');
      expectTooMany(right, /"error":"temporarily_unavailable"/);
      expect(JSON.parse(right.text).error_description).toMatch(
        /^Trop de tentatives infructueuses pour ce client API depuis votre adresse\. Réessayez dans \d+ secondes?\.$/,
      );
      expect(checks.client_secret - before).toBe(FREE_ATTEMPTS);
      expect((await tokenFrom('127.0.0.5', 'hub-demo-secret')).status).toBe(200);
    },
  );
});

describe('technical-account passwords of the Chorus mirror', () => {
  it(
    '15 wrong passwords then the right one from the same address: refused with 429; another address is served',
    { timeout: 120_000 },
    async () => {
      const token = JSON.parse((await tokenFrom('127.0.0.6', 'hub-demo-secret')).text).access_token as string;
      const mirror = (from: string, password: string) =>
        call(from, 'POST', '/cpro/transverses/v1/recuperer/tauxtva', {
          headers: {
            'content-type': 'application/json',
            authorization: `Bearer ${token}`,
            'cpro-account': cproAccountHeader({ login: SUPPLIER_ACCOUNT.login, password }),
          },
          body: '{}',
        });
      const before = checks.technical_account;
      const statuses: number[] = [];
      for (let i = 0; i < 15; i += 1) statuses.push((await mirror('127.0.0.6', `Faux-${i}`)).status);
      expect(statuses).toEqual([...Array(FREE_ATTEMPTS).fill(401), ...Array(15 - FREE_ATTEMPTS).fill(429)]);
      const right = await mirror('127.0.0.6', SUPPLIER_ACCOUNT.password);
      expectTooMany(right, /"code":"TOO_MANY_ATTEMPTS"/);
      expect(JSON.parse(right.text).message).toMatch(
        /^Trop de tentatives infructueuses pour ce compte technique depuis votre adresse\. Réessayez dans \d+ secondes?\.$/,
      );
      expect(checks.technical_account - before).toBe(FREE_ATTEMPTS);
      expect((await mirror('127.0.0.7', SUPPLIER_ACCOUNT.password)).status).toBe(200);
    },
  );
});
