/**
 * ISO 3166-1 alpha-2 country codes, with the extensions 1A (Kosovo) and XI (Northern Ireland)
 * (BR-CL-14, BR-CL-15), and the VAT identifier prefixes of BR-CO-09 (the same list plus EL).
 * Source: CEN/TC 434 artefacts 1.3.16. The UBL binding accepts SS and not AN; the CII binding
 * accepts AN and not SS; both sets are kept as published.
 */
import { codes } from './source.ts';

const COMMON = `
1A AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS
BT BV BW BY BZ CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE EG
EH ER ES ET FI FJ FK FM FO FR GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM HN HR
HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO JP KE KG KH KI KM KN KP KR KW KY KZ LA LB LC LI LK LR
LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR MS MT MU MV MW MX MY MZ NA NC NE NF NG
NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW PY QA RE RO RS RU RW SA SB SC SD SE
SG SH SI SJ SK SL SM SN SO SR ST SV SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO TR TT TV TW TZ UA UG
UM US UY UZ VA VC VE VG VI VN VU WF WS XI YE YT ZA ZM ZW`;

/** Country codes accepted by the UBL binding. */
export const ISO3166_UBL: ReadonlySet<string> = codes(`${COMMON} SS`);
/** Country codes accepted by the CII binding. */
export const ISO3166_CII: ReadonlySet<string> = codes(`${COMMON} AN`);
/** VAT identifier prefixes (BR-CO-09), UBL binding. */
export const VAT_PREFIX_UBL: ReadonlySet<string> = codes(`${COMMON} SS EL`);
/** VAT identifier prefixes (BR-CO-09), CII binding. */
export const VAT_PREFIX_CII: ReadonlySet<string> = codes(`${COMMON} AN EL`);
