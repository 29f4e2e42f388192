import { describe, expect, it } from 'vitest';
import { cproAccountHeader, parseCproAccount } from './technical-account.ts';

describe('cpro-account', () => {
  it('is base64 of login:password, and reads back, colons in the password included', () => {
    const header = cproAccountHeader({ login: 'TECH_1_DEMO@cpro.fr', password: 'a:b:c' });
    expect(Buffer.from(header, 'base64').toString('utf8')).toBe('TECH_1_DEMO@cpro.fr:a:b:c');
    expect(parseCproAccount(header)).toEqual({ login: 'TECH_1_DEMO@cpro.fr', password: 'a:b:c' });
  });

  it('refuses what is not base64 of login:password', () => {
    expect(parseCproAccount(undefined)).toBeUndefined();
    expect(parseCproAccount('pas du base64 !')).toBeUndefined();
    expect(parseCproAccount(Buffer.from('sans-deux-points').toString('base64'))).toBeUndefined();
    expect(parseCproAccount(Buffer.from(':motdepasse').toString('base64'))).toBeUndefined();
  });
});
