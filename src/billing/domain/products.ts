// The product every member is billed by default: the statutory contribution, outside the scope of VAT.
import type { VatRegime } from './vat.ts';

export const DEFAULT_PRODUCT_CODE = 'COTISATION';

export const DEFAULT_PRODUCTS: readonly { code: string; label: string; vatRegime: VatRegime }[] = [
  { code: DEFAULT_PRODUCT_CODE, label: 'Contribution statutaire des membres', vatRegime: 'HORS_CHAMP' },
  { code: 'SERVICE_TVA', label: 'Service mutualisé facturé aux membres', vatRegime: 'TVA_20' },
];
