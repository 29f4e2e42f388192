// Reads the deposited document and validates it (text bounds, EN 16931, the French and Chorus rules) in a thread
// of the CPU pool: a 20 MB invoice takes seconds to read and validate, during which the event loop stays free.
import type { Profile } from '../../../formats/index.ts';
import { cpuJob, cpuPoolOf, type CpuPool } from '../../platform/cpu-pool/index.ts';
import type * as Check from './check-document.ts';
import type { CheckOutcome } from './check-document.ts';

export type { InvoiceHeader } from './check-document.ts';
export type ReadOutcome = CheckOutcome;

const CHECK_DOCUMENT = cpuJob<typeof Check, 'checkDocument'>(
  new URL('./check-document.ts', import.meta.url),
  'checkDocument',
);

/**
 * Most lines an invoice deposited may have. The 20 MB file cap already stops near 55,000 compact UBL lines; this
 * keeps every accepted invoice within what one rendering thread can turn into a PDF inside its budget (a
 * 33,000-line invoice, a real case, renders in about 10 s on one core and 700 MB of heap).
 */
export const DEFAULT_MAX_DEPOSIT_LINES = 50_000;

export async function readAndValidate(
  bytes: Uint8Array,
  options: { profile: Profile; maxBytes: number; maxLines?: number; pool?: CpuPool; strictBy?: string },
): Promise<ReadOutcome> {
  const pool = options.pool ?? cpuPoolOf({});
  return pool.run(
    CHECK_DOCUMENT,
    {
      bytes,
      profile: options.profile,
      maxBytes: options.maxBytes,
      maxLines: options.maxLines ?? DEFAULT_MAX_DEPOSIT_LINES,
      ...(options.strictBy === undefined ? {} : { strictBy: options.strictBy }),
    },
    { label: 'lecture et validation de la facture', weight: bytes.length },
  );
}
