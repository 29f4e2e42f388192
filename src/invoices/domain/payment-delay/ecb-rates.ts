// The European Central Bank's main refinancing operations rate, as data: each change with the date it took effect.
// Source: ECB, "Key ECB interest rates", column "Main refinancing operations — fixed rate tenders / fixed rate",
// https://www.ecb.europa.eu/stats/policy_and_exchange_rates/key_ecb_interest_rates/html/index.en.html
// The dates are those from which the new rate applies ("with effect from"). Add a line when the ECB changes the rate.

export interface EcbRateChange {
  /** First day (YYYY-MM-DD) the rate applies. */
  from: string;
  /** Rate in percent per year, as a decimal string. */
  ratePercent: string;
}

export const ECB_RATE_SOURCE =
  'BCE, taux des opérations principales de refinancement — https://www.ecb.europa.eu/stats/policy_and_exchange_rates/key_ecb_interest_rates/html/index.en.html';

/** Last date up to which the table was checked against the source: later lookups reuse the last known rate. */
export const ECB_RATES_CHECKED_THROUGH = '2025-10-30';

export const ECB_MAIN_REFINANCING_RATES: readonly EcbRateChange[] = [
  { from: '2012-07-11', ratePercent: '0.75' },
  { from: '2013-05-08', ratePercent: '0.50' },
  { from: '2013-11-13', ratePercent: '0.25' },
  { from: '2014-06-11', ratePercent: '0.15' },
  { from: '2014-09-10', ratePercent: '0.05' },
  { from: '2016-03-16', ratePercent: '0.00' },
  { from: '2022-07-27', ratePercent: '0.50' },
  { from: '2022-09-14', ratePercent: '1.25' },
  { from: '2022-11-02', ratePercent: '2.00' },
  { from: '2022-12-21', ratePercent: '2.50' },
  { from: '2023-02-08', ratePercent: '3.00' },
  { from: '2023-03-22', ratePercent: '3.50' },
  { from: '2023-05-10', ratePercent: '3.75' },
  { from: '2023-06-21', ratePercent: '4.00' },
  { from: '2023-08-02', ratePercent: '4.25' },
  { from: '2023-09-20', ratePercent: '4.50' },
  { from: '2024-06-12', ratePercent: '4.25' },
  { from: '2024-09-18', ratePercent: '3.65' },
  { from: '2024-10-23', ratePercent: '3.40' },
  { from: '2024-12-18', ratePercent: '3.15' },
  { from: '2025-02-05', ratePercent: '2.90' },
  { from: '2025-03-12', ratePercent: '2.65' },
  { from: '2025-04-23', ratePercent: '2.40' },
  { from: '2025-06-11', ratePercent: '2.15' },
];

/** The rate in force on `date` (YYYY-MM-DD). Throws before the first line of the table. */
export function ecbRateOn(date: string, table: readonly EcbRateChange[] = ECB_MAIN_REFINANCING_RATES): string {
  let rate: string | undefined;
  for (const change of table) {
    if (change.from <= date) rate = change.ratePercent;
    else break;
  }
  if (rate === undefined)
    throw new RangeError(`Taux de la BCE inconnu au ${date} : la table commence le ${table[0]?.from ?? '?'}.`);
  return rate;
}
