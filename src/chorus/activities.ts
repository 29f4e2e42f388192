// Activities of the Chorus Pro sync workflows, built from the hub's dependencies. Without sync settings in the
// dependencies they are read from the environment; without either, each activity fails as not configured.
import type { AppDeps } from '../platform/http.ts';
import { chorusSyncSettingsFromEnv, type ChorusSyncSettings } from './sync/settings.ts';
import { activeConnections } from './sync/connection.ts';
import { followPushedStatus, pollPushedFlux } from './sync/follow-push.ts';
import { invoicesToPush } from './sync/pending-pushes.ts';
import { pullStructure } from './sync/pull-structure.ts';
import { pushDecisions } from './sync/push-decisions.ts';
import { pushInvoice } from './sync/push-invoice.ts';

export function createChorusActivities(base: AppDeps & { chorusSync?: ChorusSyncSettings | undefined }) {
  const deps = { ...base, chorusSync: base.chorusSync ?? chorusSyncSettingsFromEnv(process.env) };
  return {
    // Nothing to push or pull while the link to Chorus Pro is not configured.
    chorusInvoicesToPush: async () => (deps.chorusSync ? invoicesToPush(deps) : []),
    chorusPushInvoice: (invoiceId: string) => pushInvoice(deps, invoiceId),
    chorusPollPushedFlux: (invoiceId: string) => pollPushedFlux(deps, invoiceId),
    chorusFollowPushedStatus: (invoiceId: string) => followPushedStatus(deps, invoiceId),
    chorusConnectedStructures: async () => (deps.chorusSync ? activeConnections(deps.db) : []),
    chorusPullStructure: (structureId: string) => pullStructure(deps, structureId),
    chorusPushDecisions: (structureId: string) => pushDecisions(deps, structureId),
  };
}

export type ChorusActivities = ReturnType<typeof createChorusActivities>;
