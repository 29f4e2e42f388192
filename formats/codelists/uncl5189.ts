/**
 * UNTDID 5189 allowance reason codes (BR-CL-19).
 * Source: CEN/TC 434 artefacts 1.3.16.
 */
import { codes } from './source.ts';

export const UNCL5189: ReadonlySet<string> = codes('41 42 60 62 63 64 65 66 67 68 70 71 88 95 100 102 103 104 105');
