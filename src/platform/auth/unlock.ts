// "Débloquer mon compte": when a person's logins get blocked, a single-use link valid one hour goes out through the
// e-mail outbox; following it (a form posted from the link's page, so a mail scanner fetching the link spends
// nothing) lifts every block on the person's e-mail, whatever the source address.
import { and, eq, gt, isNull } from 'drizzle-orm';
import { authThrottles, loginUnlocks, people, type Person } from '../../../db/schema/auth.ts';
import { emailOutbox } from '../../../db/schema/invoices.ts';
import { recordAudit } from '../audit/index.ts';
import { AppError } from '../errors.ts';
import type { AuthDeps } from './deps.ts';
import { normaliseEmail } from './email.ts';
import { sendSoon } from './outbox.ts';
import { sourceKey } from './throttle.ts';
import { hashToken, randomToken } from './tokens.ts';

export const UNLOCK_LINK_TTL_MS = 60 * 60_000;
export const UNLOCK_PATH = '/connexion/debloquer';
export { OUTBOX_EMAILS_WORKFLOW } from './outbox.ts';
export const UNLOCK_SUBJECT = 'Débloquer mon compte';

const TOKEN = /^[A-Za-z0-9_-]{43}$/;

export const unlockLinkInvalid = (): AppError =>
  new AppError(
    'UNLOCK_LINK_INVALID',
    'Ce lien de déblocage n’est plus valable : il a déjà servi ou il a expiré (il vaut une heure). Un nouveau lien vous est envoyé si les connexions sont de nouveau bloquées.',
    400,
  );

function unlockBody(person: Pick<Person, 'displayName' | 'email'>, ip: string | null, link: string): string {
  return [
    `Bonjour ${person.displayName},`,
    '',
    `Plusieurs tentatives de connexion au hub avec votre adresse ${person.email} ont échoué${ip ? ` depuis l’adresse ${sourceKey(ip)}` : ''}. Par précaution, les connexions depuis cette adresse sont suspendues quelques minutes.`,
    '',
    'Si c’était vous, débloquez votre compte tout de suite en suivant ce lien (valable une heure, une seule fois) :',
    link,
    '',
    'Si ce n’était pas vous, ignorez ce message : votre mot de passe n’a pas été divulgué et vous pouvez toujours vous connecter depuis vos appareils habituels.',
  ].join('\n');
}

/**
 * Writes an unlock link for `person` into the outbox, unless one sent earlier is still valid (so a stranger's
 * guesses cannot flood the mailbox), then asks the worker to send it now.
 */
export async function offerUnlockLink(
  deps: AuthDeps,
  person: Pick<Person, 'id' | 'email' | 'displayName'>,
  ip: string | null,
): Promise<void> {
  const now = deps.clock.now();
  const token = randomToken();
  const link = `${(deps.publicUrl ?? '').replace(/\/+$/, '')}${UNLOCK_PATH}?jeton=${token}`;
  const eventKey = await deps.db.transaction(async (tx) => {
    // The person's row is the lock that keeps two parallel blocks from sending two links.
    await tx.select({ id: people.id }).from(people).where(eq(people.id, person.id)).for('update');
    const [live] = await tx
      .select({ id: loginUnlocks.id })
      .from(loginUnlocks)
      .where(and(eq(loginUnlocks.personId, person.id), isNull(loginUnlocks.usedAt), gt(loginUnlocks.expiresAt, now)));
    if (live) return undefined;
    const [row] = await tx
      .insert(loginUnlocks)
      .values({
        tokenHash: hashToken(token),
        personId: person.id,
        createdAt: now,
        expiresAt: new Date(now.getTime() + UNLOCK_LINK_TTL_MS),
      })
      .returning({ id: loginUnlocks.id });
    const key = `login-unlock:${row!.id}`;
    await tx
      .insert(emailOutbox)
      .values({ eventKey: key, toAddress: person.email, subject: UNLOCK_SUBJECT, body: unlockBody(person, ip, link) });
    return key;
  });
  if (eventKey !== undefined) sendSoon(deps, eventKey);
}

/** Follows an unlock link: once, within its hour. Lifts every login block on the person's e-mail. */
export async function unlockWithLink(deps: AuthDeps, token: string): Promise<{ email: string }> {
  if (!TOKEN.test(token)) throw unlockLinkInvalid();
  const now = deps.clock.now();
  return deps.db.transaction(async (tx) => {
    const [used] = await tx
      .update(loginUnlocks)
      .set({ usedAt: now })
      .where(
        and(eq(loginUnlocks.tokenHash, hashToken(token)), isNull(loginUnlocks.usedAt), gt(loginUnlocks.expiresAt, now)),
      )
      .returning({ personId: loginUnlocks.personId });
    if (!used) throw unlockLinkInvalid();
    const [person] = await tx.select({ email: people.email }).from(people).where(eq(people.id, used.personId));
    if (!person) throw unlockLinkInvalid();
    const lifted = await tx
      .delete(authThrottles)
      .where(and(eq(authThrottles.kind, 'login'), eq(authThrottles.identityKey, normaliseEmail(person.email))))
      .returning({ source: authThrottles.sourceKey });
    await recordAudit(tx, {
      actor: { kind: 'person', id: used.personId, label: person.email },
      action: 'person.login_unlock',
      subject: { type: 'person', id: used.personId },
      before: { throttledSources: lifted.map((l) => l.source) },
      after: { throttledSources: [] },
    });
    return { email: person.email };
  });
}
