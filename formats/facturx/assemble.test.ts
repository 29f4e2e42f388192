import { PDFArray, PDFName } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { catalogOf, listEmbeddedFiles } from '../pdf/attachments.ts';
import { get, streamBytes, streamOf } from '../pdf/objects.ts';
import { parsePdf } from '../pdf/parse.ts';
import { sampleInvoice } from '../pdf/testing/sample-invoice.ts';
import { detachWithPoppler, requireTools, runOnPdf } from '../pdf/testing/tools.ts';
import { parseXml, type XmlElement } from '../xml/index.ts';
import { assembleFacturX } from './assemble.ts';
import { extractFacturX } from './extract.ts';
import { conformanceFromSpecification, FACTURX_GUIDELINES, FACTURX_NAMESPACE, facturXProfileOf } from './xmp-write.ts';

requireTools(['pdfinfo', 'pdfdetach', 'pdffonts'], 'poppler-utils');
requireTools(['qpdf'], 'qpdf');

const XML = Buffer.from(
  '<?xml version="1.0" encoding="UTF-8"?>\n<rsm:CrossIndustryInvoice xmlns:rsm="urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100"><!-- é & ü --></rsm:CrossIndustryInvoice>\n',
);

async function xmpOf(pdf: Uint8Array): Promise<XmlElement> {
  const context = await parsePdf(pdf);
  const stream = streamOf(context, get(context, catalogOf(context)!, 'Metadata'))!;
  return parseXml(streamBytes(context, stream, 1 << 20));
}

function* descendants(el: XmlElement): Generator<XmlElement> {
  for (const child of el.children) {
    yield child;
    yield* descendants(child);
  }
}

function valuesOf(root: XmlElement, ns: string, local: string): string[] {
  return [...descendants(root)].filter((e) => e.ns === ns && e.local === local).map((e) => e.text.trim());
}

describe('assembleFacturX', () => {
  it('writes the same bytes twice', async () => {
    const a = await assembleFacturX(sampleInvoice(), XML);
    const b = await assembleFacturX(sampleInvoice(), XML);
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(true);
  });

  it('gives different bytes for a different invoice', async () => {
    const a = await assembleFacturX(sampleInvoice(), XML);
    const b = await assembleFacturX(sampleInvoice({ number: 'F2026-00043' }), XML);
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(false);
  });

  it('embeds factur-x.xml as an associated file with AFRelationship /Data', async () => {
    const pdf = await assembleFacturX(sampleInvoice(), XML);
    const context = await parsePdf(pdf);
    const catalog = catalogOf(context)!;
    expect(get(context, catalog, 'AF')).toBeInstanceOf(PDFArray);
    expect(get(context, catalog, 'OutputIntents')).toBeInstanceOf(PDFArray);
    const files = listEmbeddedFiles(context);
    expect(files.map((f) => f.filename)).toEqual(['factur-x.xml']);
    expect(files[0]!.relationship).toBe('Data');
    expect(files[0]!.mimeType).toBe('text/xml');
    const params = context.lookup(files[0]!.stream.dict.get(PDFName.of('Params')));
    expect(String(params)).toMatch(/\/ModDate \(D:20260315000000Z\)/);

    const extracted = await extractFacturX(pdf);
    expect(Buffer.from(extracted.xml).equals(XML)).toBe(true);
    expect(extracted.xmpConformance).toBe('EN 16931');
    expect(extracted.xmpVersion).toBe('1.0');
  });

  it('can declare the XML as the Alternative representation', async () => {
    const pdf = await assembleFacturX(sampleInvoice(), XML, { relationship: 'Alternative', conformance: 'BASIC' });
    const files = listEmbeddedFiles(await parsePdf(pdf));
    expect(files[0]!.relationship).toBe('Alternative');
    expect((await extractFacturX(pdf)).xmpConformance).toBe('BASIC');
  });

  it('writes a well-formed XMP with PDF/A-3B, the Factur-X schema and consistent dates', async () => {
    const invoice = sampleInvoice();
    invoice.seller.name = 'Dupont & Fils <SARL> "l\'atelier"';
    const xmp = await xmpOf(await assembleFacturX(invoice, XML));
    expect(valuesOf(xmp, 'http://www.aiim.org/pdfa/ns/id/', 'part')).toEqual(['3']);
    expect(valuesOf(xmp, 'http://www.aiim.org/pdfa/ns/id/', 'conformance')).toEqual(['B']);
    expect(valuesOf(xmp, FACTURX_NAMESPACE, 'DocumentType')).toEqual(['INVOICE']);
    expect(valuesOf(xmp, FACTURX_NAMESPACE, 'DocumentFileName')).toEqual(['factur-x.xml']);
    expect(valuesOf(xmp, FACTURX_NAMESPACE, 'Version')).toEqual(['1.0']);
    expect(valuesOf(xmp, FACTURX_NAMESPACE, 'ConformanceLevel')).toEqual(['EN 16931']);
    expect(valuesOf(xmp, 'http://www.aiim.org/pdfa/ns/schema#', 'namespaceURI')).toEqual([FACTURX_NAMESPACE]);
    expect(valuesOf(xmp, 'http://www.aiim.org/pdfa/ns/schema#', 'prefix')).toEqual(['fx']);
    expect(valuesOf(xmp, 'http://www.aiim.org/pdfa/ns/property#', 'name').sort()).toEqual([
      'ConformanceLevel',
      'DocumentFileName',
      'DocumentType',
      'Version',
    ]);
    const xmpNs = 'http://ns.adobe.com/xap/1.0/';
    expect(valuesOf(xmp, xmpNs, 'CreateDate')).toEqual(['2026-03-15T00:00:00Z']);
    expect(valuesOf(xmp, xmpNs, 'ModifyDate')).toEqual(['2026-03-15T00:00:00Z']);
    const titles = valuesOf(xmp, 'http://www.w3.org/1999/02/22-rdf-syntax-ns#', 'li');
    expect(titles).toContain('Facture F2026-00042 – Dupont & Fils <SARL> "l\'atelier"');
  });

  it('passes qpdf --check', async () => {
    const invoice = sampleInvoice({ lines: 150 });
    invoice.seller.name = 'Dupont & Fils <SARL>';
    const result = runOnPdf('qpdf', ['--check'], await assembleFacturX(invoice, XML));
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
  });

  it('is read by poppler: metadata, A4, fonts embedded, attachment byte-identical', async () => {
    const invoice = sampleInvoice();
    invoice.seller.name = 'Dupont & Fils <SARL>';
    const pdf = await assembleFacturX(invoice, XML);
    const info = runOnPdf('pdfinfo', [], pdf);
    expect(info.stderr).toBe('');
    expect(info.stdout).toMatch(/Metadata Stream:\s+yes/);
    expect(info.stdout).toMatch(/PDF version:\s+1\.7/);
    expect(info.stdout).toMatch(/\(A4\)/);
    expect(info.stdout).toMatch(/Title:\s+Facture F2026-00042 – Dupont & Fils <SARL>/);
    expect(runOnPdf('pdfdetach', ['-list'], pdf).stdout).toContain('1: factur-x.xml');
    expect(detachWithPoppler(pdf).equals(XML)).toBe(true);
    const fonts = runOnPdf('pdffonts', [], pdf)
      .stdout.split('\n')
      .slice(2)
      .filter((l) => l.trim() !== '');
    for (const font of fonts) expect(font).toMatch(/\byes\s+yes\s+yes\b/);
  });
});

describe('facturXProfileOf', () => {
  it('knows exactly the five Factur-X identifiers', () => {
    for (const [level, id] of Object.entries(FACTURX_GUIDELINES)) expect(facturXProfileOf(id)).toBe(level);
    expect(facturXProfileOf('urn:cen.eu:en16931:2017#compliant#urn:fdc:peppol.eu:2017:poacc:billing:3.0')).toBe(
      undefined,
    );
    expect(facturXProfileOf('urn:cen.eu:en16931:2017#compliant#urn:zugferd.de:2p0:basic')).toBeUndefined();
    expect(facturXProfileOf(undefined)).toBeUndefined();
  });
});

describe('conformanceFromSpecification', () => {
  it('maps BT-24 to a conformance level', () => {
    expect(conformanceFromSpecification('urn:cen.eu:en16931:2017')).toBe('EN 16931');
    expect(conformanceFromSpecification('urn:cen.eu:en16931:2017#compliant#urn:factur-x.eu:1p0:basic')).toBe('BASIC');
    expect(conformanceFromSpecification('urn:factur-x.eu:1p0:basicwl')).toBe('BASIC WL');
    expect(conformanceFromSpecification('urn:factur-x.eu:1p0:minimum')).toBe('MINIMUM');
    expect(conformanceFromSpecification('urn:cen.eu:en16931:2017#conformant#urn:factur-x.eu:1p0:extended')).toBe(
      'EXTENDED',
    );
    expect(conformanceFromSpecification('urn:other')).toBeUndefined();
    expect(conformanceFromSpecification(undefined)).toBeUndefined();
  });
});
