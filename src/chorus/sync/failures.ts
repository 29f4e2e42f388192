// Chorus failures as activity outcomes: a functional refusal will not change on retry; the rest is retried
// (an operator may fix credentials meanwhile; the credential health shows them).
import { ApplicationFailure } from '@temporalio/common';
import { ChorusError } from '../client/index.ts';

export const CHORUS_REFUSED = 'CHORUS_REFUSED';
export const CHORUS_NOT_CONFIGURED = 'CHORUS_NOT_CONFIGURED';

export function activityFailureOf(error: unknown): unknown {
  if (error instanceof ChorusError && error.kind === 'functional') {
    return ApplicationFailure.create({
      type: CHORUS_REFUSED,
      message: error.message,
      nonRetryable: true,
      details: [error.details],
    });
  }
  return error;
}

export function notConfigured(): ApplicationFailure {
  return ApplicationFailure.create({
    type: CHORUS_NOT_CONFIGURED,
    message: 'La liaison avec Chorus Pro n’est pas configurée (CHORUS_CLIENT_ID, CHORUS_TECH_LOGIN…).',
    nonRetryable: true,
  });
}
