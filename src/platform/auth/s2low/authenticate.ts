// Who calls the S²LOW-compatible APIs (ACTES, Hélios): a person of the hub, identified as S²LOW clients do it —
// HTTP Basic with the hub login (e-mail and password), or the nonce scheme of `get-nounce.php`
// (`nounce`, `login`, `hash` = SHA-256 hex of "{S²LOW API password}:{nounce}"). Both go through the login
// throttle of the person's e-mail, as the login page does.
import { createHash, timingSafeEqual } from 'node:crypto';
import type { AuthDeps } from '../deps.ts';
import { normaliseEmail } from '../email.ts';
import { dummyVerify, verifyPassword } from '../password.ts';
import { findPersonByEmail, personActor, type PersonActor } from '../people.ts';
import { FREE_ATTEMPTS, throttledCheck } from '../throttle.ts';
import { offerUnlockLink } from '../unlock.ts';
import { readS2lowApiPassword } from './api-secrets.ts';
import { s2lowBadCredentials, s2lowMissingCredentials, s2lowNonceRejected, s2lowNonceUnavailable } from './errors.ts';
import { consumeNonce } from './nonces.ts';
import type { S2lowAuthSettings } from './settings.ts';

export interface S2lowCredentials {
  /** The Authorization header as received. */
  authorization: string | undefined;
  /** The query (or form) parameters of the nonce scheme. */
  nounce: string | undefined;
  login: string | undefined;
  hash: string | undefined;
  ip: string | null;
}

/** Whether a request carries S²LOW credentials at all (Basic, or the three nonce parameters). */
export function hasS2lowCredentials(credentials: S2lowCredentials): boolean {
  return (
    /^basic\s/i.test(credentials.authorization ?? '') ||
    (credentials.nounce !== undefined && credentials.login !== undefined && credentials.hash !== undefined)
  );
}

/** The person behind the credentials, or an AppError (401, or 429 while the login is throttled). */
export async function authenticateS2low(
  deps: AuthDeps,
  settings: S2lowAuthSettings,
  credentials: S2lowCredentials,
): Promise<PersonActor> {
  if (credentials.nounce !== undefined && credentials.login !== undefined && credentials.hash !== undefined) {
    return byNonce(deps, settings, credentials.login, credentials.nounce, credentials.hash, credentials.ip);
  }
  const basic = parseBasic(credentials.authorization);
  if (!basic) throw s2lowMissingCredentials();
  return byPassword(deps, basic.user, basic.password, credentials.ip);
}

/** `Basic base64(user:password)`; UTF-8, or ISO-8859-1 when the bytes are not UTF-8 (older PHP clients). */
export function parseBasic(header: string | undefined): { user: string; password: string } | undefined {
  const encoded = /^basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(header ?? '')?.[1];
  if (!encoded) return undefined;
  const bytes = Buffer.from(encoded, 'base64');
  const utf8 = bytes.toString('utf8');
  const text = utf8.includes('\uFFFD') ? bytes.toString('latin1') : utf8;
  const colon = text.indexOf(':');
  if (colon < 0) return undefined;
  return { user: text.slice(0, colon), password: text.slice(colon + 1) };
}

async function byPassword(deps: AuthDeps, email: string, password: string, ip: string | null) {
  const emailKey = normaliseEmail(email);
  const person = emailKey && !emailKey.includes('\0') ? await findPersonByEmail(deps, emailKey) : undefined;
  const { ok, attempt } = await throttledCheck(deps, { kind: 'login', identity: emailKey, ip }, async () => {
    const passwordOk = person ? await verifyPassword(password, person.passwordHash) : await dummyVerify(password);
    return Boolean(person && passwordOk && person.active);
  });
  if (!ok || !person) {
    if (person?.active && attempt >= FREE_ATTEMPTS) await offerUnlockLink(deps, person, ip);
    throw s2lowBadCredentials();
  }
  return personActor(deps, person);
}

async function byNonce(
  deps: AuthDeps,
  settings: S2lowAuthSettings,
  login: string,
  nonce: string,
  hash: string,
  ip: string | null,
) {
  const key = settings.secretKey;
  if (!key) throw s2lowNonceUnavailable();
  const emailKey = normaliseEmail(login);
  const person = emailKey && !emailKey.includes('\0') ? await findPersonByEmail(deps, emailKey) : undefined;
  let nonceOk = true;
  const { ok } = await throttledCheck(deps, { kind: 'login', identity: emailKey, ip }, async () => {
    // The nonce is spent by any attempt, right or wrong: a captured (nounce, hash) pair never works twice.
    nonceOk = nonce.length <= 128 && (await consumeNonce(deps, nonce, person?.id ?? null));
    if (!nonceOk || !person || !person.active) return false;
    const secret = await readS2lowApiPassword(deps, key, person.id);
    return secret !== undefined && sameHex(expectedHash(secret, nonce), hash);
  });
  if (!nonceOk) throw s2lowNonceRejected();
  if (!ok || !person) throw s2lowBadCredentials();
  return personActor(deps, person);
}

/** SHA-256 hex of "{password}:{nonce}", as Pastell's S²LOW connector computes it. */
export function expectedHash(password: string, nonce: string): string {
  return createHash('sha256').update(`${password}:${nonce}`, 'utf8').digest('hex');
}

function sameHex(expected: string, given: string): boolean {
  const a = Buffer.from(expected, 'utf8');
  const b = Buffer.from(given.trim().toLowerCase(), 'utf8');
  return a.length === b.length && timingSafeEqual(a, b);
}
