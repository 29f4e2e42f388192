// A person's notifications: those of every structure they act for (the hub notifies structures, not people).
import { and, count, desc, eq, inArray, isNull } from 'drizzle-orm';
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
}

export interface NotificationPage {
  items: NotificationItem[];
  total: number;
  unread: number;
  page: number;
  pageSize: number;
}

const structuresOf = (actor: Actor): string[] => [...new Set(actor.grants.map((g) => g.structureId))];

export async function listNotifications(
  deps: Pick<AppDeps, 'db'>,
  who: Actor | undefined,
  options: { page?: number; pageSize?: number; unreadOnly?: boolean } = {},
): Promise<NotificationPage> {
  const actor = requireActorPresent(who);
  const page = Math.max(1, Math.trunc(options.page ?? 1));
  const pageSize = Math.min(1000, Math.max(1, Math.trunc(options.pageSize ?? 30)));
  const ids = structuresOf(actor);
  if (ids.length === 0) return { items: [], total: 0, unread: 0, page, pageSize };
  const mine = inArray(notifications.structureId, ids);
  const where = options.unreadOnly ? and(mine, isNull(notifications.readAt)) : mine;
  const [rows, [total], [unread]] = await Promise.all([
    deps.db
      .select({
        id: notifications.id,
        title: notifications.title,
        body: notifications.body,
        kind: notifications.kind,
        createdAt: notifications.createdAt,
        readAt: notifications.readAt,
        structureName: structures.name,
        invoiceId: notifications.invoiceId,
        invoiceNumber: invoices.number,
      })
      .from(notifications)
      .innerJoin(structures, eq(structures.id, notifications.structureId))
      .leftJoin(invoices, eq(invoices.id, notifications.invoiceId))
      .where(where)
      .orderBy(desc(notifications.createdAt), desc(notifications.id))
      .limit(pageSize)
      .offset((page - 1) * pageSize),
    deps.db.select({ n: count() }).from(notifications).where(where),
    deps.db
      .select({ n: count() })
      .from(notifications)
      .where(and(mine, isNull(notifications.readAt))),
  ]);
  return {
    items: rows.map(({ readAt, createdAt, ...r }) => ({
      ...r,
      createdAt: createdAt.toISOString(),
      read: readAt !== null,
    })),
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
