// The notification step of the follow-up page: for each awarded lot, the standstill's end (Paris time), the form
// that uploads the signed contract (PDF, PAdES), the verification report of the last contract checked, and the
// notified state. A refusal is tied to the lot's file field.
import { CSRF_FIELD } from '../../platform/auth/index.ts';
import { formatDateTime } from '../../web/format.ts';
import type { FollowUp } from '../consultations/follow-up.ts';
import type { SignatureEntry, SignatureReport } from '../signature/verify-contract.ts';

export interface ContractReportRow {
  lot: number;
  id: string;
  decision: string;
  report: SignatureReport;
}

export interface NotificationSectionProps {
  consultationId: string;
  csrf: string;
  canAct: boolean;
  now: Date;
  awards: FollowUp['awards'];
  /** Latest first. */
  reports: ContractReportRow[];
  /** The refusal of the last upload, for its lot. */
  fieldError?: { lot: number; message: string } | undefined;
}

const yes = (b: boolean) => (b ? 'oui' : 'non');

function SignatureFacts(props: { s: SignatureEntry }) {
  const s = props.s;
  return (
    <dl class="facts">
      <dt>Signataire</dt>
      <dd>{s.signataire ?? 'inconnu'}</dd>
      <dt>Émetteur du certificat</dt>
      <dd>{s.emetteur ?? 'inconnu'}</dd>
      <dt>Date de signature</dt>
      <dd>{s.dateDeSignature ? `${formatDateTime(s.dateDeSignature)} (${s.sourceDeLaDate})` : s.sourceDeLaDate}</dd>
      <dt>Format</dt>
      <dd>{s.format}</dd>
      <dt>Intégrité</dt>
      <dd>
        <strong class={s.integrite === 'OK' ? 'ok' : 'late'}>{s.integrite}</strong> — {s.detailIntegrite}
      </dd>
      <dt>Certificat valide à la date de signature</dt>
      <dd>
        {yes(s.certificatValideALaDateDeSignature)}
        {s.validiteDuCertificat
          ? ` (du ${formatDateTime(s.validiteDuCertificat.du)} au ${formatDateTime(s.validiteDuCertificat.au)})`
          : ''}
      </dd>
      <dt>Usage de la clé</dt>
      <dd>{s.usageDeCle}</dd>
      <dt>Qualifié (déclaré)</dt>
      <dd>{`${yes(s.qualifieDeclare)} — ${s.detailQualification}`}</dd>
      <dt>Attribut certificat du signataire</dt>
      <dd>{s.attributCertificatSignataire}</dd>
      <dt>Couverture du document</dt>
      <dd>{s.couverture.detail}</dd>
      <dt>Chaîne de confiance</dt>
      <dd>{s.chaineDeConfiance.detail}</dd>
    </dl>
  );
}

function Report(props: { row: ContractReportRow; lot: number }) {
  const r = props.row.report;
  return (
    <section aria-labelledby={`rapport-${props.lot}`}>
      <h4 id={`rapport-${props.lot}`}>
        {`Rapport de vérification du ${formatDateTime(r.verifieLe)} : ${r.decision === 'accepte' ? 'signature acceptée' : 'signature refusée'}`}
      </h4>
      <p>{`Fichier « ${r.fichier.nom} », ${r.fichier.taille} octets, SHA-256 ${r.fichier.sha256}.`}</p>
      {r.motifDuRefus ? <p class="late">{`Motif du refus : ${r.motifDuRefus.message}`}</p> : null}
      {r.signatures.map((s) => (
        <>
          <h5>{`Signature ${s.numero}`}</h5>
          <SignatureFacts s={s} />
        </>
      ))}
      {r.avertissements.length > 0 ? (
        <>
          <h5>Avertissements</h5>
          <ul>
            {r.avertissements.map((w) => (
              <li>{w}</li>
            ))}
          </ul>
        </>
      ) : null}
      <p class="hint">{r.limites}</p>
    </section>
  );
}

function LotNotification(props: NotificationSectionProps & { award: FollowUp['awards'][number] }) {
  const { award } = props;
  const lot = award.lot;
  const last = props.reports.find((r) => r.lot === lot);
  const ends = award.standstillEndsAt;
  const running = ends !== null && new Date(ends).getTime() > props.now.getTime();
  const error = props.fieldError?.lot === lot ? props.fieldError.message : undefined;
  const field = `contrat-${lot}`;
  return (
    <div class="notification">
      <h3>{`Lot ${lot}`}</h3>
      <p>
        {ends ? (
          <>
            Fin du délai de suspension : <time datetime={ends}>{formatDateTime(ends)}</time>{' '}
            <span class="hint">(heure de Paris)</span>
            {running ? ' — le marché ne peut être ni signé ni notifié avant.' : '.'}
          </>
        ) : (
          'Délai de suspension non fixé.'
        )}
      </p>
      {award.notifiedAt ? (
        <p>
          <strong>{`Marché notifié le ${formatDateTime(award.notifiedAt)}`}</strong> ; ses données essentielles sont
          publiées.
        </p>
      ) : props.canAct && !running ? (
        <form
          method="post"
          action={`/acheteur/consultations/${props.consultationId}/lots/${lot}/notification`}
          enctype="multipart/form-data"
        >
          <input type="hidden" name={CSRF_FIELD} value={props.csrf} />
          <div class="field">
            <label
              for={field}
            >{`Marché signé du lot ${lot} (PDF signé électroniquement, PAdES, 20 Mio au plus)`}</label>
            <p class="hint" id={`${field}-aide`}>
              Chaque signature est vérifiée : intégrité, certificat valide à la date de signature, certificat qualifié
              déclaré. Le fichier et le rapport sont conservés.
            </p>
            {error ? (
              <p class="field-error" id={`${field}-erreur`}>
                {error}
              </p>
            ) : null}
            <input
              type="file"
              id={field}
              name="contrat"
              accept="application/pdf,.pdf"
              required
              aria-describedby={error ? `${field}-erreur ${field}-aide` : `${field}-aide`}
              aria-invalid={error ? 'true' : undefined}
            />
          </div>
          <button type="submit">{`Vérifier la signature et notifier le lot ${lot}`}</button>
        </form>
      ) : !award.notifiedAt ? (
        <p>Non notifié.</p>
      ) : null}
      {last ? <Report row={last} lot={lot} /> : null}
    </div>
  );
}

export function NotificationSection(props: NotificationSectionProps) {
  if (props.awards.length === 0) return null;
  return (
    <>
      <h2>Signature et notification</h2>
      {props.awards.map((award) => (
        <LotNotification {...props} award={award} />
      ))}
    </>
  );
}
