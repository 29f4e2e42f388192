// Refused deposits' originals are kept within a quota per supplier, so that a supplier sending junk cannot fill the
// file store. Past the quota a refused deposit is still recorded (its report, SHA-256 and size), without its
// original. Accepted deposits never count and always keep theirs.
import { and, count, eq, gt, sql } from 'drizzle-orm';
import type { Db } from '../../../db/client.ts';
import { deposits } from '../../../db/schema/invoices.ts';
import { databaseBlobStore } from '../../platform/blob-store.ts';
import type { CpuPool } from '../../platform/cpu-pool/index.ts';
import type { RefusedOriginalsQuota } from '../settings.ts';
import { formatMegabytes } from './megabytes.ts';

export const REFUSED_ORIGINALS_QUOTA = 'REFUSED_ORIGINALS_QUOTA';

export type OriginalKeeping = { kept: true } | { kept: false; reason: typeof REFUSED_ORIGINALS_QUOTA; message: string };

/** The refused original's bytes, and the quota they are kept within. */
export interface RefusedOriginal {
  bytes: Uint8Array;
  mediaType: string;
  quota: RefusedOriginalsQuota;
  pool: CpuPool;
}

/** The attempt the original came with (a DepositContext). */
interface Attempt {
  supplierId: string;
  originalSha256: string;
  at: Date;
}

/** First key of the advisory lock that serialises one supplier's refusals ('rfqt'); the second is its id's hash. */
const LOCK_CLASS = 0x72667174;

/**
 * Inside the transaction that records a refused deposit: stores its original unless the supplier's quota is
 * reached. The supplier's lock makes parallel refusals take the last free places one at a time.
 */
export async function keepRefusedOriginal(
  tx: Db,
  attempt: Attempt,
  original: RefusedOriginal,
): Promise<OriginalKeeping> {
  const store = databaseBlobStore(tx, { pool: original.pool });
  // Bytes already stored (the same file refused before, an accepted invoice sent again) cost nothing more.
  if (await store.has(attempt.originalSha256)) return { kept: true };
  await tx.execute(sql`select pg_advisory_xact_lock(${LOCK_CLASS}::int4, hashtext(${attempt.supplierId}))`);
  const { quota } = original;
  const used = await refusedOriginalsKept(tx, attempt.supplierId, new Date(attempt.at.getTime() - quota.windowMs));
  if (used.files + 1 > quota.maxFiles || used.bytes + original.bytes.length > quota.maxBytes) {
    return { kept: false, reason: REFUSED_ORIGINALS_QUOTA, message: quotaReachedMessage(used, quota) };
  }
  await store.put(original.bytes, original.mediaType);
  return { kept: true };
}

/**
 * The distinct refused originals a supplier had kept since `since` (each file counts once however often it was
 * sent, as the store holds it once), in one query on the partial index `deposits_refused_kept_idx`.
 */
export async function refusedOriginalsKept(
  db: Db,
  supplierId: string,
  since: Date,
): Promise<{ files: number; bytes: number }> {
  const recent = db
    .selectDistinct({ sha256: deposits.originalSha256, size: deposits.originalSize })
    .from(deposits)
    .where(
      and(
        eq(deposits.supplierId, supplierId),
        eq(deposits.outcome, 'refused'),
        eq(deposits.originalKept, true),
        gt(deposits.createdAt, since),
      ),
    )
    .as('recent');
  const [row] = await db
    .select({
      files: count(),
      bytes: sql<string>`coalesce(sum(${recent.size}), 0)`,
    })
    .from(recent);
  return { files: row?.files ?? 0, bytes: Number(row?.bytes ?? 0) };
}

/** The columns of a `deposits` row that say whether its original was kept. */
export const keepingColumns = (keeping: OriginalKeeping) => ({
  originalKept: keeping.kept,
  originalNotKeptReason: keeping.kept ? null : keeping.reason,
});

/** What the refusal answer adds: whether the original is kept, and if not, why, in French. */
export const keepingAnswer = (keeping: OriginalKeeping) =>
  keeping.kept
    ? { originalKept: true as const }
    : { originalKept: false as const, originalNotKept: { code: keeping.reason, message: keeping.message } };

function quotaReachedMessage(used: { files: number; bytes: number }, quota: RefusedOriginalsQuota): string {
  return (
    `L’original de ce dépôt refusé n’est pas conservé : le quota des fichiers refusés conservés pour ce fournisseur ` +
    `est atteint (${used.files} fichier${used.files > 1 ? 's' : ''}, ${formatMegabytes(used.bytes)} sur les ` +
    `${windowHours(quota)} dernières heures ; au plus ${quota.maxFiles} fichiers et ${formatMegabytes(quota.maxBytes)}). ` +
    'La tentative, son rapport, l’empreinte SHA-256 et la taille du fichier sont enregistrés ; les factures acceptées ' +
    'ne sont pas concernées. Corrigez la facture avant de la déposer de nouveau.'
  );
}

/** The French message for a deposit whose original was not kept, read back later (history, download). */
export function originalNotKeptMessage(reason: string | null): string {
  return reason === REFUSED_ORIGINALS_QUOTA
    ? 'L’original de ce dépôt refusé n’a pas été conservé : le quota des fichiers refusés conservés pour ce fournisseur était atteint. La tentative, son rapport et l’empreinte SHA-256 du fichier restent enregistrés.'
    : 'L’original de ce dépôt n’a pas été conservé.';
}

const windowHours = (quota: RefusedOriginalsQuota): string =>
  (Math.round((quota.windowMs / 3_600_000) * 10) / 10).toLocaleString('fr-FR');
