// The Factur-X XMP properties and the PDF/A extension schema that declares them
// (Factur-X 1.0 specification, "XMP metadata"; ISO 19005-3 §6.6.2.3 extension schemas).
import { escapeXml } from '../pdf/xml-escape.ts';

export const FACTURX_NAMESPACE = 'urn:factur-x:pdfa:CrossIndustryDocument:invoice:1p0#';
export const FACTURX_PREFIX = 'fx';

export type ConformanceLevel = 'MINIMUM' | 'BASIC WL' | 'BASIC' | 'EN 16931' | 'EXTENDED';
export const CONFORMANCE_LEVELS: readonly ConformanceLevel[] = ['MINIMUM', 'BASIC WL', 'BASIC', 'EN 16931', 'EXTENDED'];

export interface FacturXXmpValues {
  conformanceLevel: ConformanceLevel;
  documentFileName: string;
  /** Version of the Factur-X XML schema: "1.0". */
  version: string;
  documentType: 'INVOICE';
}

const PROPERTIES: readonly (readonly [name: string, description: string])[] = [
  ['DocumentFileName', 'The name of the embedded XML document'],
  ['DocumentType', 'The type of the hybrid document in capital letters, e.g. INVOICE or ORDER'],
  ['Version', 'The actual version of the standard applying to the embedded XML document'],
  ['ConformanceLevel', 'The conformance level of the embedded XML document'],
];

/** rdf:Description elements to append to the XMP packet. */
export function facturXXmp(values: FacturXXmpValues): string {
  const properties = PROPERTIES.map(
    ([name, description]) =>
      '<rdf:li rdf:parseType="Resource">' +
      `<pdfaProperty:name>${name}</pdfaProperty:name>` +
      '<pdfaProperty:valueType>Text</pdfaProperty:valueType>' +
      '<pdfaProperty:category>external</pdfaProperty:category>' +
      `<pdfaProperty:description>${escapeXml(description)}</pdfaProperty:description>` +
      '</rdf:li>',
  ).join('\n');
  const schema =
    '<rdf:Description rdf:about="" xmlns:pdfaExtension="http://www.aiim.org/pdfa/ns/extension/" ' +
    'xmlns:pdfaSchema="http://www.aiim.org/pdfa/ns/schema#" xmlns:pdfaProperty="http://www.aiim.org/pdfa/ns/property#">\n' +
    '<pdfaExtension:schemas><rdf:Bag><rdf:li rdf:parseType="Resource">\n' +
    '<pdfaSchema:schema>Factur-X PDFA Extension Schema</pdfaSchema:schema>\n' +
    `<pdfaSchema:namespaceURI>${FACTURX_NAMESPACE}</pdfaSchema:namespaceURI>\n` +
    `<pdfaSchema:prefix>${FACTURX_PREFIX}</pdfaSchema:prefix>\n` +
    `<pdfaSchema:property><rdf:Seq>\n${properties}\n</rdf:Seq></pdfaSchema:property>\n` +
    '</rdf:li></rdf:Bag></pdfaExtension:schemas>\n' +
    '</rdf:Description>';
  const fx =
    `<rdf:Description rdf:about="" xmlns:${FACTURX_PREFIX}="${FACTURX_NAMESPACE}">\n` +
    `<fx:DocumentType>${escapeXml(values.documentType)}</fx:DocumentType>\n` +
    `<fx:DocumentFileName>${escapeXml(values.documentFileName)}</fx:DocumentFileName>\n` +
    `<fx:Version>${escapeXml(values.version)}</fx:Version>\n` +
    `<fx:ConformanceLevel>${escapeXml(values.conformanceLevel)}</fx:ConformanceLevel>\n` +
    '</rdf:Description>';
  return `${schema}\n${fx}`;
}

/**
 * The specification identifier (BT-24, GuidelineSpecifiedDocumentContextParameter) of each Factur-X 1.0 profile.
 * Factur-X readers take the profile from it and check it against the XMP ConformanceLevel.
 */
export const FACTURX_GUIDELINES: Readonly<Record<ConformanceLevel, string>> = {
  MINIMUM: 'urn:factur-x.eu:1p0:minimum',
  'BASIC WL': 'urn:factur-x.eu:1p0:basicwl',
  BASIC: 'urn:cen.eu:en16931:2017#compliant#urn:factur-x.eu:1p0:basic',
  'EN 16931': 'urn:cen.eu:en16931:2017',
  EXTENDED: 'urn:cen.eu:en16931:2017#conformant#urn:factur-x.eu:1p0:extended',
};

/** The Factur-X profile whose identifier BT-24 is exactly, if any (what a strict Factur-X reader accepts). */
export function facturXProfileOf(specification: string | undefined): ConformanceLevel | undefined {
  const s = specification?.trim();
  return CONFORMANCE_LEVELS.find((level) => FACTURX_GUIDELINES[level] === s);
}

/** The conformance level a specification identifier (BT-24) announces, if it names one. */
export function conformanceFromSpecification(specification: string | undefined): ConformanceLevel | undefined {
  if (!specification) return undefined;
  const s = specification.toLowerCase();
  if (s.includes('factur-x.eu:1p0:extended') || s.includes('zugferd.de:2p0:extended')) return 'EXTENDED';
  if (s.includes(':basicwl')) return 'BASIC WL';
  if (s.includes(':minimum')) return 'MINIMUM';
  if (s.includes('factur-x.eu:1p0:basic') || s.includes('zugferd.de:2p0:basic')) return 'BASIC';
  if (s.startsWith('urn:cen.eu:en16931:2017')) return 'EN 16931';
  return undefined;
}
