// The notifications of a person, one per invoice, newest first, each linking to its invoice (opening it marks
// them read).
import { Notice } from '../../../web/components/notice.tsx';
import { Pagination } from '../../../web/components/pagination.tsx';
import { formatCount, formatDateTime } from '../../../web/format.ts';
import { Page } from '../../../web/layout/page.tsx';
import type { Viewer } from '../../../web/viewer.ts';
import { CSRF_FIELD } from '../../../platform/auth/index.ts';
import type { NotificationPage } from '../../notifications/inbox.ts';

export function NotificationsPage(props: {
  viewer: Viewer;
  page: NotificationPage;
  query: URLSearchParams;
  marked?: number;
}) {
  const { page } = props;
  return (
    <Page title="Notifications" viewer={props.viewer} path="/notifications">
      <h1>Notifications</h1>
      {props.marked !== undefined ? (
        <Notice tone="success">{`${formatCount(props.marked)} notification(s) marquée(s) comme lue(s).`}</Notice>
      ) : null}
      <div class="toolbar">
        <p>{page.unread === 0 ? 'Aucune notification non lue.' : `${formatCount(page.unread)} non lue(s).`}</p>
        <p>
          <a href="/notifications/export.csv">Exporter en CSV</a>
        </p>
        {page.unread > 0 ? (
          <form method="post" action="/notifications/lues">
            <input type="hidden" name={CSRF_FIELD} value={props.viewer.csrfToken} />
            <button type="submit" class="secondary">
              Tout marquer comme lu
            </button>
          </form>
        ) : null}
      </div>
      {page.items.length === 0 ? (
        <p>Aucune notification pour le moment.</p>
      ) : (
        <ul class="timeline notifications">
          {page.items.map((n) => (
            <li>
              <span class="when">
                {formatDateTime(n.createdAt)} · {n.structureName}
                {n.read ? '' : ' · '}
                {n.read ? null : <span class="badge badge-info">nouveau</span>}
              </span>
              <strong>{n.title}</strong>
              {n.updates > 1 ? (
                <span class="hint">
                  {`${formatCount(n.updates)} mises à jour de cette facture${n.unreadUpdates > 0 ? `, dont ${formatCount(n.unreadUpdates)} non lue${n.unreadUpdates > 1 ? 's' : ''}` : ''} ; la dernière :`}
                </span>
              ) : null}
              <p class="notification-body">{n.body}</p>
              {n.invoiceId ? (
                <a href={`/factures/${n.invoiceId}`}>
                  {`Voir la facture ${n.invoiceNumber ?? ''}`}
                  {n.read ? null : <span class="visually-hidden"> (la marque comme lue)</span>}
                </a>
              ) : null}
            </li>
          ))}
        </ul>
      )}
      <Pagination
        basePath="/notifications"
        query={props.query}
        page={page.page}
        pageSize={page.pageSize}
        total={page.total}
      />
    </Page>
  );
}
