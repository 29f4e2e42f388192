import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { deflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { isFormatError } from '../errors.ts';
import { pdfWithCatalog, buildPdf } from '../pdf/testing/minimal-pdf.ts';
import { parseXml } from '../xml/index.ts';
import { extractFacturX } from './extract.ts';
import { corpusAvailable } from '../testing/corpus.ts';

const CORPUS = fileURLToPath(new URL('../../../shared/corpus/', import.meta.url));
const hasCorpus = corpusAvailable();

interface ManifestRow {
  file: string;
  expected: string;
  root: string;
  embeddedXml: string;
  customization: string;
}

function facturxRows(): ManifestRow[] {
  if (!hasCorpus) return [];
  const [header, ...lines] = readFileSync(`${CORPUS}MANIFEST.tsv`, 'utf8').trimEnd().split('\n');
  const cols = header!.split('\t');
  const at = (fields: string[], name: string): string => fields[cols.indexOf(name)] ?? '';
  return lines
    .map((line) => line.split('\t'))
    .filter((f) => f[0]!.startsWith('facturx/'))
    .map((f) => ({
      file: f[0]!,
      expected: at(f, 'expected'),
      root: at(f, 'root'),
      embeddedXml: at(f, 'embedded_xml'),
      customization: at(f, 'customization_id_BT24'),
    }));
}

async function extractionError(bytes: Uint8Array, options = {}): Promise<{ code: string; message: string }> {
  try {
    await extractFacturX(bytes, options);
  } catch (err) {
    expect(isFormatError(err)).toBe(true);
    const { code, message } = err as { code: string; message: string };
    return { code, message };
  }
  throw new Error('extraction unexpectedly succeeded');
}

const XML = Buffer.from(
  '<?xml version="1.0" encoding="UTF-8"?>\n<rsm:CrossIndustryInvoice xmlns:rsm="urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100"/>\n',
);

/** A file specification (object 4) and its embedded stream (object 5). */
function attachment(
  name: string,
  data: Uint8Array,
  filter = '/FlateDecode',
  encoded = deflateSync(data),
): { spec: string; objects: { body: string; stream?: Uint8Array }[] } {
  return {
    spec: '4 0 R',
    objects: [
      { body: `<< /Type /Filespec /F (${name}) /UF (${name}) /EF << /F 5 0 R >> /AFRelationship /Data >>` },
      { body: `<< /Type /EmbeddedFile /Subtype /text#2Fxml /Filter ${filter} >>`, stream: encoded },
    ],
  };
}

describe.skipIf(!hasCorpus)('extractFacturX on the corpus', () => {
  const rows = facturxRows();
  it('covers every PDF of the corpus', () => {
    expect(rows.length).toBeGreaterThanOrEqual(18);
  });

  for (const row of rows) {
    it(`${row.file} (${row.expected})`, async () => {
      const bytes = readFileSync(CORPUS + row.file);
      if (row.expected === 'unsupported') {
        const err = await extractionError(bytes);
        expect(err.code).toBe('UNSUPPORTED_ZUGFERD1');
        expect(err.message).toMatch(/ZUGFeRD 1\.0/);
        return;
      }
      const result = await extractFacturX(bytes);
      expect(result.filename.toLowerCase()).toBe(row.embeddedXml.toLowerCase());
      const text = Buffer.from(result.xml).toString('utf8');
      expect(text).toContain(row.root);
      if (row.customization) expect(text).toContain(row.customization);
      expect(result.xmpVersion).toBe('1.0');
      expect(result.xmpConformance).toMatch(/^(MINIMUM|BASIC WL|BASIC|EN 16931|EXTENDED)$/);

      if (row.file.includes('invalid-xml-encoding-attribute')) {
        // Extracted, but the XML reader refuses its encoding declaration.
        expect(() => parseXml(result.xml)).toThrow();
        try {
          parseXml(result.xml);
        } catch (err) {
          expect(isFormatError(err)).toBe(true);
        }
      } else {
        expect(parseXml(result.xml).local).toBe('CrossIndustryInvoice');
      }
    });
  }

  it('reads the XMP conformance level of the profiles', async () => {
    const minimum = await extractFacturX(readFileSync(`${CORPUS}facturx/zfc__Facture_FR_MINIMUM.pdf`));
    expect(minimum.xmpConformance).toBe('MINIMUM');
    const basicWl = await extractFacturX(readFileSync(`${CORPUS}facturx/zfc__Facture_FR_BASICWL.pdf`));
    expect(basicWl.xmpConformance).toBe('BASIC WL');
  });

  it('refuses a truncated corpus PDF', async () => {
    const bytes = readFileSync(`${CORPUS}facturx/akr__invoice_EN16931.pdf`);
    for (const cut of [10, 1000, Math.floor(bytes.length / 2), bytes.length - 50]) {
      expect((await extractionError(bytes.subarray(0, cut))).code).toBe('PDF_MALFORMED');
    }
  });

  it('refuses a corpus PDF above the size limit', async () => {
    const bytes = readFileSync(`${CORPUS}facturx/akr__invoice_EN16931.pdf`);
    const err = await extractionError(bytes, { maxPdfBytes: 100_000 });
    expect(err.code).toBe('PDF_TOO_LARGE');
    expect(err.message).toMatch(/taille maximale/);
  });
});

describe('extractFacturX on hostile or unusual PDFs', () => {
  it('refuses what is not a PDF', async () => {
    for (const input of [new Uint8Array(0), XML, Buffer.from('PK\x03\x04 a zip file'), new Uint8Array(4096).fill(7)]) {
      const err = await extractionError(input);
      expect(err.code).toBe('PDF_MALFORMED');
      expect(err.message).toMatch(/PDF/);
    }
  });

  it('refuses a PDF header followed by garbage', async () => {
    const garbage = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(5000, 0x41), Buffer.from('\n%%EOF\n')]);
    expect((await extractionError(garbage)).code).toBe('PDF_MALFORMED');
  });

  it('refuses an encrypted PDF', async () => {
    const { spec, objects } = attachment('factur-x.xml', XML);
    const pdf = pdfWithCatalog(
      `/Names << /EmbeddedFiles << /Names [(factur-x.xml) ${spec}] >> >>`,
      [...objects, { body: '<< /Filter /Standard /V 2 /R 3 /Length 128 /O <00> /U <00> /P -4 >>' }],
      { trailerExtra: '/Encrypt 6 0 R /ID [<0123456789abcdef0123456789abcdef> <0123456789abcdef0123456789abcdef>]' },
    );
    const err = await extractionError(pdf);
    expect(err.code).toBe('PDF_ENCRYPTED');
    expect(err.message).toMatch(/chiffré/);
  });

  it('refuses a PDF without any attachment', async () => {
    const err = await extractionError(pdfWithCatalog(''));
    expect(err.code).toBe('PDF_NO_INVOICE');
    expect(err.message).toMatch(/aucun fichier joint/);
  });

  it('refuses a PDF whose attachments are not an invoice', async () => {
    const { spec, objects } = attachment('notes.txt', Buffer.from('hello'));
    const err = await extractionError(
      pdfWithCatalog(`/Names << /EmbeddedFiles << /Names [(notes.txt) ${spec}] >> >>`, objects),
    );
    expect(err.code).toBe('PDF_NO_INVOICE');
    expect(err.message).toContain('notes.txt');
  });

  it('finds the file through the catalog /AF array alone', async () => {
    const { spec, objects } = attachment('factur-x.xml', XML);
    const result = await extractFacturX(pdfWithCatalog(`/AF [${spec}]`, objects));
    expect(Buffer.from(result.xml).equals(XML)).toBe(true);
    expect(result.filename).toBe('factur-x.xml');
    expect(result.xmpConformance).toBeUndefined();
  });

  it('walks name-tree kids and survives a cycle', async () => {
    const { objects } = attachment('xrechnung.xml', XML);
    const pdf = pdfWithCatalog('/Names << /EmbeddedFiles 6 0 R >>', [
      ...objects,
      { body: '<< /Kids [7 0 R 6 0 R] >>' },
      { body: '<< /Kids [6 0 R] /Names [(xrechnung.xml) 4 0 R] /Limits [(x) (x)] >>' },
    ]);
    const result = await extractFacturX(pdf);
    expect(result.filename).toBe('xrechnung.xml');
  });

  it('decodes a chain of filters (ASCIIHex over Flate)', async () => {
    const hex = Buffer.from(deflateSync(XML).toString('hex') + '>');
    const { spec, objects } = attachment('factur-x.xml', XML, '[/ASCIIHexDecode /FlateDecode]', hex);
    const result = await extractFacturX(pdfWithCatalog(`/AF [${spec}]`, objects));
    expect(Buffer.from(result.xml).equals(XML)).toBe(true);
  });

  it('reads an uncompressed attachment and an XMP written with attributes', async () => {
    const xmp = Buffer.from(
      '<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">' +
        '<rdf:Description rdf:about="" xmlns:zf="urn:zugferd:pdfa:CrossIndustryDocument:invoice:2p0#" zf:ConformanceLevel="EXTENDED" zf:Version="1.0"/>' +
        '</rdf:RDF></x:xmpmeta>',
    );
    const pdf = pdfWithCatalog('/AF [4 0 R] /Metadata 6 0 R', [
      { body: '<< /Type /Filespec /F (zugferd-invoice.xml) /EF << /F 5 0 R >> >>' },
      { body: '<< /Type /EmbeddedFile >>', stream: XML },
      { body: '<< /Type /Metadata /Subtype /XML >>', stream: xmp },
    ]);
    const result = await extractFacturX(pdf);
    expect(result.filename).toBe('zugferd-invoice.xml');
    expect(result.xmpConformance).toBe('EXTENDED');
    expect(result.xmpVersion).toBe('1.0');
  });

  it('refuses a ZUGFeRD 1.0 attachment', async () => {
    const zf1 = Buffer.from(
      '<?xml version="1.0"?><!-- v1 --><rsm:CrossIndustryDocument xmlns:rsm="urn:ferd:CrossIndustryDocument:invoice:1p0"/>',
    );
    const { spec, objects } = attachment('ZUGFeRD-invoice.xml', zf1);
    expect((await extractionError(pdfWithCatalog(`/AF [${spec}]`, objects))).code).toBe('UNSUPPORTED_ZUGFERD1');
  });

  it('refuses a decompression bomb in the attachment', async () => {
    const { spec, objects } = attachment('factur-x.xml', Buffer.alloc(8 * 1024 * 1024, 0x20));
    const err = await extractionError(pdfWithCatalog(`/AF [${spec}]`, objects), { maxXmlBytes: 1024 * 1024 });
    expect(err.code).toBe('PDF_TOO_LARGE');
  });

  it('refuses a decompression bomb in an object stream', async () => {
    const bomb = deflateSync(Buffer.alloc(8 * 1024 * 1024, 0x20));
    const pdf = pdfWithCatalog('', [{ body: '<< /Type /ObjStm /N 1 /First 4 /Filter /FlateDecode >>', stream: bomb }]);
    const err = await extractionError(pdf, { maxStructureBytes: 1024 * 1024 });
    expect(err.code).toBe('PDF_TOO_LARGE');
  });

  it('refuses giant strings and names before parsing them', async () => {
    for (const catalogExtra of [
      `/Foo (${'a'.repeat(3_000_000)})`,
      `/Foo <${'0'.repeat(3_000_000)}>`,
      `/${'N'.repeat(3_000_000)} 1`,
    ]) {
      const err = await extractionError(pdfWithCatalog(catalogExtra));
      expect(err.code).toBe('PDF_MALFORMED');
      expect(err.message).toMatch(/démesuré/);
    }
  });

  it('refuses too many strings in all', async () => {
    const strings = Array.from({ length: 20 }, () => ({ body: `(${'a'.repeat(900_000)})` }));
    expect((await extractionError(pdfWithCatalog('', strings))).code).toBe('PDF_MALFORMED');
  });

  it('survives deep nesting', async () => {
    const err = await extractionError(pdfWithCatalog(`/Foo ${'['.repeat(200_000)}${']'.repeat(200_000)}`));
    expect(err.code).toBe('PDF_MALFORMED');
  });

  it('reports a corrupt attachment stream as malformed', async () => {
    const { spec, objects } = attachment('factur-x.xml', XML, '/FlateDecode', Buffer.from('not deflate at all'));
    expect((await extractionError(pdfWithCatalog(`/AF [${spec}]`, objects))).code).toBe('PDF_MALFORMED');
  });

  it('never throws anything but a FormatError on mutated input', async () => {
    const { spec, objects } = attachment('factur-x.xml', XML);
    const base = Buffer.from(
      pdfWithCatalog(`/Names << /EmbeddedFiles << /Names [(factur-x.xml) ${spec}] >> >> /AF [${spec}]`, objects),
    );
    let seed = 42;
    const random = (n: number): number => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed % n;
    };
    for (let round = 0; round < 200; round++) {
      const mutated = Buffer.from(base);
      for (let k = 0; k < 1 + random(8); k++) mutated[9 + random(mutated.length - 20)] = random(256);
      try {
        await extractFacturX(mutated);
      } catch (err) {
        expect(isFormatError(err), String(err)).toBe(true);
      }
    }
  });
});

describe('minimal PDF builder', () => {
  it('builds a document the extractor accepts', async () => {
    const pdf = buildPdf([{ body: '<< /Type /Catalog >>' }]);
    expect((await extractionError(pdf)).code).toBe('PDF_NO_INVOICE');
  });
});
