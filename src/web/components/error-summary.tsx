// The summary at the top of a refused form: how many points to correct, each a link to its field.

export function ErrorSummary(props: {
  /** What was refused, before the count: « Dépôt impossible », « La facture n’est pas envoyée ». */
  lead: string;
  errors: readonly { field: string; message: string }[];
  /** The id of the input of a field, which the links point to. */
  fieldId: (field: string) => string;
}) {
  const count = props.errors.length;
  if (count === 0) return null;
  return (
    <div class="notice notice-error error-summary" role="alert" tabindex={-1} data-focus-on-load>
      <p class="notice-title">{`${props.lead} : ${count} point${count > 1 ? 's' : ''} à corriger`}</p>
      <ul>
        {props.errors.map((e) => (
          <li>
            <a href={`#${props.fieldId(e.field)}`}>{e.message}</a>
          </li>
        ))}
      </ul>
    </div>
  );
}
