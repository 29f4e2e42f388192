// What ties a refused field to its message for screen readers: aria-invalid, aria-describedby and the message.

/** The id of the message under a field. */
export const errorIdOf = (fieldId: string): string => `${fieldId}-erreur`;

/** Attributes of an input: invalid and described by its message when it is the refused one. */
export function fieldErrorAttributes(fieldId: string, refused: boolean): Record<string, string> {
  return refused ? { 'aria-invalid': 'true', 'aria-describedby': errorIdOf(fieldId) } : {};
}

export function FieldError(props: { fieldId: string; message: string | undefined }) {
  if (!props.message) return null;
  return (
    <p class="field-error" id={errorIdOf(props.fieldId)}>
      {props.message}
    </p>
  );
}
