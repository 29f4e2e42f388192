/** Namespace URIs of the supported syntaxes, with the prefixes conventionally used in reports. */

export const NS = {
  /** UBL 2.1 Invoice root. */
  UBL_INVOICE: 'urn:oasis:names:specification:ubl:schema:xsd:Invoice-2',
  /** UBL 2.1 CreditNote root. */
  UBL_CREDIT_NOTE: 'urn:oasis:names:specification:ubl:schema:xsd:CreditNote-2',
  CBC: 'urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2',
  CAC: 'urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2',
  EXT: 'urn:oasis:names:specification:ubl:schema:xsd:CommonExtensionComponents-2',
  /** CII D16B root. */
  RSM: 'urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100',
  RAM: 'urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100',
  UDT: 'urn:un:unece:uncefact:data:standard:UnqualifiedDataType:100',
  QDT: 'urn:un:unece:uncefact:data:standard:QualifiedDataType:100',
  /** ZUGFeRD 1.0 root namespace (unsupported). */
  ZUGFERD1: 'urn:ferd:CrossIndustryDocument:invoice:1p0',
  XML: 'http://www.w3.org/XML/1998/namespace',
  XMLNS: 'http://www.w3.org/2000/xmlns/',
  XSI: 'http://www.w3.org/2001/XMLSchema-instance',
} as const;

/**
 * Prefix used when printing a path, by namespace URI. The roots of UBL documents are printed
 * without prefix (`/Invoice/...`), as the official reports do.
 */
export const CONVENTIONAL_PREFIX: ReadonlyMap<string, string> = new Map([
  [NS.UBL_INVOICE, ''],
  [NS.UBL_CREDIT_NOTE, ''],
  [NS.CBC, 'cbc'],
  [NS.CAC, 'cac'],
  [NS.EXT, 'ext'],
  [NS.RSM, 'rsm'],
  [NS.RAM, 'ram'],
  [NS.UDT, 'udt'],
  [NS.QDT, 'qdt'],
  [NS.XML, 'xml'],
  [NS.XSI, 'xsi'],
]);
