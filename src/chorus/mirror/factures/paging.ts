// Chorus pagination: pages from 1, 10 per page by default. Pastell asks for 1 000 invoices a page, Odoo for
// 10 000 services: up to 1 000 are given (the answer's `nbResultatsParPage` and `pages` say what was applied).
import type { ParametresRetour } from '../../domain/api-contract.ts';

export const DEFAULT_PAGE_SIZE = 10;
export const MAX_PAGE_SIZE = 1000;

export interface PageRequest {
  page: number;
  size: number;
}

export function pageRequest(p: unknown): PageRequest {
  const block = (p && typeof p === 'object' ? p : {}) as Record<string, unknown>;
  const asked = block.nbResultatsParPage;
  const size =
    typeof asked === 'number' && Number.isInteger(asked) && asked > 0
      ? Math.min(asked, MAX_PAGE_SIZE)
      : DEFAULT_PAGE_SIZE;
  const wanted = block.pageResultatDemandee;
  const page = typeof wanted === 'number' && Number.isInteger(wanted) && wanted > 0 ? wanted : 1;
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
