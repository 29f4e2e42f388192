// The bulk import verb: deposits every invoice file of a folder or archive for one supplier, through the same
// deposit as the API (channel 'import'), skipping the files this supplier already deposited successfully.
import type { InvoiceStatus } from '../../../db/schema/invoices.ts';
import type { Actor } from '../../platform/auth/index.ts';
import { sha256Hex } from '../../platform/blob-store.ts';
import { AppError } from '../../platform/errors.ts';
import { databaseUnavailable, isDatabaseUnavailable } from '../deposit/database-unavailable.ts';
import { depositInvoice } from '../deposit/deposit-invoice.ts';
import { maxDepositBytes, type InvoiceDeps } from '../settings.ts';
import { findAcceptedDeposit } from './already-deposited.ts';
import type { InvoiceSource, SourceFile } from './sources.ts';

export type ImportOutcome =
  | { kind: 'accepted'; file: string; invoiceId: string; number: string; year: number; status: InvoiceStatus }
  | { kind: 'refused'; file: string; code: string; message: string }
  | { kind: 'skipped'; file: string; invoiceId: string; number: string; year: number; status: InvoiceStatus };

export interface ImportSummary {
  files: number;
  accepted: number;
  refused: number;
  skipped: number;
  /** Files not reached because the import stopped early. */
  notProcessed: number;
  /** Why the import stopped before the end (French), when it did. */
  stoppedBecause: string | undefined;
  durationMs: number;
}

export interface ImportOptions {
  supplierId: string;
  source: InvoiceSource;
  /** Deposits in flight at once (default 4). */
  concurrency?: number;
  /** Aborting stops taking new files; those in flight finish. */
  signal?: AbortSignal;
  /** Called once per file, in the order of the source. */
  onResult?: (outcome: ImportOutcome) => void;
}

export const DEFAULT_IMPORT_CONCURRENCY = 4;
const UNAVAILABLE = 'DATABASE_UNAVAILABLE';

export async function importInvoices(deps: InvoiceDeps, actor: Actor, options: ImportOptions): Promise<ImportSummary> {
  const began = performance.now();
  const files = options.source.files;
  const outcomes: (ImportOutcome | undefined)[] = new Array(files.length);
  /** Deposits of identical bytes run one after the other, so that a copy finds its original already deposited. */
  const bySha = new Map<string, Promise<unknown>>();
  let next = 0;
  let emitted = 0;
  let stoppedBecause: string | undefined;

  const emitInOrder = () => {
    for (let outcome = outcomes[emitted]; outcome !== undefined; outcome = outcomes[++emitted])
      options.onResult?.(outcome);
  };

  /** Files are read one after the other, in the source's order: copies then queue behind the first of them. */
  let reading: Promise<unknown> = Promise.resolve();
  const readInTurn = (file: SourceFile): Promise<Uint8Array> => {
    const read = reading.then(() => file.read());
    reading = read.catch(() => undefined);
    return read;
  };

  const importOne = async (file: SourceFile): Promise<ImportOutcome> => {
    if (file.refusal) return { kind: 'refused', file: file.name, ...file.refusal };
    const limit = maxDepositBytes(deps);
    if (file.size > limit) return refusedTooLarge(file, limit);
    let bytes: Uint8Array;
    try {
      bytes = await readInTurn(file);
    } catch (error) {
      return {
        kind: 'refused',
        file: file.name,
        code: 'FILE_UNREADABLE',
        message: `Fichier illisible : ${(error as Error).message}.`,
      };
    }
    const sha = sha256Hex(bytes);
    const before = bySha.get(sha);
    const mine = (async () => {
      await before;
      return depositOrSkip(deps, actor, options.supplierId, file.name, bytes, sha);
    })();
    bySha.set(
      sha,
      mine.catch(() => undefined),
    );
    return mine;
  };

  const work = async () => {
    while (next < files.length && stoppedBecause === undefined) {
      if (options.signal?.aborted) {
        stoppedBecause = 'import interrompu à la demande';
        break;
      }
      const index = next++;
      const outcome = await importOne(files[index]!);
      outcomes[index] = outcome;
      if (outcome.kind === 'refused' && outcome.code === UNAVAILABLE) stoppedBecause ??= outcome.message;
      emitInOrder();
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, options.concurrency ?? DEFAULT_IMPORT_CONCURRENCY) }, work));

  const done = outcomes.filter((o): o is ImportOutcome => o !== undefined);
  const count = (kind: ImportOutcome['kind']) => done.filter((o) => o.kind === kind).length;
  return {
    files: files.length,
    accepted: count('accepted'),
    refused: count('refused'),
    skipped: count('skipped'),
    notProcessed: files.length - done.length,
    stoppedBecause,
    durationMs: performance.now() - began,
  };
}

async function depositOrSkip(
  deps: InvoiceDeps,
  actor: Actor,
  supplierId: string,
  file: string,
  bytes: Uint8Array,
  sha: string,
): Promise<ImportOutcome> {
  try {
    const earlier = await findAcceptedDeposit(deps.db, supplierId, sha);
    if (earlier) return { kind: 'skipped', file, ...earlier };
    const result = await depositInvoice({
      ctx: { deps: deps, actor: actor },
      input: { supplierId, bytes, fileName: file, channel: 'import' },
    });
    return result.outcome === 'accepted'
      ? {
          kind: 'accepted',
          file,
          invoiceId: result.invoiceId,
          number: result.number,
          year: result.year,
          status: result.status,
        }
      : { kind: 'refused', file, code: result.code, message: result.message };
  } catch (error) {
    const known = error instanceof AppError ? error : isDatabaseUnavailable(error) ? databaseUnavailable() : undefined;
    if (known)
      return { kind: 'refused', file, code: known.status === 503 ? UNAVAILABLE : known.code, message: known.message };
    deps.logger.error({ err: error, file }, 'unexpected failure while importing a file');
    return {
      kind: 'refused',
      file,
      code: 'INTERNAL_ERROR',
      message: `Erreur inattendue : ${(error as Error).message}`,
    };
  }
}

function refusedTooLarge(file: SourceFile, limit: number): ImportOutcome {
  const mb = (bytes: number) => `${(Math.round((bytes / (1024 * 1024)) * 10) / 10).toLocaleString('fr-FR')} Mo`;
  return {
    kind: 'refused',
    file: file.name,
    code: 'FILE_TOO_LARGE',
    message: `Le fichier fait ${mb(file.size)} ; la taille maximale d’une facture déposée est ${mb(limit)}.`,
  };
}
