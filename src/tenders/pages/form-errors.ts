// A verb's refusal tied back to the fields of the page's form: the verb names its field (`details.field`, or each
// of `details.problems`), the page maps it to its own field name. Refusals a form cannot show are rethrown.
import { AppError } from '../../platform/errors.ts';
import type { FieldErrors } from './consultation-page.tsx';

interface Problem {
  field?: unknown;
  message?: unknown;
}

/** The field errors of a refusal (4xx other than 401/404), or undefined when the error is not one to show on a form. */
export function fieldErrorsOf(
  error: unknown,
  fieldOf: (verbField: string) => string,
  fallbackField: string,
): FieldErrors | undefined {
  if (!(error instanceof AppError) || error.status >= 500 || error.status === 401 || error.status === 404)
    return undefined;
  const details = (error.details ?? {}) as { field?: unknown; problems?: Problem[] };
  const errors: FieldErrors = {};
  for (const p of details.problems ?? [])
    if (typeof p.field === 'string' && typeof p.message === 'string') errors[fieldOf(p.field)] ??= p.message;
  if (Object.keys(errors).length === 0)
    errors[typeof details.field === 'string' ? fieldOf(details.field) : fallbackField] = error.message;
  return errors;
}

/** Runs a form's verb: its result, or the field errors to show again with the form (other errors are thrown). */
export async function attempt<T>(
  run: () => Promise<T>,
  fieldOf: (verbField: string) => string,
  fallbackField: string,
): Promise<{ ok: true; value: T } | { ok: false; errors: FieldErrors; status: 400 | 403 | 409 | 413 | 415 | 422 }> {
  try {
    return { ok: true, value: await run() };
  } catch (error) {
    const errors = fieldErrorsOf(error, fieldOf, fallbackField);
    if (!errors) throw error;
    return { ok: false, errors, status: (error as AppError).status as 400 };
  }
}
