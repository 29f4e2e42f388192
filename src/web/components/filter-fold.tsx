// A list's filters folded under one line on a phone, so the results come first; opened on a wide screen (hub.js)
// and whenever a filter is set.
import type { Child } from 'hono/jsx';

export function FilterFold(props: { label: string; active: number; children: Child }) {
  const summary =
    props.active > 0 ? `${props.label} (${props.active} actif${props.active > 1 ? 's' : ''})` : props.label;
  return (
    <details class="filters-fold" open={props.active > 0} data-open-wide>
      <summary>{summary}</summary>
      {props.children}
    </details>
  );
}

/** How many of a filter form's values differ from their defaults. */
export function activeFilters(params: URLSearchParams, ignore: readonly string[] = ['tri']): number {
  return [...params.keys()].filter((k) => k !== 'page' && !ignore.includes(k)).length;
}
