// A recipient structure's connection to the real Chorus Pro, with its technical account's password from the secrets.
import { ApplicationFailure } from '@temporalio/common';
import { eq } from 'drizzle-orm';
import type { Db } from '../../../db/client.ts';
import { chorusConnections } from '../../../db/schema/chorus.ts';
import type { TechnicalAccount } from '../client/index.ts';
import type { ChorusSyncSettings } from './settings.ts';

export interface Connection {
  structureId: string;
  account: TechnicalAccount;
  remoteStructureId: number;
  pulledUntil: string | null;
}

export async function connectionOf(db: Db, settings: ChorusSyncSettings, structureId: string): Promise<Connection> {
  const [row] = await db.select().from(chorusConnections).where(eq(chorusConnections.structureId, structureId));
  if (!row || !row.active)
    throw ApplicationFailure.create({
      type: 'CHORUS_NOT_CONNECTED',
      message: 'Cette structure n’est pas raccordée à Chorus Pro.',
      nonRetryable: true,
    });
  const password = settings.secrets[row.passwordEnv];
  if (!password || row.remoteStructureId === null) {
    throw ApplicationFailure.create({
      type: 'CHORUS_NOT_CONFIGURED',
      message: `Raccordement Chorus Pro incomplet pour ${row.login} : mot de passe (${row.passwordEnv}) ou idStructureCPP manquant.`,
      nonRetryable: true,
    });
  }
  return {
    structureId,
    account: { login: row.login, password },
    remoteStructureId: row.remoteStructureId,
    pulledUntil: row.pulledUntil,
  };
}

export async function activeConnections(db: Db): Promise<string[]> {
  return (
    await db
      .select({ structureId: chorusConnections.structureId })
      .from(chorusConnections)
      .where(eq(chorusConnections.active, true))
  ).map((r) => r.structureId);
}
