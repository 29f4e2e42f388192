// One chronological sequence of contribution numbers per year (numbers unique per year and chronological:
// research note tenders-and-billing §8.4, AMF note on the DGFiP instruction 17-0006).

export const NUMBER_PREFIX = 'COT';

/** COT-2027-00001 for the first contribution issued for 2027. */
export function contributionNumber(year: number, sequence: number): string {
  return `${NUMBER_PREFIX}-${year}-${String(sequence).padStart(5, '0')}`;
}

const NUMBER = /^COT-(\d{4})-(\d{5})$/;

export function parseContributionNumber(number: string): { year: number; sequence: number } | null {
  const m = NUMBER.exec(number);
  return m ? { year: Number(m[1]), sequence: Number(m[2]) } : null;
}
