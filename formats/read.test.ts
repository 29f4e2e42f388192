import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { FormatError } from './errors.ts';
import { emptyInvoice, emptyLine } from './model/invoice.ts';
import type { Invoice } from './model/invoice.ts';
import { convertInvoice } from './convert.ts';
import { looksLikePdf, readInvoice } from './read.ts';
import { writeCii } from './cii/write.ts';
import { writeUbl } from './ubl/write.ts';
import { NS } from './xml/ns.ts';

const CORPUS = new URL('../../shared/corpus/', import.meta.url);
const bytes = (path: string) => new Uint8Array(readFileSync(new URL(path, CORPUS)));
const utf8 = (s: string) => new TextEncoder().encode(s);

async function codeOf(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (e) {
    if (e instanceof FormatError) return e.code;
    throw e;
  }
  throw new Error('no error thrown');
}

describe('readInvoice: syntax detection', () => {
  it('reads UBL Invoice, UBL CreditNote and CII', async () => {
    const inv = await readInvoice(bytes('ubl/valid/akr__ubl-21-en16931.xml'));
    expect([inv.syntax, inv.xmlSyntax, inv.invoice.number, inv.pdf]).toEqual(['UBL', 'UBL', 'F124212', undefined]);
    const cn = await readInvoice(bytes('ubl/valid/cen__CreditNote-Max_content.xml'));
    expect([cn.syntax, cn.invoice.typeCode, cn.root.local]).toEqual(['UBL', '381', 'CreditNote']);
    const cii = await readInvoice(bytes('cii/valid/mus__validV2FR.xml'));
    expect([cii.syntax, cii.xmlSyntax, cii.invoice.number]).toEqual(['CII', 'CII', 'FAC-20171118-506']);
    expect(cii.locations.get('BT-1')?.text).toBe('FAC-20171118-506');
  });

  it('reads the CII embedded in a Factur-X PDF', async () => {
    const r = await readInvoice(bytes('facturx/zfc__Facture_FR_BASICWL.pdf'));
    expect(r.syntax).toBe('FACTURX');
    expect(r.xmlSyntax).toBe('CII');
    expect(r.invoice.number).toBe('FA-2017-0010');
    expect(r.invoice.totals.payableAmount).toBe('470.15');
    expect(r.pdf).toEqual({ filename: 'factur-x.xml', xmpConformance: 'BASIC WL' });
    expect(r.root.local).toBe('CrossIndustryInvoice');
  });

  it('refuses ZUGFeRD 1.0, as PDF or as XML', async () => {
    expect(await codeOf(readInvoice(bytes('facturx/zfc__ZUGFeRD_1p0_BASIC_Einfach.pdf')))).toBe('UNSUPPORTED_ZUGFERD1');
    const zf1 = `<rsm:CrossIndustryDocument xmlns:rsm="${NS.ZUGFERD1}"/>`;
    expect(await codeOf(readInvoice(utf8(zf1)))).toBe('UNSUPPORTED_ZUGFERD1');
  });

  it('refuses an embedded XML whose declared encoding is unknown', async () => {
    expect(await codeOf(readInvoice(bytes('facturx/zfc__factur-x-invalid-xml-encoding-attribute.pdf')))).toBe(
      'XML_ENCODING',
    );
  });

  it('refuses other XML documents, empty input and DTDs', async () => {
    const order = '<Order xmlns="urn:oasis:names:specification:ubl:schema:xsd:Order-2"/>';
    expect(await codeOf(readInvoice(utf8(order)))).toBe('UNSUPPORTED_ROOT');
    expect(await codeOf(readInvoice(utf8('<Invoice/>')))).toBe('UNSUPPORTED_ROOT');
    expect(await codeOf(readInvoice(new Uint8Array()))).toBe('EMPTY_INPUT');
    expect(await codeOf(readInvoice(utf8(`<!DOCTYPE Invoice><Invoice xmlns="${NS.UBL_INVOICE}"/>`)))).toBe(
      'XML_DTD_FORBIDDEN',
    );
  });

  it('tells PDF from XML by the first bytes', () => {
    expect(looksLikePdf(utf8('%PDF-1.7\n'))).toBe(true);
    expect(looksLikePdf(utf8('\n\n%PDF-1.4'))).toBe(true);
    expect(looksLikePdf(utf8(`<Invoice><!-- %PDF-1.7 --></Invoice>`))).toBe(false);
    expect(looksLikePdf(utf8(`\ufeff  <a>%PDF-</a>`))).toBe(false);
    expect(looksLikePdf(utf8('hello'))).toBe(false);
  });

  it('gives French messages', async () => {
    await expect(readInvoice(utf8('<Order/>'))).rejects.toThrow(/Type de document non pris en charge/);
  });
});

function bigInvoice(lines: number): Invoice {
  const inv = emptyInvoice();
  inv.number = 'BIG-1';
  inv.currencyCode = 'EUR';
  for (let k = 0; k < lines; k++) {
    const l = emptyLine();
    l.id = String(k + 1);
    l.quantity = '3';
    l.unitCode = 'C62';
    l.netAmount = '30.00';
    l.price = { netPrice: '10.00' };
    l.vat = { categoryCode: 'S', rate: '20' };
    l.item.name = `Fourniture n° ${k + 1} — papier A4 <80 g>`;
    l.item.sellerId = `REF-${k}`;
    inv.lines.push(l);
  }
  return inv;
}

describe('readInvoice: limits and large documents', () => {
  it('refuses more lines than allowed', async () => {
    const xml = utf8(writeUbl(bigInvoice(11)));
    expect(await codeOf(readInvoice(xml, { maxLines: 10 }))).toBe('TOO_MANY_LINES');
    expect((await readInvoice(xml, { maxLines: 11 })).invoice.lines).toHaveLength(11);
    expect(await codeOf(readInvoice(xml, { maxBytes: 1000 }))).toBe('XML_TOO_LARGE');
  });

  // Speed is measured by bench/formats.ts, not asserted here.
  it('reads a 20,000-line invoice completely, in UBL and CII', async () => {
    const model = bigInvoice(20_000);
    for (const xml of [writeUbl(model), writeCii(model)]) {
      const data = utf8(xml);
      const r = await readInvoice(data);
      expect(r.invoice.lines).toHaveLength(20_000);
      expect(r.invoice.lines[19_999]?.item.name).toBe('Fourniture n° 20000 — papier A4 <80 g>');
      expect(r.locations.get('BG-25[20000]/BT-131')?.text).toBe('30.00');
    }
  }, 120_000);
});

describe('convertInvoice', () => {
  it('converts a Factur-X PDF to UBL and a UBL invoice to CII, and validates what it wrote', async () => {
    const ubl = await convertInvoice(bytes('facturx/zfc__Facture_FR_BASICWL.pdf'), 'UBL');
    expect(utf8Text(ubl.output)).toContain('<cbc:ID>FA-2017-0010</cbc:ID>');
    const back = await readInvoice(ubl.output);
    expect(back.invoice.totals.payableAmount).toBe('470.15');
    // A BASIC WL invoice has no lines: the source breaks BR-16, and so does what was written.
    expect(ubl.sourceErrors.map((v) => v.rule)).toContain('BR-16');
    expect(ubl.outputErrors.map((v) => v.rule)).toContain('BR-16');
    const cii = await convertInvoice(bytes('ubl/valid/akr__ubl-21-en16931.xml'), 'CII');
    const r = await readInvoice(cii.output);
    expect([r.syntax, r.invoice.number, r.invoice.totals.taxInclusiveAmount]).toEqual(['CII', 'F124212', '308.03']);
    expect([cii.sourceErrors, cii.outputErrors]).toEqual([[], []]);
  });
});

function utf8Text(b: Uint8Array): string {
  return Buffer.from(b).toString('utf8');
}
