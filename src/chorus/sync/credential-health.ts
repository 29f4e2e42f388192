// Health of the credentials used towards the real Chorus Pro, kept per subject (the PISTE application or a
// technical login) for the operator's page and /healthz.
import { and, isNotNull, lt } from 'drizzle-orm';
import type { Db } from '../../../db/client.ts';
import { chorusConnections, chorusCredentialHealth } from '../../../db/schema/chorus.ts';
import { ChorusError } from '../client/index.ts';

export const PISTE_SUBJECT = 'piste';
/** Warn this long before a technical password expires. */
export const PASSWORD_WARNING_DAYS = 30;

type Problem = NonNullable<(typeof chorusCredentialHealth.$inferInsert)['problem']>;

async function record(
  db: Db,
  subject: string,
  ok: boolean,
  problem: Problem | null,
  detail: string | null,
  at: Date,
): Promise<void> {
  await db
    .insert(chorusCredentialHealth)
    .values({ subject, ok, problem, detail, checkedAt: at })
    .onConflictDoUpdate({ target: chorusCredentialHealth.subject, set: { ok, problem, detail, checkedAt: at } });
}

/** After a call: success clears the subject's problem; a credential failure records it. Other failures change nothing. */
export async function noteCredentialOutcome(db: Db, login: string, outcome: unknown, at: Date): Promise<void> {
  if (outcome === undefined) {
    await record(db, login, true, null, null, at);
    await record(db, PISTE_SUBJECT, true, null, null, at);
    return;
  }
  if (!(outcome instanceof ChorusError)) return;
  if (outcome.kind === 'token_refused') await record(db, PISTE_SUBJECT, false, 'token_refused', outcome.message, at);
  if (outcome.kind === 'forbidden') await record(db, PISTE_SUBJECT, false, 'api_forbidden', outcome.message, at);
  if (outcome.kind === 'unauthorized') await record(db, login, false, 'account_refused', outcome.message, at);
}

export interface CredentialReport {
  ok: boolean;
  problems: { subject: string; problem: string; detail: string | null; since: string }[];
}

/** What the operator's page and /healthz show: recorded failures, and technical passwords about to expire. */
export async function chorusCredentialReport(db: Db, now: Date): Promise<CredentialReport> {
  const [failures, expiring] = await Promise.all([
    db.select().from(chorusCredentialHealth),
    db
      .select({ login: chorusConnections.login, expiresAt: chorusConnections.passwordExpiresAt })
      .from(chorusConnections)
      .where(
        and(
          isNotNull(chorusConnections.passwordExpiresAt),
          lt(chorusConnections.passwordExpiresAt, new Date(now.getTime() + PASSWORD_WARNING_DAYS * 86_400_000)),
        ),
      ),
  ]);
  const problems = [
    ...failures
      .filter((f) => !f.ok && f.problem)
      .map((f) => ({
        subject: f.subject,
        problem: f.problem as string,
        detail: f.detail,
        since: f.checkedAt.toISOString(),
      })),
    ...expiring.map((e) => ({
      subject: e.login,
      problem: 'password_expiring',
      detail: `Le mot de passe technique expire le ${e.expiresAt?.toISOString().slice(0, 10)} (Chorus Pro impose un changement tous les 424 jours).`,
      since: now.toISOString(),
    })),
  ];
  return { ok: problems.length === 0, problems };
}
