// The operator's view of the hub's connections to Chorus Pro: credential failures and passwords about to expire.
import type { CredentialReport } from '../sync/credential-health.ts';
import { Notice } from '../../web/components/notice.tsx';
import { formatDateTime } from '../../web/format.ts';
import { Page } from '../../web/layout/page.tsx';
import type { Viewer } from '../../web/viewer.ts';

const PROBLEM_LABELS: Record<string, string> = {
  token_refused: 'Jeton PISTE refusé (identifiants OAuth de l’application)',
  account_refused: 'Compte technique refusé (identifiant ou mot de passe)',
  api_forbidden: 'Accès à l’API refusé (raccordement du compte technique à l’API)',
  password_expiring: 'Mot de passe technique bientôt expiré',
};

export function ChorusHealthPage(props: { viewer: Viewer; report: CredentialReport }) {
  const { report } = props;
  return (
    <Page title="Connexions Chorus Pro" viewer={props.viewer} path="/chorus">
      <h1>Connexions Chorus Pro</h1>
      {report.ok ? (
        <Notice tone="success" title="Tout fonctionne">
          <p>
            Aucun incident d’identification avec Chorus Pro, aucun mot de passe technique n’expire dans les 30 jours.
          </p>
        </Notice>
      ) : (
        <>
          <Notice tone="warning" title={`${report.problems.length} problème(s) à traiter`}>
            <p>Les factures concernées restent en attente et repartent dès que l’accès est rétabli.</p>
          </Notice>
          <div class="table-scroll">
            <table>
              <caption class="visually-hidden">Problèmes de connexion à Chorus Pro</caption>
              <thead>
                <tr>
                  <th scope="col">Compte</th>
                  <th scope="col">Problème</th>
                  <th scope="col">Détail</th>
                  <th scope="col">Constaté le</th>
                </tr>
              </thead>
              <tbody>
                {report.problems.map((p) => (
                  <tr>
                    <td>
                      <code>{p.subject === 'piste' ? 'Application PISTE du hub' : p.subject}</code>
                    </td>
                    <td>{PROBLEM_LABELS[p.problem] ?? p.problem}</td>
                    <td>{p.detail ?? '—'}</td>
                    <td>{formatDateTime(p.since)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </Page>
  );
}
