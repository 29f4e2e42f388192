// Factur-X writer: the invoice as CII (D16B) embedded in its PDF/A-3b French rendering.
import { writeCii } from '../cii/write.ts';
import type { Invoice } from '../model/index.ts';
import { assembleFacturX, type AfRelationship } from './assemble.ts';
import { FACTURX_GUIDELINES } from './xmp-write.ts';

export type { ConformanceLevel } from './xmp-write.ts';

/**
 * The Factur-X profiles the writer can claim. It writes every EN 16931 term of the model, which is what the
 * EN 16931 profile holds and what EXTENDED (a superset) accepts; MINIMUM, BASIC WL and BASIC allow fewer elements.
 */
export type FacturXProfile = 'EN 16931' | 'EXTENDED';

export interface FacturXOptions {
  /** The profile written: BT-24 of the embedded XML and fx:ConformanceLevel of the XMP. Default "EN 16931". */
  conformance?: FacturXProfile;
  /** AFRelationship of the XML file: "Data" (default) or "Alternative" (XML is the legal invoice). */
  relationship?: AfRelationship;
}

/**
 * The invoice as the Factur-X writer embeds it: BT-24 is the identifier of the profile written, whatever the source
 * named (a Peppol BIS, XRechnung, ZUGFeRD 1 or EXTENDED-CTC-FR identifier would make Factur-X readers refuse the
 * file, or read it under a profile its XMP metadata does not declare). Every other term is kept.
 */
export function facturXInvoice(invoice: Invoice, profile: FacturXProfile = 'EN 16931'): Invoice {
  return {
    ...invoice,
    processControl: { ...invoice.processControl, specificationIdentifier: FACTURX_GUIDELINES[profile] },
  };
}

/**
 * Writes a Factur-X PDF. Deterministic: the same invoice gives the same bytes
 * (dates come from the issue date, the document ID from the metadata).
 */
export async function writeFacturX(invoice: Invoice, options: FacturXOptions = {}): Promise<Uint8Array> {
  const conformance = options.conformance ?? 'EN 16931';
  if (conformance !== 'EN 16931' && conformance !== 'EXTENDED')
    throw new RangeError(`Profil Factur-X non pris en charge en écriture : ${String(conformance)}.`);
  const embedded = facturXInvoice(invoice, conformance);
  const xml = Buffer.from(writeCii(embedded), 'utf8');
  return assembleFacturX(embedded, new Uint8Array(xml.buffer, xml.byteOffset, xml.length), {
    conformance,
    relationship: options.relationship ?? 'Data',
  });
}
