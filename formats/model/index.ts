export type * from './invoice.ts';
export { emptyInvoice, emptyLine } from './invoice.ts';
export { TERMS, termLabel } from './terms.ts';
export type { TermLabel } from './terms.ts';
export {
  Decimal,
  dec,
  tryDec,
  sum,
  isDecimal,
  fractionDigits,
  roundHalfUp,
  roundHalfCeil,
  toFixed,
  toPlain,
  decEquals,
} from './decimal.ts';
export { LocationRecorder, LazyLocations } from './locations.ts';
export type { Locations, SyntaxReadResult } from './locations.ts';
export { ALLOWANCE_TERMS, CHARGE_TERMS, allowanceChargeTerms } from './allowance-terms.ts';
