import { describe, expect, it } from 'vitest';
import { epciNatures, structureKinds } from '../../../db/schema/directory.ts';
import { EPCI_NATURES, STRUCTURE_KINDS } from './kinds.ts';

describe('directory kinds', () => {
  it('are the lists the database enums accept', () => {
    expect([...STRUCTURE_KINDS]).toEqual([...structureKinds]);
    expect([...EPCI_NATURES]).toEqual([...epciNatures]);
  });
});
