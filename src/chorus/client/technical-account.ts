// The `cpro-account` header: base64 of "login:password" of a Chorus technical account.

import { forbiddenCharacter } from '../../platform/text-input/index.ts';

export interface TechnicalAccount {
  login: string;
  password: string;
}

export function cproAccountHeader(account: TechnicalAccount): string {
  return Buffer.from(`${account.login}:${account.password}`, 'utf8').toString('base64');
}

/** The login and password in a `cpro-account` value, or undefined when it is not base64 of "login:password". */
export function parseCproAccount(value: string | undefined): TechnicalAccount | undefined {
  if (value === undefined || !/^[A-Za-z0-9+/]+={0,2}$/.test(value.trim())) return undefined;
  const decoded = Buffer.from(value.trim(), 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon <= 0) return undefined;
  // A control character cannot be part of a real account: refused like a wrong password, never sent to the database.
  if (forbiddenCharacter(decoded, { multiline: false })) return undefined;
  return { login: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
}
