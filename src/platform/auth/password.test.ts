import { describe, expect, it } from 'vitest';
import { dummyVerify, hashPassword, needsRehash, verifyPassword } from './password.ts';

describe('password hashing', () => {
  it('stores scrypt parameters, a salt and the hash, and verifies only the right password', async () => {
    const stored = await hashPassword('Correct horse battery staple');
    expect(stored).toMatch(/^\$scrypt\$ln=15,r=8,p=3\$[A-Za-z0-9+/]{22}==\$[A-Za-z0-9+/]{43}=$/);
    expect(await verifyPassword('Correct horse battery staple', stored)).toBe(true);
    expect(await verifyPassword('correct horse battery staple', stored)).toBe(false);
    expect(await verifyPassword('', stored)).toBe(false);
  });

  it('uses a fresh salt for every hash', async () => {
    const [a, b] = await Promise.all([hashPassword('même mot de passe'), hashPassword('même mot de passe')]);
    expect(a).not.toBe(b);
    expect(a.split('$')[3]).not.toBe(b.split('$')[3]);
  });

  it('verifies with the parameters stored in the hash, not the current defaults', async () => {
    const cheap = await hashPassword('ancien', { ln: 12, r: 8, p: 1 });
    expect(cheap).toContain('$ln=12,r=8,p=1$');
    expect(await verifyPassword('ancien', cheap)).toBe(true);
    expect(needsRehash(cheap)).toBe(true);
    expect(needsRehash(await hashPassword('neuf'))).toBe(false);
  });

  it('treats Unicode forms of the same password alike', async () => {
    const stored = await hashPassword('Langou\u00ebt');
    expect(await verifyPassword('Langoue\u0308t', stored)).toBe(true);
  });

  it('never matches a malformed or tampered hash', async () => {
    const stored = await hashPassword('secret');
    expect(await verifyPassword('secret', 'plain-text')).toBe(false);
    expect(await verifyPassword('secret', stored.replace('ln=15', 'ln=14'))).toBe(false);
    expect(await verifyPassword('secret', stored.replace('ln=15', 'ln=40'))).toBe(false);
  });

  it('dummy verification takes about as long as a real one and always fails', async () => {
    const stored = await hashPassword('secret');
    await dummyVerify('warm-up');
    const t0 = performance.now();
    await verifyPassword('wrong', stored);
    const real = performance.now() - t0;
    const t1 = performance.now();
    expect(await dummyVerify('secret')).toBe(false);
    const dummy = performance.now() - t1;
    expect(dummy).toBeGreaterThan(real / 3);
  });
});
