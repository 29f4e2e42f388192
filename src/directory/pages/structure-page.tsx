// One structure for the operator, shown (identity, Chorus Pro routing rules, services, establishments) or edited:
// two modes, so that reading it never risks changing it (/annuaire/:id and /annuaire/:id/modifier).
import { CSRF_FIELD } from '../../platform/auth/index.ts';
import { Notice } from '../../web/components/notice.tsx';
import { formatCount } from '../../web/format.ts';
import { Page } from '../../web/layout/page.tsx';
import type { Viewer } from '../../web/viewer.ts';
import type { ChorusRouting, StructureDetail, StructureSummary } from '../types.ts';
import { CHORUS_FLAG_LABELS, EPCI_NATURE_LABELS, KIND_LABELS } from '../domain/labels.ts';
import { StructureFields, type StructureFormValues } from './structure-form.tsx';

export interface StructurePageProps {
  viewer: Viewer;
  structure: StructureDetail;
  members: StructureSummary[];
  done?: string | undefined;
  error?: string | undefined;
  /** The identity form as posted, when it was refused (otherwise the stored values). */
  identity?: { values: StructureFormValues; errorField?: string | undefined } | undefined;
  /** Shown (the default) or edited. */
  mode?: 'view' | 'edit';
}

/** The stored values of a structure, as its identity form shows them. */
export function identityValues(s: StructureDetail): StructureFormValues {
  return {
    kind: s.kind,
    name: s.name,
    siret: s.siret ?? '',
    epciNature: s.epciNature ?? '',
    departementCode: s.departementCode ?? '',
    paymentDelayOverrideDays: s.paymentDelay.overrideDays === null ? '' : String(s.paymentDelay.overrideDays),
    active: s.active,
  };
}

function delayText(s: StructureDetail): string {
  const { days, legalDays, overrideDays } = s.paymentDelay;
  if (overrideDays !== null) return `${days} jours, fixé par l’opérateur (délai légal du type : ${legalDays} jours)`;
  return `${days} jours, délai légal (${KIND_LABELS[s.kind].toLowerCase()})`;
}

function IdentityForm(props: { structure: StructureDetail; csrf: string; identity: StructurePageProps['identity'] }) {
  return (
    <form method="post" action={`/annuaire/${props.structure.id}/identite`}>
      <fieldset>
        <legend>Identité et délai de paiement</legend>
        <input type="hidden" name={CSRF_FIELD} value={props.csrf} />
        <StructureFields
          values={props.identity?.values ?? identityValues(props.structure)}
          errorField={props.identity?.errorField}
          withSiret={false}
          withActive
        />
        <button type="submit">Enregistrer l’identité</button>
      </fieldset>
    </form>
  );
}

function ChorusForm(props: { structure: StructureDetail; csrf: string }) {
  const flags = props.structure.chorus;
  return (
    <form method="post" action={`/annuaire/${props.structure.id}/chorus`}>
      <fieldset>
        <legend>Règles d’acheminement Chorus Pro</legend>
        <input type="hidden" name={CSRF_FIELD} value={props.csrf} />
        {(Object.keys(CHORUS_FLAG_LABELS) as (keyof ChorusRouting)[]).map((k) => (
          <div class="field checkbox">
            <label>
              <input type="checkbox" name={k} value="1" checked={flags[k]} /> {CHORUS_FLAG_LABELS[k]}
            </label>
          </div>
        ))}
        <button type="submit">Enregistrer les règles</button>
      </fieldset>
    </form>
  );
}

function ServiceRow(props: { structureId: string; service: StructureDetail['services'][number]; csrf: string }) {
  const s = props.service;
  const id = (name: string) => `svc-${s.id}-${name}`;
  return (
    <tr>
      <td>
        <code>{s.code}</code>
      </td>
      <td colspan={3}>
        <form method="post" action={`/annuaire/${props.structureId}/services`} class="inline-service">
          <input type="hidden" name={CSRF_FIELD} value={props.csrf} />
          <input type="hidden" name="code" value={s.code} />
          <div class="field">
            <label for={id('label')}>{`Libellé du service ${s.code}`}</label>
            <input type="text" id={id('label')} name="label" value={s.label} required maxlength={200} />
          </div>
          <div class="field checkbox">
            <label>
              <input type="checkbox" name="active" value="1" checked={s.active} /> Actif
            </label>
          </div>
          <div class="field checkbox">
            <label>
              <input type="checkbox" name="engagementNumberRequired" value="1" checked={s.engagementNumberRequired} />{' '}
              Numéro d’engagement obligatoire
            </label>
          </div>
          <button type="submit" class="secondary">{`Enregistrer ${s.code}`}</button>
        </form>
      </td>
    </tr>
  );
}

function NewServiceForm(props: { structureId: string; csrf: string }) {
  return (
    <form method="post" action={`/annuaire/${props.structureId}/services`}>
      <fieldset>
        <legend>Ajouter un service</legend>
        <input type="hidden" name={CSRF_FIELD} value={props.csrf} />
        <input type="hidden" name="active" value="1" />
        <div class="field">
          <label for="new-code">
            Code <span class="hint">ex. FIN ; lettres, chiffres, tirets</span>
          </label>
          <input type="text" id="new-code" name="code" required maxlength={100} autocomplete="off" />
        </div>
        <div class="field">
          <label for="new-label">Libellé</label>
          <input type="text" id="new-label" name="label" required maxlength={200} />
        </div>
        <div class="field checkbox">
          <label>
            <input type="checkbox" name="engagementNumberRequired" value="1" /> Numéro d’engagement obligatoire
          </label>
        </div>
        <button type="submit">Ajouter le service</button>
      </fieldset>
    </form>
  );
}

const yesNo = (value: boolean): string => (value ? 'oui' : 'non');

/** The Chorus rules and the services, as read. */
function RoutingFacts(props: { structure: StructureDetail }) {
  const s = props.structure;
  return (
    <>
      <h2>Règles d’acheminement Chorus Pro</h2>
      <dl class="facts">
        {(Object.keys(CHORUS_FLAG_LABELS) as (keyof ChorusRouting)[]).map((k) => (
          <>
            <dt>{CHORUS_FLAG_LABELS[k]}</dt>
            <dd>{yesNo(s.chorus[k])}</dd>
          </>
        ))}
      </dl>
      <h2>Services</h2>
      {s.services.length === 0 ? (
        <p>Aucun service déclaré : les factures sont adressées à la structure.</p>
      ) : (
        <div class="table-scroll">
          <table class="card-table">
            <caption class="visually-hidden">Services de la structure</caption>
            <thead>
              <tr>
                <th scope="col">Code</th>
                <th scope="col">Libellé</th>
                <th scope="col">Actif</th>
                <th scope="col">Numéro d’engagement obligatoire</th>
              </tr>
            </thead>
            <tbody>
              {s.services.map((svc) => (
                <tr>
                  <td class="card-title">
                    <code>{svc.code}</code>
                  </td>
                  <td data-label="Libellé">
                    <span>{svc.label}</span>
                  </td>
                  <td data-label="Actif">
                    <span>{yesNo(svc.active)}</span>
                  </td>
                  <td data-label="N° d’engagement obligatoire">
                    <span>{yesNo(svc.engagementNumberRequired)}</span>
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

/** The forms that change the structure. */
function EditForms(props: { structure: StructureDetail; csrf: string; identity: StructurePageProps['identity'] }) {
  const s = props.structure;
  const csrf = props.csrf;
  return (
    <>
      <IdentityForm structure={s} csrf={csrf} identity={props.identity} />
      <ChorusForm structure={s} csrf={csrf} />
      <h2>Services</h2>
      {s.services.length === 0 ? (
        <p>Aucun service déclaré : les factures sont adressées à la structure.</p>
      ) : (
        <div class="table-scroll">
          <table>
            <caption class="visually-hidden">Services de la structure</caption>
            <thead>
              <tr>
                <th scope="col">Code</th>
                <th scope="col" colspan={3}>
                  Libellé et règles
                </th>
              </tr>
            </thead>
            <tbody>
              {s.services.map((svc) => (
                <ServiceRow structureId={s.id} service={svc} csrf={csrf} />
              ))}
            </tbody>
          </table>
        </div>
      )}
      <NewServiceForm structureId={s.id} csrf={csrf} />
    </>
  );
}

export function StructurePage(props: StructurePageProps) {
  const s = props.structure;
  const csrf = props.viewer.csrfToken;
  const editing = props.mode === 'edit';
  return (
    <Page
      title={`${props.error ? 'Erreur – ' : ''}${editing ? 'Modifier – ' : ''}${s.name} – Annuaire`}
      viewer={props.viewer}
      path="/annuaire"
    >
      <p>
        {editing ? (
          <a href={`/annuaire/${s.id}`}>← Retour à la fiche, sans modifier</a>
        ) : (
          <a href="/annuaire">← Annuaire</a>
        )}
      </p>
      <h1>{editing ? `Modifier ${s.name}` : s.name}</h1>
      {props.error ? (
        <Notice tone="error" title="Modification refusée">
          <p data-focus-on-load id="form-error">
            {props.error}
          </p>
        </Notice>
      ) : null}
      {props.done ? (
        <Notice tone="success">
          <p data-focus-on-load>{props.done}</p>
        </Notice>
      ) : null}
      {editing ? null : (
        <p>
          <a class="button" href={`/annuaire/${s.id}/modifier`}>
            Modifier la structure
          </a>
        </p>
      )}
      <dl class="facts">
        <dt>Type</dt>
        <dd>{s.epciNature ? `${KIND_LABELS[s.kind]} – ${EPCI_NATURE_LABELS[s.epciNature]}` : KIND_LABELS[s.kind]}</dd>
        <dt>SIREN</dt>
        <dd>{s.siren ?? '—'}</dd>
        <dt>SIRET principal</dt>
        <dd>{s.siret ?? '—'}</dd>
        <dt>Code INSEE</dt>
        <dd>{s.inseeCode ?? '—'}</dd>
        <dt>Population</dt>
        <dd>{s.population === null ? '—' : formatCount(s.population)}</dd>
        {s.epci ? (
          <>
            <dt>EPCI</dt>
            <dd>
              <a href={`/annuaire/${s.epci.id}`}>{s.epci.name}</a>
            </dd>
          </>
        ) : null}
        {s.kind === 'supplier' ? null : (
          <>
            <dt>Délai de paiement</dt>
            <dd>{delayText(s)}</dd>
          </>
        )}
        <dt>État</dt>
        <dd>{s.active ? 'active' : 'inactive'}</dd>
      </dl>
      {editing ? <EditForms structure={s} csrf={csrf} identity={props.identity} /> : <RoutingFacts structure={s} />}
      {editing ? null : (
        <>
          <h2>Établissements</h2>
          <ul>
            {s.establishments.map((e) => (
              <li>
                {`SIRET ${e.siret}`}
                {e.main ? ' (siège)' : ''}
                {e.derived ? ' – calculé depuis le SIREN' : ''}
                {e.active ? '' : ' – inactif'}
              </li>
            ))}
          </ul>
          {props.members.length > 0 ? (
            <>
              <h2>{`Communes membres (${props.members.length})`}</h2>
              <ul>
                {props.members.map((m) => (
                  <li>
                    <a href={`/annuaire/${m.id}`}>{m.name}</a>
                    {m.population === null ? '' : ` – ${formatCount(m.population)} hab.`}
                  </li>
                ))}
              </ul>
            </>
          ) : null}
        </>
      )}
    </Page>
  );
}
