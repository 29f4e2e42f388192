// Chorus pagination: pages from 1, 10 per page by default.
import type { Pagination, ParametresRetour } from '../../domain/api-contract.ts';

export const DEFAULT_PAGE_SIZE = 10;
export const MAX_PAGE_SIZE = 200;

export interface PageRequest {
  page: number;
  size: number;
}

export function pageRequest(p: Pagination | undefined): PageRequest {
  const size =
    Number.isInteger(p?.nbResultatsParPage) && (p?.nbResultatsParPage ?? 0) > 0
      ? Math.min(p?.nbResultatsParPage ?? DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE)
      : DEFAULT_PAGE_SIZE;
  const page =
    Number.isInteger(p?.pageResultatDemandee) && (p?.pageResultatDemandee ?? 0) > 0
      ? (p?.pageResultatDemandee ?? 1)
      : 1;
  return { page, size };
}

export function parametresRetour(request: PageRequest, total: number): ParametresRetour {
  return {
    nbResultatsParPage: request.size,
    pageCourante: request.page,
    pages: Math.ceil(total / request.size),
    total,
  };
}

export function slicePage<T>(items: readonly T[], request: PageRequest): T[] {
  return items.slice((request.page - 1) * request.size, request.page * request.size);
}
