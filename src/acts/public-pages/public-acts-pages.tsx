// The public publication pages (no login): the collectivities that publish, and one collectivity's published acts.
import { Pagination } from '../../web/components/pagination.tsx';
import { formatDate } from '../../web/format.ts';
import { ACT_NATURES, type ActNature } from '../domain/natures.ts';

export const PUBLIC_ACTS_PATH = '/actes-publies';

export function PublishingList(props: { structures: { siren: string | null; name: string }[] }) {
  return (
    <>
      <h1>Actes publiés</h1>
      <p>
        Les délibérations, arrêtés et autres actes des collectivités membres, publiés sous forme électronique (article
        L2131-1 du code général des collectivités territoriales), avec leur tampon de transmission à la préfecture.
      </p>
      {props.structures.length === 0 ? (
        <p>Aucune collectivité n’a encore publié d’acte.</p>
      ) : (
        <ul>
          {props.structures.map((s) => (
            <li>
              <a href={`${PUBLIC_ACTS_PATH}/${s.siren}`}>{s.name}</a>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

export interface PublicActItem {
  id: string;
  number: string;
  nature: number;
  object: string;
  decisionDate: string;
  publishedAt: Date;
  enforceableAt: string | null;
}

export interface PublicActsProps {
  structure: { name: string; siren: string };
  search: { words: string; nature: string; from: string; to: string };
  query: URLSearchParams;
  page: number;
  pageSize: number;
  total: number;
  acts: PublicActItem[];
}

export function PublishedActs(props: PublicActsProps) {
  const base = `${PUBLIC_ACTS_PATH}/${props.structure.siren}`;
  return (
    <>
      <p>
        <a href={PUBLIC_ACTS_PATH}>← Toutes les collectivités</a>
      </p>
      <h1>Actes publiés – {props.structure.name}</h1>
      <form method="get" action={base} role="search" aria-label="Rechercher un acte" class="filters">
        <p>
          <label for="mots">Mots de l’objet</label>
          <input id="mots" name="mots" type="search" value={props.search.words} maxlength={200} />
        </p>
        <p>
          <label for="nature">Nature</label>
          <select id="nature" name="nature">
            <option value="">Toutes</option>
            {Object.entries(ACT_NATURES).map(([code, n]) => (
              <option value={code} selected={props.search.nature === code}>
                {n.label}
              </option>
            ))}
          </select>
        </p>
        <p>
          <label for="du">Décision du</label>
          <input id="du" name="du" type="date" value={props.search.from} />
        </p>
        <p>
          <label for="au">au</label>
          <input id="au" name="au" type="date" value={props.search.to} />
        </p>
        <p>
          <button type="submit">Rechercher</button>
        </p>
      </form>
      {props.acts.length === 0 ? (
        <p>Aucun acte publié ne répond à cette recherche.</p>
      ) : (
        <table class="card-table">
          <caption>Actes publiés, du plus récent au plus ancien</caption>
          <thead>
            <tr>
              <th scope="col">Objet</th>
              <th scope="col">Nature</th>
              <th scope="col">Numéro</th>
              <th scope="col">Décision</th>
              <th scope="col">Publication</th>
              <th scope="col">Exécutoire le</th>
              <th scope="col">Document</th>
            </tr>
          </thead>
          <tbody>
            {props.acts.map((a) => (
              <tr>
                <td data-label="Objet">{a.object}</td>
                <td data-label="Nature">{ACT_NATURES[a.nature as ActNature]?.label ?? String(a.nature)}</td>
                <td data-label="Numéro" data-cell="number">
                  {a.number}
                </td>
                <td data-label="Décision">{formatDate(a.decisionDate)}</td>
                <td data-label="Publication">{formatDate(a.publishedAt)}</td>
                <td data-label="Exécutoire le">{a.enforceableAt ? formatDate(a.enforceableAt) : '—'}</td>
                <td data-label="Document">
                  <a href={`${base}/${a.id}.pdf`}>
                    PDF tamponné<span class="visually-hidden"> de l’acte {a.number}</span>
                  </a>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <Pagination basePath={base} query={props.query} page={props.page} pageSize={props.pageSize} total={props.total} />
    </>
  );
}
