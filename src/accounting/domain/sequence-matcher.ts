// Checks the children of one element against its schema sequence, one child at a time (streaming): order,
// repetitions, missing required elements. `*` in a schema matches any element.
import type { SchemaNode } from './pes-schema.ts';

export interface SequenceState {
  node: SchemaNode;
  index: number;
  count: number;
}

export type MatchOutcome =
  | { ok: true; child: SchemaNode; missing: SchemaNode[] }
  | { ok: false; problem: 'unexpected' | 'misplaced' | 'repeated'; missing: SchemaNode[] };

const matches = (node: SchemaNode, name: string, ns: 'ds' | undefined): boolean =>
  node.name === '*' || (node.name === name && node.ns === ns);

export function startSequence(node: SchemaNode): SequenceState {
  return { node, index: 0, count: 0 };
}

export function matchChild(state: SequenceState, name: string, ns: 'ds' | undefined): MatchOutcome {
  const children = state.node.children ?? [];
  const current = children[state.index];
  const explicitLater = (from: number): number =>
    children.findIndex((c, i) => i >= from && c.name !== '*' && matches(c, name, ns));
  if (current && current.name !== '*' && matches(current, name, ns)) {
    if (state.count + 1 > current.max) return { ok: false, problem: 'repeated', missing: [] };
    state.count += 1;
    return { ok: true, child: current, missing: [] };
  }
  const from = state.index + (current?.name === '*' ? 1 : state.count > 0 ? 1 : 0);
  let target = explicitLater(from);
  if (target === -1 && current?.name === '*') {
    state.count += 1;
    return { ok: true, child: current, missing: [] };
  }
  if (target === -1) target = children.findIndex((c, i) => i >= from && c.name === '*');
  if (target === -1) {
    const earlier = children.slice(0, state.index).some((c) => matches(c, name, ns));
    return { ok: false, problem: earlier ? 'misplaced' : 'unexpected', missing: [] };
  }
  const missing = skipped(children, state, target);
  state.index = target;
  state.count = 1;
  return { ok: true, child: children[target] as SchemaNode, missing };
}

/** Required children left unseen when the element closes. */
export function endSequence(state: SequenceState): SchemaNode[] {
  const children = state.node.children ?? [];
  return skipped(children, state, children.length);
}

function skipped(children: SchemaNode[], state: SequenceState, until: number): SchemaNode[] {
  const missing: SchemaNode[] = [];
  for (let i = state.index; i < until; i++) {
    const child = children[i];
    if (!child) continue;
    const seen = i === state.index ? state.count : 0;
    if (seen < child.min) missing.push(child);
  }
  return missing;
}
