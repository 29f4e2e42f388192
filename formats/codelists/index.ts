/** EN 16931 code lists (values accepted by BR-CL-01 … BR-CL-26, artefacts 1.3.16). */
export { CODELIST_SOURCE } from './source.ts';
export { ISO4217 } from './iso4217.ts';
export { ISO3166_UBL, ISO3166_CII, VAT_PREFIX_UBL, VAT_PREFIX_CII } from './iso3166.ts';
export { UNCL1001_INVOICE, UNCL1001_CREDIT_NOTE, UNCL1001_CII } from './uncl1001.ts';
export { UNCL1153 } from './uncl1153.ts';
export { UNCL2005, UNCL2475 } from './uncl2005.ts';
export { UNCL4451_UBL, UNCL4451_CII } from './uncl4451.ts';
export { UNCL4461 } from './uncl4461.ts';
export { UNCL5189 } from './uncl5189.ts';
export { UNCL5305 } from './uncl5305.ts';
export { UNCL7143 } from './uncl7143.ts';
export { UNCL7161 } from './uncl7161.ts';
export { REC20_REC21 } from './rec20.ts';
export { ISO6523_ICD } from './iso6523.ts';
export { EAS } from './eas.ts';
export { VATEX } from './vatex.ts';
export { MIME_CODES } from './mime.ts';
