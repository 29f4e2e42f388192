// A person's notifications: those of every structure they act for (the hub notifies structures, not people),
// one item per invoice rather than one per status change.
import { and, count, countDistinct, desc, eq, inArray, isNull, sql } from 'drizzle-orm';
import { invoices, notifications } from '../../../db/schema/invoices.ts';
import { structures } from '../../../db/schema/directory.ts';
import { requireActorPresent, type Actor } from '../../platform/auth/index.ts';
import type { AppDeps } from '../../platform/http.ts';

export interface NotificationItem {
  id: string;
  title: string;
  body: string;
  kind: string;
  createdAt: string;
  read: boolean;
  structureName: string;
  invoiceId: string | null;
  invoiceNumber: string | null;
  /** How many notifications this item stands for: every status change of its invoice (1 for one without). */
  updates: number;
  /** Of those, how many are unread. */
  unreadUpdates: number;
}

export interface NotificationPage {
  items: NotificationItem[];
  /** Items (invoices, or notifications without one), not rows. */
  total: number;
  /** Items with something unread. */
  unread: number;
  page: number;
  pageSize: number;
}

const structuresOf = (actor: Actor): string[] => [...new Set(actor.grants.map((g) => g.structureId))];

/** What groups notifications: their invoice (one item per invoice, not per status change), else themselves. */
const groupKey = sql<string>`coalesce(${notifications.invoiceId}::text, ${notifications.id}::text)`;

/**
 * A person's notifications, one item per invoice: its latest notification, with how many there were and how
 * many are unread. `perInvoice: false` lists every notification (the CSV export).
 */
export async function listNotifications(
  deps: Pick<AppDeps, 'db'>,
  who: Actor | undefined,
  options: { page?: number; pageSize?: number; unreadOnly?: boolean; perInvoice?: boolean } = {},
): Promise<NotificationPage> {
  const actor = requireActorPresent(who);
  const page = Math.max(1, Math.trunc(options.page ?? 1));
  const pageSize = Math.min(1000, Math.max(1, Math.trunc(options.pageSize ?? 30)));
  const ids = structuresOf(actor);
  if (ids.length === 0) return { items: [], total: 0, unread: 0, page, pageSize };
  const mine = inArray(notifications.structureId, ids);
  const perInvoice = options.perInvoice ?? true;
  const key = perInvoice ? groupKey : sql<string>`${notifications.id}::text`;
  const unreadKeys = deps.db
    .selectDistinct({ key })
    .from(notifications)
    .where(and(mine, isNull(notifications.readAt)));
  const inScope = options.unreadOnly ? and(mine, inArray(key, unreadKeys)) : mine;
  const latest = deps.db
    .selectDistinctOn([key], { id: notifications.id })
    .from(notifications)
    .where(inScope)
    .orderBy(key, desc(notifications.createdAt), desc(notifications.id));
  const [rows, [total], [unread]] = await Promise.all([
    deps.db
      .select({
        id: notifications.id,
        key,
        title: notifications.title,
        body: notifications.body,
        kind: notifications.kind,
        createdAt: notifications.createdAt,
        structureName: structures.name,
        invoiceId: notifications.invoiceId,
        invoiceNumber: invoices.number,
      })
      .from(notifications)
      .innerJoin(structures, eq(structures.id, notifications.structureId))
      .leftJoin(invoices, eq(invoices.id, notifications.invoiceId))
      .where(inArray(notifications.id, latest))
      .orderBy(desc(notifications.createdAt), desc(notifications.id))
      .limit(pageSize)
      .offset((page - 1) * pageSize),
    deps.db
      .select({ n: countDistinct(key) })
      .from(notifications)
      .where(inScope),
    deps.db
      .select({ n: countDistinct(key) })
      .from(notifications)
      .where(and(mine, isNull(notifications.readAt))),
  ]);
  const counts =
    rows.length === 0
      ? []
      : await deps.db
          .select({
            key,
            updates: count(),
            unread: sql<number>`count(*) filter (where ${notifications.readAt} is null)`.mapWith(Number),
          })
          .from(notifications)
          .where(
            and(
              mine,
              inArray(
                key,
                rows.map((r) => r.key),
              ),
            ),
          )
          .groupBy(key);
  const countOf = new Map(counts.map((c) => [c.key, c]));
  return {
    items: rows.map(({ key: k, createdAt, ...r }) => {
      const c = countOf.get(k);
      const unreadUpdates = c?.unread ?? 0;
      return {
        ...r,
        createdAt: createdAt.toISOString(),
        read: unreadUpdates === 0,
        updates: c?.updates ?? 1,
        unreadUpdates,
      };
    }),
    total: total?.n ?? 0,
    unread: unread?.n ?? 0,
    page,
    pageSize,
  };
}

/** Marks every unread notification of the person's structures as read; returns how many. */
export async function markNotificationsRead(
  deps: Pick<AppDeps, 'db' | 'clock'>,
  who: Actor | undefined,
): Promise<number> {
  const actor = requireActorPresent(who);
  const ids = structuresOf(actor);
  if (ids.length === 0) return 0;
  const updated = await deps.db
    .update(notifications)
    .set({ readAt: deps.clock.now() })
    .where(and(inArray(notifications.structureId, ids), isNull(notifications.readAt)))
    .returning({ id: notifications.id });
  return updated.length;
}

/** Marks as read the notifications of one invoice for the person's structures (they opened it); returns how many. */
export async function markInvoiceNotificationsRead(
  deps: Pick<AppDeps, 'db' | 'clock'>,
  who: Actor | undefined,
  invoiceId: string,
): Promise<number> {
  const actor = requireActorPresent(who);
  const ids = structuresOf(actor);
  if (ids.length === 0) return 0;
  const updated = await deps.db
    .update(notifications)
    .set({ readAt: deps.clock.now() })
    .where(
      and(
        inArray(notifications.structureId, ids),
        eq(notifications.invoiceId, invoiceId),
        isNull(notifications.readAt),
      ),
    )
    .returning({ id: notifications.id });
  return updated.length;
}
