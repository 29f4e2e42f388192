import { describe, expect, it } from 'vitest';
import { invoiceStatuses } from '../../../db/schema/invoices.ts';
import { INVOICE_STATUSES } from './statuses.ts';

describe('invoice statuses', () => {
  it('are the list the database enum accepts, in the same order', () => {
    expect([...INVOICE_STATUSES]).toEqual([...invoiceStatuses]);
  });
});
