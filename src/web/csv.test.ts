import { describe, expect, it } from 'vitest';
import { csvDecimal, toCsv } from './csv.ts';

describe('toCsv', () => {
  it('writes a BOM, French headers, semicolons and CRLF, quoting what needs it', () => {
    const rows = [{ name: 'Dupont; fils', note: 'dit "le grand"\nsuite', amount: '1234.50' }];
    const csv = toCsv(
      [
        { header: 'Nom', value: (r: (typeof rows)[number]) => r.name },
        { header: 'Remarque', value: (r) => r.note },
        { header: 'Montant TTC', value: (r) => csvDecimal(r.amount) },
      ],
      rows,
    );
    expect(csv).toBe('\ufeffNom;Remarque;Montant TTC\r\n"Dupont; fils";"dit ""le grand""\nsuite";1234,50\r\n');
  });

  it('defuses spreadsheet formulas but keeps negative numbers', () => {
    const csv = toCsv([{ header: 'x', value: (r: string) => r }], ['=HYPERLINK("http://x")', '-12,50', '@SUM(A1)']);
    expect(csv.split('\r\n').slice(1, 4)).toEqual(['"\'=HYPERLINK(""http://x"")"', '-12,50', "'@SUM(A1)"]);
  });
});
