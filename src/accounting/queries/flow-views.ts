// What the JSON and S²LOW APIs read of the flows: who may see a flow (its structure's accountants and agents, the
// operators), its detail with the issues at their place, the acknowledgement and the invoices it pays, the list,
// and the treasury's files (acquit, PES_Retour) as streams. Not visible and not found give the same 404.
import { and, desc, eq, inArray, isNull, lt, type SQL } from 'drizzle-orm';
import { pesFlows, pesInvoiceLinks, pesReturns } from '../../../db/schema/accounting.ts';
import { invoices } from '../../../db/schema/invoices.ts';
import { isOperator, requireActorPresent, type Actor } from '../../platform/auth/index.ts';
import { AppError } from '../../platform/errors.ts';
import type { OpenedFile } from '../../platform/files/index.ts';
import { depositingStructures } from '../deposit/deposit-pes.ts';
import type { CheckIssue } from '../domain/check-issue.ts';
import { PES_FLOW_STATUS_LABELS, S2LOW_STATUS, type PesFlowStatus } from '../domain/statuses.ts';
import type { AccountingDeps } from '../settings.ts';
import type { FlowRow } from '../transmission/flow-row.ts';

type ViewDeps = Pick<AccountingDeps, 'db' | 'files'>;

export const flowNotFound = (): AppError => new AppError('NOT_FOUND', 'Flux comptable introuvable.', 404);
export const returnNotFound = (): AppError => new AppError('NOT_FOUND', 'Retour du comptable introuvable.', 404);

/** Null when the actor sees every structure (operator). */
function visibleStructures(actor: Actor): string[] | null {
  return isOperator(actor) ? null : depositingStructures(actor);
}

const visibleTo = (actor: Actor, structureId: string): boolean => {
  const mine = visibleStructures(actor);
  return mine === null || mine.includes(structureId);
};

export async function findVisibleFlow(
  deps: ViewDeps,
  actor: Actor | undefined,
  by: { id: string } | { transactionNumber: number },
): Promise<FlowRow> {
  const present = requireActorPresent(actor);
  const where =
    'id' in by
      ? /^[0-9a-f-]{36}$/i.test(by.id)
        ? eq(pesFlows.id, by.id)
        : undefined
      : Number.isSafeInteger(by.transactionNumber)
        ? eq(pesFlows.transactionNumber, by.transactionNumber)
        : undefined;
  if (!where) throw flowNotFound();
  const [row] = await deps.db.select().from(pesFlows).where(where);
  if (!row || !visibleTo(present, row.structureId)) throw flowNotFound();
  return row;
}

export interface FlowView {
  id: string;
  transactionNumber: number;
  nomFic: string;
  status: PesFlowStatus;
  statusLabel: string;
  s2lowStatus: number;
  structureId: string;
  channel: string;
  wireName: string | null;
  createdAt: string;
  transmittedAt: string | null;
  acknowledgedAt: string | null;
  alarm: boolean;
}

export interface FlowDetail extends FlowView {
  idColl: string;
  idPost: string;
  codCol: string;
  codBud: string;
  issues: CheckIssue[];
  unmatched: unknown[];
  acknowledgement: { kind: string; remoteName: string; receivedAt: string; download: string } | null;
  invoices: {
    invoiceId: string;
    number: string;
    supplierName: string;
    invoiceStatus: string;
    exer: string;
    idBord: string;
    idPce: string;
    idLigne: string;
    embedded: boolean;
    mandatedAt: string | null;
    paidOn: string | null;
    note: string | null;
  }[];
}

const iso = (d: Date | null): string | null => (d ? d.toISOString() : null);

/** The S²LOW status of a flow; an acknowledged state without its acquit reads as TRANSMIS (ApiHeliosStatusResolver). */
export function s2lowStatusOf(row: Pick<FlowRow, 'status' | 'ackReturnId'>): number {
  const acknowledged = row.status === 'ACQUITTE' || row.status === 'REFUSE' || row.status === 'INFORMATION_DISPONIBLE';
  return acknowledged && !row.ackReturnId ? S2LOW_STATUS.TRANSMIS : S2LOW_STATUS[row.status];
}

export function flowView(row: FlowRow): FlowView {
  return {
    id: row.id,
    transactionNumber: row.transactionNumber,
    nomFic: row.nomFic,
    status: row.status,
    statusLabel: PES_FLOW_STATUS_LABELS[row.status],
    s2lowStatus: s2lowStatusOf(row),
    structureId: row.structureId,
    channel: row.channel,
    wireName: row.wireName,
    createdAt: row.createdAt.toISOString(),
    transmittedAt: iso(row.transmittedAt),
    acknowledgedAt: iso(row.acknowledgedAt),
    alarm: row.alarmRaisedAt !== null,
  };
}

export async function getFlowDetail(deps: ViewDeps, actor: Actor | undefined, id: string): Promise<FlowDetail> {
  const row = await findVisibleFlow(deps, actor, { id });
  const links = await deps.db
    .select({
      invoiceId: pesInvoiceLinks.invoiceId,
      number: invoices.number,
      supplierName: invoices.supplierName,
      invoiceStatus: invoices.status,
      exer: pesInvoiceLinks.exer,
      idBord: pesInvoiceLinks.idBord,
      idPce: pesInvoiceLinks.idPce,
      idLigne: pesInvoiceLinks.idLigne,
      embedded: pesInvoiceLinks.embedded,
      mandatedAt: pesInvoiceLinks.mandatedAt,
      paidOn: pesInvoiceLinks.paidOn,
      note: pesInvoiceLinks.note,
    })
    .from(pesInvoiceLinks)
    .innerJoin(invoices, eq(invoices.id, pesInvoiceLinks.invoiceId))
    .where(eq(pesInvoiceLinks.flowId, row.id))
    .orderBy(pesInvoiceLinks.idBord, pesInvoiceLinks.idPce, pesInvoiceLinks.idLigne);
  const ack = row.ackReturnId
    ? (await deps.db.select().from(pesReturns).where(eq(pesReturns.id, row.ackReturnId)))[0]
    : undefined;
  return {
    ...flowView(row),
    idColl: row.idColl,
    idPost: row.idPost,
    codCol: row.codCol,
    codBud: row.codBud,
    issues: (row.issues as CheckIssue[] | null) ?? [],
    unmatched: (row.unmatched as unknown[] | null) ?? [],
    acknowledgement: ack
      ? {
          kind: ack.kind,
          remoteName: ack.remoteName,
          receivedAt: ack.createdAt.toISOString(),
          download: `/api/accounting/flows/${row.id}/acquit`,
        }
      : null,
    invoices: links.map((l) => ({ ...l, mandatedAt: iso(l.mandatedAt) })),
  };
}

export const MAX_PAGE = 200;

/** The visible flows, newest first; `before` is the `createdAt` of the last one of the previous page. */
export async function listFlows(
  deps: ViewDeps,
  actor: Actor | undefined,
  query: { status?: PesFlowStatus; limit?: number; before?: Date },
): Promise<FlowView[]> {
  const present = requireActorPresent(actor);
  const mine = visibleStructures(present);
  if (mine !== null && mine.length === 0) return [];
  const where: SQL[] = [];
  if (mine !== null) where.push(inArray(pesFlows.structureId, mine));
  if (query.status) where.push(eq(pesFlows.status, query.status));
  if (query.before) where.push(lt(pesFlows.createdAt, query.before));
  const rows = await deps.db
    .select()
    .from(pesFlows)
    .where(and(...where))
    .orderBy(desc(pesFlows.createdAt), desc(pesFlows.transactionNumber))
    .limit(Math.min(Math.max(query.limit ?? 50, 1), MAX_PAGE));
  return rows.map(flowView);
}

async function openStored(deps: ViewDeps, fileId: string, missing: () => AppError): Promise<OpenedFile> {
  const opened = await deps.files?.get(fileId);
  if (!opened) throw missing();
  return opened;
}

const noAcquit = (): AppError =>
  new AppError('ACQUIT_NOT_AVAILABLE', 'Aucun acquittement (PES_ACQUIT ou PES_NonAcquit) reçu pour ce flux.', 404);

/** The acknowledgement file of a flow (PES_ACQUIT or PES_NonAcquit), exactly as the treasury sent it. */
export async function openFlowAcquit(deps: ViewDeps, flow: FlowRow): Promise<OpenedFile & { remoteName: string }> {
  if (!flow.ackReturnId) throw noAcquit();
  const [ack] = await deps.db.select().from(pesReturns).where(eq(pesReturns.id, flow.ackReturnId));
  if (!ack) throw noAcquit();
  return { ...(await openStored(deps, ack.fileId, noAcquit)), remoteName: ack.remoteName };
}

export type ReturnRow = typeof pesReturns.$inferSelect;

/** The PES_Retour of the actor's structures not yet marked read (helios_get_list). */
export async function unreadRetours(deps: ViewDeps, actor: Actor | undefined): Promise<ReturnRow[]> {
  const present = requireActorPresent(actor);
  const mine = visibleStructures(present);
  if (mine !== null && mine.length === 0) return [];
  return deps.db
    .select()
    .from(pesReturns)
    .where(
      and(
        eq(pesReturns.kind, 'RETOUR'),
        isNull(pesReturns.readAt),
        mine === null ? undefined : inArray(pesReturns.structureId, mine),
      ),
    )
    .orderBy(pesReturns.number)
    .limit(1000);
}

export async function findVisibleRetour(deps: ViewDeps, actor: Actor | undefined, number: number): Promise<ReturnRow> {
  const present = requireActorPresent(actor);
  if (!Number.isSafeInteger(number)) throw returnNotFound();
  const [row] = await deps.db
    .select()
    .from(pesReturns)
    .where(and(eq(pesReturns.number, number), eq(pesReturns.kind, 'RETOUR')));
  if (!row || !row.structureId || !visibleTo(present, row.structureId)) throw returnNotFound();
  return row;
}

export const openRetour = (deps: ViewDeps, row: ReturnRow): Promise<OpenedFile> =>
  openStored(deps, row.fileId, returnNotFound);
