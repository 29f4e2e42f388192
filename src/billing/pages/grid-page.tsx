// The grid the operator keeps: tiers with bounds, amount, validity; a form to add a tier or end one.
import { CSRF_FIELD } from '../../platform/auth/index.ts';
import { Notice } from '../../web/components/notice.tsx';
import { formatDate, formatMoney } from '../../web/format.ts';
import { Page } from '../../web/layout/page.tsx';
import type { Viewer } from '../../web/viewer.ts';
import { populationBounds, type Tier } from '../domain/grid.ts';

export function GridPage(props: {
  viewer: Viewer;
  tiers: Tier[];
  error?: string | undefined;
  done?: string | undefined;
}) {
  const csrf = <input type="hidden" name={CSRF_FIELD} value={props.viewer.csrfToken} />;
  return (
    <Page title="Grille des contributions" viewer={props.viewer} path="/cotisations">
      <h1>Grille des contributions</h1>
      <p>
        <a href="/cotisations">← Contributions</a>
      </p>
      {props.tiers.some((t) => t.isDefault && t.validTo === null) ? (
        <Notice tone="warning" title="Grille par défaut">
          Cette grille (400 € à 30 000 €) est une grille par défaut : remplacez-la par celle de la délibération du
          comité syndical (terminez la validité de ces tranches, puis ajoutez les nouvelles).
        </Notice>
      ) : null}
      {props.error ? <Notice tone="error">{props.error}</Notice> : null}
      {props.done ? <Notice tone="success">{props.done}</Notice> : null}
      <div class="table-scroll">
        <table>
          <caption>Tranches par population au 1er janvier de l’exercice</caption>
          <thead>
            <tr>
              <th scope="col">Tranche</th>
              <th scope="col">Habitants</th>
              <th scope="col" class="num">
                Montant annuel
              </th>
              <th scope="col">Validité</th>
              <th scope="col">Terminer</th>
            </tr>
          </thead>
          <tbody>
            {props.tiers.map((t) => (
              <tr>
                <td>
                  {t.label}
                  {t.isDefault ? <span class="hint"> (par défaut)</span> : null}
                </td>
                <td>{populationBounds(t)}</td>
                <td class="num">{formatMoney(t.amount)}</td>
                <td>{`du ${formatDate(t.validFrom)}${t.validTo ? ` au ${formatDate(t.validTo)}` : ''}`}</td>
                <td>
                  {t.validTo === null ? (
                    <form method="post" action={`/cotisations/grille/${t.id}/fin`} class="inline">
                      {csrf}
                      <label>
                        <span class="visually-hidden">{`Fin de validité de « ${t.label} »`}</span>
                        <input type="date" name="validTo" required />
                      </label>
                      <button type="submit" class="button secondary">
                        Terminer
                      </button>
                    </form>
                  ) : (
                    '—'
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <h2>Ajouter une tranche</h2>
      <form method="post" action="/cotisations/grille">
        {csrf}
        <div class="field">
          <label for="label">Libellé</label>
          <input id="label" name="label" required maxlength={100} />
        </div>
        <div class="field">
          <label for="minPopulation">Population minimale</label>
          <input id="minPopulation" name="minPopulation" inputmode="numeric" required />
        </div>
        <div class="field">
          <label for="maxPopulation">
            Population maximale <span class="hint">vide pour la dernière tranche</span>
          </label>
          <input id="maxPopulation" name="maxPopulation" inputmode="numeric" />
        </div>
        <div class="field">
          <label for="amount">Montant annuel (€)</label>
          <input id="amount" name="amount" inputmode="decimal" required />
        </div>
        <div class="field">
          <label for="validFrom">Début de validité</label>
          <input id="validFrom" name="validFrom" type="date" required />
        </div>
        <div class="field">
          <label for="validTo">
            Fin de validité <span class="hint">facultative</span>
          </label>
          <input id="validTo" name="validTo" type="date" />
        </div>
        <div class="actions">
          <button type="submit" class="button">
            Ajouter la tranche
          </button>
        </div>
      </form>
    </Page>
  );
}
