// The home page after login.
import { Hono } from 'hono';
import type { AppEnv } from '../../platform/http.ts';
import { requireViewer } from '../../web/guard.ts';
import { listInvoices, listNotifications, OPEN_FOR_BUYER } from '../../invoices/index.ts';
import { sendPage } from '../../web/render.ts';
import { structuresAs } from '../../web/viewer.ts';
import { HomePage } from './home-page.tsx';

export const homeRoutes = new Hono<AppEnv>().get('/', async (c) => {
  const viewer = await requireViewer(c);
  const deps = c.get('deps');
  const accountantOf = structuresAs(viewer, 'accountant');
  const supplierOf = structuresAs(viewer, 'supplier');
  // What waits for the supplier: invoices to complete (suspended) and to send to the right recipient.
  const supplierCount = (status: 'SUSPENDUE' | 'A_RECYCLER') =>
    supplierOf.length > 0
      ? listInvoices(deps, viewer.actor, {
          statuses: [status],
          pageSize: 1,
          ...(supplierOf.length === 1 ? { supplierId: supplierOf[0]!.id } : {}),
        }).then((p) => p.total)
      : Promise.resolve(undefined);
  const [due, notes, toComplete, toReroute] = await Promise.all([
    accountantOf.length > 0
      ? listInvoices(deps, viewer.actor, {
          statuses: [...OPEN_FOR_BUYER, 'SUSPENDUE'],
          dueWithinDays: 7,
          pageSize: 1,
          ...(accountantOf.length === 1 ? { buyerId: accountantOf[0]!.id } : {}),
        })
      : undefined,
    listNotifications(deps, viewer.actor, { pageSize: 1, unreadOnly: true }),
    supplierCount('SUSPENDUE'),
    supplierCount('A_RECYCLER'),
  ]);
  return sendPage(
    c,
    <HomePage
      viewer={viewer}
      facts={{ dueSoon: due?.total, unreadNotifications: notes.unread, toComplete, toReroute }}
    />,
  );
});
