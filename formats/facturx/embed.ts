// A Factur-X built around a PDF the supplier made himself: his PDF stays the readable document, the CII XML is
// attached to it as the associated file "factur-x.xml" (AFRelationship Data) and the Factur-X XMP metadata is set.
// The result is a hybrid invoice every Factur-X reader accepts; it is not PDF/A-3 unless the supplier's PDF was.
import { AFRelationship, PDFDocument, PDFName } from 'pdf-lib';
import { FormatError } from '../errors.ts';
import { listEmbeddedFiles } from '../pdf/attachments.ts';
import { pdfMalformed } from '../pdf/errors.ts';
import { parsePdf } from '../pdf/parse.ts';
import { FACTURX_FILENAME } from './assemble.ts';
import { facturXXmp, type ConformanceLevel } from './xmp-write.ts';

const INVOICE_FILENAMES = ['factur-x.xml', 'zugferd-invoice.xml', 'xrechnung.xml'];

export interface EmbedOptions {
  conformance?: ConformanceLevel;
  /** Creation and modification date of the attached file (the invoice's issue date keeps the output stable). */
  date?: Date;
}

function xmpPacket(conformance: ConformanceLevel): string {
  return (
    '<?xpacket begin="\uFEFF" id="W5M0MpCehiHzreSzNTczkc9d"?>\n' +
    '<x:xmpmeta xmlns:x="adobe:ns:meta/">\n<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">\n' +
    facturXXmp({
      conformanceLevel: conformance,
      documentFileName: FACTURX_FILENAME,
      version: '1.0',
      documentType: 'INVOICE',
    }) +
    '\n</rdf:RDF>\n</x:xmpmeta>\n<?xpacket end="w"?>'
  );
}

/**
 * Attaches the CII XML to the supplier's PDF. Throws a FormatError when the PDF cannot be read, is encrypted,
 * or already carries an invoice XML (it is then a Factur-X already, to be deposited as it is).
 */
export async function embedFacturX(
  pdf: Uint8Array,
  ciiXml: Uint8Array,
  options: EmbedOptions = {},
): Promise<Uint8Array> {
  // The hub's own parser first: size and structure limits, encryption refusal, on untrusted bytes.
  const context = await parsePdf(pdf);
  const present = listEmbeddedFiles(context).find((f) => INVOICE_FILENAMES.includes(f.filename.toLowerCase()));
  if (present)
    throw new FormatError(
      'PDF_ALREADY_FACTURX',
      `Ce PDF contient déjà une facture structurée (${present.filename}) : déposez-le tel quel, comme fichier Factur-X.`,
    );
  let doc: PDFDocument;
  try {
    doc = await PDFDocument.load(pdf, { updateMetadata: false, throwOnInvalidObject: false });
  } catch (err) {
    throw pdfMalformed('il ne peut pas être complété', err);
  }
  const date = options.date ?? new Date(Date.UTC(2000, 0, 1));
  await doc.attach(ciiXml, FACTURX_FILENAME, {
    mimeType: 'text/xml',
    description: 'Factur-X invoice (CII XML)',
    creationDate: date,
    modificationDate: date,
    afRelationship: AFRelationship.Data,
  });
  const xmp = doc.context.stream(Buffer.from(xmpPacket(options.conformance ?? 'EN 16931'), 'utf8'), {
    Type: 'Metadata',
    Subtype: 'XML',
  });
  doc.catalog.set(PDFName.of('Metadata'), doc.context.register(xmp));
  return doc.save({ useObjectStreams: false, updateFieldAppearances: false });
}
