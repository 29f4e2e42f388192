import { readInvoiceXml } from '../../read.ts';
import { validate } from '../index.ts';
import type { Profile, Violation } from '../types.ts';

/** Validates an XML string and returns the violations. */
export function check(xml: string, profile: Profile = 'en16931'): Violation[] {
  const r = readInvoiceXml(xml);
  return validate(
    { syntax: r.syntax, invoice: r.invoice, root: r.root, xmlSyntax: r.syntax, locations: r.locations },
    { profile },
  );
}

/** Sorted distinct ids of the fatal violations. */
export function fatalIds(xml: string, profile: Profile = 'en16931'): string[] {
  return [
    ...new Set(
      check(xml, profile)
        .filter((v) => v.severity === 'fatal')
        .map((v) => v.rule),
    ),
  ].sort();
}
