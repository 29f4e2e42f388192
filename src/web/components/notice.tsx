// A message box: success, information or error; errors and confirmations are announced to screen readers.
import type { Child } from 'hono/jsx';

export function Notice(props: {
  tone: 'success' | 'info' | 'error' | 'warning';
  title?: string;
  children?: Child;
  id?: string;
}) {
  const role = props.tone === 'error' ? 'alert' : 'status';
  return (
    <div class={`notice notice-${props.tone}`} role={role} id={props.id} tabindex={-1}>
      {props.title ? <p class="notice-title">{props.title}</p> : null}
      {props.children}
    </div>
  );
}
