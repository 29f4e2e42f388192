// Where the routing references sit in an EN 16931 invoice, in French public-sector (Chorus Pro) practice.
import type { Identifier, Invoice } from '../../../formats/index.ts';
import { compactIdentifier } from '../../directory/index.ts';

export interface InvoiceReferences {
  /** SIRET of the recipient (Chorus `codeDestinataire`), or null when the invoice carries none. */
  buyerSiret: string | null;
  /** The business term the SIRET was read from. */
  buyerSiretSource: 'BT-47' | 'BT-46' | 'BT-49' | null;
  /** A 9-digit SIREN given instead of a SIRET (BT-47, scheme 0002), to explain a refusal. */
  buyerSiren: string | null;
  serviceCode: string | null;
  engagementNumber: string | null;
}

const SIRET = /^[0-9]{14}$/;
const SIREN = /^[0-9]{9}$/;
/** ICD 0009: SIRET; 0002: SIRENE (Chorus Pro habitually puts a 14-digit SIRET under it). */
const SIRET_SCHEMES = new Set(['0009', '0002']);

function siretFrom(id: Identifier | undefined, schemes: ReadonlySet<string>): string | null {
  if (!id) return null;
  const value = compactIdentifier(id.value);
  if (!SIRET.test(value)) return null;
  return id.schemeId === undefined || schemes.has(id.schemeId) ? value : null;
}

/** Electronic address (BT-49): a SIRET under scheme 0009, or a 2026 address `SIREN_SIRET[_CODEROUTAGE]` under 0225. */
function siretFromAddress(id: Identifier | undefined): string | null {
  if (!id) return null;
  const value = compactIdentifier(id.value);
  if (id.schemeId === '0009') return SIRET.test(value) ? value : null;
  if (id.schemeId === '0225') {
    const [siren, siret] = value.split('_');
    return siren && siret && SIREN.test(siren) && SIRET.test(siret) && siret.startsWith(siren) ? siret : null;
  }
  return null;
}

/**
 * The references that route the invoice. The buyer SIRET is looked for, in order, in:
 * BT-47 buyer legal registration identifier (scheme 0009, or 0002 holding 14 digits: the Chorus Pro practice
 * for Factur-X/CII and UBL), BT-46 buyer identifier (scheme 0009: where the 2026 model keeps the SIRET while
 * BT-47 carries the SIREN), then BT-49 buyer electronic address (0009, or 0225 `SIREN_SIRET`).
 * BT-10 buyer reference is the service code; BT-13 purchase order reference is the engagement number.
 */
export function routingReferencesOf(invoice: Omit<Invoice, 'lines'>): InvoiceReferences {
  const buyer = invoice.buyer;
  const fromLegal = siretFrom(buyer.legalRegistrationId, SIRET_SCHEMES);
  const fromIdentifier = fromLegal ? null : siretFrom(buyer.identifier, new Set(['0009']));
  const fromAddress = fromLegal || fromIdentifier ? null : siretFromAddress(buyer.electronicAddress);
  const legal = buyer.legalRegistrationId ? compactIdentifier(buyer.legalRegistrationId.value) : '';
  return {
    buyerSiret: fromLegal ?? fromIdentifier ?? fromAddress,
    buyerSiretSource: fromLegal ? 'BT-47' : fromIdentifier ? 'BT-46' : fromAddress ? 'BT-49' : null,
    buyerSiren: SIREN.test(legal) ? legal : null,
    serviceCode: invoice.buyerReference?.trim() || null,
    engagementNumber: invoice.purchaseOrderReference?.trim() || null,
  };
}
