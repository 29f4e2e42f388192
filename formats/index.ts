/**
 * Public API of `formats/`: reading, writing, converting and validating EN 16931 invoices
 * (UBL 2.1, UN/CEFACT CII D16B, Factur-X / ZUGFeRD 2). Pure: no database, network, clock or environment.
 */

// Errors
export { FormatError, isFormatError } from './errors.ts';
export type { FormatErrorCode, CoreFormatErrorCode, FormatErrorOptions } from './errors.ts';

// Semantic model (EN 16931 business terms and groups), decimals, term labels
export * from './model/index.ts';

// XML
export { parseXml, DEFAULT_MAX_BYTES, pathOf, child, children, descend, textOf, attr, walk, NS } from './xml/index.ts';
export type { XmlElement, ParseXmlOptions } from './xml/index.ts';
export { leaf, node, required, serialize } from './xml/index.ts';
export type { XNode } from './xml/index.ts';

// Reading
export { readInvoice, readInvoiceXml, readXmlRoot, looksLikePdf, DEFAULT_MAX_LINES } from './read.ts';
export type { ReadOptions, ReadResult } from './read.ts';
export { readUbl, isUblRoot } from './ubl/read.ts';
export { readCii, isCiiRoot } from './cii/read.ts';

// Writing
export { writeUbl, isCreditNoteType, ublPriceDiscount, ublTaxTotal } from './ubl/write.ts';
export type { UblWriteOptions } from './ubl/write.ts';
export { writeCii, ciiGrossPrice } from './cii/write.ts';

// Validation
export { validate, isValid, factsOf, checkTextBounds } from './validate/index.ts';
export type { AmountMismatch, Violation, Severity, Profile, ValidateOptions } from './validate/index.ts';

// Factur-X
export { extractFacturX } from './facturx/extract.ts';
export type { FacturXExtraction, ExtractOptions } from './facturx/extract.ts';
export { writeFacturX, facturXInvoice } from './facturx/write.ts';
export type { FacturXOptions, FacturXProfile, ConformanceLevel } from './facturx/write.ts';
export { FACTURX_GUIDELINES, facturXProfileOf } from './facturx/xmp-write.ts';
export { embedFacturX, type EmbedOptions } from './facturx/embed.ts';
export { renderInvoicePdf, RENDERING_VERSION } from './pdf/render.ts';
export { unitLabel, vatCategoryLabel } from './pdf/french.ts';

// French company identifiers (SIREN, SIRET with their Luhn keys)
export { LA_POSTE_SIREN, isValidSiren, isValidSiret, luhnValid } from './validate/rules/fr/identifiers.ts';

// Conversion
export { convertInvoice, convertRead } from './convert.ts';
export type { XmlTarget, ConversionTarget, ConvertOptions, Conversion } from './convert.ts';
