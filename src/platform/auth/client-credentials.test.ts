import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { accessTokens, apiClients } from '../../../db/schema/auth.ts';
import { structures } from '../../../db/schema/directory.ts';
import { useTestDatabase } from '../../../test/helpers/use-database.ts';
import { fixedClock } from '../clock.ts';
import { AppError } from '../errors.ts';
import { createApiClient } from './api-clients.ts';
import { ACCESS_TOKEN_TTL_SECONDS, issueClientToken, resolveBearer } from './client-credentials.ts';
import { ensureDirectory } from '../../../test/helpers/auth-test-support.ts';
import { hashToken } from './tokens.ts';

const t = useTestDatabase();
const clock = fixedClock(new Date('2026-03-02T09:00:00Z'));
const deps = () => ({ db: t.handle.db, clock });
let supplierId: string;

async function codeOf(promise: Promise<unknown>): Promise<string> {
  return promise.then(
    () => 'ok',
    (e: unknown) => (e instanceof AppError ? `${e.code}/${e.status}` : String(e)),
  );
}

beforeAll(async () => {
  await ensureDirectory(t.handle.db);
  const [supplier] = await t.handle.db
    .select({ id: structures.id })
    .from(structures)
    .where(eq(structures.kind, 'supplier'))
    .limit(1);
  supplierId = supplier!.id;
  await createApiClient(deps(), {
    clientId: 'logiciel-compta',
    clientSecret: 'un-secret-solide',
    name: 'Logiciel',
    structureId: supplierId,
    grants: [{ role: 'supplier', structureId: supplierId }],
    scopes: ['openid', 'factures'],
  });
});

describe('client credentials', () => {
  it('issues an opaque token, keeps only its hash, and resolves it to the client', async () => {
    const token = await issueClientToken(deps(), { clientId: 'logiciel-compta', clientSecret: 'un-secret-solide' });
    expect(token).toMatchObject({
      token_type: 'Bearer',
      expires_in: ACCESS_TOKEN_TTL_SECONDS,
      scope: 'openid factures',
    });
    const [row] = await t.handle.db
      .select()
      .from(accessTokens)
      .where(eq(accessTokens.tokenHash, hashToken(token.access_token)));
    expect(row?.expiresAt.toISOString()).toBe('2026-03-02T10:00:00.000Z');
    expect(await resolveBearer(deps(), token.access_token)).toEqual({
      kind: 'client',
      clientId: 'logiciel-compta',
      grants: [{ role: 'supplier', structureId: supplierId }],
      scopes: ['openid', 'factures'],
    });
  });

  it('narrows to the requested scopes and refuses others', async () => {
    const token = await issueClientToken(deps(), {
      clientId: 'logiciel-compta',
      clientSecret: 'un-secret-solide',
      scope: 'openid',
    });
    expect(token.scope).toBe('openid');
    expect((await resolveBearer(deps(), token.access_token)).scopes).toEqual(['openid']);
    expect(
      await codeOf(
        issueClientToken(deps(), {
          clientId: 'logiciel-compta',
          clientSecret: 'un-secret-solide',
          scope: 'openid admin',
        }),
      ),
    ).toBe('INVALID_SCOPE/400');
  });

  it('refuses a wrong secret, an unknown client and an inactive client alike', async () => {
    expect(await codeOf(issueClientToken(deps(), { clientId: 'logiciel-compta', clientSecret: 'faux' }))).toBe(
      'INVALID_CLIENT/401',
    );
    expect(await codeOf(issueClientToken(deps(), { clientId: 'inconnu', clientSecret: 'un-secret-solide' }))).toBe(
      'INVALID_CLIENT/401',
    );
    await createApiClient(deps(), {
      clientId: 'retire',
      clientSecret: 's',
      name: 'Retiré',
      structureId: supplierId,
      grants: [],
    });
    await t.handle.db.update(apiClients).set({ active: false }).where(eq(apiClients.clientId, 'retire'));
    expect(await codeOf(issueClientToken(deps(), { clientId: 'retire', clientSecret: 's' }))).toBe(
      'INVALID_CLIENT/401',
    );
  });

  it('says TOKEN_EXPIRED once the token has expired, INVALID_TOKEN for an unknown one', async () => {
    const token = await issueClientToken(deps(), { clientId: 'logiciel-compta', clientSecret: 'un-secret-solide' });
    clock.advance(ACCESS_TOKEN_TTL_SECONDS * 1000 - 1);
    expect(await codeOf(resolveBearer(deps(), token.access_token))).toBe('ok');
    clock.advance(1);
    expect(await codeOf(resolveBearer(deps(), token.access_token))).toBe('TOKEN_EXPIRED/401');
    expect(await codeOf(resolveBearer(deps(), 'pas-un-jeton'))).toBe('INVALID_TOKEN/401');
  });

  it('stops honouring tokens of a deactivated client', async () => {
    const token = await issueClientToken(deps(), { clientId: 'logiciel-compta', clientSecret: 'un-secret-solide' });
    await t.handle.db.update(apiClients).set({ active: false }).where(eq(apiClients.clientId, 'logiciel-compta'));
    expect(await codeOf(resolveBearer(deps(), token.access_token))).toBe('INVALID_TOKEN/401');
    await t.handle.db.update(apiClients).set({ active: true }).where(eq(apiClients.clientId, 'logiciel-compta'));
  });
});
