// Pulling a connected recipient's invoices from the real Chorus Pro: every page of rechercher/recipiendaire since
// the last watermark; new invoices are downloaded and deposited into the hub; statuses set outside the hub (the
// public accountant's, pushed by Hélios) are applied to the hub's lifecycle.
import { and, eq } from 'drizzle-orm';
import { chorusConnections, chorusPulledInvoices, chorusPushes } from '../../../db/schema/chorus.ts';
import { findStructureBySiret } from '../../directory/index.ts';
import { decideInvoice, depositInvoice, getInvoiceDetail } from '../../invoices/index.ts';
import { AppError } from '../../platform/errors.ts';
import type { FactureRecipiendaire } from '../domain/api-contract.ts';
import { chorusDate } from '../domain/dates.ts';
import { connectionOf, type Connection } from './connection.ts';
import { noteCredentialOutcome } from './credential-health.ts';
import { activityFailureOf, notConfigured } from './failures.ts';
import type { ChorusSyncDeps, ChorusSyncSettings } from './settings.ts';
import { syncActingAs, syncReader } from './system-actor.ts';

export const PULL_PAGE_SIZE = 100;
/** Statuses the public accountant sets outside the hub, which the hub takes from Chorus Pro. */
const ACCOUNTING_STATUSES = ['MISE_A_DISPOSITION_COMPTABLE', 'COMPTABILISEE', 'MISE_EN_PAIEMENT'] as const;

export interface PullOutcome {
  seen: number;
  imported: number;
  updated: number;
  failed: number;
}

export async function pullStructure(deps: ChorusSyncDeps, structureId: string): Promise<PullOutcome> {
  const settings = deps.chorusSync;
  if (!settings) throw notConfigured();
  const connection = await connectionOf(deps.db, settings, structureId);
  const outcome: PullOutcome = { seen: 0, imported: 0, updated: 0, failed: 0 };
  let watermark = connection.pulledUntil;
  try {
    for (let page = 1; ; page += 1) {
      const answer = await settings.client.rechercherFactureParRecipiendaire(connection.account, {
        typeDemandePaiement: 'FACTURE',
        idDestinataire: connection.remoteStructureId,
        paramRecherche: {
          nbResultatsParPage: settings.pullPageSize ?? PULL_PAGE_SIZE,
          pageResultatDemandee: page,
          triSens: 'Ascendant',
          triColonne: 'DateHeureEtatCourant',
        },
        ...(connection.pulledUntil ? { periodeDateHeureEtatCourantDu: connection.pulledUntil } : {}),
      });
      for (const remote of answer.listeFactures) {
        outcome.seen += 1;
        const result = await pullOne(deps, settings, connection, remote);
        outcome[result] += 1;
        if (remote.dateHeureEtatCourant && (watermark === null || remote.dateHeureEtatCourant > watermark))
          watermark = remote.dateHeureEtatCourant;
      }
      if (answer.pages <= page) break;
    }
    await deps.db
      .update(chorusConnections)
      .set({ pulledUntil: watermark })
      .where(eq(chorusConnections.structureId, structureId));
    await noteCredentialOutcome(deps.db, connection.account.login, undefined, deps.clock.now());
    return outcome;
  } catch (error) {
    await noteCredentialOutcome(deps.db, connection.account.login, error, deps.clock.now());
    throw activityFailureOf(error);
  }
}

async function pullOne(
  deps: ChorusSyncDeps,
  settings: ChorusSyncSettings,
  connection: Connection,
  remote: FactureRecipiendaire,
): Promise<'imported' | 'updated' | 'failed'> {
  const key = and(
    eq(chorusPulledInvoices.structureId, connection.structureId),
    eq(chorusPulledInvoices.remoteInvoiceId, remote.idFacture),
  );
  await deps.db
    .insert(chorusPulledInvoices)
    .values({
      structureId: connection.structureId,
      remoteInvoiceId: remote.idFacture,
      numeroFacture: remote.numeroFacture,
      remoteStatus: remote.statut,
      remoteChangedAt: remote.dateHeureEtatCourant,
    })
    .onConflictDoUpdate({
      target: [chorusPulledInvoices.structureId, chorusPulledInvoices.remoteInvoiceId],
      set: { remoteStatus: remote.statut, remoteChangedAt: remote.dateHeureEtatCourant, updatedAt: deps.clock.now() },
    });
  const [row] = await deps.db.select().from(chorusPulledInvoices).where(key);
  if (row?.invoiceId) {
    await applyAccountingStatus(deps, connection, row.invoiceId, remote.statut);
    return 'updated';
  }
  const error = await importInvoice(deps, settings, connection, remote);
  if (error) {
    await deps.db.update(chorusPulledInvoices).set({ lastError: error }).where(key);
    return 'failed';
  }
  return 'imported';
}

/**
 * An invoice the hub pushed itself is linked to its hub invoice; any other is downloaded and deposited in the hub
 * as its supplier would. A message when it cannot be.
 */
async function importInvoice(
  deps: ChorusSyncDeps,
  settings: ChorusSyncSettings,
  connection: Connection,
  remote: FactureRecipiendaire,
): Promise<string | undefined> {
  const [pushed] = await deps.db
    .select({ invoiceId: chorusPushes.invoiceId })
    .from(chorusPushes)
    .where(eq(chorusPushes.remoteInvoiceId, remote.idFacture));
  if (pushed) {
    await linkPulled(deps, connection, remote, pushed.invoiceId);
    return undefined;
  }
  const supplier = await findStructureBySiret(deps.db, remote.codeFournisseur);
  if (!supplier || supplier.kind !== 'supplier')
    return `Fournisseur ${remote.codeFournisseur} absent de l’annuaire du hub.`;
  const file = await settings.client.telechargerFacture(connection.account, remote.idFacture, 'PIVOT');
  const result = await depositInvoice({
    ctx: { deps: deps, actor: syncActingAs('supplier', supplier.id) },
    input: {
      supplierId: supplier.id,
      bytes: new Uint8Array(Buffer.from(file.fichierResultat, 'base64')),
      fileName: `${remote.numeroFacture}.xml`,
      channel: 'chorus_sync',
    },
  });
  if (result.outcome === 'refused') return result.message;
  await linkPulled(deps, connection, remote, result.invoiceId);
  return undefined;
}

async function linkPulled(
  deps: ChorusSyncDeps,
  connection: Connection,
  remote: FactureRecipiendaire,
  invoiceId: string,
): Promise<void> {
  await deps.db
    .update(chorusPulledInvoices)
    .set({ invoiceId, lastError: null })
    .where(
      and(
        eq(chorusPulledInvoices.structureId, connection.structureId),
        eq(chorusPulledInvoices.remoteInvoiceId, remote.idFacture),
      ),
    );
}

async function applyAccountingStatus(
  deps: ChorusSyncDeps,
  connection: Connection,
  invoiceId: string,
  remoteStatus: string,
): Promise<void> {
  const status = ACCOUNTING_STATUSES.find((s) => s === remoteStatus);
  if (!status) return;
  const local = await getInvoiceDetail(deps, syncReader, invoiceId);
  if (local.status === status) return;
  const action =
    status === 'MISE_EN_PAIEMENT' ? { kind: status, paymentDate: chorusDate(deps.clock.now()) } : { kind: status };
  try {
    await decideInvoice({
      ctx: { deps: deps, actor: syncActingAs('accountant', connection.structureId) },
      input: { invoiceId: invoiceId, action: action },
    });
  } catch (error) {
    // The hub's chain is ahead or elsewhere: keep it, the operator sees the remote status.
    if (!(error instanceof AppError && error.status === 409)) throw error;
  }
}
