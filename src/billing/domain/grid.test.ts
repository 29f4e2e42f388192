import { describe, expect, it } from 'vitest';
import { DEFAULT_GRID, overlappingTier, tierFor, type Tier } from './grid.ts';

const grid: Tier[] = DEFAULT_GRID.map((t, i) => ({ ...t, id: `t${i}` }));

describe('contribution grid', () => {
  it('spans 400 € to 30,000 € and is marked as the default to replace', () => {
    expect(grid[0]!.amount).toBe('400.00');
    expect(grid.at(-1)!.amount).toBe('30000.00');
    expect(grid.every((t) => t.isDefault)).toBe(true);
  });

  it('finds the tier by population at its bounds, on a day the tier is in force', () => {
    expect(tierFor(grid, 0, '2027-01-01')?.amount).toBe('400.00');
    expect(tierFor(grid, 9_999, '2027-01-01')?.amount).toBe('400.00');
    expect(tierFor(grid, 10_000, '2027-01-01')?.amount).toBe('1000.00');
    expect(tierFor(grid, 230_000, '2027-01-01')?.amount).toBe('30000.00');
    expect(tierFor(grid, 5_000, '2025-01-01')).toBeNull();
  });

  it('refuses a tier overlapping one in force for the same populations, accepts it after its end', () => {
    const candidate = { ...DEFAULT_GRID[0]!, validFrom: '2028-01-01', amount: '500.00' };
    expect(overlappingTier(grid, candidate)?.id).toBe('t0');
    const ended = grid.map((t) => ({ ...t, validTo: '2027-12-31' }));
    expect(overlappingTier(ended, candidate)).toBeNull();
  });
});
