// The lines of a visible invoice, read from its original in a thread of the CPU pool, once per original: the
// invoice page shows them in HTML so they can be read on a phone and by a screen reader, not only in the PDF.
import type { Actor } from '../../platform/auth/index.ts';
import { databaseBlobStore } from '../../platform/blob-store.ts';
import { cpuJob, cpuPoolOf, resultCacheOf } from '../../platform/cpu-pool/index.ts';
import { notFound } from '../../platform/errors.ts';
import type { AppDeps } from '../../platform/http.ts';
import { findVisibleInvoice } from './find-visible.ts';
import type * as Reading from './read-lines.ts';
import type { InvoiceLineView } from './read-lines.ts';

export type { InvoiceLineView };

const READ_LINES = cpuJob<typeof Reading, 'readLines'>(new URL('./read-lines.ts', import.meta.url), 'readLines');

/** Bumped when the view of a line changes, so cached lines of older shape are not reused. */
const LINES_VERSION = 1;

export async function getInvoiceLines(
  deps: AppDeps,
  actor: Actor | undefined,
  id: string,
): Promise<InvoiceLineView[] | undefined> {
  const invoice = await findVisibleInvoice(deps, actor, id);
  const bytes = await resultCacheOf(deps).get(`lines-${LINES_VERSION}-${invoice.originalSha256}`, async () => {
    const stored = await databaseBlobStore(deps.db).getBase64(invoice.originalSha256);
    if (!stored) throw notFound('Document original');
    const lines = await cpuPoolOf(deps).run(
      READ_LINES,
      { originalBase64: stored.base64 },
      { label: 'lecture des lignes de la facture', weight: stored.size },
    );
    return new TextEncoder().encode(JSON.stringify(lines));
  });
  return (JSON.parse(new TextDecoder().decode(bytes)) as InvoiceLineView[] | null) ?? undefined;
}
