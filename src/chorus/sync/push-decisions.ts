// Decisions taken in the hub on invoices that came from Chorus Pro, sent back with traiter/recue, once per event.
import { and, eq, isNotNull } from 'drizzle-orm';
import { chorusDecisionPushes, chorusPulledInvoices } from '../../../db/schema/chorus.ts';
import { getInvoiceEvents } from '../../invoices/index.ts';
import { ChorusError } from '../client/index.ts';
import { connectionOf } from './connection.ts';
import { noteCredentialOutcome } from './credential-health.ts';
import { activityFailureOf, notConfigured } from './failures.ts';
import type { ChorusSyncDeps } from './settings.ts';
import { isSyncEvent, syncReader } from './system-actor.ts';

/** Statuses a recipient sets with traiter/recue. */
const PUSHED_STATUSES = new Set([
  'SERVICE_FAIT',
  'SUSPENDUE',
  'REJETEE',
  'A_RECYCLER',
  'MANDATEE',
  'MISE_A_DISPOSITION_COMPTABLE',
  'COMPTABILISEE',
  'MISE_EN_PAIEMENT',
]);

export async function pushDecisions(deps: ChorusSyncDeps, structureId: string): Promise<{ sent: number }> {
  const settings = deps.chorusSync;
  if (!settings) throw notConfigured();
  const connection = await connectionOf(deps.db, settings, structureId);
  const pulled = await deps.db
    .select({ invoiceId: chorusPulledInvoices.invoiceId, remoteInvoiceId: chorusPulledInvoices.remoteInvoiceId })
    .from(chorusPulledInvoices)
    .where(and(eq(chorusPulledInvoices.structureId, structureId), isNotNull(chorusPulledInvoices.invoiceId)));
  let sent = 0;
  try {
    for (const { invoiceId, remoteInvoiceId } of pulled) {
      if (!invoiceId) continue;
      const done = new Set(
        (
          await deps.db
            .select({ sequence: chorusDecisionPushes.eventSequence })
            .from(chorusDecisionPushes)
            .where(and(eq(chorusDecisionPushes.invoiceId, invoiceId), isNotNull(chorusDecisionPushes.sentAt)))
        ).map((r) => r.sequence),
      );
      const events = await getInvoiceEvents(deps, syncReader, invoiceId);
      for (const event of events) {
        // Statuses taken from Chorus are not sent back to it.
        if (done.has(event.sequence) || !PUSHED_STATUSES.has(event.toStatus) || isSyncEvent(event.actor)) continue;
        await deps.db
          .insert(chorusDecisionPushes)
          .values({ invoiceId, eventSequence: event.sequence, status: event.toStatus })
          .onConflictDoNothing();
        const data = (event.data ?? {}) as { mandateNumber?: string };
        try {
          await settings.client.traiterFactureRecue(connection.account, {
            idFacture: remoteInvoiceId,
            nouveauStatut: event.toStatus,
            ...(event.motive ? { motif: event.motive.slice(0, 255) } : {}),
            ...(data.mandateNumber ? { numeroDPMandat: data.mandateNumber } : {}),
            idUtilisateurCourant: 0,
          });
        } catch (error) {
          if (!(error instanceof ChorusError && error.kind === 'functional')) throw error;
          // Refused by Chorus (already set there, or out of order): recorded, not retried.
          await deps.db
            .update(chorusDecisionPushes)
            .set({ lastError: error.message, sentAt: deps.clock.now() })
            .where(
              and(
                eq(chorusDecisionPushes.invoiceId, invoiceId),
                eq(chorusDecisionPushes.eventSequence, event.sequence),
              ),
            );
          continue;
        }
        await deps.db
          .update(chorusDecisionPushes)
          .set({ sentAt: deps.clock.now(), lastError: null })
          .where(
            and(eq(chorusDecisionPushes.invoiceId, invoiceId), eq(chorusDecisionPushes.eventSequence, event.sequence)),
          );
        sent += 1;
      }
    }
    await noteCredentialOutcome(deps.db, connection.account.login, undefined, deps.clock.now());
    return { sent };
  } catch (error) {
    await noteCredentialOutcome(deps.db, connection.account.login, error, deps.clock.now());
    throw activityFailureOf(error);
  }
}
