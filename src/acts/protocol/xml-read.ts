// Reading ACTES XML into a small tree with resolved namespaces. The bytes are decoded by the declared encoding
// (ISO-8859-1 by the protocol, UTF-8 tolerated); a DTD or an entity declaration is refused.
import { XMLParser } from 'fast-xml-parser';
import { ACTES_NS, fromLatin1 } from '../domain/xml-text.ts';

export interface XmlNode {
  /** Local name. */
  name: string;
  ns: string | undefined;
  /** Attributes by `{namespace}local` (or bare `local` when unprefixed). */
  attrs: Record<string, string>;
  children: XmlNode[];
  text: string;
}

export class XmlReadError extends Error {}

const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: false,
  processEntities: true,
  htmlEntities: true,
});

export function decodeXml(bytes: Uint8Array): string {
  const head = fromLatin1(bytes.subarray(0, 200));
  const encoding = /encoding\s*=\s*["']([^"']+)["']/i.exec(head)?.[1]?.toLowerCase() ?? 'utf-8';
  if (encoding === 'iso-8859-1' || encoding === 'latin1' || encoding === 'iso8859-1') return fromLatin1(bytes);
  if (encoding === 'utf-8' || encoding === 'utf8') return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  throw new XmlReadError(`encodage non pris en charge : ${encoding}`);
}

type Raw = Record<string, unknown>;

export function readXml(bytes: Uint8Array): XmlNode {
  let text: string;
  try {
    text = decodeXml(bytes);
  } catch (error) {
    throw error instanceof XmlReadError ? error : new XmlReadError('le fichier n’est pas dans l’encodage déclaré');
  }
  if (/<!DOCTYPE|<!ENTITY/i.test(text)) throw new XmlReadError('les DTD et entités ne sont pas acceptées');
  let raw: Raw[];
  try {
    raw = parser.parse(text, true) as Raw[];
  } catch (error) {
    throw new XmlReadError(`XML mal formé (${(error as Error).message.split('\n')[0]})`);
  }
  const roots = raw.filter((n) => !Object.keys(n).some((k) => k === '?xml' || k === '#text'));
  if (roots.length !== 1) throw new XmlReadError('le document doit avoir exactement un élément racine');
  return toNode(roots[0]!, {});
}

function toNode(raw: Raw, scope: Record<string, string>): XmlNode {
  const tag = Object.keys(raw).find((k) => k !== ':@')!;
  const rawAttrs = (raw[':@'] ?? {}) as Record<string, string>;
  const inScope = { ...scope };
  for (const [key, value] of Object.entries(rawAttrs)) {
    if (key === 'xmlns') inScope[''] = value;
    else if (key.startsWith('xmlns:')) inScope[key.slice(6)] = value;
  }
  const [prefix, local] = tag.includes(':') ? tag.split(':', 2) : ['', tag];
  const attrs: Record<string, string> = {};
  for (const [key, value] of Object.entries(rawAttrs)) {
    if (key === 'xmlns' || key.startsWith('xmlns:')) continue;
    if (key.includes(':')) {
      const [p, l] = key.split(':', 2) as [string, string];
      attrs[`{${inScope[p] ?? p}}${l}`] = value;
    } else attrs[key] = value;
  }
  const children: XmlNode[] = [];
  let text = '';
  for (const child of (raw[tag] ?? []) as Raw[]) {
    if ('#text' in child) text += String(child['#text']);
    else if (!Object.keys(child).some((k) => k.startsWith('?') || k === '#comment'))
      children.push(toNode(child, inScope));
  }
  return { name: local!, ns: inScope[prefix!], attrs, children, text: children.length ? '' : text };
}

/** An attribute of the ACTES namespace (prefixed, as attributeFormDefault="qualified" wants). */
export const actesAttr = (node: XmlNode, name: string): string | undefined => node.attrs[`{${ACTES_NS}}${name}`];

export const child = (node: XmlNode, name: string): XmlNode | undefined =>
  node.children.find((c) => c.name === name && c.ns === ACTES_NS);

export const childrenNamed = (node: XmlNode, name: string): XmlNode[] =>
  node.children.filter((c) => c.name === name && c.ns === ACTES_NS);
