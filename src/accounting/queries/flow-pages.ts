// What the accounting pages read: the flows a person may see (their accountant or agent structures; the operator
// sees all), one flow with its linked invoices and returns, the returns received, and the flows that are stuck.
// Not visible and not found give the same 404.
import type { Readable } from 'node:stream';
import { and, count, desc, eq, inArray, isNull, lt, or, sql, type SQL } from 'drizzle-orm';
import { pesFlows, pesInvoiceLinks, pesReturns } from '../../../db/schema/accounting.ts';
import { structures } from '../../../db/schema/directory.ts';
import { invoices } from '../../../db/schema/invoices.ts';
import type { Actor } from '../../platform/auth/index.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import type { CheckIssue } from '../domain/check-issue.ts';
import type { MandateLine, PesSummary } from '../domain/pes-summary.ts';
import type { PesFlowStatus, PesReturnKind } from '../domain/statuses.ts';
import { accountingSettings, type AccountingDeps } from '../settings.ts';

type Deps = Pick<AccountingDeps, 'db' | 'files' | 'accounting' | 'clock'>;

/** The structures whose flows an actor sees; `all` for the operator. */
export function visibleStructures(actor: Actor): string[] | 'all' {
  if (actor.grants.some((g) => g.role === 'operator')) return 'all';
  return [
    ...new Set(actor.grants.filter((g) => g.role === 'accountant' || g.role === 'agent').map((g) => g.structureId)),
  ];
}

const scopeOf = (actor: Actor, column: typeof pesFlows.structureId): SQL | undefined => {
  const visible = visibleStructures(actor);
  if (visible === 'all') return undefined;
  return visible.length === 0 ? sql`false` : inArray(column, visible);
};

export interface FlowListItem {
  id: string;
  transactionNumber: number;
  nomFic: string;
  status: PesFlowStatus;
  structureName: string;
  createdAt: Date;
  statusChangedAt: Date;
  issueCount: number;
  alarm: boolean;
}

export interface FlowFilters {
  status?: PesFlowStatus;
  /** Part of the NomFic. */
  nomFic?: string;
  page: number;
  pageSize: number;
}

export async function listFlows(
  deps: Deps,
  actor: Actor,
  filters: FlowFilters,
): Promise<{ items: FlowListItem[]; total: number }> {
  const where = and(
    scopeOf(actor, pesFlows.structureId),
    filters.status ? eq(pesFlows.status, filters.status) : undefined,
    filters.nomFic ? sql`${pesFlows.nomFic} ilike ${`%${filters.nomFic.replace(/[\\%_]/g, '\\$&')}%`}` : undefined,
  );
  const [rows, [counted]] = await Promise.all([
    deps.db
      .select({
        id: pesFlows.id,
        transactionNumber: pesFlows.transactionNumber,
        nomFic: pesFlows.nomFic,
        status: pesFlows.status,
        structureName: structures.name,
        createdAt: pesFlows.createdAt,
        statusChangedAt: pesFlows.statusChangedAt,
        issueCount: sql<number>`jsonb_array_length(${pesFlows.issues})`,
        alarmRaisedAt: pesFlows.alarmRaisedAt,
      })
      .from(pesFlows)
      .innerJoin(structures, eq(structures.id, pesFlows.structureId))
      .where(where)
      .orderBy(desc(pesFlows.createdAt))
      .limit(filters.pageSize)
      .offset((filters.page - 1) * filters.pageSize),
    deps.db.select({ n: count() }).from(pesFlows).where(where),
  ]);
  return {
    items: rows.map(({ alarmRaisedAt, ...r }) => ({ ...r, issueCount: Number(r.issueCount), alarm: !!alarmRaisedAt })),
    total: Number(counted?.n ?? 0),
  };
}

export interface LinkedInvoice {
  invoiceId: string;
  number: string;
  supplierName: string;
  idBord: string;
  idPce: string;
  idLigne: string;
  embedded: boolean;
  note: string | null;
}

export interface FlowView {
  id: string;
  transactionNumber: number;
  structureId: string;
  structureName: string;
  nomFic: string;
  status: PesFlowStatus;
  channel: string;
  wireName: string | null;
  summary: PesSummary | null;
  issues: CheckIssue[];
  unmatched: MandateLine[];
  signRequested: boolean;
  /** When the hub signed the unsigned bordereaux of the file sent. */
  hubSignedAt: Date | null;
  createdAt: Date;
  transmittedAt: Date | null;
  acknowledgedAt: Date | null;
  alarm: boolean;
  links: LinkedInvoice[];
  returns: { id: string; kind: PesReturnKind; remoteName: string; createdAt: Date }[];
}

/** Loads a flow the actor may see (404 otherwise), with the invoices its lines pay and the files returned for it. */
export async function getFlowView(deps: Deps, actor: Actor, flowId: string): Promise<FlowView> {
  if (!/^[0-9a-f-]{36}$/i.test(flowId)) throw notFound('Flux comptable');
  const [row] = await deps.db
    .select({ flow: pesFlows, structureName: structures.name })
    .from(pesFlows)
    .innerJoin(structures, eq(structures.id, pesFlows.structureId))
    .where(and(eq(pesFlows.id, flowId), scopeOf(actor, pesFlows.structureId)));
  if (!row) throw notFound('Flux comptable');
  const { flow } = row;
  const [links, returns] = await Promise.all([
    deps.db
      .select({
        invoiceId: pesInvoiceLinks.invoiceId,
        number: invoices.number,
        supplierName: invoices.supplierName,
        idBord: pesInvoiceLinks.idBord,
        idPce: pesInvoiceLinks.idPce,
        idLigne: pesInvoiceLinks.idLigne,
        embedded: pesInvoiceLinks.embedded,
        note: pesInvoiceLinks.note,
      })
      .from(pesInvoiceLinks)
      .innerJoin(invoices, eq(invoices.id, pesInvoiceLinks.invoiceId))
      .where(eq(pesInvoiceLinks.flowId, flowId)),
    deps.db
      .select({
        id: pesReturns.id,
        kind: pesReturns.kind,
        remoteName: pesReturns.remoteName,
        createdAt: pesReturns.createdAt,
      })
      .from(pesReturns)
      .where(eq(pesReturns.flowId, flowId))
      .orderBy(pesReturns.createdAt),
  ]);
  return {
    id: flow.id,
    transactionNumber: flow.transactionNumber,
    structureId: flow.structureId,
    structureName: row.structureName,
    nomFic: flow.nomFic,
    status: flow.status,
    channel: flow.channel,
    wireName: flow.wireName,
    summary: (flow.summary as PesSummary | null) ?? null,
    issues: flow.issues as CheckIssue[],
    unmatched: flow.unmatched as MandateLine[],
    signRequested: flow.signRequested,
    hubSignedAt: flow.hubSignedAt,
    createdAt: flow.createdAt,
    transmittedAt: flow.transmittedAt,
    acknowledgedAt: flow.acknowledgedAt,
    alarm: flow.alarmRaisedAt !== null,
    links,
    returns,
  };
}

/** The stored file of a flow the actor may see: the original as deposited. */
export async function openFlowFile(deps: Deps, actor: Actor, flowId: string): Promise<Readable> {
  await getFlowView(deps, actor, flowId);
  const [row] = await deps.db.select({ fileId: pesFlows.originalFileId }).from(pesFlows).where(eq(pesFlows.id, flowId));
  const opened = row && deps.files ? await deps.files.get(row.fileId) : undefined;
  if (!opened)
    throw new AppError('FILE_MISSING', 'Le fichier de ce flux est introuvable dans le stockage des fichiers.', 404);
  return opened.stream;
}

export const pjBudgetOf = (deps: Deps): number => accountingSettings(deps).pjBudgetBytes;

export interface ReturnListItem {
  id: string;
  kind: PesReturnKind;
  remoteName: string;
  nomFic: string;
  structureName: string | null;
  flowId: string | null;
  problem: string | null;
  createdAt: Date;
  acknowledgedAt: Date | null;
}

/** The files the treasury sent back, PES_Retour first in the filter `kind`. */
export async function listTreasuryReturns(
  deps: Deps,
  actor: Actor,
  filters: { kind?: PesReturnKind; page: number; pageSize: number },
): Promise<{ items: ReturnListItem[]; total: number }> {
  const visible = visibleStructures(actor);
  const where = and(
    visible === 'all' ? undefined : visible.length === 0 ? sql`false` : inArray(pesReturns.structureId, visible),
    filters.kind ? eq(pesReturns.kind, filters.kind) : undefined,
  );
  const [items, [counted]] = await Promise.all([
    deps.db
      .select({
        id: pesReturns.id,
        kind: pesReturns.kind,
        remoteName: pesReturns.remoteName,
        nomFic: pesReturns.nomFic,
        structureName: structures.name,
        flowId: pesReturns.flowId,
        problem: pesReturns.problem,
        createdAt: pesReturns.createdAt,
        acknowledgedAt: pesReturns.acknowledgedAt,
      })
      .from(pesReturns)
      .leftJoin(structures, eq(structures.id, pesReturns.structureId))
      .where(where)
      .orderBy(desc(pesReturns.createdAt))
      .limit(filters.pageSize)
      .offset((filters.page - 1) * filters.pageSize),
    deps.db.select({ n: count() }).from(pesReturns).where(where),
  ]);
  return { items, total: Number(counted?.n ?? 0) };
}

export interface StuckFlow extends FlowListItem {
  reason: 'NO_ACK' | 'ERROR' | 'NOT_SENT';
  transmittedAt: Date | null;
  lastError: string | null;
}

/**
 * The operator's watch list: sent without acknowledgement for longer than the alarm delay (48 h), in error (an
 * upload that failed every retry is one), or waiting to be sent for longer than the same delay.
 */
export async function listStuckFlows(deps: Deps, actor: Actor): Promise<StuckFlow[]> {
  if (visibleStructures(actor) !== 'all') throw notFound('Page');
  const limit = new Date(deps.clock.now().getTime() - accountingSettings(deps).ackAlarmMs);
  const rows = await deps.db
    .select({
      id: pesFlows.id,
      transactionNumber: pesFlows.transactionNumber,
      nomFic: pesFlows.nomFic,
      status: pesFlows.status,
      structureName: structures.name,
      createdAt: pesFlows.createdAt,
      statusChangedAt: pesFlows.statusChangedAt,
      issues: pesFlows.issues,
      alarmRaisedAt: pesFlows.alarmRaisedAt,
      transmittedAt: pesFlows.transmittedAt,
    })
    .from(pesFlows)
    .innerJoin(structures, eq(structures.id, pesFlows.structureId))
    .where(
      or(
        eq(pesFlows.status, 'ERREUR'),
        and(eq(pesFlows.status, 'TRANSMIS'), isNull(pesFlows.acknowledgedAt), lt(pesFlows.transmittedAt, limit)),
        and(inArray(pesFlows.status, ['POSTE', 'ATTENTE']), lt(pesFlows.createdAt, limit)),
      ),
    )
    .orderBy(pesFlows.statusChangedAt)
    .limit(500);
  return rows.map(({ issues, alarmRaisedAt, ...r }) => {
    const list = issues as CheckIssue[];
    return {
      ...r,
      issueCount: list.length,
      alarm: alarmRaisedAt !== null,
      reason: r.status === 'ERREUR' ? 'ERROR' : r.status === 'TRANSMIS' ? 'NO_ACK' : 'NOT_SENT',
      lastError: list.at(-1)?.message ?? null,
    };
  });
}
