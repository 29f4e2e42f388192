// Depositing a PES Aller: one file, streamed to the store and checked as it is read; a refusal lists every issue at
// its place in the file (bordereau, piece, line, PJ).
import { CSRF_FIELD } from '../../platform/auth/index.ts';
import { Notice } from '../../web/components/notice.tsx';
import { Page } from '../../web/layout/page.tsx';
import type { Viewer, ViewerStructure } from '../../web/viewer.ts';
import type { DepositPesResult } from '../deposit/deposit-pes.ts';
import { IssuesTable } from './flow-parts.tsx';

function Outcome(props: { result: DepositPesResult }) {
  const r = props.result;
  if (r.accepted)
    return (
      <Notice tone="success" title="Flux déposé" id="resultat">
        <p
          data-focus-on-load
        >{`Le flux ${r.nomFic} est conforme : il est enregistré et part vers le comptable public.`}</p>
        <p>
          <a href={`/flux-comptables/${r.flowId}`}>Suivre le flux {r.nomFic}</a>
        </p>
      </Notice>
    );
  return (
    <section aria-labelledby="resultat-titre">
      <Notice tone="error" title="Flux refusé" id="resultat">
        <p data-focus-on-load id="resultat-titre">
          {r.refusal?.message ?? 'Le flux n’est pas conforme.'}
        </p>
        <p>
          Rien n’a été transmis. Corrigez le fichier dans votre logiciel de comptabilité puis déposez-le de nouveau.{' '}
          <a href={`/flux-comptables/${r.flowId}`}>Voir le flux refusé</a>
        </p>
      </Notice>
      <IssuesTable issues={r.issues} caption="Anomalies du fichier, à leur place" id="anomalies" />
    </section>
  );
}

export function PesDepositPage(props: {
  viewer: Viewer;
  structures: ViewerStructure[];
  maxMegabytes: number;
  result?: DepositPesResult;
  error?: string;
}) {
  const failed = props.error || (props.result && !props.result.accepted);
  return (
    <Page
      title={`${failed ? 'Erreur – ' : ''}Déposer un flux PES`}
      viewer={props.viewer}
      path="/flux-comptables/deposer"
    >
      <h1>Déposer un flux PES</h1>
      {props.error ? (
        <Notice tone="error" title="Dépôt impossible" id="erreur">
          <p data-focus-on-load>{props.error}</p>
        </Notice>
      ) : null}
      {props.result ? <Outcome result={props.result} /> : null}
      <form method="post" action="/flux-comptables/deposer" enctype="multipart/form-data">
        <input type="hidden" name={CSRF_FIELD} value={props.viewer.csrfToken} />
        {props.structures.length > 1 ? (
          <div class="field">
            <label for="structure">Structure qui dépose</label>
            <select id="structure" name="structureId" required>
              {props.structures.map((s) => (
                <option value={s.id}>{s.name}</option>
              ))}
            </select>
          </div>
        ) : (
          <input type="hidden" name="structureId" value={props.structures[0]?.id ?? ''} />
        )}
        <div class="field">
          <label for="signer">
            <input type="checkbox" id="signer" name="signer" value="1" /> Faire signer les bordereaux non signés par le
            hub, avec le certificat de l’ordonnateur
          </label>
          <p class="hint">
            Le certificat se dépose sur la page <a href="/flux-comptables/certificat">Certificat de signature</a>.
          </p>
        </div>
        <div class="field dropzone" data-dropzone>
          <label for="fichier">
            Fichier PES Aller (XML)
            <span class="hint">{`Encodé en ISO-8859-1, ${props.maxMegabytes} Mio au plus.`}</span>
          </label>
          <input type="file" id="fichier" name="fichier" accept=".xml,application/xml,text/xml" required />
          <p class="chosen" data-chosen aria-live="polite" />
        </div>
        <button type="submit">Déposer le flux</button>
      </form>
      <h2>Avant de déposer</h2>
      <ul>
        <li>Le NomFic de l’enveloppe doit être nouveau pour votre structure.</li>
        <li>
          Les lignes de mandat qui portent un numéro de facture et le SIRET du fournisseur sont rattachées aux factures
          reçues par le hub, dont l’original est joint au flux.
        </li>
      </ul>
    </Page>
  );
}
