// The legal payment delay of an invoice (décret 2013-269): due date, days left, late interest once it applies.
import { daysLeft, describeDaysLeft, formatDate, formatMoney, parisDay } from '../../web/format.ts';
import { computeLatePayment, type InvoiceDetail } from './invoice-verbs.ts';

const CLOSED = new Set(['MISE_EN_PAIEMENT', 'REJETEE']);

/** An unpaid invoice past its due date: what would be owed if it were paid today. */
function OverdueNotice(props: { invoice: InvoiceDetail; dueDay: string; today: string }) {
  const late = computeLatePayment({
    amountInclVat: props.invoice.amountDue,
    dueDate: props.dueDay,
    paymentDate: props.today,
  });
  return (
    <div class="notice notice-warning" role="status">
      <p class="notice-title">Délai de paiement dépassé</p>
      <p>
        {`Payée aujourd’hui, cette facture coûterait à la collectivité ${formatMoney(late.interest, props.invoice.currency)} d’intérêts moratoires (${late.lateDays} jour(s) au taux de ${(late.ratePercent ?? '').replace('.', ',')} %, taux de la BCE + 8 points), plus l’indemnité forfaitaire de ${formatMoney(late.indemnity, props.invoice.currency)}.`}
      </p>
    </div>
  );
}

export function PaymentClock(props: { invoice: InvoiceDetail; now: Date }) {
  const { invoice: i, now } = props;
  const clock = i.paymentClock;
  const open = !CLOSED.has(i.status);
  const left = clock.legalDueAt && open ? daysLeft(clock.legalDueAt, now) : undefined;
  const paidLate = clock.lateDays !== null && clock.lateDays > 0;
  return (
    <section aria-labelledby="delai">
      <h2 id="delai">Délai de paiement</h2>
      <dl class="facts">
        <dt>Délai légal</dt>
        <dd>{`${clock.paymentDelayDays} jours à compter de la mise à disposition`}</dd>
        <dt>Mise à disposition</dt>
        <dd>{clock.madeAvailableAt ? formatDate(clock.madeAvailableAt) : '—'}</dd>
        <dt>Date limite de paiement</dt>
        <dd>
          {clock.legalDueAt
            ? formatDate(clock.legalDueAt)
            : i.status === 'SUSPENDUE'
              ? 'suspendue jusqu’au complément du fournisseur'
              : '—'}
          {left !== undefined ? (
            <>
              {' '}
              <span class={left < 0 ? 'late' : left <= 7 ? 'soon' : undefined}>({describeDaysLeft(left)})</span>
            </>
          ) : null}
        </dd>
        {clock.paidOn ? (
          <>
            <dt>Mise en paiement</dt>
            <dd>{formatDate(clock.paidOn)}</dd>
          </>
        ) : null}
      </dl>
      {paidLate ? (
        <div class="notice notice-warning" role="status">
          <p class="notice-title">Intérêts moratoires dus</p>
          <p>
            {`Payée avec ${clock.lateDays} jour(s) de retard : intérêts moratoires de ${formatMoney(clock.lateInterest ?? '0', i.currency)} et indemnité forfaitaire de ${formatMoney(clock.lateIndemnity ?? '40.00', i.currency)}.`}
          </p>
        </div>
      ) : left !== undefined && left < 0 && clock.legalDueAt ? (
        <OverdueNotice invoice={i} dueDay={parisDay(clock.legalDueAt)} today={parisDay(now)} />
      ) : null}
    </section>
  );
}
