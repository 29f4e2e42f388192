import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { writeCii } from '../cii/write.ts';
import { sampleInvoice } from '../pdf/testing/sample-invoice.ts';
import { requireTools, runOnPdf } from '../pdf/testing/tools.ts';
import { readInvoice } from '../read.ts';
import { extractFacturX } from './extract.ts';
import { facturXInvoice, writeFacturX } from './write.ts';
import { FACTURX_GUIDELINES, facturXProfileOf } from './xmp-write.ts';
import { corpusAvailable } from '../testing/corpus.ts';

const CORPUS = fileURLToPath(new URL('../../../shared/corpus/', import.meta.url));
const hasCorpus = corpusAvailable();
requireTools(['pdfinfo'], 'poppler-utils');
requireTools(['qpdf'], 'qpdf');

describe('writeFacturX', () => {
  it('is read back by readInvoice with the same business terms', async () => {
    const invoice = sampleInvoice({ lines: 25 });
    const pdf = await writeFacturX(invoice);
    const read = await readInvoice(pdf);
    expect(read.syntax).toBe('FACTURX');
    expect(read.xmlSyntax).toBe('CII');
    expect(read.pdf).toEqual({ filename: 'factur-x.xml', xmpConformance: 'EN 16931' });
    // Same model as reading the CII the writer embeds.
    const direct = await readInvoice(Buffer.from(writeCii(facturXInvoice(invoice)), 'utf8'));
    expect(read.invoice).toEqual(direct.invoice);
    // And the terms of the source invoice.
    expect(read.invoice.number).toBe(invoice.number);
    expect(read.invoice.issueDate).toBe(invoice.issueDate);
    expect(read.invoice.buyerReference).toBe(invoice.buyerReference);
    expect(read.invoice.purchaseOrderReference).toBe(invoice.purchaseOrderReference);
    expect(read.invoice.seller.name).toBe(invoice.seller.name);
    expect(read.invoice.totals).toEqual(invoice.totals);
    expect(read.invoice.vatBreakdown).toEqual(invoice.vatBreakdown);
    expect(read.invoice.lines.map((l) => [l.id, l.quantity, l.netAmount, l.item.name])).toEqual(
      invoice.lines.map((l) => [l.id, l.quantity, l.netAmount, l.item.name]),
    );
  });

  it('embeds exactly the CII that writeCii produces, with the profile as BT-24', async () => {
    const invoice = sampleInvoice();
    const extracted = await extractFacturX(await writeFacturX(invoice));
    expect(Buffer.from(extracted.xml).toString('utf8')).toBe(writeCii(facturXInvoice(invoice)));
  });

  it.each([
    ['Peppol BIS 3', 'urn:cen.eu:en16931:2017#compliant#urn:fdc:peppol.eu:2017:poacc:billing:3.0'],
    ['ZUGFeRD 1', 'urn:ferd:CrossIndustryDocument:invoice:1p0:comfort'],
    ['EXTENDED-CTC-FR', 'urn:cen.eu:en16931:2017#conformant#urn.cpro.gouv.fr:1p0:extended-ctc-fr'],
    ['XRechnung', 'urn:cen.eu:en16931:2017#compliant#urn:xeinkauf.de:kosit:xrechnung_3.0'],
    ['Factur-X MINIMUM', 'urn:factur-x.eu:1p0:minimum'],
    ['none', undefined],
  ])('writes its own BT-24 and the XMP level of the profile it writes, not the source BT-24 (%s)', async (_, bt24) => {
    const invoice = sampleInvoice();
    invoice.processControl = { ...invoice.processControl, specificationIdentifier: bt24 };
    const read = await readInvoice(await writeFacturX(invoice));
    expect(read.invoice.processControl.specificationIdentifier).toBe('urn:cen.eu:en16931:2017');
    expect(read.pdf?.xmpConformance).toBe('EN 16931');
    expect(read.invoice.processControl.businessProcessType).toBe(invoice.processControl.businessProcessType);
  });

  it('is byte-identical across two writes', async () => {
    const a = await writeFacturX(sampleInvoice({ lines: 40 }));
    const b = await writeFacturX(sampleInvoice({ lines: 40 }));
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(true);
  });

  it('takes the profile from the options, in the XMP metadata and in BT-24 alike', async () => {
    const read = await readInvoice(await writeFacturX(sampleInvoice(), { conformance: 'EXTENDED' }));
    expect(read.pdf?.xmpConformance).toBe('EXTENDED');
    expect(read.invoice.processControl.specificationIdentifier).toBe(FACTURX_GUIDELINES.EXTENDED);
    expect(facturXProfileOf(read.invoice.processControl.specificationIdentifier)).toBe('EXTENDED');
  });

  it('passes qpdf --check and pdfinfo', async () => {
    const pdf = await writeFacturX(sampleInvoice({ lines: 120 }));
    const check = runOnPdf('qpdf', ['--check'], pdf);
    expect(check.status).toBe(0);
    expect(check.stderr).toBe('');
    const info = runOnPdf('pdfinfo', [], pdf);
    expect(info.status).toBe(0);
    expect(info.stderr).toBe('');
    expect(info.stdout).toMatch(/Pages:\s+[3-9]/);
  });

  it.skipIf(!hasCorpus)('round-trips corpus invoices through Factur-X', async () => {
    for (const file of [
      'cii/valid/mus__validV2FR.xml',
      'ubl/valid/akr__ubl-21-en16931.xml',
      'facturx/akr__invoice_EN16931.pdf',
    ]) {
      const source = await readInvoice(readFileSync(CORPUS + file));
      const back = await readInvoice(await writeFacturX(source.invoice));
      const direct = await readInvoice(Buffer.from(writeCii(facturXInvoice(source.invoice)), 'utf8'));
      expect(back.invoice, file).toEqual(direct.invoice);
      expect(back.invoice.number, file).toBe(source.invoice.number);
      expect(back.invoice.totals, file).toEqual(source.invoice.totals);
    }
  });
});
