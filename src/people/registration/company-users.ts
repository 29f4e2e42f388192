// A company's administrator manages its own users: invites a person by an e-mail link (single-use, valid 7 days)
// and removes a user's access. Only administrators of the company (company_admins) may; nobody removes themself.
import { and, asc, eq, gt, isNull } from 'drizzle-orm';
import { companyAdmins, companyInvitations } from '../../../db/schema/accounts.ts';
import { people, roleGrants } from '../../../db/schema/auth.ts';
import { recordAudit } from '../../platform/audit/index.ts';
import {
  checkNewPassword,
  emailLink,
  findPersonByEmail,
  hashPassword,
  hashToken,
  queueEmail,
  randomToken,
  sendSoon,
  type Actor,
  type AuthDeps,
} from '../../platform/auth/index.ts';
import { AppError, forbidden, invalidInput } from '../../platform/errors.ts';
import { checkDisplayName, checkEmail } from './fields.ts';

export const INVITATION_PATH = '/invitation';
export const INVITATION_TTL_MS = 7 * 24 * 60 * 60_000;
export const INVITATION_SUBJECT = 'Invitation à rejoindre votre entreprise sur le hub';

export interface CompanyUser {
  personId: string;
  email: string;
  displayName: string;
  admin: boolean;
}

export const invitationInvalid = (): AppError =>
  new AppError(
    'INVITATION_INVALID',
    'Cette invitation n’est plus valable : elle a déjà servi ou elle a expiré (elle vaut 7 jours). Demandez une nouvelle invitation.',
    400,
  );

/** Whether the actor administers this company. */
export async function isCompanyAdmin(deps: AuthDeps, actor: Actor, structureId: string): Promise<boolean> {
  if (actor.kind !== 'person' || !actor.grants.some((g) => g.role === 'supplier' && g.structureId === structureId))
    return false;
  const [row] = await deps.db
    .select({ id: companyAdmins.personId })
    .from(companyAdmins)
    .where(and(eq(companyAdmins.personId, actor.personId), eq(companyAdmins.structureId, structureId)));
  return row !== undefined;
}

async function requireCompanyAdmin(deps: AuthDeps, actor: Actor, structureId: string) {
  if (actor.kind !== 'person' || !(await isCompanyAdmin(deps, actor, structureId)))
    throw forbidden('Seul un administrateur du compte de l’entreprise peut gérer ses utilisateurs.');
  return actor;
}

/** The people acting as supplier for the company (visible to each of them). */
export async function listCompanyUsers(deps: AuthDeps, actor: Actor, structureId: string): Promise<CompanyUser[]> {
  if (!actor.grants.some((g) => g.role === 'supplier' && g.structureId === structureId)) throw forbidden();
  const rows = await deps.db
    .select({
      personId: people.id,
      email: people.email,
      displayName: people.displayName,
      admin: companyAdmins.personId,
    })
    .from(roleGrants)
    .innerJoin(people, eq(people.id, roleGrants.personId))
    .leftJoin(
      companyAdmins,
      and(eq(companyAdmins.personId, people.id), eq(companyAdmins.structureId, roleGrants.structureId)),
    )
    .where(and(eq(roleGrants.structureId, structureId), eq(roleGrants.role, 'supplier')))
    .orderBy(asc(people.displayName));
  return rows.map((r) => ({ ...r, admin: r.admin !== null }));
}

export interface InvitationInput {
  structureId: string;
  companyName: string;
  email: string;
  displayName: string;
  asAdmin: boolean;
}

export async function inviteCompanyUser(deps: AuthDeps, by: Actor, input: InvitationInput): Promise<void> {
  const actor = await requireCompanyAdmin(deps, by, input.structureId);
  const email = checkEmail(input.email);
  const displayName = checkDisplayName(input.displayName);
  const token = randomToken();
  const now = deps.clock.now();
  const eventKey = await deps.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(companyInvitations)
      .values({
        tokenHash: hashToken(token),
        structureId: input.structureId,
        email,
        displayName,
        asAdmin: input.asAdmin,
        invitedBy: actor.personId,
        createdAt: now,
        expiresAt: new Date(now.getTime() + INVITATION_TTL_MS),
      })
      .returning({ id: companyInvitations.id });
    await recordAudit(tx, {
      actor,
      action: 'company.invite_user',
      subject: { type: 'company_invitation', id: row!.id },
      structureId: input.structureId,
      after: { email, displayName, asAdmin: input.asAdmin },
    });
    const key = `company-invitation:${row!.id}`;
    await queueEmail(tx, {
      eventKey: key,
      to: email,
      subject: INVITATION_SUBJECT,
      body: [
        `Bonjour ${displayName},`,
        '',
        `${actor.displayName} vous invite à déposer et suivre les factures de l’entreprise ${input.companyName} sur le hub régional d’administration numérique. Pour accepter, suivez ce lien (valable 7 jours, une seule fois) :`,
        emailLink(deps, `${INVITATION_PATH}?jeton=${token}`),
        '',
        'Si vous ne connaissez pas cette entreprise, ignorez ce message.',
      ].join('\n'),
    });
    return key;
  });
  sendSoon(deps, eventKey);
}

/** Removes a user's access to the company (and their administration of it). */
export async function removeCompanyUser(
  deps: AuthDeps,
  by: Actor,
  input: { structureId: string; personId: string },
): Promise<void> {
  const actor = await requireCompanyAdmin(deps, by, input.structureId);
  if (input.personId === actor.personId)
    throw invalidInput('Vous ne pouvez pas retirer votre propre accès : demandez-le à un autre administrateur.');
  await deps.db.transaction(async (tx) => {
    const removed = await tx
      .delete(roleGrants)
      .where(
        and(
          eq(roleGrants.personId, input.personId),
          eq(roleGrants.structureId, input.structureId),
          eq(roleGrants.role, 'supplier'),
        ),
      )
      .returning({ id: roleGrants.id });
    if (removed.length === 0) throw new AppError('NOT_FOUND', 'Cette personne n’est pas utilisatrice du compte.', 404);
    await tx
      .delete(companyAdmins)
      .where(and(eq(companyAdmins.personId, input.personId), eq(companyAdmins.structureId, input.structureId)));
    await recordAudit(tx, {
      actor,
      action: 'company.remove_user',
      subject: { type: 'person', id: input.personId },
      structureId: input.structureId,
      before: { role: 'supplier' },
      after: null,
    });
  });
}

/** The invitation behind a link, while usable: who is invited, and whether they already have an account. */
export async function openInvitation(deps: AuthDeps, token: string) {
  if (!/^[A-Za-z0-9_-]{43}$/.test(token)) throw invitationInvalid();
  const [row] = await deps.db
    .select()
    .from(companyInvitations)
    .where(
      and(
        eq(companyInvitations.tokenHash, hashToken(token)),
        isNull(companyInvitations.usedAt),
        isNull(companyInvitations.revokedAt),
        gt(companyInvitations.expiresAt, deps.clock.now()),
      ),
    );
  if (!row) throw invitationInvalid();
  return { invitation: row, hasAccount: (await findPersonByEmail(deps, row.email)) !== undefined };
}

/** Accepts an invitation: the account is created with the chosen password, or the existing one gets the access. */
export async function acceptInvitation(
  deps: AuthDeps,
  input: { token: string; password: string; confirmation: string },
): Promise<{ email: string }> {
  const { invitation, hasAccount } = await openInvitation(deps, input.token);
  const passwordHash = hasAccount
    ? undefined
    : await hashPassword(checkNewPassword(input.password, input.confirmation, invitation.email));
  const now = deps.clock.now();
  return deps.db.transaction(async (tx) => {
    const [used] = await tx
      .update(companyInvitations)
      .set({ usedAt: now })
      .where(and(eq(companyInvitations.id, invitation.id), isNull(companyInvitations.usedAt)))
      .returning({ id: companyInvitations.id });
    if (!used) throw invitationInvalid();
    let person = await findPersonByEmail({ db: tx }, invitation.email);
    if (!person) {
      [person] = await tx
        .insert(people)
        .values({
          email: invitation.email,
          displayName: invitation.displayName,
          passwordHash: passwordHash!,
          createdAt: now,
          updatedAt: now,
        })
        .returning();
    }
    await tx
      .insert(roleGrants)
      .values({ personId: person!.id, role: 'supplier', structureId: invitation.structureId })
      .onConflictDoNothing();
    if (invitation.asAdmin)
      await tx
        .insert(companyAdmins)
        .values({ personId: person!.id, structureId: invitation.structureId, createdAt: now })
        .onConflictDoNothing();
    await recordAudit(tx, {
      actor: { kind: 'person', id: person!.id, label: invitation.email },
      action: 'company.accept_invitation',
      subject: { type: 'company_invitation', id: invitation.id },
      structureId: invitation.structureId,
      after: { role: 'supplier', companyAdmin: invitation.asAdmin },
    });
    return { email: invitation.email };
  });
}
