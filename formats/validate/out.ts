import { pathOf, type XmlElement } from '../xml/index.ts';
import type { AmountMismatch, Severity, Violation } from './types.ts';

/** Collects violations; the path is computed only for what is reported. */
export class Out {
  readonly violations: Violation[] = [];

  constructor(private readonly fallback: XmlElement) {}

  add(
    rule: string,
    severity: Severity,
    bt: string,
    el: XmlElement | undefined,
    message: string,
    attribute?: string,
  ): void {
    this.violations.push({ rule, severity, bt, path: pathOf(el ?? this.fallback, attribute), message });
  }

  fatal(rule: string, bt: string, el: XmlElement | undefined, message: string, attribute?: string): void {
    this.add(rule, 'fatal', bt, el, message, attribute);
  }

  /** A fatal finding of a calculation rule, with the amount found and the amount expected. */
  mismatch(rule: string, bt: string, el: XmlElement | undefined, message: string, amounts: AmountMismatch): void {
    this.violations.push({ rule, severity: 'fatal', bt, path: pathOf(el ?? this.fallback), message, amounts });
  }

  warning(rule: string, bt: string, el: XmlElement | undefined, message: string, attribute?: string): void {
    this.add(rule, 'warning', bt, el, message, attribute);
  }
}
