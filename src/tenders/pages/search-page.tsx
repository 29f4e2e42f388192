// The public search of consultations (OE-04), no account needed: text, CPV code, buyer, deadline.
import { formatDateTime } from '../../web/format.ts';
import type { ConsultationSummary } from '../consultations/read-consultation.ts';
import { StatusBadge, timeLeft } from './tender-parts.tsx';

export interface SearchFilters {
  q: string;
  cpv: string;
  buyerId: string;
  before: string;
  all: boolean;
}

export function SearchPage(props: {
  filters: SearchFilters;
  buyers: { id: string; name: string }[];
  items: ConsultationSummary[];
  now: Date;
  error?: string | undefined;
}) {
  const f = props.filters;
  return (
    <>
      <h1>Consultations</h1>
      <p>Les consultations publiées par les acheteurs publics : dossiers téléchargeables librement, sans compte.</p>
      <form method="get" action="/consultations" class="filters" role="search">
        <div class="field">
          <label for="q">Mots de l’intitulé ou de l’objet</label>
          <input type="search" id="q" name="q" value={f.q} maxlength={200} />
        </div>
        <div class="field">
          <label for="cpv">
            Code CPV <span class="hint">(début du code, 2 à 8 chiffres : 30 ou 30192000)</span>
          </label>
          <input type="text" id="cpv" name="cpv" value={f.cpv} inputmode="numeric" pattern="[0-9]{2,8}" maxlength={8} />
        </div>
        <div class="field">
          <label for="acheteur">Acheteur</label>
          <select id="acheteur" name="acheteur">
            <option value="">Tous les acheteurs</option>
            {props.buyers.map((b) => (
              <option value={b.id} selected={b.id === f.buyerId}>
                {b.name}
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for="avant">
            Date limite au plus tard le <span class="hint">(heure de Paris)</span>
          </label>
          <input type="date" id="avant" name="avant" value={f.before} />
        </div>
        <div class="field">
          <label for="toutes">
            <input type="checkbox" id="toutes" name="toutes" value="1" checked={f.all} /> Inclure les consultations
            clôturées
          </label>
        </div>
        <button type="submit">Rechercher</button>
      </form>
      {props.error ? (
        <p class="field-error" role="alert">
          {props.error}
        </p>
      ) : null}
      <h2 id="resultats">{`${props.items.length} consultation${props.items.length > 1 ? 's' : ''}`}</h2>
      {props.items.length === 0 ? (
        <p>Aucune consultation ne répond à ces critères.</p>
      ) : (
        <div class="table-scroll">
          <table class="card-table" aria-labelledby="resultats">
            <thead>
              <tr>
                <th scope="col">Consultation</th>
                <th scope="col">Acheteur</th>
                <th scope="col">Procédure</th>
                <th scope="col">CPV</th>
                <th scope="col">Prochaine date limite</th>
                <th scope="col">État</th>
              </tr>
            </thead>
            <tbody>
              {props.items.map((c) => (
                <tr>
                  <td data-label="Consultation" data-cell="number">
                    <a href={`/consultations/${c.id}`}>{c.title}</a> <span class="hint">{c.reference}</span>
                    {c.isTest ? <span class="badge badge-warning">Test</span> : null}
                  </td>
                  <td data-label="Acheteur" data-cell="party">
                    {c.buyer}
                  </td>
                  <td data-label="Procédure">{c.procedure}</td>
                  <td data-label="CPV">{c.cpv}</td>
                  <td data-label="Date limite" data-cell="due">
                    {formatDateTime(c.nextDeadline)} <span class="hint">{timeLeft(c.nextDeadline, props.now)}</span>
                  </td>
                  <td data-label="État" data-cell="status">
                    <StatusBadge status={c.status} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
