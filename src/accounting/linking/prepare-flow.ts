// Before a flow leaves: each mandate line is matched to the invoice it pays; an invoice whose original the mandate
// does not carry is embedded as a PES_PJ (with its attachments) under a stable IdUnique, referenced by a PJRef on
// the line (or by RefCompta when the bordereau is already signed). The file as it will be sent is stored apart;
// the original stays untouched. Idempotent: a flow already prepared is left as it is.
import { gzipSync } from 'node:zlib';
import { eq } from 'drizzle-orm';
import { pesFlows, pesInvoiceLinks } from '../../../db/schema/accounting.ts';
import { invoiceAttachments } from '../../../db/schema/invoices.ts';
import { recordAudit } from '../../platform/audit/index.ts';
import { systemActor } from '../../platform/auth/index.ts';
import { databaseBlobStore } from '../../platform/blob-store.ts';
import { checkPesStream } from '../check/check-pes-file.ts';
import { attachmentPjId, invoicePjId, pjElementXml, pjFileName, pjRefXml } from '../domain/invoice-pj.ts';
import type { MandateLine } from '../domain/pes-summary.ts';
import { leafV } from '../domain/xml-text.ts';
import { siretsOf } from '../queries/structure-sirets.ts';
import { accountingSettings, type AccountingDeps } from '../settings.ts';
import { loadFlow, moveFlow, summaryOf } from '../transmission/flow-row.ts';
import { findInvoicesOfLines, type MatchedInvoice } from './find-invoices.ts';
import { insertIntoStream, type Insertion } from './insert-into-stream.ts';

export type PrepareDeps = Pick<AccountingDeps, 'db' | 'files' | 'accounting'>;

export interface PrepareOutcome {
  ready: boolean;
  linked: number;
  embedded: number;
  unmatched: number;
}

const MAX_UNMATCHED_KEPT = 1000;

export async function prepareFlow(deps: PrepareDeps, flowId: string): Promise<PrepareOutcome> {
  const flow = await loadFlow(deps.db, flowId);
  if (flow.sentFileId || flow.status !== 'POSTE') {
    const links = await deps.db
      .select({ embedded: pesInvoiceLinks.embedded })
      .from(pesInvoiceLinks)
      .where(eq(pesInvoiceLinks.flowId, flowId));
    return {
      ready: flow.status !== 'ERREUR' && flow.status !== 'NON_CONFORME',
      linked: links.length,
      embedded: links.filter((l) => l.embedded).length,
      unmatched: (flow.unmatched as unknown[]).length,
    };
  }
  const files = deps.files;
  if (!files) throw new Error('no file store');
  const settings = accountingSettings(deps);
  const opened = await files.get(flow.originalFileId);
  if (!opened) throw new Error(`original of flow ${flowId} missing`);
  const checked = await checkPesStream(opened.stream, {
    sirets: await siretsOf(deps.db, flow.structureId),
    hubSigns: flow.signRequested,
    pjBudgetBytes: settings.pjBudgetBytes,
    totalPjBudgetBytes: settings.totalPjBudgetBytes,
  });
  if (checked.issues.length > 0) {
    await moveFlow(deps.db, flowId, 'ERREUR', { issues: checked.issues });
    return { ready: false, linked: 0, embedded: 0, unmatched: 0 };
  }
  const summary = summaryOf(flow);
  const matches = await findInvoicesOfLines(deps.db, flow.structureId, checked.lines);
  const presentPjs = new Set(checked.summary.pjs.map((p) => p.idUnique));
  const signedBordereaux = new Set(summary.bordereaux.filter((b) => b.signed).map((b) => `${b.exer}/${b.idBord}`));
  const insertions: Insertion[] = [];
  const newPjs: (() => Promise<string>)[] = [];
  const links: (typeof pesInvoiceLinks.$inferInsert)[] = [];
  const unmatched: MandateLine[] = [];
  const embeddedInvoices = new Set<string>();
  const blobs = databaseBlobStore(deps.db);

  checked.lines.forEach((line, index) => {
    const match = matches.get(index);
    if (!match) {
      if (unmatched.length < MAX_UNMATCHED_KEPT) unmatched.push(line);
      return;
    }
    const pjId = invoicePjId(match.invoiceId);
    const embed = !line.hasPjRef && !presentPjs.has(pjId);
    const signed = signedBordereaux.has(`${line.exer}/${line.idBord}`);
    links.push({
      flowId,
      invoiceId: match.invoiceId,
      structureId: flow.structureId,
      exer: line.exer,
      idBord: line.idBord,
      idPce: line.idPce,
      idLigne: line.idLigne,
      pjIdUnique: embed || presentPjs.has(pjId) ? pjId : null,
      embedded: embed,
    });
    if (!embed) return;
    const at = checked.insertions.lines[index];
    if (!signed && at !== undefined) insertions.push({ offset: at, text: async () => pjRefXml(pjId) });
    if (embeddedInvoices.has(match.invoiceId)) return;
    embeddedInvoices.add(match.invoiceId);
    const typBord = summary.bordereaux.find((b) => b.exer === line.exer && b.idBord === line.idBord)?.typBord ?? '01';
    const refCompta = signed ? { exer: line.exer, typBord, idPce: line.idPce, idLigne: line.idLigne } : undefined;
    newPjs.push(() => invoicePjs(deps, blobs, match, refCompta));
  });

  let sentFileId = flow.originalFileId;
  if (newPjs.length > 0) {
    const allPjs = async () => (await Promise.all(newPjs.map((make) => make()))).join('');
    if (checked.insertions.pesPj !== undefined) insertions.push({ offset: checked.insertions.pesPj, text: allPjs });
    else if (checked.insertions.root !== undefined)
      insertions.push({
        offset: checked.insertions.root,
        text: async () => `<PES_PJ><EnTetePES_PJ>${leafV('IdVer', '1')}</EnTetePES_PJ>${await allPjs()}</PES_PJ>`,
      });
    const original = await files.get(flow.originalFileId);
    if (!original) throw new Error(`original of flow ${flowId} missing`);
    const sent = await files.put(insertIntoStream(original.stream, insertions), {
      kind: 'accounting_flow',
      mediaType: 'application/xml',
      fileName: `${flow.nomFic || 'pes'}-envoi.xml`,
      owningStructureId: flow.structureId,
    });
    sentFileId = sent.id;
  }

  await deps.db.transaction(async (tx) => {
    if (links.length > 0) await tx.insert(pesInvoiceLinks).values(links).onConflictDoNothing();
    await tx
      .update(pesFlows)
      .set({ sentFileId, unmatched, status: 'ATTENTE', statusChangedAt: new Date() })
      .where(eq(pesFlows.id, flowId));
    await recordAudit(tx, {
      actor: systemActor('treasury-flows'),
      action: 'accounting.link',
      subject: { type: 'pes_flow', id: flowId },
      structureId: flow.structureId,
      after: { linked: links.length, embedded: embeddedInvoices.size, unmatched: checked.lines.length - links.length },
    });
  });
  return {
    ready: true,
    linked: links.length,
    embedded: embeddedInvoices.size,
    unmatched: checked.lines.length - links.length,
  };
}

/** The invoice's original and its attachments as PJ elements (gzip then base64). */
async function invoicePjs(
  deps: PrepareDeps,
  blobs: ReturnType<typeof databaseBlobStore>,
  match: MatchedInvoice,
  refCompta: { exer: string; typBord: string; idPce: string; idLigne: string } | undefined,
): Promise<string> {
  const original = await blobs.get(match.originalSha256);
  if (!original) throw new Error(`original of invoice ${match.invoiceId} missing`);
  let out = pjElementXml({
    idUnique: invoicePjId(match.invoiceId),
    nomPJ: pjFileName(`facture-${match.number}`, original.mediaType),
    mimeType: original.mediaType,
    description: `Facture ${match.number} de ${match.supplierName} (original déposé sur le hub)`,
    base64: gzipSync(original.bytes).toString('base64'),
    ...(refCompta ? { refCompta } : {}),
  });
  const attachments = await deps.db
    .select({
      sha256: invoiceAttachments.sha256,
      fileName: invoiceAttachments.fileName,
      mediaType: invoiceAttachments.mediaType,
    })
    .from(invoiceAttachments)
    .where(eq(invoiceAttachments.invoiceId, match.invoiceId));
  for (const attachment of attachments) {
    const stored = await blobs.get(attachment.sha256);
    if (!stored) continue;
    out += pjElementXml({
      idUnique: attachmentPjId(match.invoiceId, attachment.sha256),
      nomPJ: pjFileName(attachment.fileName, attachment.mediaType),
      mimeType: attachment.mediaType,
      description: `Pièce jointe de la facture ${match.number} : ${attachment.fileName}`,
      base64: gzipSync(stored.bytes).toString('base64'),
      ...(refCompta ? { refCompta } : {}),
    });
  }
  return out;
}
