// The members: every EPCI of the directory and the members added, with their terms; a form for one member's terms.
import { CSRF_FIELD } from '../../platform/auth/index.ts';
import { Notice } from '../../web/components/notice.tsx';
import { formatCount, formatDate, formatMoney } from '../../web/format.ts';
import { Page } from '../../web/layout/page.tsx';
import type { Viewer } from '../../web/viewer.ts';
import type { BillableMemberRow } from '../members/billable-members.ts';
import { VAT_REGIME_LABELS } from './labels.ts';

export interface TermsForm {
  siren: string;
  member: boolean;
  joinedOn: string;
  leftOn: string;
  amount: string;
  productCode: string;
  serviceCode: string;
  engagementNumber: string;
}

export const EMPTY_TERMS: TermsForm = {
  siren: '',
  member: true,
  joinedOn: '',
  leftOn: '',
  amount: '',
  productCode: 'COTISATION',
  serviceCode: '',
  engagementNumber: '',
};

export function MembersPage(props: {
  viewer: Viewer;
  members: BillableMemberRow[];
  products: { code: string; label: string }[];
  form: TermsForm;
  error?: string | undefined;
  done?: string | undefined;
}) {
  const f = props.form;
  return (
    <Page title="Membres du syndicat" viewer={props.viewer} path="/cotisations">
      <h1>Membres du syndicat</h1>
      <p>
        <a href="/cotisations">← Contributions</a>
      </p>
      {props.error ? <Notice tone="error">{props.error}</Notice> : null}
      {props.done ? <Notice tone="success">{props.done}</Notice> : null}
      <div class="table-scroll">
        <table>
          <caption>{`${props.members.filter((m) => m.member).length} membres : les EPCI de l’annuaire et les membres ajoutés`}</caption>
          <thead>
            <tr>
              <th scope="col">Membre</th>
              <th scope="col" class="num">
                Population
              </th>
              <th scope="col">Adhésion</th>
              <th scope="col">Montant</th>
              <th scope="col">Produit</th>
              <th scope="col">Références</th>
            </tr>
          </thead>
          <tbody>
            {props.members.map((m) => (
              <tr>
                <td>
                  <a href={`/cotisations/membres?siren=${m.siren ?? ''}`}>{m.name}</a>
                  {m.member ? null : <span class="hint"> (non membre)</span>}
                </td>
                <td class="num">{m.population === null ? '—' : formatCount(m.population)}</td>
                <td>
                  {m.joinedOn ? `depuis le ${formatDate(m.joinedOn)}` : ''}
                  {m.leftOn ? ` jusqu’au ${formatDate(m.leftOn)}` : ''}
                  {!m.joinedOn && !m.leftOn ? 'année entière' : ''}
                </td>
                <td>{m.ownAmount ? formatMoney(m.ownAmount) : 'grille'}</td>
                <td>{`${m.productLabel} (${VAT_REGIME_LABELS[m.vatRegime]})`}</td>
                <td>
                  {[
                    m.serviceCode ? `service ${m.serviceCode}` : '',
                    m.engagementNumber ? `EJ ${m.engagementNumber}` : '',
                  ]
                    .filter(Boolean)
                    .join(', ') || '—'}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <h2>Conditions d’un membre</h2>
      <form method="post" action="/cotisations/membres">
        <input type="hidden" name={CSRF_FIELD} value={props.viewer.csrfToken} />
        <div class="field">
          <label for="siren">SIREN de la structure</label>
          <input id="siren" name="siren" inputmode="numeric" required value={f.siren} />
        </div>
        <div class="field">
          <label class="checkbox">
            <input type="checkbox" name="member" value="1" checked={f.member} /> Membre du syndicat
          </label>
        </div>
        <div class="field">
          <label for="joinedOn">
            Date d’adhésion <span class="hint">vide : membre toute l’année</span>
          </label>
          <input id="joinedOn" name="joinedOn" type="date" value={f.joinedOn} />
        </div>
        <div class="field">
          <label for="leftOn">Date de retrait</label>
          <input id="leftOn" name="leftOn" type="date" value={f.leftOn} />
        </div>
        <div class="field">
          <label for="amount">
            Montant annuel propre (€) <span class="hint">obligatoire pour un membre qui n’est pas un EPCI</span>
          </label>
          <input id="amount" name="amount" inputmode="decimal" value={f.amount} />
        </div>
        <div class="field">
          <label for="productCode">Produit facturé</label>
          <select id="productCode" name="productCode">
            {props.products.map((p) => (
              <option value={p.code} selected={p.code === f.productCode}>
                {p.label}
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for="serviceCode">Code service (Chorus Pro)</label>
          <input id="serviceCode" name="serviceCode" value={f.serviceCode} />
        </div>
        <div class="field">
          <label for="engagementNumber">Numéro d’engagement</label>
          <input id="engagementNumber" name="engagementNumber" value={f.engagementNumber} />
        </div>
        <div class="actions">
          <button type="submit" class="button">
            Enregistrer
          </button>
        </div>
      </form>
    </Page>
  );
}
