import { describe, expect, it } from 'vitest';
import { INVOICE_STATUSES as invoiceStatuses } from './statuses.ts';
import { REFORM_CODE_OF_STATUS, REFORM_LIFECYCLE_STATUSES, reformStatusOf } from './reform-codes.ts';

describe('2026 reform lifecycle codes', () => {
  it('lists codes 200 to 213 once each, with the mandatory ones flagged', () => {
    expect(REFORM_LIFECYCLE_STATUSES.map((s) => s.code)).toEqual(Array.from({ length: 14 }, (_, i) => 200 + i));
    expect(REFORM_LIFECYCLE_STATUSES.filter((s) => s.mandatory).map((s) => s.code)).toEqual([200, 210, 212, 213]);
  });

  it('maps every Chorus status of the hub to a code of the table', () => {
    for (const status of invoiceStatuses)
      expect(REFORM_LIFECYCLE_STATUSES.map((s) => s.code)).toContain(REFORM_CODE_OF_STATUS[status]);
    expect(reformStatusOf('DEPOSEE')).toEqual({ code: 200, label: 'Déposée', mandatory: true });
    expect(reformStatusOf('REJETEE').label).toBe('Refusée');
    expect(reformStatusOf('A_RECYCLER').label).toBe('Rejetée');
    expect(reformStatusOf('SUSPENDUE').code).toBe(208);
    expect(reformStatusOf('COMPLETEE').code).toBe(209);
    expect(reformStatusOf('MISE_EN_PAIEMENT').label).toBe('Paiement transmis');
  });
});
