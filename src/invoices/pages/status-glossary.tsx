// What the status names mean, folded at the foot of a list, in the order an invoice lives them.
import { STATUS_EXPLANATIONS } from '../domain/status-explanations.ts';
import { STATUS_LABELS } from '../domain/transitions.ts';
import type { InvoiceStatus } from '../domain/contract.ts';

const ORDER: readonly InvoiceStatus[] = [
  'DEPOSEE',
  'EN_COURS_ACHEMINEMENT',
  'MISE_A_DISPOSITION',
  'SUSPENDUE',
  'COMPLETEE',
  'A_RECYCLER',
  'SERVICE_FAIT',
  'MANDATEE',
  'MISE_A_DISPOSITION_COMPTABLE',
  'COMPTABILISEE',
  'MISE_EN_PAIEMENT',
  'REJETEE',
];

export function StatusGlossary(props: { side: 'buyer' | 'supplier' }) {
  return (
    <details class="more-actions status-glossary">
      <summary>Que veulent dire les statuts ?</summary>
      <p class="hint">
        {props.side === 'supplier'
          ? 'Les noms sont ceux de Chorus Pro, le portail de l’État, que vos clients publics utilisent aussi.'
          : 'Les noms sont ceux de Chorus Pro, le portail de l’État, que vos fournisseurs voient aussi.'}
      </p>
      <dl>
        {ORDER.map((s) => (
          <>
            <dt>{STATUS_LABELS[s]}</dt>
            <dd>{STATUS_EXPLANATIONS[s]}</dd>
          </>
        ))}
      </dl>
    </details>
  );
}

/** One sentence under an invoice's title: what its status means now. */
export function StatusExplained(props: { status: InvoiceStatus }) {
  return <p class="status-explained hint">{STATUS_EXPLANATIONS[props.status]}</p>;
}
