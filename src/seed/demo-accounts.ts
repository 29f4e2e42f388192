import { and, eq, or, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { apiClientGrants } from '../../db/schema/auth.ts';
import { structures } from '../../db/schema/directory.ts';
import {
  DEMO_SUPPLIER_ARMOR_BUREAUTIQUE,
  DEMO_SUPPLIER_BREIZH_TRAVAUX,
  DEMO_SUPPLIER_KERLANN_INFORMATIQUE,
  DEMO_SUPPLIER_OCEANE_RESTAURATION,
  HUB_SYNDICAT,
} from '../directory/index.ts';
import { systemClock, type Clock } from '../platform/clock.ts';
import type { Role } from '../platform/auth/actor.ts';
import { createApiClient, findApiClient } from '../platform/auth/api-clients.ts';
import type { AuthDeps } from '../platform/auth/deps.ts';
import { grantRole } from '../platform/auth/grants.ts';
import { createPerson, findPersonByEmail } from '../platform/auth/people.ts';

/** A structure of the directory, by kind and SIREN. */
interface StructureRef {
  kind: 'syndicat' | 'commune' | 'supplier';
  siren: string;
  name: string;
}

export interface DemoAccount {
  email: string;
  password: string;
  displayName: string;
  role: Role;
  structure: StructureRef;
}

const SYNDICAT: StructureRef = { kind: 'syndicat', siren: HUB_SYNDICAT.siren, name: HUB_SYNDICAT.name };
const RENNES: StructureRef = { kind: 'commune', siren: '213502388', name: 'Rennes' };
/** Langouët (Ille-et-Vilaine, about 600 inhabitants): the small commune of the demo. */
const LANGOUET: StructureRef = { kind: 'commune', siren: '213501463', name: 'Langouët' };
const supplier = (s: { siren: string; name: string }): StructureRef => ({
  kind: 'supplier',
  siren: s.siren,
  name: s.name,
});

/** Demo people, one per role and audience; the passwords are public and printed by the README. */
export const DEMO_ACCOUNTS: readonly DemoAccount[] = [
  {
    email: 'operateur@demo.hub.bzh',
    password: 'Demo-Operateur-2026',
    displayName: 'Opérateur du hub',
    role: 'operator',
    structure: SYNDICAT,
  },
  {
    email: 'comptable.rennes@demo.hub.bzh',
    password: 'Demo-Comptable-Rennes-2026',
    displayName: 'Comptable – Ville de Rennes',
    role: 'accountant',
    structure: RENNES,
  },
  {
    email: 'agent.rennes@demo.hub.bzh',
    password: 'Demo-Agent-Rennes-2026',
    displayName: 'Agent – Ville de Rennes',
    role: 'agent',
    structure: RENNES,
  },
  {
    email: 'comptable.langouet@demo.hub.bzh',
    password: 'Demo-Comptable-Langouet-2026',
    displayName: 'Comptable – Commune de Langouët',
    role: 'accountant',
    structure: LANGOUET,
  },
  {
    email: 'fournisseur.armor@demo.hub.bzh',
    password: 'Demo-Armor-2026',
    displayName: 'Armor Bureautique',
    role: 'supplier',
    structure: supplier(DEMO_SUPPLIER_ARMOR_BUREAUTIQUE),
  },
  {
    email: 'fournisseur.breizh@demo.hub.bzh',
    password: 'Demo-Breizh-2026',
    displayName: 'Breizh Travaux Publics',
    role: 'supplier',
    structure: supplier(DEMO_SUPPLIER_BREIZH_TRAVAUX),
  },
  {
    email: 'fournisseur.oceane@demo.hub.bzh',
    password: 'Demo-Oceane-2026',
    displayName: 'Océane Restauration',
    role: 'supplier',
    structure: supplier(DEMO_SUPPLIER_OCEANE_RESTAURATION),
  },
  {
    email: 'fournisseur.kerlann@demo.hub.bzh',
    password: 'Demo-Kerlann-2026',
    displayName: 'Kerlann Informatique',
    role: 'supplier',
    structure: supplier(DEMO_SUPPLIER_KERLANN_INFORMATIQUE),
  },
];

/** The demo OAuth2 client (client credentials), acting for Armor Bureautique as a supplier. */
export const DEMO_API_CLIENT = {
  clientId: 'hub-demo',
  clientSecret: 'hub-demo-secret',
  name: 'Logiciel de facturation de démonstration',
  role: 'supplier' as Role,
  structure: supplier(DEMO_SUPPLIER_ARMOR_BUREAUTIQUE),
  scopes: ['openid'],
} as const;

export interface SeedDemoAccountsResult {
  peopleCreated: number;
  clientsCreated: number;
}

async function structureIds(db: Db, refs: readonly StructureRef[]): Promise<(ref: StructureRef) => string> {
  const rows = await db
    .select({ id: structures.id, kind: structures.kind, siren: structures.siren })
    .from(structures)
    .where(or(...refs.map((r) => and(eq(structures.kind, r.kind), eq(structures.siren, r.siren)))));
  const ids = new Map(rows.map((r) => [`${r.kind}:${r.siren}`, r.id]));
  const missing = refs.filter((r) => !ids.has(`${r.kind}:${r.siren}`));
  if (missing.length > 0) {
    const names = [...new Set(missing.map((r) => `${r.name} (SIREN ${r.siren})`))].join(', ');
    throw new Error(`Comptes de démonstration : structure absente de l'annuaire, chargez-le d'abord : ${names}.`);
  }
  return (ref) => ids.get(`${ref.kind}:${ref.siren}`) as string;
}

/**
 * Creates the demo people and the demo API client, bound to directory structures (seed the directory first).
 * Idempotent: existing accounts keep their password; missing grants are added.
 */
export async function seedDemoAccounts(db: Db, clock: Clock = systemClock): Promise<SeedDemoAccountsResult> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext('hub.auth.demo-accounts'))`);
    const deps: AuthDeps = { db: tx, clock };
    const idOf = await structureIds(tx, [...DEMO_ACCOUNTS.map((a) => a.structure), DEMO_API_CLIENT.structure]);
    const result: SeedDemoAccountsResult = { peopleCreated: 0, clientsCreated: 0 };

    for (const account of DEMO_ACCOUNTS) {
      const grant = { role: account.role, structureId: idOf(account.structure) };
      const existing = await findPersonByEmail(deps, account.email);
      if (existing) {
        await grantRole(deps, existing.id, grant);
      } else {
        await createPerson(deps, {
          email: account.email,
          displayName: account.displayName,
          password: account.password,
          grants: [grant],
        });
        result.peopleCreated += 1;
      }
    }

    const clientGrant = { role: DEMO_API_CLIENT.role, structureId: idOf(DEMO_API_CLIENT.structure) };
    const client = await findApiClient(deps, DEMO_API_CLIENT.clientId);
    if (client) {
      await tx
        .insert(apiClientGrants)
        .values({ apiClientId: client.id, ...clientGrant })
        .onConflictDoNothing();
    } else {
      await createApiClient(deps, {
        clientId: DEMO_API_CLIENT.clientId,
        clientSecret: DEMO_API_CLIENT.clientSecret,
        name: DEMO_API_CLIENT.name,
        structureId: clientGrant.structureId,
        grants: [clientGrant],
        scopes: [...DEMO_API_CLIENT.scopes],
      });
      result.clientsCreated += 1;
    }
    return result;
  });
}
