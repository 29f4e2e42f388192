// Reads the deposited document and validates it: EN 16931 and the Chorus conventions, the 2026 reform's BR-FR
// rules as the profile says (warnings under 'b2g', blocking under 'fr').
import {
  isFormatError,
  isValid,
  readInvoice,
  validate,
  type Profile,
  type ReadResult,
  type Violation,
} from '../../../formats/index.ts';
import type { DepositRefusal, ReportedViolation } from './refusal.ts';

export type ReadOutcome =
  { ok: true; read: ReadResult; warnings: ReportedViolation[] } | { ok: false; refusal: DepositRefusal };

const report = (v: Violation): ReportedViolation => ({
  rule: v.rule,
  severity: v.severity,
  bt: v.bt,
  path: v.path,
  message: v.message,
});

export async function readAndValidate(
  bytes: Uint8Array,
  options: { profile: Profile; maxBytes: number },
): Promise<ReadOutcome> {
  let read: ReadResult;
  try {
    read = await readInvoice(bytes, { maxBytes: options.maxBytes });
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
  return validateRead(read, options.profile);
}

/**
 * Validates an invoice already read. `strictBy` names the recipient whose choice of the strict profile made the
 * reform's rules blocking, for the refusal message.
 */
export function validateRead(read: ReadResult, profile: Profile, strictBy?: string): ReadOutcome {
  const violations = validate(read, { profile }).map(report);
  if (!isValid(violations)) {
    const fatal = violations.filter((v) => v.severity === 'fatal');
    const rules = [...new Set(fatal.map((v) => v.rule))];
    const shown = rules.slice(0, 8).join(', ') + (rules.length > 8 ? '…' : '');
    const which =
      strictBy !== undefined
        ? `la norme EN 16931 et les règles de la réforme de 2026, que ${strictBy} applique comme bloquantes`
        : profile === 'fr'
          ? 'la norme EN 16931 et les règles françaises de la réforme de 2026'
          : 'la norme EN 16931 et les règles de Chorus Pro';
    return {
      ok: false,
      refusal: {
        code: 'VALIDATION_FAILED',
        message: `La facture ne respecte pas ${which} : ${fatal.length} anomalie${fatal.length > 1 ? 's' : ''} bloquante${fatal.length > 1 ? 's' : ''} (${shown}).`,
        violations,
      },
    };
  }
  return { ok: true, read, warnings: violations };
}
