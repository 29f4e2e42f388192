/**
 * Value added tax point date code BT-8 (BR-CL-06).
 * UBL: restriction of UNTDID 2005 (3, 35, 432). CII: restriction of UNTDID 2475 (5, 29, 72).
 * Source: CEN/TC 434 artefacts 1.3.16.
 */
import { codes } from './source.ts';

export const UNCL2005: ReadonlySet<string> = codes('3 35 432');
export const UNCL2475: ReadonlySet<string> = codes('5 29 72');
