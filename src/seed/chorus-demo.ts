// Demo technical accounts of the mirror, printed by the README: a supplier (the company the demo API client acts
// for) and the commune of Rennes as recipient. Idempotent.
import { and, eq } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { structures } from '../../db/schema/directory.ts';
import { DEMO_API_CLIENT } from './demo-accounts.ts';
import { systemClock, type Clock } from '../platform/clock.ts';
import { allowClients, createTechnicalAccount, findTechnicalAccount } from '../chorus/index.ts';

export const DEMO_TECHNICAL_ACCOUNTS = [
  {
    login: 'TECH_1_DEMO_FOURNISSEUR@cpro.fr',
    password: 'Demo-Fournisseur-2017',
    role: 'supplier',
    structure: { kind: 'supplier', siren: DEMO_API_CLIENT.structure.siren },
  },
  {
    login: 'TECH_1_DEMO_RENNES@cpro.fr',
    password: 'Demo-Rennes-2017',
    role: 'accountant',
    structure: { kind: 'commune', siren: '213502388' },
  },
] as const;

export async function seedChorusDemo(db: Db, clock: Clock = systemClock): Promise<{ accountsCreated: number }> {
  let accountsCreated = 0;
  for (const demo of DEMO_TECHNICAL_ACCOUNTS) {
    // The demo API client is bound to both, as a software vendor's application connected by two structures.
    const existing = await findTechnicalAccount(db, demo.login);
    if (existing) {
      await allowClients(db, existing.id, [DEMO_API_CLIENT.clientId]);
      continue;
    }
    const [structure] = await db
      .select({ id: structures.id })
      .from(structures)
      .where(and(eq(structures.kind, demo.structure.kind), eq(structures.siren, demo.structure.siren)));
    if (!structure)
      throw new Error(
        `Comptes techniques de démonstration : structure ${demo.structure.kind} ${demo.structure.siren} absente de l'annuaire.`,
      );
    await createTechnicalAccount(
      db,
      {
        login: demo.login,
        password: demo.password,
        role: demo.role,
        structureId: structure.id,
        clientIds: [DEMO_API_CLIENT.clientId],
      },
      clock.now(),
    );
    accountsCreated += 1;
  }
  return { accountsCreated };
}
