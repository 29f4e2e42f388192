// Errors raised while reading a PDF container.
import { FormatError, type FormatErrorOptions } from '../errors.ts';

export type PdfErrorCode = 'PDF_MALFORMED' | 'PDF_ENCRYPTED' | 'PDF_TOO_LARGE';

export class PdfError extends FormatError {
  override readonly name: string = 'PdfError';
  declare readonly code: PdfErrorCode;

  constructor(code: PdfErrorCode, message: string, options: FormatErrorOptions = {}) {
    super(code, message, options);
  }
}

export function pdfMalformed(detail: string, cause?: unknown): PdfError {
  return new PdfError('PDF_MALFORMED', `Le fichier PDF est illisible ou endommagé : ${detail}.`, { cause });
}

export function pdfEncrypted(): PdfError {
  return new PdfError(
    'PDF_ENCRYPTED',
    'Le fichier PDF est chiffré ou protégé par mot de passe : une facture Factur-X doit être déposée sans chiffrement.',
  );
}

export function pdfTooLarge(what: string, limitBytes: number): PdfError {
  return new PdfError('PDF_TOO_LARGE', `${what} dépasse la taille maximale autorisée (${formatMiB(limitBytes)}).`);
}

function formatMiB(bytes: number): string {
  const mib = bytes / (1024 * 1024);
  return mib >= 1 ? `${Number.isInteger(mib) ? mib : mib.toFixed(1).replace('.', ',')} Mio` : `${bytes} octets`;
}
