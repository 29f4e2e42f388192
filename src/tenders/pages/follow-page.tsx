// A buyer's agent follows a consultation: publication, documents, registrations and downloads, questions to answer,
// deposits per lot, then the opening (refused before the deadline, with the reason), the award per lot and the
// letters. Each action is a plain form; its outcome or refusal is shown at the top.
import type { Child } from 'hono/jsx';
import { CSRF_FIELD } from '../../platform/auth/index.ts';
import { Notice } from '../../web/components/notice.tsx';
import { formatCount, formatDateTime, formatMoney } from '../../web/format.ts';
import { Page } from '../../web/layout/page.tsx';
import type { Viewer } from '../../web/viewer.ts';
import type { FollowUp } from '../consultations/follow-up.ts';
import type { ConsultationView } from '../consultations/read-consultation.ts';
import { procedureLabel } from './draft-page.tsx';
import { NotificationSection, type ContractReportRow } from './notification-section.tsx';
import { LotsTable, StatusBadge } from './tender-parts.tsx';

export interface FollowPageProps {
  viewer: Viewer;
  view: ConsultationView;
  follow: FollowUp;
  now: Date;
  /** Agents act; the operator only reads. */
  canAct: boolean;
  done?: Child;
  error?: string | undefined;
  /** The contracts' verification reports, latest first. */
  contracts?: ContractReportRow[];
  /** A refused contract upload, shown at its lot's field. */
  contractError?: { lot: number; message: string } | undefined;
}

function ActionForm(props: { action: string; csrf: string; children: Child; multipart?: boolean }) {
  return (
    <form method="post" action={props.action} enctype={props.multipart ? 'multipart/form-data' : undefined}>
      <input type="hidden" name={CSRF_FIELD} value={props.csrf} />
      {props.children}
    </form>
  );
}

const yesNo = (b: boolean) => (b ? 'oui' : 'non');

function Deposits(props: FollowPageProps) {
  const base = `/acheteur/consultations/${props.view.id}`;
  if (props.follow.deposits.length === 0) return <p>Aucun pli reçu.</p>;
  return (
    <div class="table-scroll">
      <table class="card-table">
        <caption>Registre des dépôts</caption>
        <thead>
          <tr>
            <th scope="col">Lot</th>
            <th scope="col">Entreprise</th>
            <th scope="col">Réception (fin)</th>
            <th scope="col">Hors délai</th>
            <th scope="col">Remplacé</th>
            <th scope="col">Ouverture</th>
          </tr>
        </thead>
        <tbody>
          {props.follow.deposits.map((d) => (
            <tr>
              <td data-label="Lot" data-cell="number">
                {d.lot}
              </td>
              <td data-label="Entreprise" data-cell="party">
                {d.company}
              </td>
              <td data-label="Réception">{formatDateTime(d.receivedAt)}</td>
              <td data-label="Hors délai">{d.late ? <strong class="late">oui</strong> : 'non'}</td>
              <td data-label="Remplacé">{yesNo(d.superseded)}</td>
              <td data-label="Ouverture" data-cell="status">
                {!d.opened ? (
                  'scellé'
                ) : (
                  <>
                    {d.integrity === 'intact' ? 'ouvert, intact' : `ouvert, ${d.integrity ?? 'non vérifié'}`}
                    <ul>
                      {d.files.map((f) => (
                        <li>
                          <a href={`${base}/plis/${d.id}/fichiers/${f.id}`}>{`${f.part} : ${f.fileName}`}</a>{' '}
                          <span class="hint">{`${formatCount(f.size)} octets${f.integrity === 'altere' ? ', altéré' : ''}`}</span>
                        </li>
                      ))}
                    </ul>
                  </>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function Award(props: FollowPageProps & { lot: number }) {
  const awarded = props.follow.awards.find((a) => a.lot === props.lot);
  if (awarded)
    return (
      <p>
        {`Lot ${props.lot} attribué pour ${formatMoney(awarded.amount)}`}
        {awarded.standstillEndsAt ? ` ; fin du délai de suspension : ${formatDateTime(awarded.standstillEndsAt)}` : ''}
        {awarded.notifiedAt ? ` ; notifié le ${formatDateTime(awarded.notifiedAt)}` : ''}.
      </p>
    );
  const candidates = props.follow.deposits.filter(
    (d) => d.lot === props.lot && d.opened && !d.late && !d.superseded && d.integrity === 'intact',
  );
  if (candidates.length === 0) return <p>{`Lot ${props.lot} : aucun pli retenable.`}</p>;
  const id = (name: string) => `${name}-${props.lot}`;
  return (
    <ActionForm
      action={`/acheteur/consultations/${props.view.id}/lots/${props.lot}/attribution`}
      csrf={props.viewer.csrfToken}
    >
      <fieldset>
        <legend>{`Attribuer le lot ${props.lot}`}</legend>
        <div class="field">
          <label for={id('pli')}>Pli retenu</label>
          <select id={id('pli')} name="pli" required>
            {candidates.map((d) => (
              <option value={d.id}>{`${d.company} (reçu le ${formatDateTime(d.receivedAt)})`}</option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for={id('montant')}>Montant attribué HT en euros (ex. 41000,00)</label>
          <input type="text" id={id('montant')} name="montant" inputmode="decimal" required />
        </div>
        <div class="field">
          <label for={id('motifs')}>Motifs du choix (repris dans les lettres aux candidats évincés)</label>
          <textarea id={id('motifs')} name="motifs" rows={3} required />
        </div>
        <button type="submit">{`Attribuer le lot ${props.lot} et envoyer les lettres`}</button>
      </fieldset>
    </ActionForm>
  );
}

function Questions(props: FollowPageProps) {
  const base = `/acheteur/consultations/${props.view.id}`;
  if (props.follow.questions.length === 0) return <p>Aucune question reçue.</p>;
  return (
    <ol class="questions">
      {props.follow.questions.map((q, i) => (
        <li>
          <p>
            <strong>{q.question}</strong> <span class="hint">(reçue le {formatDateTime(q.askedAt)})</span>
          </p>
          {q.answer !== null ? (
            <p>{`Réponse publiée le ${formatDateTime(q.answeredAt ?? '')} : ${q.answer}`}</p>
          ) : props.canAct && props.view.status === 'published' ? (
            <ActionForm action={`${base}/questions/${q.id}/reponse`} csrf={props.viewer.csrfToken}>
              <div class="field">
                <label for={`reponse-${i}`}>
                  Réponse (publiée pour toutes les entreprises, sans le nom de l’auteur)
                </label>
                <textarea id={`reponse-${i}`} name="reponse" rows={3} required />
              </div>
              <div class="field">
                <label for={`report-${i}`}>
                  Nouvelle date limite, si la réponse arrive à moins de six jours de la date limite (heure de Paris)
                </label>
                <input type="datetime-local" id={`report-${i}`} name="nouvelleDateLimite" />
              </div>
              <button type="submit">Publier la réponse</button>
            </ActionForm>
          ) : (
            <p>Sans réponse.</p>
          )}
        </li>
      ))}
    </ol>
  );
}

export function FollowPage(props: FollowPageProps) {
  const v = props.view;
  const base = `/acheteur/consultations/${v.id}`;
  const csrf = props.viewer.csrfToken;
  const sealed = v.status === 'published' || v.status === 'closed';
  return (
    <Page title={`${props.error ? 'Erreur – ' : ''}${v.title}`} viewer={props.viewer} path={base}>
      <h1>{v.title}</h1>
      {props.error ? (
        <Notice tone="error" title="Action refusée" id="erreur">
          <p data-focus-on-load>{props.error}</p>
        </Notice>
      ) : null}
      {props.done ? (
        <Notice tone="success" title="C’est fait" id="resultat">
          <div data-focus-on-load>{props.done}</div>
        </Notice>
      ) : null}
      <p>
        <StatusBadge status={v.status} /> {v.reference} · {procedureLabel(v.procedure)} ·{' '}
        {formatMoney(v.estimatedAmount)} HT
        {v.status !== 'draft' ? (
          <>
            {' · '}
            <a href={`/consultations/${v.id}`}>Page publique</a>
          </>
        ) : null}
      </p>
      <LotsTable lots={v.lots} now={props.now} />
      {props.canAct && v.status === 'draft' ? (
        <ActionForm action={`${base}/publication`} csrf={csrf}>
          <p>Vérifiez les documents avant de publier : la publication contrôle les délais minimaux et les seuils.</p>
          <button type="submit">Publier la consultation</button>
        </ActionForm>
      ) : null}
      <h2>Documents</h2>
      {v.documents.length === 0 ? (
        <p>Aucun document.</p>
      ) : (
        <ul>
          {v.documents.map((d) => (
            <li>{`${d.name} (version ${d.version}, ${formatCount(d.size)} octets)`}</li>
          ))}
        </ul>
      )}
      {props.canAct && (v.status === 'draft' || v.status === 'published') ? (
        <ActionForm action={`${base}/documents`} csrf={csrf} multipart>
          <h3>Ajouter un document ou une nouvelle version</h3>
          <div class="field">
            <label for="doc-nom">Nom du document (le même nom crée une nouvelle version)</label>
            <input type="text" id="doc-nom" name="nom" />
          </div>
          <div class="field">
            <label for="doc-important">
              <input type="checkbox" id="doc-important" name="important" value="true" /> Modification importante (les
              entreprises inscrites sont prévenues ; report exigé à moins de six jours)
            </label>
          </div>
          <div class="field">
            <label for="doc-report">Nouvelle date limite si un report est exigé (heure de Paris)</label>
            <input type="datetime-local" id="doc-report" name="nouvelleDateLimite" />
          </div>
          <div class="field">
            <label for="doc-fichier">Fichier</label>
            <input type="file" id="doc-fichier" name="fichier" required />
          </div>
          <button type="submit">Mettre le document en ligne</button>
        </ActionForm>
      ) : null}
      {v.status !== 'draft' ? (
        <>
          <h2>Retraits et inscriptions</h2>
          <p>
            {`${formatCount(props.follow.withdrawals)} téléchargement${props.follow.withdrawals > 1 ? 's' : ''} ; ${formatCount(props.follow.registrations.length)} entreprise${props.follow.registrations.length > 1 ? 's' : ''} inscrite${props.follow.registrations.length > 1 ? 's' : ''}.`}
          </p>
          {props.follow.registrations.length > 0 ? (
            <ul>
              {props.follow.registrations.map((r) => (
                <li>{`${r.companyName || 'Entreprise non nommée'} — ${r.email}`}</li>
              ))}
            </ul>
          ) : null}
          <p>
            Registres (CSV) : <a href={`/api/tenders/consultations/${v.id}/registers/retraits.csv`}>retraits</a> ·{' '}
            <a href={`/api/tenders/consultations/${v.id}/registers/depots.csv`}>dépôts</a> ·{' '}
            <a href={`/api/tenders/consultations/${v.id}/registers/questions.csv`}>questions</a>
          </p>
          <h2>Questions des entreprises</h2>
          <Questions {...props} />
          <h2>Plis reçus</h2>
          <Deposits {...props} />
          {props.canAct && sealed ? (
            <ActionForm action={`${base}/ouverture`} csrf={csrf}>
              <p>L’ouverture n’est possible qu’après la dernière date limite ; chaque tentative est journalisée.</p>
              <button type="submit">Ouvrir les plis</button>
            </ActionForm>
          ) : null}
          {props.canAct && v.status === 'opened' ? (
            <>
              <h2>Attribution</h2>
              {v.lots.map((lot) => (
                <Award {...props} lot={lot.number} />
              ))}
            </>
          ) : null}
          <NotificationSection
            consultationId={v.id}
            csrf={csrf}
            canAct={props.canAct}
            now={props.now}
            awards={props.follow.awards}
            reports={props.contracts ?? []}
            fieldError={props.contractError}
          />
        </>
      ) : null}
    </Page>
  );
}
