import { randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { s2lowApiSecrets } from '../../../../db/schema/s2low.ts';
import type { AuthDeps } from '../deps.ts';
import { seal, unseal } from './sealed-secret.ts';

/**
 * Gives the person a new S²LOW API password (the secret the nonce scheme hashes), replacing any previous one, and
 * returns it: it is shown once to its owner, the hub keeps it sealed.
 */
export async function issueS2lowApiPassword(
  deps: Pick<AuthDeps, 'db' | 'clock'>,
  key: Buffer,
  personId: string,
  chosen?: string,
): Promise<string> {
  const secret = chosen ?? randomBytes(24).toString('base64url');
  const row = { personId, sealed: seal(key, secret), createdAt: deps.clock.now() };
  await deps.db
    .insert(s2lowApiSecrets)
    .values(row)
    .onConflictDoUpdate({ target: s2lowApiSecrets.personId, set: { sealed: row.sealed, createdAt: row.createdAt } });
  return secret;
}

/** The person's S²LOW API password, or undefined when none was issued (or it was sealed under another key). */
export async function readS2lowApiPassword(
  deps: Pick<AuthDeps, 'db'>,
  key: Buffer,
  personId: string,
): Promise<string | undefined> {
  const [row] = await deps.db.select().from(s2lowApiSecrets).where(eq(s2lowApiSecrets.personId, personId));
  return row ? unseal(key, row.sealed) : undefined;
}
