export { parseXml, DEFAULT_MAX_BYTES } from './parse.ts';
export type { XmlElement, ParseXmlOptions } from './parse.ts';
export { child, children, descend, textOf, attr, walk, pathOf } from './query.ts';
export { NS, CONVENTIONAL_PREFIX } from './ns.ts';
export { leaf, node, required, serialize, escapeText, escapeAttr } from './build.ts';
export type { XNode } from './build.ts';
