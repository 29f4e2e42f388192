/**
 * Per-category parameters of the VAT category rule families (BR-S, BR-Z, BR-E, BR-AE, BR-IC,
 * BR-G, BR-O, BR-AF for IGIC, BR-AG for IPSI), as the EN 16931 rules define them.
 */
export interface CategorySpec {
  /** UNCL 5305 code. */
  code: string;
  /** Rule id prefix, e.g. 'BR-S'. */
  prefix: string;
  /** French name of the category, for messages. */
  label: string;
  /** at least one breakdown ('some') or exactly one ('one'). */
  breakdown: 'some' | 'one';
  /** X-02 … X-04: what the seller side must carry. */
  seller: 'taxId' | 'vatId' | 'none';
  /** X-02 … X-04: what the buyer side must carry. */
  buyer: 'vatOrLegal' | 'vat' | 'none';
  /** X-02 … X-04 for O: no VAT identifier at all. */
  forbidsVatIds?: boolean;
  /** X-05 … X-07: the rate. CII overrides for IGIC. */
  rate: 'positive' | 'zero' | 'absent' | 'nonNegative';
  ciiRate?: 'positive' | 'zero' | 'absent' | 'nonNegative';
  /** per rate with a tolerance of one unit ('perRate') or a single exact sum ('sum'). */
  taxable: 'perRate' | 'sum';
  /** computed tax amount, or zero. */
  tax: 'computed' | 'zero';
  /** exemption reason forbidden or required. */
  exemption: 'forbidden' | 'required';
}

export const CATEGORIES: readonly CategorySpec[] = [
  {
    code: 'S',
    prefix: 'BR-S',
    label: 'taux normal',
    breakdown: 'some',
    seller: 'taxId',
    buyer: 'none',
    rate: 'positive',
    taxable: 'perRate',
    tax: 'computed',
    exemption: 'forbidden',
  },
  {
    code: 'Z',
    prefix: 'BR-Z',
    label: 'taux zéro',
    breakdown: 'one',
    seller: 'taxId',
    buyer: 'none',
    rate: 'zero',
    taxable: 'sum',
    tax: 'zero',
    exemption: 'forbidden',
  },
  {
    code: 'E',
    prefix: 'BR-E',
    label: 'exonéré de TVA',
    breakdown: 'one',
    seller: 'taxId',
    buyer: 'none',
    rate: 'zero',
    taxable: 'sum',
    tax: 'zero',
    exemption: 'required',
  },
  {
    code: 'AE',
    prefix: 'BR-AE',
    label: 'autoliquidation',
    breakdown: 'one',
    seller: 'taxId',
    buyer: 'vatOrLegal',
    rate: 'zero',
    taxable: 'sum',
    tax: 'zero',
    exemption: 'required',
  },
  {
    code: 'K',
    prefix: 'BR-IC',
    label: 'livraison intracommunautaire',
    breakdown: 'one',
    seller: 'vatId',
    buyer: 'vat',
    rate: 'zero',
    taxable: 'sum',
    tax: 'zero',
    exemption: 'required',
  },
  {
    code: 'G',
    prefix: 'BR-G',
    label: 'exportation hors de l’UE',
    breakdown: 'one',
    seller: 'vatId',
    buyer: 'none',
    rate: 'zero',
    taxable: 'sum',
    tax: 'zero',
    exemption: 'required',
  },
  {
    code: 'O',
    prefix: 'BR-O',
    label: 'non soumis à la TVA',
    breakdown: 'one',
    seller: 'none',
    buyer: 'none',
    forbidsVatIds: true,
    rate: 'absent',
    taxable: 'sum',
    tax: 'zero',
    exemption: 'required',
  },
  {
    code: 'L',
    prefix: 'BR-AF',
    label: 'IGIC (Canaries)',
    breakdown: 'some',
    seller: 'taxId',
    buyer: 'none',
    rate: 'nonNegative',
    ciiRate: 'positive',
    taxable: 'perRate',
    tax: 'computed',
    exemption: 'forbidden',
  },
  {
    code: 'M',
    prefix: 'BR-AG',
    label: 'IPSI (Ceuta et Melilla)',
    breakdown: 'some',
    seller: 'taxId',
    buyer: 'none',
    rate: 'nonNegative',
    taxable: 'perRate',
    tax: 'computed',
    exemption: 'forbidden',
  },
];
