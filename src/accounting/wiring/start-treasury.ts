// The treasury the hub talks to, built at start: the DGFiP gateway of HELIOS_FTP_URL when set (PassTrans as
// configured), otherwise the demo treasury started in this process: it knows every poste and budget, acknowledges
// within seconds, writes a PES_Retour paying the accepted mandates a little later, and asks for a poll of the
// returns each time it writes one (the schedule reads them only every 4 minutes).
import type { Client } from '@temporalio/client';
import { FakeTreasury } from '../../demo-treasury/index.ts';
import type { Logger } from '../../platform/logging.ts';
import { RETURNS_POLL_SCHEDULE_ID } from '../schedules.ts';
import { accountingSettingsFromEnv, treasuryFromEnv, type AccountingSettings } from '../settings.ts';

export const DEMO_TREASURY_ACK_DELAY_MS = 2_000;
export const DEMO_TREASURY_RETOUR_DELAY_MS = 10_000;

export interface StartedTreasury {
  accounting: Partial<AccountingSettings>;
  /** The demo treasury's FTP address (without its password) when it runs in this process. */
  demoTreasuryUrl: string | undefined;
  close(): Promise<void>;
}

export async function startTreasuryRuntime(
  env: Record<string, string | undefined>,
  options: { onReturnWritten: () => void },
): Promise<StartedTreasury> {
  const configured = accountingSettingsFromEnv(env);
  if (configured.treasury) return { accounting: configured, demoTreasuryUrl: undefined, close: async () => {} };
  const demo = await FakeTreasury.start({
    ackDelayMs: DEMO_TREASURY_ACK_DELAY_MS,
    autoRetourAfterMs: DEMO_TREASURY_RETOUR_DELAY_MS,
    onReturnWritten: options.onReturnWritten,
  });
  const url = new URL(demo.url);
  url.password = '';
  return {
    // The gateway's folders and routing defaults, as for a configured one.
    accounting: { ...configured, treasury: treasuryFromEnv({ ...env, HELIOS_FTP_URL: demo.url }) },
    demoTreasuryUrl: url.toString(),
    close: () => demo.stop(),
  };
}

/** Runs the returns poll now (a run already going takes this one after it), not waiting for its schedule. */
export function triggerReturnsPoll(client: Client, logger: Logger): void {
  client.schedule
    .getHandle(RETURNS_POLL_SCHEDULE_ID)
    .trigger('BUFFER_ONE')
    .catch((error: unknown) => logger.warn({ err: error }, 'returns poll not triggered'));
}
