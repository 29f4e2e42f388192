// Which treasury endpoint a structure's flows travel through, and the routing they carry: its treasury account
// says the transport (the DGFiP gateway by default, PassTrans over FTPS or SFTP) and its P_DEST.
import { eq } from 'drizzle-orm';
import { treasuryAccounts } from '../../../db/schema/accounting.ts';
import { accountingSettings, type AccountingDeps, type TreasuryEndpoint } from '../settings.ts';
import { pMsgOf, type Routing } from '../transport/treasury-ftp.ts';

type Deps = Pick<AccountingDeps, 'db' | 'accounting'>;

/** Every configured endpoint once: the returns poller reads each one's returns folder. */
export function allTreasuries(deps: Pick<AccountingDeps, 'accounting'>): TreasuryEndpoint[] {
  const settings = accountingSettings(deps);
  const all = [settings.treasury, settings.passTrans?.ftps, settings.passTrans?.sftp].filter(
    (e): e is TreasuryEndpoint => e !== undefined,
  );
  return all.filter((e, i) => all.findIndex((o) => o.url === e.url) === i);
}

export async function treasuryOf(
  deps: Deps,
  flow: { structureId: string; codCol: string; idPost: string; codBud: string },
): Promise<{ endpoint: TreasuryEndpoint; routing: Routing }> {
  const [account] = await deps.db
    .select({ pDest: treasuryAccounts.pDest, transport: treasuryAccounts.transport })
    .from(treasuryAccounts)
    .where(eq(treasuryAccounts.structureId, flow.structureId));
  const settings = accountingSettings(deps);
  const transport = account?.transport ?? 'ftp';
  const endpoint = transport === 'ftp' ? settings.treasury : settings.passTrans?.[transport];
  if (!endpoint)
    throw new Error(
      transport === 'ftp'
        ? 'no treasury gateway configured (HELIOS_FTP_URL)'
        : `structure ${flow.structureId} sends over PassTrans ${transport}, which is not configured (HELIOS_PASSTRANS_${transport.toUpperCase()}_URL)`,
    );
  return {
    endpoint,
    routing: { pDest: account?.pDest ?? endpoint.pDest, pAppli: endpoint.pAppli, pMsg: pMsgOf(flow) },
  };
}
