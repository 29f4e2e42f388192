// `/actes/:id`: one act followed — its facts, the days left in the préfet's two months, the downloads (the archive
// as sent, the stamped PDF), publication and cancellation, the prefecture's letters with their answers (a late
// one highlighted) and the act's history. Forms only for the structure's agents; operators read.
import { CSRF_FIELD } from '../../platform/auth/index.ts';
import { Notice } from '../../web/components/notice.tsx';
import { formatDate, formatDateTime } from '../../web/format.ts';
import { Page } from '../../web/layout/page.tsx';
import type { Viewer } from '../../web/viewer.ts';
import { LETTER_LABELS, LETTER_REPLIES, REPLY_LABELS, type LetterCode } from '../domain/statuses.ts';
import type { getActDetail } from '../queries/find-act.ts';
import { ActStatusBadge, ACTS_PATH, actPath, natureLabel, windowText } from './act-parts.tsx';
import { PiecesForm, type Typology } from './pieces-form.tsx';

export type ActDetail = Awaited<ReturnType<typeof getActDetail>>;
export type ActLetter = ActDetail['letters'][number] & { late: boolean };

/** The replies without documents; the 3-4 carries its pieces (pieces-form.tsx). */
const PAGE_REPLIES: Record<string, (keyof typeof REPLY_LABELS)[]> = {
  '2-1': ['2-2'],
  '3-1': ['3-3'],
  '4-1': ['4-3', '4-4'],
};

function Csrf(props: { viewer: Viewer }) {
  return <input type="hidden" name={CSRF_FIELD} value={props.viewer.csrfToken} />;
}

function LetterItem(props: {
  act: ActDetail;
  letter: ActLetter;
  viewer: Viewer;
  canAct: boolean;
  typologies: Typology[];
}) {
  const l = props.letter;
  const base = `${actPath(props.act.id)}/courriers/${l.id}`;
  const replies = PAGE_REPLIES[l.code] ?? [];
  const expects = (LETTER_REPLIES[l.code as LetterCode] ?? []).length > 0;
  return (
    <li data-letter={l.code}>
      <h3>{`${LETTER_LABELS[l.code as LetterCode] ?? 'Courrier'} (${l.code}) du ${formatDate(l.letterDate)}`}</h3>
      <p>{l.text || '(sans texte)'}</p>
      <p class="hint">
        {`Reçu le ${formatDateTime(l.receivedAt)}`}
        {l.readAt ? ` · lu le ${formatDateTime(l.readAt)}` : ' · non lu'}
      </p>
      {l.replyCode ? (
        <p>
          {`${REPLY_LABELS[l.replyCode as keyof typeof REPLY_LABELS] ?? 'Réponse'} (${l.replyCode}) `}
          {l.repliedAt ? `envoyée le ${formatDateTime(l.repliedAt)}` : 'en cours d’envoi'}
        </p>
      ) : expects ? (
        <p class={l.late ? 'late' : undefined} data-late-answer={l.late ? '' : undefined}>
          {l.late ? 'Réponse en retard : la préfecture attend votre réponse.' : 'En attente de votre réponse.'}
        </p>
      ) : null}
      {props.canAct && !l.readAt ? (
        <form method="post" action={`${base}/lu`} class="inline-form">
          <Csrf viewer={props.viewer} />
          <button type="submit" class="button-link">
            Marquer comme lu<span class="visually-hidden">{` le courrier ${l.code}`}</span>
          </button>
        </form>
      ) : null}
      {props.canAct && !l.replyCode && replies.length > 0 ? (
        <form method="post" action={`${base}/reponse`} class="inline-form">
          <Csrf viewer={props.viewer} />
          <label for={`reponse-${l.id}`}>Réponse</label>
          <select id={`reponse-${l.id}`} name="code">
            {replies.map((code) => (
              <option value={code}>{`${code} – ${REPLY_LABELS[code]}`}</option>
            ))}
          </select>
          <button type="submit">Envoyer la réponse</button>
        </form>
      ) : null}
      {props.canAct && !l.replyCode && l.code === '3-1' ? (
        <PiecesForm action={`${base}/pieces`} letterId={l.id} viewer={props.viewer} typologies={props.typologies} />
      ) : null}
    </li>
  );
}

export function ActPage(props: {
  viewer: Viewer;
  act: ActDetail;
  letters: ActLetter[];
  canAct: boolean;
  /** The typologies of the act's nature, for the 3-4 pieces. */
  typologies: Typology[];
  notice?: string;
  error?: string;
}) {
  const a = props.act;
  const canPublish = props.canAct && a.idActe && a.receivedAt && !a.publishedAt && a.status !== 'ANNULE';
  return (
    <Page title={`Acte ${a.number}`} viewer={props.viewer} path={ACTS_PATH}>
      <p>
        <a href={ACTS_PATH}>← Tous les actes</a>
      </p>
      <h1>{`Acte ${a.number}`}</h1>
      {props.notice ? (
        <Notice tone="success" id="resultat">
          <p data-focus-on-load>{props.notice}</p>
        </Notice>
      ) : null}
      {props.error ? (
        <Notice tone="error" title="Demande impossible" id="erreur">
          <p data-focus-on-load>{props.error}</p>
        </Notice>
      ) : null}
      <p>{a.object}</p>
      <dl class="facts">
        <dt>État</dt>
        <dd>
          <ActStatusBadge status={a.status} />
        </dd>
        {a.error ? (
          <>
            <dt>Anomalie</dt>
            <dd>{a.error}</dd>
          </>
        ) : null}
        <dt>Identifiant ACTES</dt>
        <dd>{a.idActe ?? 'attribué à l’accusé de réception'}</dd>
        <dt>Nature</dt>
        <dd>{natureLabel(a.nature)}</dd>
        <dt>Matière</dt>
        <dd>{a.classification}</dd>
        <dt>Décision du</dt>
        <dd>{formatDate(a.decisionDate)}</dd>
        <dt>Envoyé le</dt>
        <dd>{a.sentAt ? formatDateTime(a.sentAt) : '—'}</dd>
        <dt>Reçu en préfecture le</dt>
        <dd>{a.receivedAt ? formatDate(a.receivedAt) : '—'}</dd>
        <dt>Délai de contrôle de légalité</dt>
        <dd>
          {windowText(a.legalityWindowDaysLeft, a.legalityWindowSuspended)}
          {a.legalityWindowEndsAt ? ` — jusqu’au ${formatDate(a.legalityWindowEndsAt)}` : ''}
        </dd>
        <dt>Publié le</dt>
        <dd>{a.publishedAt ? formatDate(a.publishedAt) : 'non publié'}</dd>
        <dt>Exécutoire le</dt>
        <dd>{a.enforceableAt ? formatDate(a.enforceableAt) : '—'}</dd>
      </dl>
      <h2>Documents</h2>
      <ul>
        {a.pieces.map((p) => (
          <li>{`${p.position === 1 ? 'Acte' : `Annexe ${p.position - 1}`} : ${p.originalName} (${p.typology})`}</li>
        ))}
        {a.archiveName ? (
          <li>
            <a href={`${actPath(a.id)}/archive`}>{`Archive transmise (${a.archiveName})`}</a>
          </li>
        ) : null}
        {a.idActe && a.receivedAt ? (
          <li>
            <a href={`${actPath(a.id)}/tampon.pdf`}>Acte tamponné (PDF)</a>
          </li>
        ) : null}
      </ul>
      {canPublish || (props.canAct && (a.status === 'ACQUITTE' || a.status === 'BROUILLON')) ? <h2>Actions</h2> : null}
      {props.canAct && a.status === 'BROUILLON' ? (
        <>
          <p class="hint">Ce brouillon n’est pas transmis : rien n’est parti vers la préfecture.</p>
          <form method="post" action={`${actPath(a.id)}/transmettre`} class="inline-form">
            <Csrf viewer={props.viewer} />
            <button type="submit">Transmettre à la préfecture</button>
          </form>
          <form method="post" action={`${actPath(a.id)}/supprimer`} class="inline-form">
            <Csrf viewer={props.viewer} />
            <button type="submit" class="button-link">
              Supprimer le brouillon
            </button>
          </form>
        </>
      ) : null}
      {canPublish ? (
        <form method="post" action={`${actPath(a.id)}/publier`} class="inline-form">
          <Csrf viewer={props.viewer} />
          <button type="submit">Publier l’acte</button>
          <span class="hint"> La publication sur la page publique de la collectivité est définitive.</span>
        </form>
      ) : null}
      {props.canAct && a.status === 'ACQUITTE' ? (
        <form method="post" action={`${actPath(a.id)}/annulation`} class="inline-form">
          <Csrf viewer={props.viewer} />
          <button type="submit" class="button-link">
            Demander l’annulation de la transmission (6-1)
          </button>
        </form>
      ) : null}
      <h2>Courriers de la préfecture</h2>
      {props.letters.length === 0 ? (
        <p>Aucun courrier reçu.</p>
      ) : (
        <ul class="cards">
          {props.letters.map((l) => (
            <LetterItem act={a} letter={l} viewer={props.viewer} canAct={props.canAct} typologies={props.typologies} />
          ))}
        </ul>
      )}
      <h2>Historique</h2>
      <ol class="timeline" aria-label="Historique de l’acte">
        {a.events.map((e) => (
          <li>
            <span class="when">{formatDateTime(e.at)}</span> <ActStatusBadge status={e.status} />
            <p>{e.label}</p>
          </li>
        ))}
      </ol>
    </Page>
  );
}
