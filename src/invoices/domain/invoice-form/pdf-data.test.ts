// "PDF with its data": typed amounts checked against each other, then a structured invoice the validator accepts,
// carried by the supplier's own PDF.
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { embedFacturX, readInvoice, validate, writeCii } from '../../../../formats/index.ts';
import type { FormBuyer } from './build-invoice.ts';
import { buildPdfDataInvoice, emptyPdfData, readPdfDataFields, type PdfDataForm } from './pdf-data.ts';

const buyer: FormBuyer = {
  name: 'Ville de Rennes',
  siret: '21350238800019',
  siren: '213502388',
  vatNumber: null,
  serviceCodeRequired: true,
  engagementNumberRequired: false,
  serviceCodeOrEngagementRequired: false,
  services: [{ code: 'FIN', label: 'Direction des finances', active: true, engagementNumberRequired: false }],
};
const supplier = {
  name: 'Menuiserie Le Goff',
  siren: '812345676',
  vatNumber: 'FR19812345676',
  sirets: ['81234567600017'],
  siret: '81234567600017',
};
const data = (over: Partial<PdfDataForm> = {}): PdfDataForm => ({
  ...emptyPdfData(),
  number: 'MLG-2026-031',
  issueDate: '2026-04-07',
  buyerSiret: '21350238800019',
  serviceCode: 'FIN',
  totalWithoutVat: '1 250,00',
  totalVat: '215,50',
  totalWithVat: '1465,50',
  vat: [
    { rate: 'S:20', base: '905' },
    { rate: 'S:10', base: '345' },
  ],
  ...over,
});

describe('buildPdfDataInvoice', () => {
  it('builds an invoice whose Factur-X, around the supplier’s PDF, the validator accepts', async () => {
    const built = buildPdfDataInvoice(data(), { supplier, buyer });
    if (!built.ok) throw new Error(JSON.stringify(built.errors));
    expect(built.invoice.vatBreakdown.map((b) => [b.rate, b.taxableAmount, b.taxAmount])).toEqual([
      ['20', '905.00', '181.00'],
      ['10', '345.00', '34.50'],
    ]);
    const doc = await PDFDocument.create();
    doc
      .addPage()
      .drawText('Facture MLG-2026-031', { x: 50, y: 700, font: await doc.embedFont(StandardFonts.Helvetica) });
    const pdf = await embedFacturX(await doc.save(), Buffer.from(writeCii(built.invoice), 'utf8'));
    const read = await readInvoice(pdf);
    expect(validate(read, { profile: 'fr' }).filter((v) => v.severity === 'fatal')).toEqual([]);
    expect(read.invoice.totals.taxInclusiveAmount).toBe('1465.50');
    expect(read.invoice.buyerReference).toBe('FIN');
  });

  it('takes the total without VAT as the base of a single rate', () => {
    const built = buildPdfDataInvoice(
      data({ vat: [{ rate: 'S:20', base: '' }], totalWithoutVat: '100', totalVat: '20', totalWithVat: '120' }),
      { supplier, buyer },
    );
    expect(built.ok && built.invoice.vatBreakdown[0]?.taxableAmount).toBe('100.00');
  });

  it('shows the amount found and the amount expected when the totals do not add up', () => {
    const built = buildPdfDataInvoice(data({ totalVat: '250,00', totalWithVat: '1500,00' }), { supplier, buyer });
    expect(!built.ok && built.errors).toEqual([
      {
        field: 'totalVat',
        message:
          'Total TVA : 250,00 € saisi, 215,50 € attendu (TVA 20 % de 905,00 € = 181,00 € ; TVA 10 % de 345,00 € = 34,50 €).',
      },
    ]);
    const bases = buildPdfDataInvoice(
      data({
        vat: [
          { rate: 'S:20', base: '900' },
          { rate: 'S:10', base: '345' },
        ],
      }),
      {
        supplier,
        buyer,
      },
    );
    expect(!bases.ok && bases.errors[0]).toEqual({
      field: 'vat0.base',
      message: 'Bases HT : leur somme fait 1245,00 €, le total HT saisi est 1250,00 €.',
    });
  });

  it('requires the references the buyer requires, and reads the rows typed', () => {
    const fields = {
      number: 'A-1',
      issueDate: '2026-04-07',
      buyerSiret: '21350238800019',
      'vat0.rate': 'S:20',
      'vat1.rate': 'S:10',
      'vat1.base': '',
    };
    expect(readPdfDataFields(fields).vat).toEqual([{ rate: 'S:20', base: '' }]);
    const built = buildPdfDataInvoice(data({ serviceCode: '' }), { supplier, buyer });
    expect(!built.ok && built.errors.map((e) => e.message)).toEqual([
      'Service : Ville de Rennes exige le code du service destinataire.',
    ]);
  });
});
