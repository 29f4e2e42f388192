// Factur-X writer: the invoice as CII (D16B) embedded in its PDF/A-3b French rendering.
import { writeCii } from '../cii/write.ts';
import type { Invoice } from '../model/index.ts';
import { assembleFacturX, type FacturXOptions } from './assemble.ts';

export type { FacturXOptions } from './assemble.ts';
export type { ConformanceLevel } from './xmp-write.ts';

/**
 * Writes a Factur-X PDF. Deterministic: the same invoice gives the same bytes
 * (dates come from the issue date, the document ID from the metadata).
 */
export async function writeFacturX(invoice: Invoice, options: FacturXOptions = {}): Promise<Uint8Array> {
  const xml = Buffer.from(writeCii(invoice), 'utf8');
  return assembleFacturX(invoice, new Uint8Array(xml.buffer, xml.byteOffset, xml.length), options);
}
