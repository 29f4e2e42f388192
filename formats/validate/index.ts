/**
 * Validation of EN 16931 invoices: the official business rules (BR-xx, BR-CO-xx, BR-DEC-xx, VAT
 * categories, code lists), the syntax bindings (UBL-SR/CR/DT, CII-SR/DT), a schema-level check of the
 * structure (UBL-XSD / CII-XSD), and optionally the French rules: strict (profile 'fr') or as Chorus Pro applies
 * them to public buyers (profile 'b2g': the reform's BR-FR rules as warnings).
 */
import type { ReadResult } from '../read.ts';
import { ciiFacts } from './facts/cii.ts';
import type { Facts } from './facts/types.ts';
import { ublFacts } from './facts/ubl.ts';
import { Out } from './out.ts';
import { boundMessage, textBoundBreaches } from './rules/bounds.ts';
import { checkCalculations } from './rules/calculation.ts';
import { codelistVisitor } from './rules/codelists.ts';
import { checkCore } from './rules/core.ts';
import { checkDecimals } from './rules/decimals.ts';
import { checkFrench } from './rules/fr/index.ts';
import { FrenchOut } from './rules/fr/french-out.ts';
import { checkVatCategories } from './rules/vat/categories.ts';
import { checkVatSpecials } from './rules/vat/specials.ts';
import { ciiSyntaxVisitor } from './rules/cii-syntax.ts';
import { ublSyntaxVisitor } from './rules/ubl-syntax.ts';
import { schemaVisitor } from './rules/schema.ts';
import type { ValidateOptions, Violation } from './types.ts';
import { runVisitors } from './walk.ts';

export type { AmountMismatch, Violation, Severity, Profile, ValidateOptions } from './types.ts';

/** Extracts the validation facts of a read invoice. */
export function factsOf(read: Pick<ReadResult, 'root' | 'xmlSyntax'>): Facts {
  return read.xmlSyntax === 'UBL' ? ublFacts(read.root) : ciiFacts(read.root);
}

/** Validates a read invoice; returns every violation found (fatal and warnings), in rule order of discovery. */
export function validate(read: ReadResult, opts: ValidateOptions = {}): Violation[] {
  const f = factsOf(read);
  const out = new Out(read.root);
  checkCore(f, out);
  checkCalculations(f, out);
  checkDecimals(f, out);
  checkVatCategories(f, out);
  checkVatSpecials(f, out);
  // Element-by-element families share one walk of the document.
  const syntax = f.syntax === 'UBL' ? ublSyntaxVisitor(f, out) : ciiSyntaxVisitor(f, out);
  runVisitors(f.root, [schemaVisitor(f, out), codelistVisitor(f, out), syntax]);
  if (opts.profile === 'fr' || opts.profile === 'b2g') checkFrench(read, f, out, opts.profile);
  return out.violations;
}

/**
 * HUB-LEN-01: every text of the model longer than its bound (rules/bounds.ts), as fatal violations whose message
 * names the term, its length and its bound. Separate from `validate` so that an intake can refuse on it first,
 * before spending the full validation on an abusive document.
 */
export function checkTextBounds(read: ReadResult): Violation[] {
  const out = new Out(read.root);
  const locate = new FrenchOut(read, out);
  for (const breach of textBoundBreaches(read.invoice))
    out.fatal('HUB-LEN-01', breach.bt, locate.element(breach.key), boundMessage(breach));
  return out.violations;
}

/** True when no violation is fatal. */
export function isValid(violations: readonly Violation[]): boolean {
  return !violations.some((v) => v.severity === 'fatal');
}
