// Technical accounts of the mirror: created for a structure, checked on every call from the `cpro-account` header.
import { createHash } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import type { Db } from '../../../db/client.ts';
import { chorusTechnicalAccounts, type ChorusTechnicalAccountRow } from '../../../db/schema/chorus.ts';
import { hashPassword, verifyPassword } from '../../platform/auth/index.ts';

/** Chorus Pro forces a new technical password every 424 days (14 months). */
export const TECHNICAL_PASSWORD_LIFETIME_DAYS = 424;

export interface NewTechnicalAccount {
  login: string;
  password: string;
  structureId: string;
  role: 'supplier' | 'accountant';
  apiEnabled?: boolean;
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

/** The active account whose password matches, or undefined (unknown login, wrong password, expired password, inactive). */
export async function verifyTechnicalAccount(
  db: Db,
  login: string,
  password: string,
  now: Date,
): Promise<ChorusTechnicalAccountRow | undefined> {
  const account = await findTechnicalAccount(db, login);
  if (!account || !account.active || account.passwordExpiresAt <= now) return undefined;
  const key = createHash('sha256').update(`${account.id}\0${password}\0${account.passwordHash}`).digest('hex');
  const seen = recentlyVerified.get(key);
  if (seen !== undefined && seen > now.getTime()) return account;
  if (!(await verifyPassword(password, account.passwordHash))) return undefined;
  if (recentlyVerified.size > 1000) recentlyVerified.clear();
  recentlyVerified.set(key, now.getTime() + VERIFIED_TTL_MS);
  return account;
}
