// Technical accounts of the mirror: created for a structure, checked on every call from the `cpro-account` header.
import { createHash } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import type { Db } from '../../../db/client.ts';
import { chorusTechnicalAccounts, type ChorusTechnicalAccountRow } from '../../../db/schema/chorus.ts';
import { allowClients } from './client-bindings.ts';
import { hashPassword, throttledCheck, verifyPassword, type AuthDeps } from '../../platform/auth/index.ts';

/** Chorus Pro forces a new technical password every 424 days (14 months). */
export const TECHNICAL_PASSWORD_LIFETIME_DAYS = 424;

export interface NewTechnicalAccount {
  login: string;
  password: string;
  structureId: string;
  role: 'supplier' | 'accountant';
  apiEnabled?: boolean;
  /** API clients (client ids) allowed to use the account; others are refused by the mirror. */
  clientIds?: readonly string[];
}

export async function createTechnicalAccount(
  db: Db,
  input: NewTechnicalAccount,
  now: Date,
): Promise<ChorusTechnicalAccountRow> {
  if (!/^[^\s:]+$/.test(input.login)) throw new Error('a technical login has no space nor colon');
  const [row] = await db
    .insert(chorusTechnicalAccounts)
    .values({
      login: input.login,
      passwordHash: await hashPassword(input.password),
      structureId: input.structureId,
      role: input.role,
      apiEnabled: input.apiEnabled ?? true,
      passwordExpiresAt: new Date(now.getTime() + TECHNICAL_PASSWORD_LIFETIME_DAYS * 86_400_000),
    })
    .returning();
  if (!row) throw new Error('insert into chorus_technical_accounts returned no row');
  await allowClients(db, row.id, input.clientIds ?? []);
  return row;
}

export async function findTechnicalAccount(db: Db, login: string): Promise<ChorusTechnicalAccountRow | undefined> {
  const [row] = await db
    .select()
    .from(chorusTechnicalAccounts)
    .where(eq(sql`lower(${chorusTechnicalAccounts.login})`, login.toLowerCase()));
  return row;
}

/**
 * Checked logins, kept a minute: the scrypt check costs tens of milliseconds and clients send the same header on
 * every call. Keyed by a hash of login, password and stored hash, so a changed password is never served from it.
 */
const recentlyVerified = new Map<string, number>();
const VERIFIED_TTL_MS = 60_000;

/**
 * The active account whose password matches, or undefined (unknown login, wrong password, expired password,
 * inactive). A password not verified in the last minute is checked under the throttle of its login and source
 * address: TOO_MANY_ATTEMPTS (429) while blocked.
 */
export async function verifyTechnicalAccount(
  deps: AuthDeps,
  login: string,
  password: string,
  ip: string | null,
): Promise<ChorusTechnicalAccountRow | undefined> {
  const now = deps.clock.now();
  const found = login.includes('\0') ? undefined : await findTechnicalAccount(deps.db, login);
  const account = found && found.active && found.passwordExpiresAt > now ? found : undefined;
  const key =
    account && createHash('sha256').update(`${account.id}\0${password}\0${account.passwordHash}`).digest('hex');
  const seen = key === undefined ? undefined : recentlyVerified.get(key);
  if (account && seen !== undefined && seen > now.getTime()) return account;
  const { ok } = await throttledCheck(
    deps,
    { kind: 'technical_account', identity: login.toLowerCase(), ip },
    async () => (account ? verifyPassword(password, account.passwordHash) : false),
  );
  if (!ok || !account || key === undefined) return undefined;
  if (recentlyVerified.size > 1000) recentlyVerified.clear();
  recentlyVerified.set(key, now.getTime() + VERIFIED_TTL_MS);
  return account;
}
