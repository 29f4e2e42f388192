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

/** A family of checks that looks at elements one by one during the single document walk. */
export interface Visitor {
  visit(el: XmlElement): void;
  /** Called once after the walk. */
  finish?(): void;
}

/** Walks the document once and lets every visitor see every element. */
export function runVisitors(root: XmlElement, visitors: readonly Visitor[]): void {
  const n = visitors.length;
  walkElements(root, (el) => {
    for (let i = 0; i < n; i++) (visitors[i] as Visitor).visit(el);
  });
  for (const v of visitors) v.finish?.();
}
