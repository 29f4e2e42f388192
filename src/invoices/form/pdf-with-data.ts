// "PDF with its data": the supplier's own PDF becomes the readable part of a Factur-X whose CII carries the data he
// typed; the result is deposited with the deposit verb (channel pdf_data), validated and routed like any invoice.
import { embedFacturX, isFormatError, looksLikePdf, writeCii } from '../../../formats/index.ts';
import { requireRole } from '../../platform/auth/index.ts';
import { AppError } from '../../platform/errors.ts';
import type { VerbCall } from '../../platform/verb.ts';
import { depositInvoice, type DepositResult } from '../deposit/deposit-invoice.ts';
import { buildPdfDataInvoice, type PdfDataForm } from '../domain/invoice-form/pdf-data.ts';
import type { FieldError } from '../domain/invoice-form/totals.ts';
import { maxDepositBytes, type InvoiceDeps } from '../settings.ts';
import { buyerForForm, supplierForForm } from './parties.ts';

export type PdfDepositResult =
  { outcome: 'invalid'; errors: FieldError[] } | { outcome: 'deposited'; deposit: DepositResult };

export async function depositPdfWithData({
  ctx,
  input,
}: VerbCall<
  InvoiceDeps,
  { supplierId: string; pdf: Uint8Array; fileName: string; data: PdfDataForm }
>): Promise<PdfDepositResult> {
  requireRole(ctx.actor, 'supplier', input.supplierId);
  const limit = maxDepositBytes(ctx.deps);
  const errors: FieldError[] = [];
  if (input.pdf.length === 0) errors.push({ field: 'file', message: 'Fichier PDF : choisissez la facture en PDF.' });
  else if (input.pdf.length > limit)
    throw new AppError(
      'FILE_TOO_LARGE',
      `Le PDF dépasse la taille maximale d’une facture déposée (${Math.floor(limit / (1024 * 1024))} Mo).`,
      413,
    );
  else if (!looksLikePdf(input.pdf))
    errors.push({ field: 'file', message: `Fichier PDF : « ${input.fileName} » n’est pas un fichier PDF.` });
  const supplier = await supplierForForm(ctx.deps, input.supplierId);
  if (!supplier) throw new AppError('FORBIDDEN', 'Cette structure n’est pas un fournisseur.', 403);
  const buyer = input.data.buyerSiret.trim() ? await buyerForForm(ctx.deps, input.data.buyerSiret) : null;
  const built = buildPdfDataInvoice(input.data, {
    supplier: { ...supplier, siret: supplier.sirets[0] ?? '' },
    buyer,
  });
  if (!built.ok || errors.length > 0)
    return { outcome: 'invalid', errors: [...errors, ...(built.ok ? [] : built.errors)] };
  let facturx: Uint8Array;
  try {
    const date = new Date(`${built.invoice.issueDate}T00:00:00Z`);
    facturx = await embedFacturX(input.pdf, Buffer.from(writeCii(built.invoice), 'utf8'), { date });
  } catch (error) {
    if (isFormatError(error))
      return { outcome: 'invalid', errors: [{ field: 'file', message: `Fichier PDF : ${error.message}` }] };
    throw error;
  }
  const deposit = await depositInvoice({
    ctx,
    input: { supplierId: input.supplierId, bytes: facturx, fileName: input.fileName, channel: 'pdf_data' },
  });
  return { outcome: 'deposited', deposit };
}
