// Reading of the Factur-X / ZUGFeRD properties of an XMP packet.
// The property prefix is whatever the packet binds to the Factur-X / ZUGFeRD namespace.

export interface FacturXXmp {
  conformanceLevel?: string;
  version?: string;
  documentFileName?: string;
  documentType?: string;
  /** The namespace that carried the properties (tells Factur-X, ZUGFeRD 2 and ZUGFeRD 1 apart). */
  namespace?: string;
}

/** Matches urn:factur-x:pdfa:…, urn:zugferd:pdfa:… and urn:ferd:pdfa:… (ZUGFeRD 1). */
const NAMESPACE =
  /xmlns:([A-Za-z_][\w.-]*)\s*=\s*(["'])(urn:(?:factur-x|zugferd|ferd):pdfa:CrossIndustryDocument:[^"']*)\2/g;
const MAX_PREFIXES = 16;

export function readFacturXXmp(xmp: string): FacturXXmp {
  const result: FacturXXmp = {};
  let count = 0;
  for (const match of xmp.matchAll(NAMESPACE)) {
    if (++count > MAX_PREFIXES) break;
    const prefix = match[1]!;
    const found = {
      conformanceLevel: property(xmp, prefix, 'ConformanceLevel'),
      version: property(xmp, prefix, 'Version'),
      documentFileName: property(xmp, prefix, 'DocumentFileName'),
      documentType: property(xmp, prefix, 'DocumentType'),
    };
    if (Object.values(found).every((v) => v === undefined)) continue;
    result.namespace = match[3]!;
    for (const [key, value] of Object.entries(found)) {
      if (value !== undefined) (result as Record<string, string>)[key] = value;
    }
    break;
  }
  return result;
}

/** An XMP simple property, written as an element or as an attribute of rdf:Description. */
function property(xmp: string, prefix: string, name: string): string | undefined {
  const qname = `${escapeRegExp(prefix)}:${name}`;
  const element = new RegExp(`<${qname}(?:\\s[^>]*)?>([^<]*)</${qname}\\s*>`).exec(xmp);
  const attribute = element ? null : new RegExp(`\\s${qname}\\s*=\\s*(["'])([^"'<]*)\\1`).exec(xmp);
  const raw = element?.[1] ?? attribute?.[2];
  if (raw === undefined) return undefined;
  const value = decodeXmlText(raw).trim();
  return value === '' ? undefined : value;
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function decodeXmlText(s: string): string {
  return s.replace(/&(?:#x([0-9a-fA-F]{1,6})|#([0-9]{1,7})|(amp|lt|gt|quot|apos));/g, (whole, hex, dec, named) => {
    if (hex !== undefined || dec !== undefined) {
      const code = hex !== undefined ? parseInt(hex as string, 16) : parseInt(dec as string, 10);
      return code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" }[named as 'amp'];
  });
}
