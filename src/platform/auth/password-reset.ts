// "Mot de passe oublié": a single-use link valid one hour, by e-mail through the outbox. The answer is the same
// whether the address has an account or not (no enumeration). Choosing the new password ends the person's
// sessions and lifts every login block on their address.
import { and, eq, gt, isNull } from 'drizzle-orm';
import { passwordResets } from '../../../db/schema/accounts.ts';
import { authThrottles, people, sessions, type Person } from '../../../db/schema/auth.ts';
import { recordAudit } from '../audit/index.ts';
import { AppError } from '../errors.ts';
import type { AuthDeps } from './deps.ts';
import { normaliseEmail } from './email.ts';
import { checkNewPassword } from './new-password.ts';
import { emailLink, queueEmail, sendSoon } from './outbox.ts';
import { hashPassword } from './password.ts';
import { findPersonByEmail } from './people.ts';
import { hashToken, randomToken } from './tokens.ts';

export const PASSWORD_RESET_PATH = '/mot-de-passe-oublie';
export const PASSWORD_RESET_LINK_PATH = '/mot-de-passe-oublie/nouveau';
export const PASSWORD_RESET_TTL_MS = 60 * 60_000;
/** A second request within this delay sends nothing more: a stranger cannot flood a mailbox. */
export const PASSWORD_RESET_RESEND_MS = 2 * 60_000;
export const PASSWORD_RESET_SUBJECT = 'Choisir un nouveau mot de passe';

const TOKEN = /^[A-Za-z0-9_-]{43}$/;

export const resetLinkInvalid = (): AppError =>
  new AppError(
    'RESET_LINK_INVALID',
    'Ce lien n’est plus valable : il a déjà servi, il a expiré (il vaut une heure) ou un lien plus récent l’a remplacé. Demandez-en un nouveau.',
    400,
  );

function resetBody(person: Pick<Person, 'displayName'>, link: string): string {
  return [
    `Bonjour ${person.displayName},`,
    '',
    'Une demande de nouveau mot de passe a été faite pour votre compte du hub. Pour choisir votre nouveau mot de passe, suivez ce lien (valable une heure, une seule fois) :',
    link,
    '',
    'Choisir un nouveau mot de passe débloque aussi votre compte si des tentatives de connexion l’avaient suspendu.',
    '',
    'Si vous n’êtes pas à l’origine de cette demande, ignorez ce message : votre mot de passe actuel reste valable.',
  ].join('\n');
}

/**
 * Sends a reset link to the address when it belongs to an active person; otherwise does nothing. Either way the
 * caller answers the same sentence.
 */
export async function requestPasswordReset(deps: AuthDeps, email: string): Promise<void> {
  const key = normaliseEmail(email);
  if (!key || key.includes('\0') || key.length > 254) return;
  const person = await findPersonByEmail(deps, key);
  if (!person?.active) return;
  const now = deps.clock.now();
  const token = randomToken();
  const eventKey = await deps.db.transaction(async (tx) => {
    // The person's row serialises two requests made at once.
    await tx.select({ id: people.id }).from(people).where(eq(people.id, person.id)).for('update');
    const [recent] = await tx
      .select({ id: passwordResets.id })
      .from(passwordResets)
      .where(
        and(
          eq(passwordResets.personId, person.id),
          isNull(passwordResets.usedAt),
          gt(passwordResets.createdAt, new Date(now.getTime() - PASSWORD_RESET_RESEND_MS)),
        ),
      );
    if (recent) return undefined;
    // Only the newest link works.
    await tx
      .update(passwordResets)
      .set({ usedAt: now })
      .where(and(eq(passwordResets.personId, person.id), isNull(passwordResets.usedAt)));
    const [row] = await tx
      .insert(passwordResets)
      .values({
        tokenHash: hashToken(token),
        personId: person.id,
        createdAt: now,
        expiresAt: new Date(now.getTime() + PASSWORD_RESET_TTL_MS),
      })
      .returning({ id: passwordResets.id });
    const eventKey = `password-reset:${row!.id}`;
    await queueEmail(tx, {
      eventKey,
      to: person.email,
      subject: PASSWORD_RESET_SUBJECT,
      body: resetBody(person, emailLink(deps, `${PASSWORD_RESET_LINK_PATH}?jeton=${token}`)),
    });
    return eventKey;
  });
  if (eventKey !== undefined) sendSoon(deps, eventKey);
}

/** Whether a reset link can still be used (the page asks for the new password only then). */
export async function resetLinkUsable(deps: AuthDeps, token: string): Promise<boolean> {
  if (!TOKEN.test(token)) return false;
  const [row] = await deps.db
    .select({ id: passwordResets.id })
    .from(passwordResets)
    .where(
      and(
        eq(passwordResets.tokenHash, hashToken(token)),
        isNull(passwordResets.usedAt),
        gt(passwordResets.expiresAt, deps.clock.now()),
      ),
    );
  return row !== undefined;
}

export interface PasswordResetInput {
  token: string;
  password: string;
  confirmation: string;
}

/** Sets the new password through a link: once, within its hour. Returns the address, to prefill the login. */
export async function resetPasswordWithLink(deps: AuthDeps, input: PasswordResetInput): Promise<{ email: string }> {
  if (!TOKEN.test(input.token)) throw resetLinkInvalid();
  const now = deps.clock.now();
  const [link] = await deps.db
    .select({ personId: passwordResets.personId, email: people.email })
    .from(passwordResets)
    .innerJoin(people, eq(people.id, passwordResets.personId))
    .where(
      and(
        eq(passwordResets.tokenHash, hashToken(input.token)),
        isNull(passwordResets.usedAt),
        gt(passwordResets.expiresAt, now),
      ),
    );
  if (!link) throw resetLinkInvalid();
  const password = checkNewPassword(input.password, input.confirmation, link.email);
  const passwordHash = await hashPassword(password);
  return deps.db.transaction(async (tx) => {
    const [used] = await tx
      .update(passwordResets)
      .set({ usedAt: now })
      .where(and(eq(passwordResets.tokenHash, hashToken(input.token)), isNull(passwordResets.usedAt)))
      .returning({ personId: passwordResets.personId });
    if (!used) throw resetLinkInvalid();
    await tx.update(people).set({ passwordHash, updatedAt: now }).where(eq(people.id, used.personId));
    await tx
      .update(sessions)
      .set({ revokedAt: now })
      .where(and(eq(sessions.personId, used.personId), isNull(sessions.revokedAt)));
    const lifted = await tx
      .delete(authThrottles)
      .where(and(eq(authThrottles.kind, 'login'), eq(authThrottles.identityKey, normaliseEmail(link.email))))
      .returning({ source: authThrottles.sourceKey });
    await recordAudit(tx, {
      actor: { kind: 'person', id: used.personId, label: link.email },
      action: 'person.password_reset',
      subject: { type: 'person', id: used.personId },
      before: { throttledSources: lifted.map((l) => l.source) },
      after: { throttledSources: [], sessionsEnded: true },
    });
    return { email: link.email };
  });
}
