/**
 * Chorus Pro conventions for invoices to public buyers, where no FNFE rule exists (ids CHORUS-xx).
 *
 * CHORUS-01: a SIREN or SIRET (schemes 0002 and 0009) must carry a valid key. Chorus Pro identifies
 *   structures by SIRET and has long accepted a 14-digit SIRET under scheme 0002, so 0002 accepts a
 *   SIREN (9 digits) or a SIRET (14 digits); 0009 a SIRET. SIRENs and SIRETs use the Luhn key, except
 *   La Poste's establishments (SIREN 356000000), whose SIRET digits add up to a multiple of 5.
 * CHORUS-02: the public buyer is routed by its SIRET, so the buyer must carry one (BT-46, BT-47 or
 *   BT-49 with scheme 0002 or 0009).
 */
import type { Identifier, Invoice } from '../../../model/invoice.ts';
import type { FrenchOut } from './french-out.ts';
import { isValidSiren, isValidSiret } from './identifiers.ts';

const DIGITS = /^\d+$/;

function keyValid(id: Identifier): boolean {
  const scheme = id.schemeId?.trim();
  const value = id.value.trim();
  if (!DIGITS.test(value)) return false;
  if (scheme === '0009') return isValidSiret(value);
  return value.length === 9 ? isValidSiren(value) : isValidSiret(value);
}

function isSirenScheme(id: Identifier | undefined): id is Identifier {
  const s = id?.schemeId?.trim();
  return s === '0002' || s === '0009';
}

export function checkChorus(inv: Invoice, o: FrenchOut): void {
  const ids: Array<[Identifier | undefined, string]> = [
    ...inv.seller.identifiers.map((id, i): [Identifier, string] => [id, `BT-29[${i + 1}]`]),
    [inv.seller.legalRegistrationId, 'BT-30'],
    [inv.seller.electronicAddress, 'BT-34'],
    [inv.buyer.identifier, 'BT-46'],
    [inv.buyer.legalRegistrationId, 'BT-47'],
    [inv.buyer.electronicAddress, 'BT-49'],
    [inv.payee?.identifier, 'BT-60'],
    [inv.payee?.legalRegistrationId, 'BT-61'],
  ];
  for (const [id, key] of ids) {
    if (!isSirenScheme(id)) continue;
    if (!keyValid(id)) {
      const kind =
        id.schemeId?.trim() === '0009' ? 'un SIRET (14 chiffres)' : 'un SIREN (9 chiffres) ou un SIRET (14 chiffres)';
      o.fatal('CHORUS-01', key, `« ${id.value} » n’est pas ${kind} avec une clé de contrôle valide.`);
    }
  }
  const buyerIds = [inv.buyer.identifier, inv.buyer.legalRegistrationId, inv.buyer.electronicAddress];
  if (!buyerIds.some((id) => isSirenScheme(id) && id.value.trim().length === 14)) {
    o.fatal(
      'CHORUS-02',
      'BT-47',
      'l’acheteur public doit être identifié par son SIRET (14 chiffres, schéma 0002 ou 0009, en BT-46, BT-47 ou BT-49).',
    );
  }
}
