// Pushing a hub invoice to the real Chorus Pro, never twice: the intent is recorded before depositing, each
// attempt is counted before it starts, and an attempt that follows an unrecorded one first searches Chorus for
// the invoice (supplier + number) and records what it finds instead of depositing again.
import { ApplicationFailure } from '@temporalio/common';
import { and, eq } from 'drizzle-orm';
import { chorusPushes, type ChorusPushRow } from '../../../db/schema/chorus.ts';
import { getInvoiceDetail, getInvoiceOriginal, type InvoiceDetail } from '../../invoices/index.ts';
import type { SyntaxeFlux } from '../domain/api-contract.ts';
import { noteCredentialOutcome } from './credential-health.ts';
import { activityFailureOf, notConfigured } from './failures.ts';
import type { ChorusSyncDeps, ChorusSyncSettings } from './settings.ts';
import { syncReader } from './system-actor.ts';

const SYNTAXE_OF: Record<InvoiceDetail['syntax'], SyntaxeFlux> = {
  UBL: 'IN_DP_E1_UBL_INVOICE',
  CII: 'IN_DP_E1_CII_16B',
  FACTURX: 'IN_DP_E2_CII_FACTURX',
};

export interface PushOutcome {
  state: ChorusPushRow['state'];
  numeroFluxDepot: string | null;
  /** How the outcome was reached this time. */
  how: 'deposited' | 'reconciled' | 'already_done';
}

export async function pushInvoice(deps: ChorusSyncDeps, invoiceId: string): Promise<PushOutcome> {
  const settings = deps.chorusSync;
  if (!settings) throw notConfigured();
  const detail = await getInvoiceDetail(deps, syncReader, invoiceId);
  await deps.db.insert(chorusPushes).values({ invoiceId, state: 'intent' }).onConflictDoNothing();
  const row = await pushRow(deps, invoiceId);
  if (row.state !== 'intent') return { state: row.state, numeroFluxDepot: row.numeroFluxDepot, how: 'already_done' };

  try {
    if (row.attempts > 0) {
      const reconciled = await reconcile(deps, settings, detail);
      if (reconciled) return reconciled;
      if (deps.clock.now().getTime() - row.updatedAt.getTime() < settings.reconcileGraceMs) {
        throw ApplicationFailure.create({
          type: 'CHORUS_RECONCILING',
          message: `Un dépôt précédent de la facture ${detail.number} n’a pas été enregistré ; elle n’apparaît pas encore sur Chorus Pro : nouvelle recherche avant tout nouveau dépôt.`,
        });
      }
    }
    // Count the attempt before it starts; a concurrent attempt loses here.
    const claimed = await deps.db
      .update(chorusPushes)
      .set({ attempts: row.attempts + 1, updatedAt: deps.clock.now() })
      .where(
        and(
          eq(chorusPushes.invoiceId, invoiceId),
          eq(chorusPushes.state, 'intent'),
          eq(chorusPushes.attempts, row.attempts),
        ),
      )
      .returning({ attempts: chorusPushes.attempts });
    if (claimed.length === 0)
      throw ApplicationFailure.create({
        type: 'CHORUS_PUSH_BUSY',
        message: 'Un autre envoi de cette facture est en cours.',
      });

    const original = await getInvoiceOriginal(deps, syncReader, invoiceId);
    const deposit = await settings.client.deposerFlux(settings.depositAccount, {
      idUtilisateurCourant: 0,
      fichierFlux: Buffer.from(original.bytes).toString('base64'),
      nomFichier: original.fileName.slice(-200),
      syntaxeFlux: SYNTAXE_OF[detail.syntax],
      avecSignature: false,
    });
    await deps.db
      .update(chorusPushes)
      .set({
        state: 'deposited',
        numeroFluxDepot: deposit.numeroFluxDepot,
        lastError: null,
        updatedAt: deps.clock.now(),
      })
      .where(eq(chorusPushes.invoiceId, invoiceId));
    await noteCredentialOutcome(deps.db, settings.depositAccount.login, undefined, deps.clock.now());
    return { state: 'deposited', numeroFluxDepot: deposit.numeroFluxDepot, how: 'deposited' };
  } catch (error) {
    await noteCredentialOutcome(deps.db, settings.depositAccount.login, error, deps.clock.now());
    throw activityFailureOf(error);
  }
}

/** The invoice as Chorus already has it (same number, same year), recorded as deposited; undefined if absent. */
async function reconcile(
  deps: ChorusSyncDeps,
  settings: ChorusSyncSettings,
  detail: InvoiceDetail,
): Promise<PushOutcome | undefined> {
  const page = await settings.client.rechercherFactureParFournisseur(settings.depositAccount, {
    numeroFacture: detail.number,
    rechercheFactureParFournisseur: { nbResultatsParPage: 50, pageResultatDemandee: 1 },
  });
  const year = detail.issueDate.slice(0, 4);
  const found = page.listeFactures.find(
    (f) => f.numeroFacture === detail.number && (f.dateFacture ?? '').slice(0, 4) === year,
  );
  if (!found) return undefined;
  await deps.db
    .update(chorusPushes)
    .set({
      state: 'deposited',
      numeroFluxDepot: found.numeroFluxDepot,
      remoteInvoiceId: found.identifiantFactureCPP,
      remoteStatus: found.statut,
      updatedAt: deps.clock.now(),
    })
    .where(eq(chorusPushes.invoiceId, detail.id));
  return { state: 'deposited', numeroFluxDepot: found.numeroFluxDepot, how: 'reconciled' };
}

export async function pushRow(deps: ChorusSyncDeps, invoiceId: string): Promise<ChorusPushRow> {
  const [row] = await deps.db.select().from(chorusPushes).where(eq(chorusPushes.invoiceId, invoiceId));
  if (!row) throw new Error(`no chorus_pushes row for ${invoiceId}`);
  return row;
}
