// Builds small hand-made PDFs for tests (hostile and edge-case inputs).
// Objects are numbered from 1 in the order given; the cross-reference table is exact.

export interface PdfObjectSource {
  /** Dictionary (or other object) text, e.g. "<< /Type /Catalog /Pages 2 0 R >>". */
  body: string;
  /** Raw stream data; when present, /Length is appended to the dictionary. */
  stream?: Uint8Array;
}

export interface MinimalPdfOptions {
  /** Extra trailer entries, e.g. "/Encrypt 5 0 R". */
  trailerExtra?: string;
  /** Root object number (defaults to 1). */
  root?: number;
}

export function buildPdf(objects: readonly PdfObjectSource[], options: MinimalPdfOptions = {}): Uint8Array {
  const parts: Buffer[] = [Buffer.from('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n', 'latin1')];
  let offset = parts[0]!.length;
  const offsets: number[] = [];
  objects.forEach((obj, i) => {
    offsets.push(offset);
    const chunks: Buffer[] = [];
    if (obj.stream) {
      const dict = obj.body.replace(/>>\s*$/, ` /Length ${obj.stream.length} >>`);
      chunks.push(
        Buffer.from(`${i + 1} 0 obj\n${dict}\nstream\n`, 'latin1'),
        Buffer.from(obj.stream),
        Buffer.from('\nendstream\nendobj\n', 'latin1'),
      );
    } else {
      chunks.push(Buffer.from(`${i + 1} 0 obj\n${obj.body}\nendobj\n`, 'latin1'));
    }
    for (const c of chunks) {
      parts.push(c);
      offset += c.length;
    }
  });
  const xref = [
    `xref\n0 ${objects.length + 1}\n`,
    '0000000000 65535 f \n',
    ...offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`),
  ].join('');
  const trailer = `trailer\n<< /Size ${objects.length + 1} /Root ${options.root ?? 1} 0 R ${options.trailerExtra ?? ''} >>\nstartxref\n${offset}\n%%EOF\n`;
  parts.push(Buffer.from(xref + trailer, 'latin1'));
  return new Uint8Array(Buffer.concat(parts));
}

/** A one-page document whose catalog gets `catalogExtra`; further objects start at number 4. */
export function pdfWithCatalog(
  catalogExtra: string,
  more: readonly PdfObjectSource[] = [],
  options: MinimalPdfOptions = {},
): Uint8Array {
  return buildPdf(
    [
      { body: `<< /Type /Catalog /Pages 2 0 R ${catalogExtra} >>` },
      { body: '<< /Type /Pages /Kids [3 0 R] /Count 1 >>' },
      { body: '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>' },
      ...more,
    ],
    options,
  );
}
