// The supplier's saved invoice forms: resume, copy as the start of another invoice, delete.
import { CSRF_FIELD } from '../../platform/auth/index.ts';
import { Notice } from '../../web/components/notice.tsx';
import { formatDateTime, formatMoney } from '../../web/format.ts';
import { Page } from '../../web/layout/page.tsx';
import type { Viewer } from '../../web/viewer.ts';
import type { DraftSummary } from './invoice-verbs.ts';

export function DraftsPage(props: { viewer: Viewer; drafts: readonly DraftSummary[]; notice?: string | undefined }) {
  return (
    <Page title="Mes brouillons de factures" viewer={props.viewer} path="/factures/saisir">
      <h1>Mes brouillons de factures</h1>
      <p>
        <a href="/factures/saisir">Saisir une nouvelle facture</a>
      </p>
      {props.notice ? (
        <Notice tone="success">
          <p data-focus-on-load>{props.notice}</p>
        </Notice>
      ) : null}
      {props.drafts.length === 0 ? (
        <p>Aucun brouillon. Une facture en cours de saisie peut être enregistrée et reprise plus tard.</p>
      ) : (
        <div class="table-scroll">
          <table>
            <caption>{`${props.drafts.length} brouillon${props.drafts.length > 1 ? 's' : ''}, du plus récent au plus ancien`}</caption>
            <thead>
              <tr>
                <th scope="col">Numéro</th>
                <th scope="col">Première ligne</th>
                <th scope="col" class="num">
                  Total TTC
                </th>
                <th scope="col">Modifié le</th>
                <th scope="col">Actions</th>
              </tr>
            </thead>
            <tbody>
              {props.drafts.map((d) => {
                const name = d.number || 'sans numéro';
                return (
                  <tr>
                    <td>
                      <a href={`/factures/saisir?brouillon=${d.id}`}>{name}</a>
                    </td>
                    <td>{d.firstLine || '—'}</td>
                    <td class="num">{formatMoney(d.totalWithVat)}</td>
                    <td>{formatDateTime(d.updatedAt)}</td>
                    <td class="row-actions">
                      <a href={`/factures/saisir?brouillon=${d.id}`} aria-label={`Reprendre le brouillon ${name}`}>
                        Reprendre
                      </a>
                      <form method="post" action={`/factures/brouillons/${d.id}/modele`}>
                        <input type="hidden" name={CSRF_FIELD} value={props.viewer.csrfToken} />
                        <button
                          type="submit"
                          class="button-link"
                          aria-label={`Copier le brouillon ${name} comme modèle`}
                        >
                          Copier comme modèle
                        </button>
                      </form>
                      <form method="post" action={`/factures/brouillons/${d.id}/supprimer`}>
                        <input type="hidden" name={CSRF_FIELD} value={props.viewer.csrfToken} />
                        <button type="submit" class="button-link" aria-label={`Supprimer le brouillon ${name}`}>
                          Supprimer
                        </button>
                      </form>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </Page>
  );
}
