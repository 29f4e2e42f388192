// Previous / next links keeping the list's filters, with the position said in words.
import { formatCount } from '../format.ts';

export interface PaginationProps {
  /** Path and current query (filters); `page` is replaced. */
  basePath: string;
  query: URLSearchParams;
  page: number;
  pageSize: number;
  total: number;
}

function hrefFor(props: PaginationProps, page: number): string {
  const q = new URLSearchParams(props.query);
  if (page <= 1) q.delete('page');
  else q.set('page', String(page));
  const s = q.toString();
  return s ? `${props.basePath}?${s}` : props.basePath;
}

export function Pagination(props: PaginationProps) {
  const pages = Math.max(1, Math.ceil(props.total / props.pageSize));
  const first = props.total === 0 ? 0 : (props.page - 1) * props.pageSize + 1;
  const last = Math.min(props.total, props.page * props.pageSize);
  return (
    <nav class="pagination" aria-label="Pagination">
      <p>
        {props.total === 0
          ? 'Aucun résultat'
          : `Résultats ${formatCount(first)} à ${formatCount(last)} sur ${formatCount(props.total)}`}{' '}
        — page {props.page} sur {pages}
      </p>
      <ul>
        {props.page > 1 ? (
          <li>
            <a href={hrefFor(props, props.page - 1)} rel="prev">
              ← Page précédente
            </a>
          </li>
        ) : null}
        {props.page < pages ? (
          <li>
            <a href={hrefFor(props, props.page + 1)} rel="next">
              Page suivante →
            </a>
          </li>
        ) : null}
      </ul>
    </nav>
  );
}
