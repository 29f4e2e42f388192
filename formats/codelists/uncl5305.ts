/**
 * UNTDID 5305 duty/tax/fee category codes accepted for VAT categories (BR-CL-17, BR-CL-18).
 * Source: CEN/TC 434 artefacts 1.3.16.
 */
import { codes } from './source.ts';

export const UNCL5305: ReadonlySet<string> = codes('AE L M E S Z G O K B');
