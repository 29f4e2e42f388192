import { describe, expect, it } from 'vitest';
import { readInvoice, validate, writeFacturX, writeUbl } from '../../../formats/index.ts';
import { computeContribution } from './contribution.ts';
import { contributionInvoice, SYNDICAT_ADDRESS } from './contribution-invoice.ts';
import { DEFAULT_GRID } from './grid.ts';
import type { BillableMember } from './member.ts';
import type { VatRegime } from './vat.ts';

const tiers = DEFAULT_GRID.map((t, i) => ({ ...t, id: `t${i}` }));
const issuer = {
  name: 'Syndicat mixte Mégalis Bretagne',
  siren: '253514491',
  siret: '25351449100047',
  ...SYNDICAT_ADDRESS,
};
const member = (vatRegime: VatRegime, extra: Partial<BillableMember> = {}): BillableMember => ({
  structureId: 'm',
  name: 'Rennes Métropole',
  kind: 'epci',
  siren: '243500139',
  siret: '24350013900189',
  population: 473_973,
  joinedOn: null,
  leftOn: null,
  ownAmount: null,
  productCode: 'COTISATION',
  productLabel: 'Contribution statutaire des membres',
  vatRegime,
  serviceCode: 'FIN',
  engagementNumber: 'EJ-2027-1',
  serviceCodeRequired: true,
  engagementNumberRequired: true,
  serviceCodeOrEngagementRequired: false,
  services: [{ code: 'FIN', active: true, engagementNumberRequired: false }],
  paymentDelayDays: 30,
  ...extra,
});

async function written(vatRegime: VatRegime) {
  const result = computeContribution(member(vatRegime), tiers, 2027);
  if (result.kind !== 'line') throw new Error(result.kind);
  const invoice = contributionInvoice({
    issuer,
    member: { name: 'Rennes Métropole', siret: '24350013900189' },
    number: 'COT-2027-00001',
    year: 2027,
    issueDate: '2027-01-04',
    dueDate: '2027-02-03',
    productLabel: 'Contribution statutaire des membres',
    line: result.line,
  });
  const fatal = async (bytes: Uint8Array) =>
    validate(await readInvoice(bytes), { profile: 'b2g' }).filter((v) => v.severity === 'fatal');
  return {
    line: result.line,
    invoice,
    ublFatal: await fatal(new TextEncoder().encode(writeUbl(invoice))),
    facturxFatal: await fatal(await writeFacturX(invoice)),
  };
}

describe('contribution invoice', () => {
  it('outside the scope of VAT: category O, VATEX-EU-O, no seller VAT number, valid as UBL and Factur-X', async () => {
    const w = await written('HORS_CHAMP');
    expect(w.line).toMatchObject({ amount: '30000.00', vatAmount: '0.00', totalAmount: '30000.00' });
    expect(w.invoice.seller.vatId).toBeUndefined();
    expect(w.invoice.vatBreakdown).toEqual([
      expect.objectContaining({ categoryCode: 'O', exemptionReasonCode: 'VATEX-EU-O', taxAmount: '0.00' }),
    ]);
    expect(w.invoice).toMatchObject({ buyerReference: 'FIN', purchaseOrderReference: 'EJ-2027-1' });
    expect(w.ublFatal).toEqual([]);
    expect(w.facturxFatal).toEqual([]);
  });

  it('a VAT-able service: category S at 20 % with the syndicat’s VAT number, valid', async () => {
    const w = await written('TVA_20');
    expect(w.line).toMatchObject({ amount: '30000.00', vatAmount: '6000.00', totalAmount: '36000.00' });
    expect(w.invoice.seller.vatId).toBe('FR47253514491');
    expect(w.invoice.vatBreakdown).toEqual([expect.objectContaining({ categoryCode: 'S', rate: '20' })]);
    expect(w.ublFatal).toEqual([]);
    expect(w.facturxFatal).toEqual([]);
  });

  it('blocks a member lacking the references its directory entry requires, with the reason', () => {
    const result = computeContribution(
      member('HORS_CHAMP', { serviceCode: null, engagementNumber: null }),
      tiers,
      2027,
    );
    expect(result.kind).toBe('blocked');
    expect(result.kind === 'blocked' && result.message).toMatch(/exige un code service.*exige un numéro d’engagement/);
  });
});
