// The structure's signing certificate, as its accountant sets it: what identifies the certificate in use (never
// the certificate nor the key themselves), and a form to deposit a new certificate with its private key (PEM files,
// or one PKCS#12 file).
import { CSRF_FIELD } from '../../platform/auth/index.ts';
import { Notice } from '../../web/components/notice.tsx';
import { formatDateTime } from '../../web/format.ts';
import { Page } from '../../web/layout/page.tsx';
import type { Viewer } from '../../web/viewer.ts';
import type { SigningIdentityFacts } from '../signing/read-identity.ts';

export interface StructureIdentity {
  structureId: string;
  structureName: string;
  facts?: SigningIdentityFacts;
}

function Facts(props: { facts: SigningIdentityFacts }) {
  const f = props.facts;
  return (
    <dl class="facts">
      <dt>Titulaire</dt>
      <dd>{f.subject}</dd>
      <dt>Émetteur</dt>
      <dd>{f.issuer}</dd>
      <dt>Numéro de série</dt>
      <dd>{f.serialNumber}</dd>
      <dt>Empreinte SHA-256</dt>
      <dd>
        <code>{f.fingerprintSha256}</code>
      </dd>
      <dt>Valide</dt>
      <dd>{`du ${formatDateTime(f.validFrom)} au ${formatDateTime(f.validTo)}`}</dd>
    </dl>
  );
}

export function CertificatePage(props: {
  viewer: Viewer;
  structures: StructureIdentity[];
  notice?: string;
  error?: string;
}) {
  return (
    <Page
      title={`${props.error ? 'Erreur – ' : ''}Certificat de signature`}
      viewer={props.viewer}
      path="/flux-comptables/certificat"
    >
      <p>
        <a href="/flux-comptables">← Flux comptables</a>
      </p>
      <h1>Certificat de signature des bordereaux</h1>
      {props.error ? (
        <Notice tone="error" title="Certificat refusé" id="erreur">
          <p data-focus-on-load>{props.error}</p>
        </Notice>
      ) : null}
      {props.notice ? (
        <Notice tone="success" id="resultat">
          <p data-focus-on-load>{props.notice}</p>
        </Notice>
      ) : null}
      <p>
        Le hub signe les bordereaux non signés (signature XAdES de l’ordonnateur, politique Hélios) avec ce certificat,
        quand le dépôt le demande ou que vous cliquez « Signer » sur un flux. La clé privée est conservée chiffrée ;
        elle n’est jamais affichée ni transmise.
      </p>
      {props.structures.map((s) => (
        <section aria-labelledby={`certificat-${s.structureId}`}>
          <h2 id={`certificat-${s.structureId}`}>{s.structureName}</h2>
          {s.facts ? <Facts facts={s.facts} /> : <p>Aucun certificat n’est enregistré.</p>}
        </section>
      ))}
      <h2>Déposer un certificat</h2>
      <form method="post" action="/flux-comptables/certificat" enctype="multipart/form-data">
        <input type="hidden" name={CSRF_FIELD} value={props.viewer.csrfToken} />
        {props.structures.length > 1 ? (
          <div class="field">
            <label for="structure">Collectivité</label>
            <select id="structure" name="structureId" required>
              {props.structures.map((s) => (
                <option value={s.structureId}>{s.structureName}</option>
              ))}
            </select>
          </div>
        ) : (
          <input type="hidden" name="structureId" value={props.structures[0]?.structureId ?? ''} />
        )}
        <div class="field">
          <label for="certificat">
            Certificat de l’ordonnateur
            <span class="hint">Fichier PEM (« -----BEGIN CERTIFICATE----- »), sa chaîne peut suivre.</span>
          </label>
          <input type="file" id="certificat" name="certificat" accept=".pem,.crt,.cer" />
        </div>
        <div class="field">
          <label for="cle">
            Clé privée RSA
            <span class="hint">Fichier PEM (PKCS#8 ou PKCS#1), chiffré ou non.</span>
          </label>
          <input type="file" id="cle" name="cle" accept=".pem,.key" />
        </div>
        <div class="field">
          <label for="pkcs12">
            Ou fichier PKCS#12
            <span class="hint">Certificat et clé ensemble (.p12, .pfx), avec sa phrase secrète ci-dessous.</span>
          </label>
          <input type="file" id="pkcs12" name="pkcs12" accept=".p12,.pfx,application/x-pkcs12" />
        </div>
        <div class="field">
          <label for="phrase">
            Phrase secrète <span class="hint">De la clé chiffrée ou du fichier PKCS#12.</span>
          </label>
          <input type="password" id="phrase" name="phrase" autocomplete="off" />
        </div>
        <button type="submit">Enregistrer le certificat</button>
      </form>
    </Page>
  );
}
