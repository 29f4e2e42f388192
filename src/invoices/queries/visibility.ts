// Which invoices an actor may see: its suppliers' invoices, those addressed to the structures it acts for
// as accountant or agent, or all of them for an operator.
import { inArray, or, sql, type SQL } from 'drizzle-orm';
import { invoices } from '../../../db/schema/invoices.ts';
import { isOperator, structuresWithRole, type Actor } from '../../platform/auth/index.ts';

/** A where-clause restricting invoices to what the actor may see (`undefined`: everything). */
export function visibleInvoices(actor: Actor): SQL | undefined {
  if (isOperator(actor)) return undefined;
  const asSupplier = structuresWithRole(actor, 'supplier');
  const asBuyer = [...new Set([...structuresWithRole(actor, 'accountant'), ...structuresWithRole(actor, 'agent')])];
  const clauses: SQL[] = [];
  if (asSupplier.length > 0) clauses.push(inArray(invoices.supplierId, asSupplier));
  if (asBuyer.length > 0) clauses.push(inArray(invoices.buyerId, asBuyer));
  return clauses.length > 0 ? or(...clauses) : sql`false`;
}
