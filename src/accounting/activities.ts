// The activities of the accounting workflows: preparing (linking, embedding), signing, naming, sending, alarms,
// acknowledgements, and the returns poller.
import { prepareFlow } from './linking/prepare-flow.ts';
import { applyAcknowledgement } from './returns/apply-acknowledgement.ts';
import { pollTreasuryReturns } from './returns/poll-returns.ts';
import type { AccountingDeps } from './settings.ts';
import { signFlow } from './signing/sign-flow.ts';
import { failFlowTransmission, raiseFlowAlarm } from './transmission/alarms.ts';
import { whileHeartbeating } from './transmission/heartbeat.ts';
import { uploadFlow } from './transmission/upload-flow.ts';
import { allocateWireName } from './transmission/wire-name.ts';

export function createAccountingActivities(deps: AccountingDeps) {
  return {
    preparePesFlow: (flowId: string) => prepareFlow(deps, flowId),
    signPesFlow: (flowId: string, requested: boolean) => signFlow(deps, flowId, requested),
    allocatePesWireName: (flowId: string) => allocateWireName(deps.db, flowId, deps.clock.now()),
    uploadPesFlow: (flowId: string) => whileHeartbeating(() => uploadFlow(deps, flowId)),
    raisePesAlarm: (flowId: string) => raiseFlowAlarm(deps, flowId, 'no_acknowledgement'),
    failPesTransmission: (flowId: string, message: string) => failFlowTransmission(deps, flowId, message),
    applyPesAcknowledgement: (flowId: string, returnId: string) => applyAcknowledgement(deps, flowId, returnId),
    pollTreasuryReturns: () => pollTreasuryReturns(deps),
  };
}

export type AccountingActivities = ReturnType<typeof createAccountingActivities>;
