// Settings of the billing module: where the titles are taken in charge in Hélios, the reminders' timing. Read
// from the environment (BILLING_PES_ID_POST, BILLING_PES_COD_COL, BILLING_PES_COD_BUD, BILLING_ACCOUNT,
// BILLING_REMINDER_DAYS_BEFORE, BILLING_REMINDER_DAYS_AFTER); tests pass them in the dependencies.
import type { AppDeps } from '../platform/http.ts';

export interface BillingSettings {
  /** Codique of the syndicat's poste comptable (IdPost). */
  pesIdPost: string;
  /** Budget codes of the syndicat in Hélios (CodCol, CodBud). */
  pesCodCol: string;
  pesCodBud: string;
  /** Budget account the contributions are credited to (Nature of the title lines, M57 74758). */
  account: string;
  /** Reminders: days before the due date, then days after it. */
  reminderDaysBefore: number[];
  reminderDaysAfter: number[];
}

export const DEFAULT_BILLING_SETTINGS: BillingSettings = {
  pesIdPost: '035000',
  pesCodCol: '001',
  pesCodBud: '01',
  account: '74758',
  reminderDaysBefore: [7],
  reminderDaysAfter: [1, 15],
};

export type BillingDeps = AppDeps & { billing?: Partial<BillingSettings> };

export function billingSettings(deps: Pick<BillingDeps, 'billing'>): BillingSettings {
  return { ...DEFAULT_BILLING_SETTINGS, ...deps.billing };
}

const DAYS = /^\d{1,3}(,\d{1,3})*$/;

/** The settings a deployment gives by environment; a malformed value stops the start with its name. */
export function billingSettingsFromEnv(env: NodeJS.ProcessEnv): Partial<BillingSettings> {
  const out: Partial<BillingSettings> = {};
  const text = (name: string, pattern: RegExp): string | undefined => {
    const value = env[name];
    if (value === undefined || value === '') return undefined;
    if (!pattern.test(value)) throw new Error(`${name}: valeur invalide « ${value} »`);
    return value;
  };
  const idPost = text('BILLING_PES_ID_POST', /^[0-9A-Z]{6,7}$/);
  if (idPost) out.pesIdPost = idPost;
  const codCol = text('BILLING_PES_COD_COL', /^[0-9A-Z]{3}$/);
  if (codCol) out.pesCodCol = codCol;
  const codBud = text('BILLING_PES_COD_BUD', /^[0-9A-Z]{2}$/);
  if (codBud) out.pesCodBud = codBud;
  const account = text('BILLING_ACCOUNT', /^[0-9]{2,10}$/);
  if (account) out.account = account;
  const before = text('BILLING_REMINDER_DAYS_BEFORE', DAYS);
  if (before) out.reminderDaysBefore = before.split(',').map(Number);
  const after = text('BILLING_REMINDER_DAYS_AFTER', DAYS);
  if (after) out.reminderDaysAfter = after.split(',').map(Number);
  return out;
}
