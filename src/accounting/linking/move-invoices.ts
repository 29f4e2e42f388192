// The invoices a flow pays move through their own lifecycle workflow, as if their accountant had said so: to
// MANDATEE with the mandate number once the treasury accepted the bordereau, to MISE_EN_PAIEMENT with the date when
// a PES_Retour reports the mandate paid (the workflow then closes the legal payment clock and computes late
// interest). An invoice whose status allows neither keeps a French note on its link instead.
import { and, eq, isNull } from 'drizzle-orm';
import { pesInvoiceLinks } from '../../../db/schema/accounting.ts';
import { decideInvoice } from '../../invoices/index.ts';
import { systemActor } from '../../platform/auth/index.ts';
import { AppError } from '../../platform/errors.ts';
import type { AccountingDeps } from '../settings.ts';

type MoveDeps = Pick<AccountingDeps, 'db' | 'temporal'>;

const accountantOf = (structureId: string) => systemActor('treasury-flows', [{ role: 'accountant', structureId }]);

async function move(
  deps: MoveDeps,
  link: { id: string; invoiceId: string; structureId: string },
  action: { kind: 'MANDATEE'; mandateNumber: string } | { kind: 'MISE_EN_PAIEMENT'; paymentDate: string },
): Promise<boolean> {
  try {
    await decideInvoice({
      ctx: { deps, actor: accountantOf(link.structureId) },
      input: { invoiceId: link.invoiceId, action },
    });
    return true;
  } catch (error) {
    // Refusals (status, closed invoice) are kept for the accountant; anything else is retried by the activity.
    if (!(error instanceof AppError) || error.status >= 500) throw error;
    await deps.db.update(pesInvoiceLinks).set({ note: error.message }).where(eq(pesInvoiceLinks.id, link.id));
    return false;
  }
}

/** Mandates the linked invoices of the accepted bordereaux (`accepted(exer, idBord)`). */
export async function mandateLinkedInvoices(
  deps: MoveDeps,
  flowId: string,
  accepted: (exer: string, idBord: string) => boolean,
): Promise<number> {
  const links = await deps.db
    .select()
    .from(pesInvoiceLinks)
    .where(and(eq(pesInvoiceLinks.flowId, flowId), isNull(pesInvoiceLinks.mandatedAt), isNull(pesInvoiceLinks.note)));
  let moved = 0;
  for (const link of links) {
    if (!accepted(link.exer, link.idBord)) continue;
    if (await move(deps, link, { kind: 'MANDATEE', mandateNumber: link.idPce })) {
      await deps.db.update(pesInvoiceLinks).set({ mandatedAt: new Date() }).where(eq(pesInvoiceLinks.id, link.id));
      moved += 1;
    }
  }
  return moved;
}

/** Puts in payment the invoices of a paid mandate of this structure. */
export async function payLinkedInvoices(
  deps: MoveDeps,
  structureId: string,
  mandate: { exer: string; idBord: string; idPce: string },
  paymentDate: string,
): Promise<number> {
  const links = await deps.db
    .select()
    .from(pesInvoiceLinks)
    .where(
      and(
        eq(pesInvoiceLinks.structureId, structureId),
        eq(pesInvoiceLinks.exer, mandate.exer),
        eq(pesInvoiceLinks.idBord, mandate.idBord),
        eq(pesInvoiceLinks.idPce, mandate.idPce),
        isNull(pesInvoiceLinks.paidOn),
      ),
    );
  let moved = 0;
  for (const link of links) {
    if (await move(deps, link, { kind: 'MISE_EN_PAIEMENT', paymentDate })) {
      await deps.db
        .update(pesInvoiceLinks)
        .set({ paidOn: paymentDate, note: null })
        .where(eq(pesInvoiceLinks.id, link.id));
      moved += 1;
    }
  }
  return moved;
}
