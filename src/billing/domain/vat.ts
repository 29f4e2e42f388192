// VAT regimes of what the syndicat invoices (research note tenders-and-billing §8.3). The statutory contribution is
// outside the scope of VAT; a service billed at cost to members would be taxable. One regime per invoice, always.
// db/schema/billing.ts repeats the list for its enum; vat.test.ts keeps the two equal.

export const VAT_REGIMES = ['HORS_CHAMP', 'TVA_20'] as const;
export type VatRegime = (typeof VAT_REGIMES)[number];

export interface VatTreatment {
  /** EN 16931 VAT category (BT-151, BT-118). */
  category: 'O' | 'S';
  /** BT-152 / BT-119; absent for category O (BR-O-05). */
  rate: string | null;
  /** BT-121 and BT-120, required for category O (BR-O-10). */
  exemptionReasonCode: string | null;
  exemptionReason: string | null;
}

export const VAT_TREATMENTS: Record<VatRegime, VatTreatment> = {
  HORS_CHAMP: {
    category: 'O',
    rate: null,
    exemptionReasonCode: 'VATEX-EU-O',
    exemptionReason: 'Contribution statutaire hors du champ d’application de la TVA (CGI art. 256 B)',
  },
  TVA_20: { category: 'S', rate: '20', exemptionReasonCode: null, exemptionReason: null },
};

export const VAT_REGIME_LABELS: Record<VatRegime, string> = {
  HORS_CHAMP: 'Hors champ de la TVA',
  TVA_20: 'TVA 20 %',
};

export const isVatRegime = (value: string): value is VatRegime => (VAT_REGIMES as readonly string[]).includes(value);
