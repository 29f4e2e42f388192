/**
 * Business terms of a document-level allowance (BG-20) or charge (BG-21), in the same order for both:
 * group, amount, base amount, percentage, VAT category code, VAT rate, reason, reason code.
 * Both syntax readers record locations under these ids.
 */
export const ALLOWANCE_TERMS = ['BG-20', 'BT-92', 'BT-93', 'BT-94', 'BT-95', 'BT-96', 'BT-97', 'BT-98'] as const;
export const CHARGE_TERMS = ['BG-21', 'BT-99', 'BT-100', 'BT-101', 'BT-102', 'BT-103', 'BT-104', 'BT-105'] as const;

export function allowanceChargeTerms(charge: boolean): typeof ALLOWANCE_TERMS | typeof CHARGE_TERMS {
  return charge ? CHARGE_TERMS : ALLOWANCE_TERMS;
}
