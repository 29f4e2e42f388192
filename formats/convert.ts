/** Conversion between invoice syntaxes, through the EN 16931 model. */
import { writeCii } from './cii/write.ts';
import { readInvoice } from './read.ts';
import type { ReadOptions } from './read.ts';
import { writeUbl } from './ubl/write.ts';
import type { UblWriteOptions } from './ubl/write.ts';

export type XmlTarget = 'UBL' | 'CII';

/**
 * Reads any supported document (UBL, CII, Factur-X PDF) and writes it in the target XML syntax.
 * Every business term the target syntax can carry is kept (see formats/README.md for the few syntax limits).
 */
export async function convertInvoice(
  bytes: Uint8Array,
  target: XmlTarget,
  opts: ReadOptions & UblWriteOptions = {},
): Promise<string> {
  const { invoice } = await readInvoice(bytes, opts);
  return target === 'UBL'
    ? writeUbl(invoice, opts.documentType === undefined ? {} : { documentType: opts.documentType })
    : writeCii(invoice);
}
