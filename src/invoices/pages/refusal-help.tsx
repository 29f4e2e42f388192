// What a refusal tells the supplier to fix it, beyond its message: the invoice already deposited under the same
// number, the recipient's active services when the service code is wrong. Shown on the deposit result and in the
// deposit history.
import { RECIPIENTS_PATH } from '../../directory/index.ts';
import type { DepositRefusal, RecipientServices } from '../deposit/refusal.ts';

function ServicesTable(props: { recipient: RecipientServices }) {
  const { buyer, services } = props.recipient;
  const directory = (
    <a href={`${RECIPIENTS_PATH}/${buyer.id}`}>{`Fiche de ${buyer.name} dans l’annuaire des destinataires`}</a>
  );
  if (services.length === 0)
    return (
      <p>
        {`${buyer.name} n’a aucun service actif dans l’annuaire : laissez le code service (BT-10) vide ou contactez la structure. `}
        {directory}
      </p>
    );
  return (
    <>
      <div class="table-scroll">
        <table class="card-table" data-recipient-services>
          <caption>{`Services actifs de ${buyer.name} : indiquez l’un de ces codes comme code service (BT-10, référence de l’acheteur)`}</caption>
          <thead>
            <tr>
              <th scope="col">Code service</th>
              <th scope="col">Service</th>
              <th scope="col">Numéro d’engagement (BT-13)</th>
            </tr>
          </thead>
          <tbody>
            {services.map((s) => (
              <tr>
                <td class="card-title" data-cell="service-code">
                  <code>{s.code}</code>
                </td>
                <td data-label="Service">
                  <span>{s.label}</span>
                </td>
                <td data-label="Numéro d’engagement (BT-13)">
                  <span>{s.engagementNumberRequired ? 'obligatoire' : 'facultatif'}</span>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p>{directory}</p>
    </>
  );
}

/** A duplicate: the link to the invoice already deposited under the same number. */
export function ExistingInvoiceLink(props: { refusal: Pick<DepositRefusal, 'existingInvoiceId'> }) {
  const id = props.refusal.existingInvoiceId;
  return id ? (
    <p>
      <a href={`/factures/${id}`} data-existing-invoice>
        Voir la facture déjà déposée sous ce numéro
      </a>
    </p>
  ) : null;
}

/** A service code missing, unknown or inactive: the recipient's active services, to choose from. */
export function RecipientServicesHelp(props: { refusal: Pick<DepositRefusal, 'recipientServices'> }) {
  const recipient = props.refusal.recipientServices;
  return recipient ? (
    <section aria-labelledby="services-destinataire">
      <h2 id="services-destinataire">Services du destinataire</h2>
      <ServicesTable recipient={recipient} />
    </section>
  ) : null;
}
