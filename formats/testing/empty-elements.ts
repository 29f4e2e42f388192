// Empty elements of a written document, judged from the content models derived from the schemas.
import { CII_D16B } from '../validate/schema/cii-d16b.ts';
import { compileSchema, emptiable, type ComplexType, type Leaf } from '../validate/schema/tables.ts';
import { UBL_2_1 } from '../validate/schema/ubl-2.1.ts';
import { NS, parseXml, pathOf, type XmlElement } from '../xml/index.ts';

const CII_SCHEMA = compileSchema(CII_D16B);
const UBL_SCHEMA = compileSchema(UBL_2_1);

/**
 * Empty elements (no text, no child) of a written document that the schema does not force: an element may be written
 * empty only where it is mandatory and its type allows empty content (a CII delivery without any delivery term).
 */
export function needlessEmptyElements(xml: string): string[] {
  const root = parseXml(xml);
  const schema = root.ns === NS.RSM ? CII_SCHEMA : UBL_SCHEMA;
  const found: string[] = [];
  const visit = (el: XmlElement, type: ComplexType | Leaf | undefined): void => {
    for (const a of el.attrs.values()) if (a.trim() === '') found.push(`${pathOf(el)} (attribut vide)`);
    if (!type || type.leaf || type.any) return;
    for (const c of el.children) {
      const particle = type.particles.find((p) => p.elements.some((e) => e.local === c.local && e.ns === c.ns));
      const decl = particle?.elements.find((e) => e.local === c.local && e.ns === c.ns);
      const empty = c.children.length === 0 && c.text.trim() === '';
      if (empty && !(particle && decl && particle.min > 0 && emptiable(decl.type))) found.push(pathOf(c));
      visit(c, decl?.type);
    }
  };
  visit(root, schema.roots.get(`{${root.ns}}${root.local}`));
  return found;
}
