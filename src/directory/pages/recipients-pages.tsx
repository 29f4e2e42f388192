// The public directory of recipients, as the Chorus Pro directory: public buyers searchable without login, each
// with its SIRET, its services, and whether an invoice must carry a service code or an engagement number.
import type { ServiceInfo, StructureDetail, StructureSummary, SearchStructuresResult } from '../types.ts';
import { KIND_LABELS } from '../domain/labels.ts';
import { Pagination } from '../../web/components/pagination.tsx';

export const RECIPIENTS_PATH = '/annuaire-destinataires';

/** What an invoice to this structure must carry, in the supplier's words. */
export function referencesRule(chorus: StructureDetail['chorus']): string {
  if (chorus.serviceCodeRequired && chorus.engagementNumberRequired)
    return 'Code service et numéro d’engagement obligatoires';
  if (chorus.serviceCodeRequired) return 'Code service obligatoire';
  if (chorus.engagementNumberRequired) return 'Numéro d’engagement obligatoire';
  if (chorus.serviceCodeOrEngagementRequired) return 'Code service ou numéro d’engagement obligatoire';
  return 'Ni code service ni numéro d’engagement exigé';
}

export function RecipientSearch(props: { q: string; result: SearchStructuresResult; page: number; pageSize: number }) {
  const { result } = props;
  return (
    <>
      <h1>Annuaire des destinataires</h1>
      <p>
        Les collectivités et établissements publics qui reçoivent des factures par le hub : leur SIRET (à indiquer comme
        destinataire), leurs services et les références qu’une facture doit porter.
      </p>
      <form method="get" action={RECIPIENTS_PATH} role="search" aria-label="Rechercher un destinataire" class="filters">
        <div class="field">
          <label for="q">
            Nom, SIREN ou SIRET <span class="hint">ex. st malo, Rennes Métropole, 213502388</span>
          </label>
          <input type="search" id="q" name="q" value={props.q} maxlength={100} />
        </div>
        <div class="actions">
          <button type="submit">Rechercher</button>
        </div>
      </form>
      {props.q ? (
        <>
          <table class="recipients">
            <caption>Destinataires trouvés pour « {props.q} »</caption>
            <thead>
              <tr>
                <th scope="col">Destinataire</th>
                <th scope="col">Type</th>
                <th scope="col">SIRET</th>
              </tr>
            </thead>
            <tbody>
              {result.items.map((s: StructureSummary) => (
                <tr>
                  <th scope="row">
                    <a href={`${RECIPIENTS_PATH}/${s.id}`}>{s.name}</a>
                  </th>
                  <td>{KIND_LABELS[s.kind]}</td>
                  <td>{s.siret ?? '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <Pagination
            basePath={RECIPIENTS_PATH}
            query={new URLSearchParams({ q: props.q })}
            page={props.page}
            pageSize={props.pageSize}
            total={result.total}
          />
        </>
      ) : null}
    </>
  );
}

export function RecipientDetail(props: { structure: StructureDetail; services: ServiceInfo[] }) {
  const { structure } = props;
  const active = props.services.filter((s) => s.active);
  return (
    <>
      <p>
        <a href={RECIPIENTS_PATH}>Annuaire des destinataires</a>
      </p>
      <h1>{structure.name}</h1>
      <dl class="facts">
        <dt>Type</dt>
        <dd>{KIND_LABELS[structure.kind]}</dd>
        <dt>SIRET du destinataire</dt>
        <dd>{structure.siret ?? '—'}</dd>
        <dt>Références à indiquer sur la facture</dt>
        <dd>{referencesRule(structure.chorus)}</dd>
        <dt>Délai de paiement</dt>
        <dd>{structure.paymentDelay.days} jours</dd>
      </dl>
      <h2>Services</h2>
      {active.length === 0 ? (
        <p>Ce destinataire n’a pas de service : laissez le code service vide.</p>
      ) : (
        <table>
          <caption>Services actifs de {structure.name}</caption>
          <thead>
            <tr>
              <th scope="col">Code service</th>
              <th scope="col">Service</th>
              <th scope="col">Numéro d’engagement</th>
            </tr>
          </thead>
          <tbody>
            {active.map((s) => (
              <tr>
                <th scope="row">
                  <code>{s.code}</code>
                </th>
                <td>{s.label}</td>
                <td>{s.engagementNumberRequired ? 'obligatoire' : 'facultatif'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
