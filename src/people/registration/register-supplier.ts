// Supplier self-registration: the company by its SIRET (Luhn key checked, company name), the first user with their
// own password, an e-mail link to confirm the address. Nothing is created until the link is followed; then the
// person, the company (when the directory has none) and the grant are created together, and the person becomes the
// company's administrator. The answer never says whether the address already has an account.
import { and, count, eq, gt, isNull } from 'drizzle-orm';
import { companyAdmins, supplierRegistrations } from '../../../db/schema/accounts.ts';
import { people, roleGrants } from '../../../db/schema/auth.ts';
import { insertSupplierCompany, supplierCompanyOf } from '../../directory/index.ts';
import { recordAudit } from '../../platform/audit/index.ts';
import {
  checkNewPassword,
  emailLink,
  findPersonByEmail,
  hashPassword,
  hashToken,
  PASSWORD_RESET_PATH,
  queueEmail,
  randomToken,
  sendSoon,
  type AuthDeps,
} from '../../platform/auth/index.ts';
import { AppError, invalidInput } from '../../platform/errors.ts';
import { checkCompanyName, checkDisplayName, checkEmail, checkSiretKey, sameCompanyName } from './fields.ts';

const TOKEN_SHAPE = /^[A-Za-z0-9_-]{43}$/;

export const REGISTRATION_PATH = '/inscription';
export const REGISTRATION_CONFIRM_PATH = '/inscription/confirmer';
export const REGISTRATION_TTL_MS = 24 * 60 * 60_000;
export const REGISTRATION_SUBJECT = 'Confirmez votre inscription au hub';
export const ALREADY_REGISTERED_SUBJECT = 'Vous avez déjà un compte sur le hub';

export interface RegistrationInput {
  siret: string;
  companyName: string;
  displayName: string;
  email: string;
  password: string;
  confirmation: string;
}

export const registrationLinkInvalid = (): AppError =>
  new AppError(
    'REGISTRATION_LINK_INVALID',
    'Ce lien de confirmation n’est plus valable : il a déjà servi ou il a expiré (il vaut 24 heures). Inscrivez-vous de nouveau.',
    400,
  );

type Reader = Parameters<typeof supplierCompanyOf>[0];

/** The company this SIRET names, refused when it already has users (they invite newcomers) or another name. */
async function companyFor(db: Reader, siret: string, companyName: string) {
  const company = await supplierCompanyOf(db, siret);
  if (!company) return undefined;
  const [users] = await db
    .select({ n: count() })
    .from(roleGrants)
    .where(and(eq(roleGrants.structureId, company.id), eq(roleGrants.role, 'supplier')));
  if ((users?.n ?? 0) > 0)
    throw invalidInput(
      `L’entreprise « ${company.name} » est déjà inscrite sur le hub : demandez à son administrateur de vous inviter depuis la page « Utilisateurs de l’entreprise ».`,
      { field: 'siret' },
    );
  if (!sameCompanyName(company.name, companyName))
    throw invalidInput(
      `La raison sociale ne correspond pas à celle que l’annuaire connaît pour ce SIRET : « ${company.name} ».`,
      { field: 'companyName' },
    );
  return company;
}

/** Checks the form and sends the confirmation link (or, for an address that has an account, a reminder). */
export async function requestSupplierRegistration(deps: AuthDeps, input: RegistrationInput): Promise<void> {
  const siret = checkSiretKey(input.siret);
  const companyName = checkCompanyName(input.companyName);
  const displayName = checkDisplayName(input.displayName);
  const email = checkEmail(input.email);
  const password = checkNewPassword(input.password, input.confirmation, email);
  await companyFor(deps.db, siret, companyName);
  const now = deps.clock.now();
  const token = randomToken();
  const existing = await findPersonByEmail(deps, email);
  const passwordHash = existing ? '' : await hashPassword(password);
  const eventKey = await deps.db.transaction(async (tx) => {
    if (existing) {
      const key = `registration-known:${existing.id}:${now.getTime()}`;
      await queueEmail(tx, {
        eventKey: key,
        to: existing.email,
        subject: ALREADY_REGISTERED_SUBJECT,
        body: [
          `Bonjour ${existing.displayName},`,
          '',
          `Une inscription au hub vient d’être demandée avec votre adresse ${existing.email}, qui a déjà un compte. Aucun nouveau compte n’a été créé.`,
          '',
          `Si vous avez oublié votre mot de passe, choisissez-en un nouveau : ${emailLink(deps, PASSWORD_RESET_PATH)}`,
          '',
          'Si vous n’êtes pas à l’origine de cette demande, ignorez ce message.',
        ].join('\n'),
      });
      return key;
    }
    const [row] = await tx
      .insert(supplierRegistrations)
      .values({
        tokenHash: hashToken(token),
        email,
        displayName,
        passwordHash,
        siret,
        companyName,
        createdAt: now,
        expiresAt: new Date(now.getTime() + REGISTRATION_TTL_MS),
      })
      .returning({ id: supplierRegistrations.id });
    const key = `registration:${row!.id}`;
    await queueEmail(tx, {
      eventKey: key,
      to: email,
      subject: REGISTRATION_SUBJECT,
      body: [
        `Bonjour ${displayName},`,
        '',
        `Vous avez demandé l’inscription de l’entreprise ${companyName} (SIRET ${siret}) au hub régional d’administration numérique. Pour confirmer votre adresse électronique et activer votre compte, suivez ce lien (valable 24 heures, une seule fois) :`,
        emailLink(deps, `${REGISTRATION_CONFIRM_PATH}?jeton=${token}`),
        '',
        'Si vous n’êtes pas à l’origine de cette demande, ignorez ce message : aucun compte ne sera créé.',
      ].join('\n'),
    });
    return key;
  });
  sendSoon(deps, eventKey);
}

/** Follows the confirmation link: creates the person, the company if new, the grant and the administrator. */
export async function confirmSupplierRegistration(
  deps: AuthDeps,
  token: string,
): Promise<{ email: string; companyName: string }> {
  if (!TOKEN_SHAPE.test(token)) throw registrationLinkInvalid();
  const now = deps.clock.now();
  return deps.db.transaction(async (tx) => {
    const [pending] = await tx
      .select()
      .from(supplierRegistrations)
      .where(
        and(
          eq(supplierRegistrations.tokenHash, hashToken(token)),
          isNull(supplierRegistrations.verifiedAt),
          gt(supplierRegistrations.expiresAt, now),
        ),
      )
      .for('update');
    if (!pending) throw registrationLinkInvalid();
    if (await findPersonByEmail({ db: tx }, pending.email))
      throw new AppError(
        'ACCOUNT_EXISTS',
        `L’adresse ${pending.email} a déjà un compte : connectez-vous, ou choisissez un nouveau mot de passe si vous l’avez oublié.`,
        400,
      );
    const company =
      (await companyFor(tx, pending.siret, pending.companyName)) ??
      (await insertSupplierCompany(tx, { siret: pending.siret, name: pending.companyName, at: now }));
    const [person] = await tx
      .insert(people)
      .values({
        email: pending.email,
        displayName: pending.displayName,
        passwordHash: pending.passwordHash,
        createdAt: now,
        updatedAt: now,
      })
      .returning({ id: people.id });
    await tx.insert(roleGrants).values({ personId: person!.id, role: 'supplier', structureId: company.id });
    await tx.insert(companyAdmins).values({ personId: person!.id, structureId: company.id, createdAt: now });
    await tx
      .update(supplierRegistrations)
      .set({ verifiedAt: now, personId: person!.id })
      .where(eq(supplierRegistrations.id, pending.id));
    await recordAudit(tx, {
      actor: { kind: 'person', id: person!.id, label: pending.email },
      action: 'person.self_register',
      subject: { type: 'person', id: person!.id },
      structureId: company.id,
      after: {
        email: pending.email,
        displayName: pending.displayName,
        siret: pending.siret,
        company: company.name,
        role: 'supplier',
        companyAdmin: true,
      },
    });
    return { email: pending.email, companyName: company.name };
  });
}
