// Reads the deposited document and checks it: text bounds first (HUB-LEN-01), then EN 16931 with the French and
// Chorus rules. Runs in a thread of the CPU pool (read-and-validate.ts): pure, it imports only formats/ and domain/.
import {
  checkTextBounds,
  isFormatError,
  isValid,
  readInvoice,
  validate,
  type Invoice,
  type Profile,
  type ReadResult,
  type Violation,
} from '../../../formats/index.ts';
import { invoiceLineOf } from '../domain/violation-location.ts';
import type { DepositRefusal, ReportedViolation } from './refusal.ts';

/** The invoice without its lines: what the deposit keeps of it (and what crosses back from the thread). */
export type InvoiceHeader = Omit<Invoice, 'lines'>;

export interface CheckInput {
  bytes: Uint8Array;
  profile: Profile;
  maxBytes: number;
  maxLines: number;
  /** The recipient whose choice of the strict profile made the reform's rules blocking, for the refusal message. */
  strictBy?: string;
}

export type CheckOutcome =
  | {
      ok: true;
      read: { syntax: ReadResult['syntax']; invoice: InvoiceHeader; lineCount: number };
      warnings: ReportedViolation[];
    }
  | { ok: false; refusal: DepositRefusal };

function report(v: Violation): ReportedViolation {
  const line = invoiceLineOf(v.path);
  return {
    rule: v.rule,
    severity: v.severity,
    bt: v.bt,
    path: v.path,
    message: v.message,
    ...(line === undefined ? {} : { line }),
    ...(v.amounts === undefined ? {} : { amounts: v.amounts }),
  };
}

function rulesApplied(input: CheckInput): string {
  if (input.strictBy !== undefined)
    return `la norme EN 16931 et les règles de la réforme de 2026, que ${input.strictBy} applique comme bloquantes`;
  return input.profile === 'fr'
    ? 'la norme EN 16931 et les règles françaises de la réforme de 2026'
    : 'la norme EN 16931 et les règles de Chorus Pro';
}

/** Texts too long named in a refusal's message; the violations list them all. */
const SHOWN_BREACHES = 5;

export async function checkDocument(input: CheckInput): Promise<CheckOutcome> {
  let read: ReadResult;
  try {
    read = await readInvoice(input.bytes, { maxBytes: input.maxBytes, maxLines: input.maxLines });
  } catch (error) {
    if (!isFormatError(error)) throw error;
    const where =
      error.line === undefined
        ? ''
        : `ligne ${error.line}${error.column === undefined ? '' : `, colonne ${error.column}`}`;
    return {
      ok: false,
      refusal: {
        code: 'INVALID_FILE',
        message: `Fichier refusé : ${error.message}`,
        violations: [{ rule: String(error.code), severity: 'fatal', bt: '', path: where, message: error.message }],
      },
    };
  }
  // Before anything reads the values: a ten-megabyte name is refused, never validated, stored or rendered.
  const tooLong = checkTextBounds(read).map(report);
  if (tooLong.length > 0) {
    const shown = tooLong.slice(0, SHOWN_BREACHES).map((v) => v.message);
    const more = tooLong.length > SHOWN_BREACHES ? ` ; et ${tooLong.length - SHOWN_BREACHES} autre(s)` : '';
    return {
      ok: false,
      refusal: {
        code: 'VALUE_TOO_LONG',
        message:
          tooLong.length === 1
            ? `Facture refusée, texte trop long : ${shown[0]}.`
            : `Facture refusée, ${tooLong.length} textes trop longs : ${shown.join(' ; ')}${more}.`,
        violations: tooLong,
      },
    };
  }
  const violations = validate(read, { profile: input.profile }).map(report);
  if (!isValid(violations)) {
    const fatal = violations.filter((v) => v.severity === 'fatal');
    const rules = [...new Set(fatal.map((v) => v.rule))];
    const shown = rules.slice(0, 8).join(', ') + (rules.length > 8 ? '…' : '');
    return {
      ok: false,
      refusal: {
        code: 'VALIDATION_FAILED',
        message: `La facture ne respecte pas ${rulesApplied(input)} : ${fatal.length} anomalie${fatal.length > 1 ? 's' : ''} bloquante${fatal.length > 1 ? 's' : ''} (${shown}).`,
        violations,
      },
    };
  }
  const { lines, ...header } = read.invoice;
  return { ok: true, read: { syntax: read.syntax, invoice: header, lineCount: lines.length }, warnings: violations };
}
