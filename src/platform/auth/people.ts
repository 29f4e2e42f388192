import { eq, sql } from 'drizzle-orm';
import { people, type Person } from '../../../db/schema/auth.ts';
import type { Actor, RoleGrant } from './actor.ts';
import type { AuthDeps } from './deps.ts';
import { normaliseEmail } from './email.ts';
import { grantRole, grantsFor } from './grants.ts';
import { hashPassword } from './password.ts';

export type PersonActor = Extract<Actor, { kind: 'person' }>;

export async function findPersonByEmail(deps: Pick<AuthDeps, 'db'>, email: string): Promise<Person | undefined> {
  const [row] = await deps.db
    .select()
    .from(people)
    .where(sql`lower(${people.email}) = ${normaliseEmail(email)}`);
  return row;
}

export async function findPersonById(deps: Pick<AuthDeps, 'db'>, id: string): Promise<Person | undefined> {
  const [row] = await deps.db.select().from(people).where(eq(people.id, id));
  return row;
}

export async function personActor(
  deps: Pick<AuthDeps, 'db'>,
  person: Pick<Person, 'id' | 'email' | 'displayName'>,
): Promise<PersonActor> {
  return {
    kind: 'person',
    personId: person.id,
    email: person.email,
    displayName: person.displayName,
    grants: await grantsFor(deps, person.id),
  };
}

export interface NewPersonInput {
  email: string;
  displayName: string;
  password: string;
  grants?: RoleGrant[];
}

/** Creates an active person with a freshly hashed password and the given grants. */
export async function createPerson(deps: AuthDeps, input: NewPersonInput): Promise<Person> {
  const now = deps.clock.now();
  const [person] = await deps.db
    .insert(people)
    .values({
      email: input.email.trim(),
      displayName: input.displayName,
      passwordHash: await hashPassword(input.password),
      createdAt: now,
      updatedAt: now,
    })
    .returning();
  if (!person) throw new Error('insert into people returned no row');
  for (const grant of input.grants ?? []) await grantRole(deps, person.id, grant);
  return person;
}

export async function setPassword(deps: AuthDeps, personId: string, password: string): Promise<void> {
  await deps.db
    .update(people)
    .set({ passwordHash: await hashPassword(password), updatedAt: deps.clock.now() })
    .where(eq(people.id, personId));
}
