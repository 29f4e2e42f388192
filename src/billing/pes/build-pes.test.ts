import { describe, expect, it } from 'vitest';
import { readPes } from '../../../test/billing/pes-reader.ts';
import { buildPesRecette, PES_ALLER_NAMESPACE } from './build-pes.ts';
import { encodePes } from './encode-pes.ts';

const collectivity = {
  siret: '25351449100047',
  idPost: '035000',
  codCol: '001',
  codBud: '01',
  label: 'Syndicat mixte Mégalis Bretagne',
};
const title = (n: number, amount: string) => ({
  pieceNumber: n,
  invoiceNumber: `COT-2027-0000${n}`,
  object: `Contribution 2027 Communauté d’agglomération n° ${n}`,
  productCode: 'COTISATION',
  account: '74758',
  amount,
  vatAmount: '0.00',
  serviceCode: n === 1 ? 'FIN' : null,
  engagementNumber: n === 1 ? 'EJ-42' : null,
  debtor: { siret: '24350013900189', name: 'Rennes Métropole' },
});

describe('PES Aller of the titles of receipt', () => {
  const bytes = encodePes(
    buildPesRecette(collectivity, {
      nomFic: 'PESALR2_25351449100047_COT2027_B001',
      year: 2027,
      bordereau: 1,
      date: '2027-01-01',
      object: 'Contributions 2027 des membres',
      titles: [title(1, '30000.00'), title(2, '201.64')],
    }),
  );

  it('is ISO-8859-1: é as one byte, ’ as a character reference', () => {
    const text = Buffer.from(bytes).toString('latin1');
    expect(text.startsWith('<?xml version="1.0" encoding="ISO-8859-1"?>')).toBe(true);
    expect(bytes.includes(0xe9)).toBe(true);
    expect(text).toContain('&#x2019;');
  });

  it('reads back with the ASAP fields and the totals of the bordereau', () => {
    const pes = readPes(bytes);
    expect(pes.root).toEqual({ ns: PES_ALLER_NAMESPACE, local: 'PES_Aller' });
    expect(pes).toMatchObject({ idColl: '25351449100047', typFic: 'PESALR2', year: '2027', bordereau: '1' });
    expect(pes).toMatchObject({ pieceCount: '2', totalHt: '30201.64', totalVat: '0.00' });
    expect(pes.titles[0]).toMatchObject({
      invoiceNumber: 'COT-2027-00001',
      serviceCode: 'FIN',
      engagementNumber: 'EJ-42',
      edition: '02',
      debtorName: 'Rennes Métropole',
    });
    expect(pes.titles[0]!.object).toContain('Communauté d’agglomération');
    expect(pes.titles[1]).toMatchObject({ serviceCode: undefined, engagementNumber: undefined, amount: '201.64' });
  });
});
