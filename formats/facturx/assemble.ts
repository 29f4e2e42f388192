// Assembly of a Factur-X PDF/A-3b: the French rendering of the invoice, the CII XML
// attached as an associated file of the document, and the Factur-X XMP metadata.
import type { Invoice } from '../model/index.ts';
import { createPdfA, finishPdf } from '../pdf/document.ts';
import { documentDate, drawInvoice, invoiceMetadata } from '../pdf/render.ts';
import { conformanceFromSpecification, facturXXmp, type ConformanceLevel } from './xmp-write.ts';

export const FACTURX_FILENAME = 'factur-x.xml';

export type AfRelationship = 'Data' | 'Alternative' | 'Source';

export interface AssembleOptions {
  /** fx:ConformanceLevel; by default derived from BT-24, else "EN 16931". It must match the embedded XML's BT-24. */
  conformance?: ConformanceLevel;
  /** AFRelationship of the XML file: "Data" (default) or "Alternative" (XML is the legal invoice). */
  relationship?: AfRelationship;
}

/** pdfkit accepts `relationship`, which its type declarations lack. */
interface AttachmentOptions extends PDFKit.Mixins.PDFAttachmentOptions {
  relationship?: AfRelationship;
}

/** Builds the Factur-X PDF around an already serialised CII document. */
export async function assembleFacturX(
  invoice: Invoice,
  ciiXml: Uint8Array,
  options: AssembleOptions = {},
): Promise<Uint8Array> {
  const date = documentDate(invoice);
  const conformance =
    options.conformance ?? conformanceFromSpecification(invoice.processControl.specificationIdentifier) ?? 'EN 16931';
  const doc = createPdfA({
    ...invoiceMetadata(invoice),
    keywords: 'Factur-X, facture électronique, EN 16931',
    date,
  });
  const attachment: AttachmentOptions = {
    name: FACTURX_FILENAME,
    type: 'text/xml',
    description: 'Factur-X invoice (CII XML)',
    creationDate: date,
    modifiedDate: date,
    relationship: options.relationship ?? 'Data',
  };
  doc.file(Buffer.from(ciiXml.buffer, ciiXml.byteOffset, ciiXml.length), attachment);
  doc.appendXML(
    facturXXmp({
      conformanceLevel: conformance,
      documentFileName: FACTURX_FILENAME,
      version: '1.0',
      documentType: 'INVOICE',
    }),
  );
  drawInvoice(doc, invoice);
  return finishPdf(doc);
}
