import { randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { structures } from '../../../../db/schema/directory.ts';
import { s2lowNonces } from '../../../../db/schema/s2low.ts';
import { buildTestApp, ensureDirectory, testDeps } from '../../../../test/helpers/auth-test-support.ts';
import { useTestDatabase } from '../../../../test/helpers/use-database.ts';
import { fixedClock } from '../../clock.ts';
import { createPerson } from '../people.ts';
import { FREE_ATTEMPTS } from '../throttle.ts';
import { issueS2lowApiPassword } from './api-secrets.ts';
import { expectedHash, parseBasic } from './authenticate.ts';
import { s2lowAuthRoutes } from './routes.ts';
import { NONCE_TTL_MS, readS2lowAuthSettings } from './settings.ts';

const t = useTestDatabase();
const clock = fixedClock(new Date('2026-03-02T09:00:00Z'));
const secretKey = randomBytes(32);
const settings = { secretKey, nonceTtlMs: NONCE_TTL_MS };
let app: ReturnType<typeof buildTestApp>;
let agentId: string;
let apiPassword: string;

const basic = (user: string, password: string) =>
  `Basic ${Buffer.from(`${user}:${password}`, 'utf8').toString('base64')}`;

async function nonce(): Promise<string> {
  const res = await app.request('/api/get-nounce.php');
  expect(res.status).toBe(200);
  const body = (await res.json()) as { nounce: string };
  return body.nounce;
}

/** The body as S²LOW clients read it: ISO-8859-1. */
const latin1Text = async (res: Response) => Buffer.from(await res.arrayBuffer()).toString('latin1');

const withNonce = (login: string, n: string, hash: string) =>
  `/api/test-connexion.php?${new URLSearchParams({ nounce: n, login, hash })}`;

beforeAll(async () => {
  const deps = testDeps(t.handle.db, clock);
  app = buildTestApp(deps);
  app.route('/', s2lowAuthRoutes(settings));
  await ensureDirectory(t.handle.db);
  const [rennes] = await t.handle.db
    .select({ id: structures.id })
    .from(structures)
    .where(eq(structures.siren, '213502388'));
  const agent = await createPerson(deps, {
    email: 'agent.s2low@rennes.example',
    displayName: 'Agent S²LOW',
    password: 'Mot-de-passe-élu-1',
    grants: [{ role: 'agent', structureId: rennes!.id }],
  });
  agentId = agent.id;
  apiPassword = await issueS2lowApiPassword(deps, secretKey, agentId);
});

describe('HTTP Basic with the hub login', () => {
  it('answers OK in plain ISO-8859-1 for the right e-mail and password, whatever the e-mail case', async () => {
    const res = await app.request('/api/test-connexion.php', {
      headers: { authorization: basic('Agent.S2LOW@rennes.example', 'Mot-de-passe-élu-1') },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/plain; charset=ISO-8859-1');
    const bytes = Buffer.from(await res.arrayBuffer());
    expect(bytes.toString('latin1')).toBe('OK\nConnexion réussie.\n');
    expect(bytes.includes(0xe9)).toBe(true);
  });

  it('says who is connected', async () => {
    const res = await app.request('/api/info-connexion.php', {
      headers: { authorization: basic('agent.s2low@rennes.example', 'Mot-de-passe-élu-1') },
    });
    expect(await res.json()).toMatchObject({ login: 'agent.s2low@rennes.example', name: 'Agent S²LOW' });
  });

  it('answers KO 401 with a Basic challenge for a wrong password, an unknown login or no credentials', async () => {
    for (const authorization of [
      basic('agent.s2low@rennes.example', 'mauvais'),
      basic('personne@nulle-part.example', 'Mot-de-passe-élu-1'),
      undefined,
    ]) {
      const res = await app.request('/api/test-connexion.php', { headers: authorization ? { authorization } : {} });
      expect(res.status).toBe(401);
      expect(res.headers.get('www-authenticate')).toMatch(/^Basic realm="S2LOW"/);
      expect(Buffer.from(await res.arrayBuffer()).toString('latin1')).toMatch(/^KO\n.+\n$/);
    }
  });

  it('decodes ISO-8859-1 credentials sent by older clients', () => {
    const header = `Basic ${Buffer.from('agent@x.example:élu', 'latin1').toString('base64')}`;
    expect(parseBasic(header)).toEqual({ user: 'agent@x.example', password: 'élu' });
    expect(parseBasic(basic('a@b.example', 'p:with:colons'))).toEqual({
      user: 'a@b.example',
      password: 'p:with:colons',
    });
  });
});

describe('the nonce scheme of get-nounce.php', () => {
  it('accepts SHA-256("{password}:{nounce}") once, then refuses the same nonce', async () => {
    const n = await nonce();
    expect(n).toMatch(/^[0-9a-f]{64}$/);
    const url = withNonce('agent.s2low@rennes.example', n, expectedHash(apiPassword, n));
    const first = await app.request(url);
    expect(first.status).toBe(200);
    expect(await latin1Text(first)).toBe('OK\nConnexion réussie.\n');
    const replay = await app.request(url);
    expect(replay.status).toBe(401);
    expect(await latin1Text(replay)).toMatch(/^KO\nNonce inconnu, expiré ou déjà utilisé/);
    const [row] = await t.handle.db.select().from(s2lowNonces).where(eq(s2lowNonces.nonce, n));
    expect(row?.personId).toBe(agentId);
  });

  it('refuses a wrong hash, and spends the nonce all the same', async () => {
    const n = await nonce();
    const wrong = await app.request(withNonce('agent.s2low@rennes.example', n, expectedHash('autre', n)));
    expect(wrong.status).toBe(401);
    expect(await latin1Text(wrong)).toBe('KO\nIdentifiant ou mot de passe incorrect.\n');
    const right = await app.request(withNonce('agent.s2low@rennes.example', n, expectedHash(apiPassword, n)));
    expect(await latin1Text(right)).toMatch(/^KO\nNonce inconnu/);
  });

  it('refuses an expired nonce and a nonce the hub never issued', async () => {
    const n = await nonce();
    clock.advance(NONCE_TTL_MS + 1000);
    const late = await app.request(withNonce('agent.s2low@rennes.example', n, expectedHash(apiPassword, n)));
    expect(await latin1Text(late)).toMatch(/^KO\nNonce inconnu/);
    const made = 'a'.repeat(64);
    const invented = await app.request(withNonce('agent.s2low@rennes.example', made, expectedHash(apiPassword, made)));
    expect(invented.status).toBe(401);
  });

  it('does not take the hub login password as the nonce secret', async () => {
    const n = await nonce();
    const res = await app.request(withNonce('agent.s2low@rennes.example', n, expectedHash('Mot-de-passe-élu-1', n)));
    expect(res.status).toBe(401);
  });

  it('is refused with a clear message when no S2LOW_SECRET_KEY is configured', async () => {
    const bare = buildTestApp(testDeps(t.handle.db, clock));
    bare.route('/', s2lowAuthRoutes({ secretKey: undefined, nonceTtlMs: NONCE_TTL_MS }));
    const n = (await (await bare.request('/api/get-nounce.php')).json()) as { nounce: string };
    const res = await bare.request(withNonce('agent.s2low@rennes.example', n.nounce, 'x'));
    expect(await latin1Text(res)).toMatch(/^KO\nL'authentification par nonce n'est pas configurée/);
  });
});

describe('settings', () => {
  it('reads a base64 32-byte key and refuses another length, naming the variable', () => {
    expect(readS2lowAuthSettings({ S2LOW_SECRET_KEY: secretKey.toString('base64') }).secretKey).toEqual(secretKey);
    expect(readS2lowAuthSettings({}).secretKey).toBeUndefined();
    expect(() => readS2lowAuthSettings({ S2LOW_SECRET_KEY: 'Y291cnQ=' })).toThrow(/S2LOW_SECRET_KEY/);
  });
});

describe('throttling', () => {
  it('shares the login throttle: after the free attempts from one address, 429 with Retry-After', async () => {
    await createPerson(testDeps(t.handle.db, clock), {
      email: 'agent.bloque@rennes.example',
      displayName: 'Agent bloqué',
      password: 'Bon-mot-de-passe-2',
    });
    const headers = { authorization: basic('agent.bloque@rennes.example', 'faux') };
    for (let i = 0; i < FREE_ATTEMPTS; i++) {
      const res = await app.request('/api/test-connexion.php', { headers });
      expect(res.status).toBe(401);
    }
    const blocked = await app.request('/api/test-connexion.php', {
      headers: { authorization: basic('agent.bloque@rennes.example', 'Bon-mot-de-passe-2') },
    });
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await latin1Text(blocked)).toMatch(/^KO\nTrop de tentatives de connexion/);
  }, 180_000);
});
