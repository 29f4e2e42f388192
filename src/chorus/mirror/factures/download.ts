// telechargerGroupeFacture: the invoices' files in base64, the PDF (format PDF) or the original structured file
// (format PIVOT); several invoices come as one .tar.gz. A recipient's download is remembered
// (`factureTelechargeeParDestinataire`).
import { chorusMirrorDownloads } from '../../../../db/schema/chorus.ts';
import { getInvoiceOriginal, getInvoicePdf } from '../../../invoices/index.ts';
import type { AppDeps } from '../../../platform/http.ts';
import { LIBELLE_OK_TRANSVERSES, type TelechargerGroupeResponse } from '../../domain/api-contract.ts';
import { writeTarGz } from '../flux/archive.ts';
import { MirrorRefusal } from '../refusal.ts';
import type { MirrorSession } from '../session.ts';
import { invoiceOfSession } from './invoice-of-session.ts';

/** The download is ≤ 120 MB on Chorus Pro, beyond which it answers 413. */
export const MAX_DOWNLOAD_BYTES = 120 * 1024 * 1024;

export async function downloadInvoices(
  deps: AppDeps,
  session: MirrorSession,
  body: Record<string, unknown>,
): Promise<TelechargerGroupeResponse> {
  const format = body.format === undefined ? 'PDF' : body.format;
  if (format !== 'PDF' && format !== 'PIVOT')
    throw new MirrorRefusal(20001, 'Le format de téléchargement doit être PDF ou PIVOT.');
  const list = Array.isArray(body.listeFacture) ? (body.listeFacture as Record<string, unknown>[]) : [];
  if (list.length === 0) throw new MirrorRefusal(20001, 'La liste des factures à télécharger (listeFacture) est vide.');
  const files = [];
  let size = 0;
  for (const entry of list) {
    const { invoiceId } = await invoiceOfSession(deps, session, entry?.idFacture);
    const document =
      format === 'PDF'
        ? await getInvoicePdf(deps, session.actor, invoiceId)
        : await getInvoiceOriginal(deps, session.actor, invoiceId);
    size += document.bytes.length;
    if (size > MAX_DOWNLOAD_BYTES)
      throw new MirrorRefusal(20042, 'Le téléchargement dépasse 120 Mo : demandez moins de factures à la fois.', 413);
    files.push({ name: document.fileName, bytes: document.bytes });
    if (session.role === 'accountant') {
      await deps.db
        .insert(chorusMirrorDownloads)
        .values({ invoiceId, structureId: session.structureId, downloadedAt: deps.clock.now() })
        .onConflictDoNothing();
    }
  }
  const single = files.length === 1 ? files[0] : undefined;
  const bytes = single ? single.bytes : writeTarGz(files);
  return { codeRetour: 0, libelle: LIBELLE_OK_TRANSVERSES, fichierResultat: Buffer.from(bytes).toString('base64') };
}
