// Errors specific to Factur-X / ZUGFeRD containers (the PDF-level ones live in ../pdf/errors.ts).
import { FormatError } from '../errors.ts';

export type FacturXErrorCode = 'PDF_NO_INVOICE' | 'UNSUPPORTED_ZUGFERD1';

export class FacturXError extends FormatError {
  override readonly name: string = 'FacturXError';
  declare readonly code: FacturXErrorCode;

  constructor(code: FacturXErrorCode, message: string) {
    super(code, message);
  }
}

export function noInvoiceAttachment(found: readonly string[]): FacturXError {
  const seen =
    found.length === 0
      ? 'Le PDF ne contient aucun fichier joint.'
      : `Fichiers joints trouvés : ${found.slice(0, 5).join(', ')}${found.length > 5 ? '…' : ''}.`;
  return new FacturXError(
    'PDF_NO_INVOICE',
    `Ce PDF n'est pas une facture Factur-X : aucun fichier factur-x.xml, zugferd-invoice.xml ou xrechnung.xml n'y est joint. ${seen}`,
  );
}

export function unsupportedZugferd1(): FacturXError {
  return new FacturXError(
    'UNSUPPORTED_ZUGFERD1',
    'Facture ZUGFeRD 1.0 (CrossIndustryDocument) non prise en charge : seules les factures Factur-X / ZUGFeRD 2 conformes à la norme EN 16931 sont acceptées.',
  );
}
