// A PES Aller made readable: its envelope, bordereaux, one page of its lines with their piece and tiers and the
// invoice each pays (a link to the invoice's page), its PJs to download, the issues at their place, the returns.
import { CSRF_FIELD } from '../../platform/auth/index.ts';
import { Notice } from '../../web/components/notice.tsx';
import { Pagination } from '../../web/components/pagination.tsx';
import { formatDateTime, formatMoney } from '../../web/format.ts';
import { Page } from '../../web/layout/page.tsx';
import type { Viewer } from '../../web/viewer.ts';
import { PES_RETURN_KIND_LABELS } from '../domain/statuses.ts';
import type { FlowView } from '../queries/flow-pages.ts';
import type { LinesPage } from '../view/read-pes-lines.ts';
import { FlowStatusBadge, IssuesTable } from './flow-parts.tsx';

export const LINES_PAGE_SIZE = 100;

const lineKey = (l: { idBord: string; idPce: string; idLigne: string }) => `${l.idBord}/${l.idPce}/${l.idLigne}`;

export function FlowPage(props: {
  viewer: Viewer;
  flow: FlowView;
  lines: LinesPage;
  page: number;
  notice?: string;
  error?: string;
}) {
  const { flow } = props;
  const s = flow.summary;
  const title = flow.nomFic || `Transaction ${flow.transactionNumber}`;
  const linked = new Map(flow.links.map((l) => [lineKey(l), l]));
  const unmatched = new Set(flow.unmatched.map(lineKey));
  // « Signer » while the hub may still sign: not signed by it yet, not sent, not refused.
  const signable =
    (s?.bordereaux ?? []).some((b) => !b.signed) &&
    !flow.hubSignedAt &&
    (flow.status === 'POSTE' || flow.status === 'ATTENTE');
  const base = `/flux-comptables/${flow.id}`;
  return (
    <Page title={`Flux ${title}`} viewer={props.viewer} path={base}>
      <p>
        <a href="/flux-comptables">← Flux comptables</a>
      </p>
      <h1>{`Flux ${title}`}</h1>
      {props.notice ? <Notice tone="success">{props.notice}</Notice> : null}
      {props.error ? <Notice tone="error">{props.error}</Notice> : null}
      <dl class="facts">
        <dt>État</dt>
        <dd>
          <FlowStatusBadge status={flow.status} />
          {flow.alarm ? ' — aucun acquittement reçu dans le délai de 48 h' : ''}
        </dd>
        <dt>Structure</dt>
        <dd>{flow.structureName}</dd>
        <dt>Déposé le</dt>
        <dd>{formatDateTime(flow.createdAt)}</dd>
        <dt>Transmis le</dt>
        <dd>{flow.transmittedAt ? `${formatDateTime(flow.transmittedAt)} (${flow.wireName})` : '—'}</dd>
        <dt>Acquitté le</dt>
        <dd>{flow.acknowledgedAt ? formatDateTime(flow.acknowledgedAt) : '—'}</dd>
        <dt>Signé par le hub</dt>
        <dd>
          {flow.hubSignedAt
            ? `le ${formatDateTime(flow.hubSignedAt)}, avec le certificat de la collectivité`
            : flow.signRequested
              ? 'signature demandée, en attente'
              : '—'}
        </dd>
        {s ? (
          <>
            <dt>Poste comptable, collectivité, budget</dt>
            <dd>{`${s.idPost} · SIRET ${s.idColl} · ${s.codCol} / ${s.codBud}${s.libelleColBud ? ` (${s.libelleColBud})` : ''}`}</dd>
          </>
        ) : null}
      </dl>
      {signable ? (
        <form method="post" action={`${base}/signer`}>
          <input type="hidden" name={CSRF_FIELD} value={props.viewer.csrfToken} />
          <p>
            Des bordereaux de ce flux ne sont pas signés. Le hub peut les signer avec le{' '}
            <a href="/flux-comptables/certificat">certificat de la collectivité</a> avant de les transmettre.
          </p>
          <button type="submit">Signer</button>
        </form>
      ) : null}
      <IssuesTable
        issues={flow.issues}
        caption={flow.status === 'NON_CONFORME' ? 'Anomalies relevées par le hub' : 'Anomalies signalées pour ce flux'}
        id="anomalies"
      />
      {s && s.bordereaux.length > 0 ? (
        <div class="table-scroll">
          <table>
            <caption>Bordereaux</caption>
            <thead>
              <tr>
                <th scope="col">Bordereau</th>
                <th scope="col">Exercice</th>
                <th scope="col">Type</th>
                <th scope="col">Pièces</th>
                <th scope="col" class="num">
                  Montant HT
                </th>
                <th scope="col">Signé</th>
              </tr>
            </thead>
            <tbody>
              {s.bordereaux.map((b) => (
                <tr>
                  <th scope="row">{`${b.domain === 'recette' ? 'Titres' : 'Mandats'} ${b.idBord}`}</th>
                  <td>{b.exer}</td>
                  <td>{b.typBord}</td>
                  <td>{String(b.nbrPce)}</td>
                  <td class="num">{formatMoney(b.mtBordHT)}</td>
                  <td>{b.signed ? 'oui' : 'non'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      <section aria-labelledby="lignes">
        <h2 id="lignes">Lignes des pièces</h2>
        {props.lines.lines.length === 0 ? (
          <p>Aucune ligne lisible dans ce fichier.</p>
        ) : (
          <div class="table-scroll">
            <table>
              <caption class="visually-hidden">Lignes des pièces, avec leur tiers et la facture payée</caption>
              <thead>
                <tr>
                  <th scope="col">Bordereau</th>
                  <th scope="col">Pièce</th>
                  <th scope="col">Ligne</th>
                  <th scope="col">Tiers</th>
                  <th scope="col">Nature</th>
                  <th scope="col" class="num">
                    Montant HT
                  </th>
                  <th scope="col">Facture</th>
                </tr>
              </thead>
              <tbody>
                {props.lines.lines.map((l) => {
                  const link = linked.get(lineKey(l));
                  return (
                    <tr>
                      <td>{l.idBord}</td>
                      <td>
                        {l.idPce}
                        {l.obj ? <span class="hint">{` ${l.obj}`}</span> : null}
                      </td>
                      <td>{l.idLigne}</td>
                      <td>
                        {l.tiersName || '—'}
                        {l.tiersId ? <span class="hint">{` ${l.tiersId}`}</span> : null}
                      </td>
                      <td>{l.nature}</td>
                      <td class="num">{l.mtHT ? formatMoney(l.mtHT) : '—'}</td>
                      <td>
                        {link ? (
                          <a href={`/factures/${link.invoiceId}`}>{`Facture ${link.number}`}</a>
                        ) : unmatched.has(lineKey(l)) ? (
                          `${l.facture} (aucune facture du hub)`
                        ) : (
                          l.facture || '—'
                        )}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        )}
        <Pagination
          basePath={base}
          query={new URLSearchParams(props.page > 1 ? { page: String(props.page) } : {})}
          page={props.page}
          pageSize={LINES_PAGE_SIZE}
          total={props.lines.total}
        />
      </section>
      {flow.unmatched.length > 0 ? (
        <section aria-labelledby="non-rapprochees">
          <h2 id="non-rapprochees">Lignes de mandat sans facture du hub</h2>
          <p>
            Aucune facture reçue par le hub ne porte ce numéro pour ce fournisseur : vérifiez le numéro ou le tiers.
          </p>
          <ul>
            {flow.unmatched.map((l) => (
              <li>{`Bordereau ${l.idBord}, mandat ${l.idPce}, ligne ${l.idLigne} : facture « ${l.facture ?? '—'} », tiers ${l.tiersName ?? ''} ${l.tiersId ?? ''}, ${formatMoney(l.mtHT)} HT`}</li>
            ))}
          </ul>
        </section>
      ) : null}
      {s && s.pjs.length > 0 ? (
        <section aria-labelledby="pj">
          <h2 id="pj">Pièces justificatives</h2>
          <ul>
            {s.pjs.map((pj) => (
              <li>
                <a href={`${base}/pj/${encodeURIComponent(pj.idUnique)}`} download>
                  {pj.nomPJ || pj.idUnique}
                </a>
                <span class="hint">{` ${pj.description} (${pj.mimeType})`}</span>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {flow.returns.length > 0 ? (
        <section aria-labelledby="retours">
          <h2 id="retours">Fichiers reçus du comptable public</h2>
          <ul>
            {flow.returns.map((r) => (
              <li>{`${PES_RETURN_KIND_LABELS[r.kind]} — ${r.remoteName}, reçu le ${formatDateTime(r.createdAt)}`}</li>
            ))}
          </ul>
        </section>
      ) : null}
    </Page>
  );
}
