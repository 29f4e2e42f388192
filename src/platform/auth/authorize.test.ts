import { describe, expect, it } from 'vitest';
import { AppError } from '../errors.ts';
import type { Actor } from './actor.ts';
import {
  actsFor,
  hasRole,
  isOperator,
  requireActsFor,
  requireOperator,
  requireRole,
  structuresWithRole,
} from './authorize.ts';

const RENNES = '00000000-0000-4000-8000-000000000001';
const LANGOUET = '00000000-0000-4000-8000-000000000002';
const SYNDICAT = '00000000-0000-4000-8000-000000000003';

const accountant: Actor = {
  kind: 'person',
  personId: 'p1',
  email: 'c@x.fr',
  displayName: 'C',
  grants: [
    { role: 'accountant', structureId: RENNES },
    { role: 'agent', structureId: LANGOUET },
  ],
};
const operator: Actor = {
  kind: 'person',
  personId: 'p2',
  email: 'o@x.fr',
  displayName: 'O',
  grants: [{ role: 'operator', structureId: SYNDICAT }],
};
const client: Actor = {
  kind: 'client',
  clientId: 'hub-demo',
  scopes: ['openid'],
  grants: [{ role: 'supplier', structureId: LANGOUET }],
};

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
    return undefined;
  } catch (error) {
    return error instanceof AppError ? `${error.code}/${error.status}` : 'other';
  }
}

describe('authorization helpers', () => {
  it('hasRole matches the role, and the structure when one is given', () => {
    expect(hasRole(accountant, 'accountant')).toBe(true);
    expect(hasRole(accountant, 'accountant', RENNES)).toBe(true);
    expect(hasRole(accountant, 'accountant', LANGOUET)).toBe(false);
    expect(hasRole(accountant, 'supplier')).toBe(false);
    expect(hasRole(undefined, 'accountant')).toBe(false);
  });

  it('requireRole returns the actor, refuses others with 403 and the anonymous with 401', () => {
    expect(requireRole(accountant, 'accountant', RENNES)).toBe(accountant);
    expect(codeOf(() => requireRole(accountant, 'accountant', LANGOUET))).toBe('FORBIDDEN/403');
    expect(codeOf(() => requireRole(client, 'operator'))).toBe('FORBIDDEN/403');
    expect(codeOf(() => requireRole(undefined, 'supplier'))).toBe('UNAUTHENTICATED/401');
  });

  it('actsFor is true for any role held for the structure', () => {
    expect(actsFor(accountant, LANGOUET)).toBe(true);
    expect(actsFor(client, LANGOUET)).toBe(true);
    expect(actsFor(accountant, SYNDICAT)).toBe(false);
    expect(codeOf(() => requireActsFor(client, RENNES))).toBe('FORBIDDEN/403');
    expect(requireActsFor(client, LANGOUET)).toBe(client);
  });

  it('an operator is recognised but acts for no other structure', () => {
    expect(isOperator(operator)).toBe(true);
    expect(isOperator(accountant)).toBe(false);
    expect(isOperator(undefined)).toBe(false);
    expect(actsFor(operator, RENNES)).toBe(false);
    expect(requireOperator(operator)).toBe(operator);
    expect(codeOf(() => requireOperator(accountant))).toBe('FORBIDDEN/403');
  });

  it('lists the structures a role is held for', () => {
    expect(structuresWithRole(accountant, 'accountant')).toEqual([RENNES]);
    expect(structuresWithRole(accountant, 'supplier')).toEqual([]);
    expect(structuresWithRole(undefined, 'agent')).toEqual([]);
  });
});
