// /notifications: the list, its CSV export, and "mark all as read".
import { Hono } from 'hono';
import { verifyCsrf, CSRF_FIELD } from '../../../platform/auth/index.ts';
import type { AppEnv } from '../../../platform/http.ts';
import { csvResponse, toCsv } from '../../../web/csv.ts';
import { formatDateTime } from '../../../web/format.ts';
import { requireViewer } from '../../../web/guard.ts';
import { sendPage } from '../../../web/render.ts';
import { listNotifications, markNotificationsRead, type NotificationItem } from '../../notifications/inbox.ts';
import { NotificationsPage } from './notifications-page.tsx';

const pageNumber = (value: string | undefined): number => Math.max(1, Number.parseInt(value ?? '1', 10) || 1);

export const notificationRoutes = new Hono<AppEnv>()
  .get('/notifications', async (c) => {
    const viewer = await requireViewer(c);
    const page = await listNotifications(c.get('deps'), viewer.actor, { page: pageNumber(c.req.query('page')) });
    const marked = c.req.query('lues');
    return sendPage(
      c,
      <NotificationsPage
        viewer={viewer}
        page={page}
        query={new URL(c.req.url).searchParams}
        marked={marked === undefined ? undefined : Number(marked) || 0}
      />,
    );
  })
  .post('/notifications/lues', async (c) => {
    const viewer = await requireViewer(c);
    verifyCsrf(c, (await c.req.parseBody())[CSRF_FIELD]);
    const n = await markNotificationsRead(c.get('deps'), viewer.actor);
    return c.redirect(`/notifications?lues=${n}`, 303);
  })
  .get('/notifications/export.csv', async (c) => {
    const viewer = await requireViewer(c);
    const page = await listNotifications(c.get('deps'), viewer.actor, { pageSize: 1000, perInvoice: false });
    const csv = toCsv<NotificationItem>(
      [
        { header: 'Date', value: (n) => formatDateTime(n.createdAt) },
        { header: 'Structure', value: (n) => n.structureName },
        { header: 'Titre', value: (n) => n.title },
        { header: 'Message', value: (n) => n.body },
        { header: 'Facture', value: (n) => n.invoiceNumber },
        { header: 'Lue', value: (n) => (n.read ? 'oui' : 'non') },
      ],
      page.items,
    );
    return csvResponse(c, 'notifications.csv', csv);
  });
