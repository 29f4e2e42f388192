// One invoice the actor may see, or 404 — the same answer whether it does not exist or is not visible.
import { and, eq } from 'drizzle-orm';
import { invoices, type InvoiceRow } from '../../../db/schema/invoices.ts';
import { requireActorPresent, type Actor } from '../../platform/auth/index.ts';
import { notFound } from '../../platform/errors.ts';
import type { AppDeps } from '../../platform/http.ts';
import { visibleInvoices } from './visibility.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export async function findVisibleInvoice(deps: AppDeps, actor: Actor | undefined, id: string): Promise<InvoiceRow> {
  const present = requireActorPresent(actor);
  if (!UUID.test(id)) throw notFound('Facture');
  const [row] = await deps.db
    .select()
    .from(invoices)
    .where(and(eq(invoices.id, id), visibleInvoices(present)));
  if (!row) throw notFound('Facture');
  return row;
}
