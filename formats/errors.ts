/**
 * Errors raised while reading invoice documents.
 *
 * Every error carries a stable machine code and a French message meant for end users.
 * Other parts of `formats/` (PDF, Factur-X) extend this class with their own codes.
 */

/** Codes raised by the XML reader and the syntax dispatch. */
export type CoreFormatErrorCode =
  | 'EMPTY_INPUT'
  | 'XML_MALFORMED'
  | 'XML_DTD_FORBIDDEN'
  | 'XML_ENTITY_FORBIDDEN'
  | 'XML_TOO_LARGE'
  | 'XML_TOO_DEEP'
  | 'XML_ENCODING'
  | 'UNSUPPORTED_ROOT'
  | 'UNSUPPORTED_ZUGFERD1'
  | 'TOO_MANY_LINES';

/** Any code: the core ones, or codes added by subclasses (e.g. `PDF_*`). */
export type FormatErrorCode = CoreFormatErrorCode | (string & {});

export interface FormatErrorOptions {
  /** 1-based line of the defect in the XML source, when known. */
  line?: number;
  /** 1-based column of the defect in the XML source, when known. */
  column?: number;
  /** Underlying error, if any. */
  cause?: unknown;
}

export class FormatError extends Error {
  override readonly name: string = 'FormatError';
  readonly code: FormatErrorCode;
  readonly line: number | undefined;
  readonly column: number | undefined;

  constructor(code: FormatErrorCode, message: string, options: FormatErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.line = options.line;
    this.column = options.column;
  }
}

/** True when `e` is a FormatError, optionally with the given code. */
export function isFormatError(e: unknown, code?: FormatErrorCode): e is FormatError {
  return e instanceof FormatError && (code === undefined || e.code === code);
}
