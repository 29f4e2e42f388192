// The database itself keeps the audit log append-only, on the real Postgres and on the embedded PGlite alike.
import { randomUUID } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { openDatabase, type DatabaseHandle } from '../../../db/client.ts';
import { auditEvents } from '../../../db/schema/audit.ts';
import { useTestDatabase } from '../../../test/helpers/use-database.ts';
import { systemActor } from '../auth/system-actor.ts';
import { recordAudit } from './record-audit.ts';

const t = useTestDatabase();
let pglite: DatabaseHandle;

beforeAll(async () => {
  pglite = await openDatabase({ kind: 'pglite' });
  await pglite.migrate();
}, 120_000);
afterAll(async () => {
  await pglite?.close();
});

/** The database error behind drizzle's wrapper. */
async function databaseRefusal(promise: Promise<unknown>): Promise<{ message: string; code: string | undefined }> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof Error)) throw new Error('the statement was accepted');
  const cause = (error.cause ?? error) as Error & { code?: string };
  return { message: cause.message, code: cause.code };
}

describe.each([
  ['PostgreSQL', () => t.handle],
  ['PGlite', () => pglite],
])('audit_events on %s', (_name, handle) => {
  it('runs on the driver it says', () => {
    const expected = _name === 'PGlite' || inject('testDatabase').mode === 'pglite' ? 'pglite' : 'postgres';
    expect(handle().kind).toBe(expected);
  });

  it('accepts inserts, refuses UPDATE, DELETE and TRUNCATE, and keeps the row', async () => {
    const db = handle().db;
    const subjectId = randomUUID();
    const { id } = await recordAudit(db, {
      actor: systemActor('seed'),
      action: 'structure.create',
      subject: { type: 'structure', id: subjectId },
      after: { name: 'Langouët' },
    });

    const update = await databaseRefusal(
      db.update(auditEvents).set({ actorLabel: 'someone else' }).where(eq(auditEvents.id, id)),
    );
    expect(update).toEqual({ message: 'audit_events is append-only: UPDATE refused', code: '42501' });
    const del = await databaseRefusal(db.delete(auditEvents).where(eq(auditEvents.id, id)));
    expect(del).toEqual({ message: 'audit_events is append-only: DELETE refused', code: '42501' });
    // Even a statement matching no row is refused: nothing can be removed quietly.
    expect((await databaseRefusal(db.delete(auditEvents).where(eq(auditEvents.id, -1)))).message).toBe(
      'audit_events is append-only: DELETE refused',
    );
    expect((await databaseRefusal(db.execute(sql`truncate audit_events`))).message).toBe(
      'audit_events is append-only: TRUNCATE refused',
    );

    const [row] = await db.select().from(auditEvents).where(eq(auditEvents.id, id));
    expect(row).toMatchObject({ actorLabel: 'Hub (seed)', after: { name: 'Langouët' } });
  });

  it('checks the action and subject type formats in the database too', async () => {
    const base = {
      actorKind: 'system',
      actorId: 'seed',
      actorLabel: 'Hub (seed)',
      subjectType: 'structure',
      subjectId: randomUUID(),
    } as const;
    expect(
      (
        await databaseRefusal(
          handle()
            .db.insert(auditEvents)
            .values({ ...base, action: 'create' }),
        )
      ).message,
    ).toMatch(/audit_events_action_format/);
    expect(
      (
        await databaseRefusal(
          handle()
            .db.insert(auditEvents)
            .values({ ...base, action: 'x.y', subjectType: 'Bad' }),
        )
      ).message,
    ).toMatch(/audit_events_subject_type_format/);
  });
});
