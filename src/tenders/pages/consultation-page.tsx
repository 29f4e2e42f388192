// A consultation as anyone sees it once published: notice, lots with their deadlines in Paris time, documents with
// size, format and SHA-256 (free download, identification optional), the published answers. A company also asks
// questions, deposits a bid per lot and finds its receipts here.
import { CSRF_FIELD } from '../../platform/auth/index.ts';
import { FieldError, fieldErrorAttributes } from '../../web/components/field-error.tsx';
import { Notice } from '../../web/components/notice.tsx';
import { formatCount, formatDateTime, formatMoney } from '../../web/format.ts';
import type { CompanyDeposit } from '../consultations/company-deposits.ts';
import type { ConsultationView } from '../consultations/read-consultation.ts';
import { CONTRACT_NATURE_LABELS, type ContractNature } from '../domain/index.ts';
import { LotsTable, StatusBadge } from './tender-parts.tsx';

export type FieldErrors = Partial<Record<string, string>>;

export interface ConsultationPageProps {
  view: ConsultationView;
  questions: { id: string; question: string; answer: string; answeredAt: string }[];
  now: Date;
  csrf: string;
  /** The visitor is a company user: questions, deposits and receipts. */
  company: { deposits: CompanyDeposit[] } | undefined;
  /** The visitor is an agent of the buyer: a link to the follow-up page. */
  agent: boolean;
  done?: string | undefined;
  errors?: FieldErrors | undefined;
  values?: Record<string, string> | undefined;
}

const sizeText = (bytes: number): string =>
  bytes >= 1024 * 1024
    ? `${(bytes / (1024 * 1024)).toFixed(1).replace('.', ',')} Mio`
    : `${formatCount(Math.max(1, Math.ceil(bytes / 1024)))} Kio`;

function Documents(props: { view: ConsultationView }) {
  if (props.view.documents.length === 0) return <p>Aucun document n’est encore en ligne.</p>;
  return (
    <div class="table-scroll">
      <table class="card-table">
        <caption>Dossier de consultation (téléchargement libre et gratuit)</caption>
        <thead>
          <tr>
            <th scope="col">Document</th>
            <th scope="col">Version</th>
            <th scope="col">Taille</th>
            <th scope="col">Format</th>
            <th scope="col">Empreinte SHA-256</th>
          </tr>
        </thead>
        <tbody>
          {props.view.documents.map((d) => (
            <tr>
              <td data-label="Document" data-cell="number">
                <a href={`/consultations/${props.view.id}/documents/${d.id}`} download>
                  {d.name}
                </a>
              </td>
              <td data-label="Version">
                {d.version} <span class="hint">du {formatDateTime(d.publishedAt)}</span>
              </td>
              <td data-label="Taille">{sizeText(d.size)}</td>
              <td data-label="Format">{d.mediaType}</td>
              <td data-label="SHA-256">
                <code class="hash">{d.sha256}</code>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function Registration(props: ConsultationPageProps) {
  const e = props.errors ?? {};
  const v = props.values ?? {};
  return (
    <form method="post" action={`/consultations/${props.view.id}/inscription`}>
      <input type="hidden" name={CSRF_FIELD} value={props.csrf} />
      <p>
        Facultatif : laissez une adresse pour être prévenu des nouvelles versions des documents et des réponses aux
        questions.
      </p>
      <div class="field">
        <label for="email">Adresse électronique</label>
        <input
          type="email"
          id="email"
          name="email"
          value={v['email'] ?? ''}
          autocomplete="email"
          required
          {...fieldErrorAttributes('email', !!e['email'])}
        />
        <FieldError fieldId="email" message={e['email']} />
      </div>
      <div class="field">
        <label for="entreprise">Entreprise</label>
        <input
          type="text"
          id="entreprise"
          name="entreprise"
          value={v['entreprise'] ?? ''}
          autocomplete="organization"
          required
          {...fieldErrorAttributes('entreprise', !!e['entreprise'])}
        />
        <FieldError fieldId="entreprise" message={e['entreprise']} />
      </div>
      <button type="submit">M’inscrire</button>
    </form>
  );
}

function AskQuestion(props: ConsultationPageProps) {
  const e = props.errors ?? {};
  return (
    <form method="post" action={`/consultations/${props.view.id}/questions`}>
      <input type="hidden" name={CSRF_FIELD} value={props.csrf} />
      <div class="field">
        <label for="question">
          Votre question <span class="hint">(la réponse est publiée pour tous, sans votre nom)</span>
        </label>
        <textarea
          id="question"
          name="question"
          rows={4}
          required
          {...fieldErrorAttributes('question', !!e['question'])}
        >
          {props.values?.['question'] ?? ''}
        </textarea>
        <FieldError fieldId="question" message={e['question']} />
      </div>
      <button type="submit">Envoyer la question</button>
    </form>
  );
}

function MyDeposits(props: { deposits: CompanyDeposit[] }) {
  if (props.deposits.length === 0) return <p>Vous n’avez encore déposé aucun pli.</p>;
  return (
    <ul>
      {props.deposits.map((d) => (
        <li>
          <a href={`/depots/${d.id}`}>{`Lot ${d.lot} : pli reçu le ${formatDateTime(d.receivedAt)}`}</a>
          {d.late ? <span class="badge badge-danger">Hors délai</span> : null}
          {d.superseded ? <span class="badge badge-neutral">Remplacé</span> : null}
        </li>
      ))}
    </ul>
  );
}

export function ConsultationPage(props: ConsultationPageProps) {
  const v = props.view;
  const depositsOpen =
    props.company !== undefined && v.status !== 'draft' && !['opened', 'awarded', 'notified'].includes(v.status);
  return (
    <>
      <h1>{v.title}</h1>
      {v.isTest ? (
        <Notice tone="warning" title="Consultation de test">
          <p>Cette consultation sert à s’entraîner au dépôt : elle ne donne lieu à aucun marché.</p>
        </Notice>
      ) : null}
      {props.done ? (
        <Notice tone="success" title="C’est fait" id="resultat">
          <p data-focus-on-load>{props.done}</p>
        </Notice>
      ) : null}
      <dl class="facts">
        <dt>Référence</dt>
        <dd>{v.reference}</dd>
        <dt>Acheteur</dt>
        <dd>
          {v.buyer.name}
          {v.buyer.siret ? ` (SIRET ${v.buyer.siret})` : ''}
        </dd>
        <dt>Procédure</dt>
        <dd>{v.procedure}</dd>
        <dt>Nature</dt>
        <dd>{CONTRACT_NATURE_LABELS[v.nature as ContractNature] ?? v.nature}</dd>
        <dt>Code CPV principal</dt>
        <dd>{v.cpv}</dd>
        <dt>Montant estimé HT</dt>
        <dd>{formatMoney(v.estimatedAmount)}</dd>
        <dt>État</dt>
        <dd>
          <StatusBadge status={v.status} />
        </dd>
        {v.publishedAt ? (
          <>
            <dt>Publiée le</dt>
            <dd>{formatDateTime(v.publishedAt)}</dd>
          </>
        ) : null}
        <dt>Signature électronique de l’offre</dt>
        <dd>{v.signatureRequired ? 'exigée' : 'non exigée'}</dd>
        <dt>Copie de sauvegarde</dt>
        <dd>{v.backupCopyAllowed ? 'autorisée' : 'non prévue'}</dd>
      </dl>
      <h2>Objet</h2>
      <p>{v.object}</p>
      {props.agent ? (
        <p>
          <a href={`/acheteur/consultations/${v.id}`}>Suivre cette consultation (acheteur)</a>
        </p>
      ) : null}
      <h2>Lots et dates limites</h2>
      <p class="hint">
        L’heure de réception d’un pli est celle de la fin de sa transmission : prévoyez le temps d’envoi de vos
        fichiers.
      </p>
      <LotsTable
        lots={v.lots}
        now={props.now}
        action={
          depositsOpen
            ? (lot) => (
                <a href={`/consultations/${v.id}/lots/${lot.number}/depot`}>{`Déposer un pli (lot ${lot.number})`}</a>
              )
            : undefined
        }
      />
      <h2>Documents</h2>
      <Documents view={v} />
      <h2>Être informé des modifications</h2>
      <Registration {...props} />
      <h2>Questions et réponses</h2>
      {props.questions.length === 0 ? (
        <p>Aucune réponse publiée pour l’instant.</p>
      ) : (
        <dl class="questions">
          {props.questions.map((q) => (
            <>
              <dt>{q.question}</dt>
              <dd>
                {q.answer} <span class="hint">(réponse du {formatDateTime(q.answeredAt)})</span>
              </dd>
            </>
          ))}
        </dl>
      )}
      {props.company ? (
        <>
          {v.status === 'published' ? (
            <>
              <h2>Poser une question</h2>
              <AskQuestion {...props} />
            </>
          ) : null}
          <h2>Mes plis et accusés de réception</h2>
          <MyDeposits deposits={props.company.deposits} />
        </>
      ) : (
        <p>
          Pour poser une question ou déposer un pli,{' '}
          <a href={`/connexion?next=/consultations/${v.id}`}>connectez-vous</a> avec le compte de votre entreprise.
        </p>
      )}
    </>
  );
}
