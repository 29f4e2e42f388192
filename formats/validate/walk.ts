import type { XmlElement } from '../xml/index.ts';

/** Calls `visit` on every element of the subtree in document order, without recursion or generators. */
export function walkElements(root: XmlElement, visit: (el: XmlElement) => void): void {
  const stack: XmlElement[] = [root];
  while (stack.length > 0) {
    const el = stack.pop() as XmlElement;
    visit(el);
    const c = el.children;
    for (let i = c.length - 1; i >= 0; i--) stack.push(c[i] as XmlElement);
  }
}
