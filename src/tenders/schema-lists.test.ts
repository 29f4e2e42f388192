// The database enums repeat the domain's lists: this keeps them equal.
import { describe, expect, it } from 'vitest';
import { tenderBidParts, tenderConsultationStatuses, tenderContractNatures } from '../../db/schema/tenders.ts';
import { BID_PARTS, CONSULTATION_STATUSES, CONTRACT_NATURES } from './domain/index.ts';

describe('tender enums', () => {
  it('match the domain lists', () => {
    expect([...tenderConsultationStatuses]).toEqual([...CONSULTATION_STATUSES]);
    expect([...tenderContractNatures]).toEqual([...CONTRACT_NATURES]);
    expect([...tenderBidParts]).toEqual([...BID_PARTS]);
  });
});
