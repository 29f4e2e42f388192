// The returns poller (a schedule, every 4 minutes at most): reads /sortie/, stores each new file, classifies it
// by root element and routes it — an acknowledgement to the workflow of its flow (signal, by NomFic), a
// PES_Retour to the structure owning its IdColl, acknowledged back with PES_ACQUIT_RETOUR and driving payments.
// A file is removed from the server only once recorded; the same file fetched twice is recorded once.
import { PassThrough, Readable } from 'node:stream';
import { and, desc, eq, lt, ne } from 'drizzle-orm';
import { pesFlows, pesReturns } from '../../../db/schema/accounting.ts';
import { parisDate } from '../../platform/calendar/index.ts';
import { acquitRetourName, acquitRetourXml } from '../domain/acquit-retour.ts';
import { pesAcknowledged } from '../domain/contract.ts';
import { paymentDateOf, type ReturnRead } from '../domain/return-reader.ts';
import { launchPesWorkflow } from '../deposit/launch.ts';
import { payLinkedInvoices } from '../linking/move-invoices.ts';
import { structureOfSiret } from '../queries/structure-sirets.ts';
import type { AccountingDeps, TreasuryEndpoint } from '../settings.ts';
import { downloadReturn, listReturns, removeReturn, uploadAcquitRetour } from '../transport/treasury-ftp.ts';
import { allTreasuries, treasuryOf } from '../transmission/treasury-of.ts';
import { applyAcknowledgement } from './apply-acknowledgement.ts';
import { readReturnStream } from './read-return.ts';

type PollDeps = Pick<AccountingDeps, 'db' | 'files' | 'temporal' | 'taskQueue' | 'accounting' | 'logger' | 'clock'>;
type ReturnRow = typeof pesReturns.$inferSelect;

export interface PollOutcome {
  listed: number;
  recorded: number;
  acknowledgements: number;
  retours: number;
  relayed: number;
}

export async function pollTreasuryReturns(deps: PollDeps): Promise<PollOutcome> {
  const outcome: PollOutcome = { listed: 0, recorded: 0, acknowledgements: 0, retours: 0, relayed: 0 };
  outcome.relayed = await relayPostedFlows(deps);
  if (!deps.files) return outcome;
  for (const treasury of allTreasuries(deps)) await pollOne(deps, treasury, outcome);
  return outcome;
}

/** One endpoint's returns folder (the gateway's, or a PassTrans one). */
async function pollOne(deps: PollDeps, treasury: TreasuryEndpoint, outcome: PollOutcome): Promise<void> {
  const listed = await listReturns(treasury);
  outcome.listed += listed.length;
  for (const remote of listed) {
    const { row, read, created } = await recordReturn(deps, treasury, remote.name);
    if (created) outcome.recorded += 1;
    if (read.kind === 'ACQUIT' || read.kind === 'NON_ACQUIT') {
      await routeAcknowledgement(deps, row, read);
      outcome.acknowledgements += 1;
    } else if (read.kind === 'RETOUR') {
      await handleRetour(deps, row, read);
      outcome.retours += 1;
    }
    await removeReturn(treasury, remote.name);
  }
}

async function recordReturn(
  deps: PollDeps,
  treasury: TreasuryEndpoint,
  name: string,
): Promise<{ row: ReturnRow; read: ReturnRead; created: boolean }> {
  const files = deps.files!;
  const [already] = await deps.db.select().from(pesReturns).where(eq(pesReturns.remoteName, name)).limit(1);
  if (already) return { row: already, read: await readStored(deps, already.fileId), created: false };
  const pass = new PassThrough();
  const put = files.put(pass, { kind: 'accounting_flow', mediaType: 'application/xml', fileName: name });
  try {
    await downloadReturn(treasury, name, pass);
  } finally {
    pass.end();
  }
  const stored = await put;
  const read = await readStored(deps, stored.id);
  const [inserted] = await deps.db
    .insert(pesReturns)
    .values({
      kind: read.kind,
      remoteName: name,
      sha256: stored.sha256,
      fileId: stored.id,
      nomFic: read.nomFic,
      idColl: read.idColl,
      summary: { pieces: read.pieces.length, elements: read.elements.length, errors: read.errors.length },
      ...(read.kind === 'INCONNU'
        ? { problem: 'Fichier non reconnu : ni PES_ACQUIT, ni PES_NonAcquit, ni PES_Retour.' }
        : {}),
    })
    .onConflictDoNothing()
    .returning();
  if (inserted) return { row: inserted, read, created: true };
  await files.delete(stored.id);
  const [existing] = await deps.db
    .select()
    .from(pesReturns)
    .where(and(eq(pesReturns.remoteName, name), eq(pesReturns.sha256, stored.sha256)));
  if (!existing) throw new Error(`return ${name} neither inserted nor found`);
  return { row: existing, read, created: false };
}

async function readStored(deps: PollDeps, fileId: string): Promise<ReturnRead> {
  const opened = await deps.files!.get(fileId);
  if (!opened) throw new Error(`stored return ${fileId} missing`);
  return readReturnStream(opened.stream);
}

async function routeAcknowledgement(deps: PollDeps, row: ReturnRow, read: ReturnRead): Promise<void> {
  let flowId = row.flowId;
  if (!flowId) {
    const structureId = read.idColl ? await structureOfSiret(deps.db, read.idColl) : undefined;
    const [flow] = await deps.db
      .select({ id: pesFlows.id, structureId: pesFlows.structureId })
      .from(pesFlows)
      .where(
        and(
          eq(pesFlows.nomFic, read.nomFic),
          ne(pesFlows.status, 'NON_CONFORME'),
          ...(structureId ? [eq(pesFlows.structureId, structureId)] : []),
        ),
      )
      .orderBy(desc(pesFlows.createdAt))
      .limit(1);
    if (!flow) {
      await deps.db
        .update(pesReturns)
        .set({ problem: `Aucun flux de NomFic « ${read.nomFic} » n'a été transmis par le hub.` })
        .where(eq(pesReturns.id, row.id));
      return;
    }
    flowId = flow.id;
    await deps.db.update(pesReturns).set({ flowId, structureId: flow.structureId }).where(eq(pesReturns.id, row.id));
  }
  const [flow] = await deps.db.select().from(pesFlows).where(eq(pesFlows.id, flowId));
  if (!flow || flow.ackReturnId) return;
  try {
    if (!deps.temporal) throw new Error('no Temporal client');
    await deps.temporal.workflow.getHandle(flow.workflowId).signal(pesAcknowledged, { returnId: row.id });
  } catch (error) {
    // The workflow is gone (ended, or never started): the acknowledgement is applied here, once.
    deps.logger.warn({ err: error, flowId }, 'acknowledgement applied without its workflow');
    await applyAcknowledgement(deps, flowId, row.id);
  }
}

async function handleRetour(deps: PollDeps, row: ReturnRow, read: ReturnRead): Promise<void> {
  const structureId = row.structureId ?? (read.idColl ? await structureOfSiret(deps.db, read.idColl) : undefined);
  if (!structureId) {
    await deps.db
      .update(pesReturns)
      .set({ problem: `PES_Retour non attribué : le SIRET « ${read.idColl} » n'appartient à aucune structure du hub.` })
      .where(eq(pesReturns.id, row.id));
    return;
  }
  if (!row.structureId) await deps.db.update(pesReturns).set({ structureId }).where(eq(pesReturns.id, row.id));
  if (!row.acknowledgedAt) {
    const name = acquitRetourName(row.remoteName);
    const xml = acquitRetourXml({
      nomFic: read.nomFic,
      remoteName: row.remoteName,
      idPost: read.idPost,
      idColl: read.idColl,
      codColl: read.codCol,
      codBud: read.codBud,
      day: parisDate(deps.clock.now()),
    });
    const { endpoint, routing } = await treasuryOf(deps, {
      structureId,
      codCol: read.codCol,
      idPost: read.idPost,
      codBud: read.codBud,
    });
    await uploadAcquitRetour(endpoint, name, routing, Readable.from([Buffer.from(xml, 'latin1')]));
    await deps.db
      .update(pesReturns)
      .set({ acknowledgedAt: new Date(), ackWireName: name })
      .where(eq(pesReturns.id, row.id));
  }
  let paid = 0;
  for (const piece of read.pieces) {
    const date = paymentDateOf(piece);
    if (date) paid += await payLinkedInvoices(deps, structureId, piece, date);
  }
  await deps.db
    .update(pesReturns)
    .set({
      summary: {
        pieces: read.pieces.length,
        paidPieces: read.pieces.filter((p) => paymentDateOf(p)).length,
        invoicesPaid: paid,
      },
    })
    .where(eq(pesReturns.id, row.id));
}

/** Flows recorded POSTE more than a minute ago whose workflow did not start at deposit. */
async function relayPostedFlows(deps: PollDeps): Promise<number> {
  if (!deps.temporal) return 0;
  const stale = await deps.db
    .select({ id: pesFlows.id, workflowId: pesFlows.workflowId })
    .from(pesFlows)
    .where(and(eq(pesFlows.status, 'POSTE'), lt(pesFlows.createdAt, new Date(deps.clock.now().getTime() - 60_000))))
    .limit(100);
  for (const flow of stale) await launchPesWorkflow(deps, flow.workflowId, flow.id);
  return stale.length;
}
