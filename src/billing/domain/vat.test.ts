import { describe, expect, it } from 'vitest';
import { billingLineOutcomes, billingRunStatuses, billingVatRegimes } from '../../../db/schema/billing.ts';
import { LINE_OUTCOMES, RUN_STATUSES } from './outcomes.ts';
import { VAT_REGIMES, VAT_TREATMENTS } from './vat.ts';

describe('lists shared with the schema', () => {
  it('keeps the enums of db/schema/billing.ts equal to the domain', () => {
    expect([...billingVatRegimes]).toEqual([...VAT_REGIMES]);
    expect([...billingLineOutcomes]).toEqual([...LINE_OUTCOMES]);
    expect([...billingRunStatuses]).toEqual([...RUN_STATUSES]);
  });

  it('puts the contribution outside the scope of VAT with VATEX-EU-O', () => {
    expect(VAT_TREATMENTS.HORS_CHAMP).toMatchObject({ category: 'O', rate: null, exemptionReasonCode: 'VATEX-EU-O' });
    expect(VAT_TREATMENTS.TVA_20).toMatchObject({ category: 'S', rate: '20' });
  });
});
