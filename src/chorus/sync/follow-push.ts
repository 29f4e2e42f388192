// After the deposit: the flux report until final, then the invoice's status on Chorus Pro.
import { eq } from 'drizzle-orm';
import { chorusPushes } from '../../../db/schema/chorus.ts';
import { getInvoiceDetail } from '../../invoices/index.ts';
import { isFinalFluxState } from '../domain/api-contract.ts';
import { noteCredentialOutcome } from './credential-health.ts';
import { activityFailureOf, notConfigured } from './failures.ts';
import { pushRow } from './push-invoice.ts';
import type { ChorusSyncDeps } from './settings.ts';
import { syncReader } from './system-actor.ts';

export interface FluxPollOutcome {
  final: boolean;
  fluxState: string;
  state: 'deposited' | 'integrated' | 'rejected' | 'intent';
  remoteInvoiceId: number | null;
}

/** Statuses after which Chorus Pro changes nothing more for the supplier. */
export const REMOTE_TERMINAL_STATUSES = ['REJETEE', 'MISE_EN_PAIEMENT'];

export async function pollPushedFlux(deps: ChorusSyncDeps, invoiceId: string): Promise<FluxPollOutcome> {
  const settings = deps.chorusSync;
  if (!settings) throw notConfigured();
  const row = await pushRow(deps, invoiceId);
  if (row.state !== 'deposited' || !row.numeroFluxDepot) {
    return {
      final: row.state !== 'intent',
      fluxState: row.fluxState ?? '',
      state: row.state,
      remoteInvoiceId: row.remoteInvoiceId,
    };
  }
  try {
    const detail = await getInvoiceDetail(deps, syncReader, invoiceId);
    const cr = await settings.client.consulterCRDetaille(settings.depositAccount, row.numeroFluxDepot);
    const fluxState = cr.etatCourantDepotFlux;
    if (!isFinalFluxState(fluxState)) {
      await deps.db
        .update(chorusPushes)
        .set({ fluxState, updatedAt: deps.clock.now() })
        .where(eq(chorusPushes.invoiceId, invoiceId));
      return { final: false, fluxState, state: 'deposited', remoteInvoiceId: null };
    }
    const ownError = cr.listeErreurDP.find((e) => e.numeroDP === detail.number);
    const found =
      ownError ||
      fluxState === 'IN_REJETE' ||
      fluxState === 'IN_INCIDENTE' ||
      fluxState === 'IN_ERREUR_INTERNE' ||
      fluxState === 'IN_A_RELANCER'
        ? undefined
        : (
            await settings.client.rechercherFactureParFournisseur(settings.depositAccount, {
              numeroFluxDepot: row.numeroFluxDepot,
            })
          ).listeFactures.find((f) => f.numeroFacture === detail.number);
    const state = found ? 'integrated' : 'rejected';
    const lastError = found
      ? null
      : (ownError?.libelleErreurDP ??
        cr.listeErreurTechnique.map((e) => e.libelleErreur).join(' ; ') ??
        `Flux ${fluxState}`);
    await deps.db
      .update(chorusPushes)
      .set({
        fluxState,
        state,
        remoteInvoiceId: found?.identifiantFactureCPP ?? null,
        remoteStatus: found?.statut ?? null,
        lastError: lastError || `Flux ${fluxState}`,
        updatedAt: deps.clock.now(),
      })
      .where(eq(chorusPushes.invoiceId, invoiceId));
    await noteCredentialOutcome(deps.db, settings.depositAccount.login, undefined, deps.clock.now());
    return { final: true, fluxState, state, remoteInvoiceId: found?.identifiantFactureCPP ?? null };
  } catch (error) {
    await noteCredentialOutcome(deps.db, settings.depositAccount.login, error, deps.clock.now());
    throw activityFailureOf(error);
  }
}

/** The invoice's current status on Chorus Pro (consulterHistorique), recorded; `terminal` once nothing more will change. */
export async function followPushedStatus(
  deps: ChorusSyncDeps,
  invoiceId: string,
): Promise<{ status: string | null; terminal: boolean }> {
  const settings = deps.chorusSync;
  if (!settings) throw notConfigured();
  const row = await pushRow(deps, invoiceId);
  if (row.state !== 'integrated' || row.remoteInvoiceId === null) return { status: row.remoteStatus, terminal: true };
  try {
    const history = await settings.client.consulterHistorique(settings.depositAccount, row.remoteInvoiceId);
    await deps.db
      .update(chorusPushes)
      .set({ remoteStatus: history.statutCourantCode, updatedAt: deps.clock.now() })
      .where(eq(chorusPushes.invoiceId, invoiceId));
    return {
      status: history.statutCourantCode,
      terminal: REMOTE_TERMINAL_STATUSES.includes(history.statutCourantCode),
    };
  } catch (error) {
    await noteCredentialOutcome(deps.db, settings.depositAccount.login, error, deps.clock.now());
    throw activityFailureOf(error);
  }
}
