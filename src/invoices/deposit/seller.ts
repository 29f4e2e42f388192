// The seller named in the invoice must be the supplier that deposits it.
import type { Invoice } from '../../../formats/index.ts';
import { compactIdentifier, frenchVatNumber, type StructureDetail } from '../../directory/index.ts';

export type SellerCheck = { ok: true } | { ok: false; message: string };

/**
 * Compares the seller identifiers of the invoice (BT-29, BT-30, BT-31) with the supplier's SIREN and VAT number.
 * At least one must match and none may contradict: a SIRET must start with the SIREN, a SIREN equal it,
 * a VAT number equal the supplier's.
 */
export function checkSeller(
  invoice: Omit<Invoice, 'lines'>,
  supplier: Pick<StructureDetail, 'name' | 'siren' | 'vatNumber'>,
): SellerCheck {
  const seller = invoice.seller;
  const ids = [...seller.identifiers, ...(seller.legalRegistrationId ? [seller.legalRegistrationId] : [])].map((i) =>
    compactIdentifier(i.value).toUpperCase(),
  );
  const vat = seller.vatId ? compactIdentifier(seller.vatId).toUpperCase() : null;
  const supplierVat =
    (supplier.vatNumber ?? (supplier.siren ? frenchVatNumber(supplier.siren) : null))?.toUpperCase() ?? null;

  let matches = 0;
  let contradicts = false;
  for (const id of ids) {
    if (/^[0-9]{14}$/.test(id) || /^[0-9]{9}$/.test(id)) {
      if (supplier.siren !== null && id.startsWith(supplier.siren)) matches++;
      else contradicts = true;
    } else if (supplierVat !== null && id === supplierVat) {
      matches++;
    }
  }
  if (vat !== null && supplierVat !== null) {
    if (vat === supplierVat) matches++;
    else contradicts = true;
  }
  if (matches > 0 && !contradicts) return { ok: true };

  const shown = [...ids, ...(vat ? [vat] : [])];
  const named = seller.name ? `"${seller.name}"` : 'sans nom';
  const identifiers =
    shown.length > 0 ? `identifiants ${shown.join(', ')}` : 'aucun identifiant (SIRET, SIREN ou numéro de TVA)';
  const expected = [supplier.siren ? `SIREN ${supplier.siren}` : null, supplierVat ? `TVA ${supplierVat}` : null]
    .filter(Boolean)
    .join(', ');
  return {
    ok: false,
    message: `Le vendeur de la facture (BT-27 ${named}, ${identifiers}) n’est pas le fournisseur déposant ${supplier.name} (${expected}) : déposez la facture depuis le compte du vendeur.`,
  };
}
