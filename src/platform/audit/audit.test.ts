// The audit log on the real Postgres: written in the verb's transaction, searched by the operator only, exported as CSV.
import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { auditEvents } from '../../../db/schema/audit.ts';
import { personActing } from '../../../test/helpers/invoices.ts';
import { useTestDatabase } from '../../../test/helpers/use-database.ts';
import type { Actor } from '../auth/actor.ts';
import { systemActor } from '../auth/system-actor.ts';
import { AppError } from '../errors.ts';
import { auditEventsCsv } from './pages/audit-csv.ts';
import { recordAudit, searchAuditEvents, type AuditReadContext } from './index.ts';

const t = useTestDatabase();
const operator = personActing('operator', randomUUID());
const asOperator = (): AuditReadContext => ({ db: t.handle.db, actor: operator });

async function refusal(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof AppError)) throw new Error(`expected an AppError, got ${String(error)}`);
  return error;
}

describe('recordAudit', () => {
  it('writes one row with the actor, the subject and the change, in the caller’s transaction', async () => {
    const invoiceId = randomUUID();
    const structureId = randomUUID();
    const supplier: Actor = {
      kind: 'person',
      personId: randomUUID(),
      email: 'marie@armor.example',
      displayName: 'Marie Le Goff',
      grants: [],
    };
    const written = await t.handle.db.transaction((tx) =>
      recordAudit(tx, {
        actor: supplier,
        action: 'invoice.deposit',
        subject: { type: 'invoice', id: invoiceId },
        structureId,
        after: { status: 'DEPOSEE', total: '1250.50' },
        requestId: 'req-1',
      }),
    );
    const [row] = await t.handle.db.select().from(auditEvents).where(eq(auditEvents.id, written.id));
    expect(row).toMatchObject({
      actorKind: 'person',
      actorId: supplier.kind === 'person' ? supplier.personId : '',
      actorLabel: 'Marie Le Goff (marie@armor.example)',
      action: 'invoice.deposit',
      subjectType: 'invoice',
      subjectId: invoiceId,
      structureId,
      before: null,
      after: { status: 'DEPOSEE', total: '1250.50' },
      requestId: 'req-1',
    });
    expect(Math.abs(row!.at.getTime() - Date.now())).toBeLessThan(60_000);
  });

  it('rolls back with the change it records', async () => {
    const subjectId = randomUUID();
    await expect(
      t.handle.db.transaction(async (tx) => {
        await recordAudit(tx, {
          actor: systemActor('chorus-sync'),
          action: 'invoice.pull',
          subject: { type: 'invoice', id: subjectId },
        });
        throw new Error('the verb failed after writing');
      }),
    ).rejects.toThrow('the verb failed after writing');
    expect(await t.handle.db.select().from(auditEvents).where(eq(auditEvents.subjectId, subjectId))).toEqual([]);
  });

  it('names API clients and system jobs, and refuses malformed names', async () => {
    const subjectId = randomUUID();
    const client: Actor = { kind: 'client', clientId: 'hub-demo', grants: [], scopes: [] };
    await recordAudit(t.handle.db, {
      actor: client,
      action: 'invoice.deposit',
      subject: { type: 'invoice', id: subjectId },
    });
    await recordAudit(t.handle.db, {
      actor: systemActor('billing-run'),
      action: 'billing.issue',
      subject: { type: 'invoice', id: subjectId },
    });
    const rows = await t.handle.db
      .select()
      .from(auditEvents)
      .where(eq(auditEvents.subjectId, subjectId))
      .orderBy(auditEvents.id);
    expect(rows.map((r) => [r.actorKind, r.actorId, r.actorLabel])).toEqual([
      ['client', 'hub-demo', 'Client API hub-demo'],
      ['system', 'billing-run', 'Hub (billing-run)'],
    ]);
    await expect(
      recordAudit(t.handle.db, { actor: client, action: 'deposit', subject: { type: 'invoice', id: subjectId } }),
    ).rejects.toThrow(/dotted/);
    await expect(
      recordAudit(t.handle.db, {
        actor: client,
        action: 'invoice.deposit',
        subject: { type: 'Invoice', id: subjectId },
      }),
    ).rejects.toThrow(/snake_case/);
  });
});

describe('searchAuditEvents', () => {
  it('is for operators only', async () => {
    const accountant = personActing('accountant', randomUUID());
    expect((await refusal(searchAuditEvents({ ctx: { db: t.handle.db, actor: accountant }, input: {} }))).status).toBe(
      403,
    );
    expect((await refusal(searchAuditEvents({ ctx: { db: t.handle.db, actor: undefined }, input: {} }))).status).toBe(
      401,
    );
    expect((await refusal(auditEventsCsv({ db: t.handle.db, actor: accountant }, {}))).status).toBe(403);
  });

  it('filters by subject, actor and owning structure, newest first', async () => {
    const structureId = randomUUID();
    const invoiceId = randomUUID();
    const accountant = personActing('accountant', structureId);
    const accountantId = accountant.kind === 'person' ? accountant.personId : '';
    await t.handle.db.transaction(async (tx) => {
      await recordAudit(tx, {
        actor: accountant,
        action: 'invoice.decide',
        subject: { type: 'invoice', id: invoiceId },
        structureId,
        before: { status: 'MISE_A_DISPOSITION' },
        after: { status: 'SERVICE_FAIT' },
      });
      await recordAudit(tx, {
        actor: accountant,
        action: 'invoice.decide',
        subject: { type: 'invoice', id: invoiceId },
        structureId,
        before: { status: 'SERVICE_FAIT' },
        after: { status: 'MANDATEE' },
      });
    });
    await recordAudit(t.handle.db, {
      actor: operator,
      action: 'structure.update',
      subject: { type: 'structure', id: structureId },
      structureId,
    });

    const bySubject = await searchAuditEvents({
      ctx: asOperator(),
      input: { subjectType: 'invoice', subjectId: invoiceId },
    });
    expect(bySubject.total).toBe(2);
    expect(bySubject.items.map((e) => (e.after as { status: string }).status)).toEqual(['MANDATEE', 'SERVICE_FAIT']);
    const byActor = await searchAuditEvents({ ctx: asOperator(), input: { actorId: accountantId } });
    expect(byActor.items.map((e) => e.action)).toEqual(['invoice.decide', 'invoice.decide']);
    const byStructure = await searchAuditEvents({
      ctx: asOperator(),
      input: { structureId: structureId.toUpperCase() },
    });
    expect(byStructure.items.map((e) => e.action)).toEqual(['structure.update', 'invoice.decide', 'invoice.decide']);
    const none = await searchAuditEvents({
      ctx: asOperator(),
      input: { subjectType: 'structure', subjectId: invoiceId },
    });
    expect(none).toMatchObject({ total: 0, items: [] });
  });

  it('takes dates as Paris calendar days, both included', async () => {
    const subjectId = randomUUID();
    const base = {
      actorKind: 'system',
      actorId: 'billing-run',
      actorLabel: 'Hub (billing-run)',
      action: 'billing.issue',
      subjectType: 'batch',
      subjectId,
    } as const;
    await t.handle.db.insert(auditEvents).values([
      { ...base, at: new Date('2026-03-28T22:59:59Z') }, // 28 March 23:59:59 in Paris (winter time)
      { ...base, at: new Date('2026-03-28T23:00:00Z') }, // 29 March 00:00 in Paris
      { ...base, at: new Date('2026-03-29T21:59:59Z') }, // 29 March 23:59:59 in Paris (summer time since 03:00)
      { ...base, at: new Date('2026-03-29T22:00:00Z') }, // 30 March 00:00 in Paris
    ]);
    const days = async (from?: string, to?: string) =>
      (await searchAuditEvents({ ctx: asOperator(), input: { subjectId, from, to } })).items
        .map((e) => e.at.toISOString())
        .sort();
    expect(await days('2026-03-29', '2026-03-29')).toEqual(['2026-03-28T23:00:00.000Z', '2026-03-29T21:59:59.000Z']);
    expect(await days(undefined, '2026-03-28')).toEqual(['2026-03-28T22:59:59.000Z']);
    expect(await days('2026-03-30')).toEqual(['2026-03-29T22:00:00.000Z']);
    expect(await days('2026-03-28', '2026-03-30')).toHaveLength(4);
  });

  it('pages by at most 200 rows and explains bad filters in French', async () => {
    const subjectId = randomUUID();
    await t.handle.db.insert(auditEvents).values(
      Array.from({ length: 205 }, (_, i) => ({
        actorKind: 'system' as const,
        actorId: 'seed',
        actorLabel: 'Hub (seed)',
        action: 'structure.create',
        subjectType: 'structure',
        subjectId,
        after: { n: i },
        at: new Date(Date.UTC(2026, 0, 1, 0, 0, i)),
      })),
    );
    const first = await searchAuditEvents({ ctx: asOperator(), input: { subjectId, pageSize: 200 } });
    const second = await searchAuditEvents({ ctx: asOperator(), input: { subjectId, pageSize: '200', page: '2' } });
    expect([first.total, first.items.length, second.items.length]).toEqual([205, 200, 5]);
    expect(first.items[0]?.after).toEqual({ n: 204 });
    expect(second.items.map((e) => e.after)).toEqual([{ n: 4 }, { n: 3 }, { n: 2 }, { n: 1 }, { n: 0 }]);
    expect((await searchAuditEvents({ ctx: asOperator(), input: { subjectId } })).pageSize).toBe(50);

    const tooMany = await refusal(searchAuditEvents({ ctx: asOperator(), input: { pageSize: 201 } }));
    expect([tooMany.status, tooMany.code, tooMany.message]).toEqual([
      400,
      'INVALID_INPUT',
      'Lignes par page : au plus 200 lignes par page.',
    ]);
    expect((await refusal(searchAuditEvents({ ctx: asOperator(), input: { from: '2026-02-30' } }))).message).toBe(
      'Du : date attendue au format AAAA-MM-JJ.',
    );
    expect(
      (await refusal(searchAuditEvents({ ctx: asOperator(), input: { from: '2026-03-02', to: '2026-03-01' } })))
        .message,
    ).toBe('Au : la fin de la période précède son début.');
    expect((await refusal(searchAuditEvents({ ctx: asOperator(), input: { structureId: 'rennes' } }))).message).toBe(
      'Structure : identifiant (UUID) attendu.',
    );
  });
});

describe('auditEventsCsv', () => {
  it('exports every matching row with French headers, Paris times and JSON changes', async () => {
    const subjectId = randomUUID();
    const structureId = randomUUID();
    await t.handle.db.insert(auditEvents).values([
      {
        actorKind: 'person',
        actorId: 'p-1',
        actorLabel: 'Anne; "la comptable"',
        action: 'invoice.decide',
        subjectType: 'invoice',
        subjectId,
        structureId,
        before: { status: 'MISE_A_DISPOSITION' },
        after: { status: 'REJETEE', motive: '=HYPERLINK("x")' },
        requestId: 'req-9',
        at: new Date('2026-07-14T10:00:00Z'),
      },
      ...Array.from({ length: 230 }, (_, i) => ({
        actorKind: 'client' as const,
        actorId: 'hub-demo',
        actorLabel: 'Client API hub-demo',
        action: 'invoice.deposit',
        subjectType: 'invoice',
        subjectId,
        at: new Date(Date.UTC(2026, 6, 13, 0, 0, i)),
      })),
    ]);
    const csv = await auditEventsCsv(asOperator(), { subjectId });
    // 231 rows: more than one page of the search. JSON keys come back in jsonb's order.
    expect(
      csv.startsWith(
        '\ufeffN°;Date et heure (Paris);Type d’acteur;Identifiant de l’acteur;Acteur;Action;Type d’objet;Identifiant de l’objet;Structure;Avant;Après;Identifiant de requête\r\n',
      ),
    ).toBe(true);
    const lines = csv.slice(1).trimEnd().split('\r\n');
    expect(lines).toHaveLength(1 + 231);
    const cells = lines[1]!.split(';');
    expect(cells.slice(1, 4)).toEqual(['2026-07-14 12:00:00', 'Personne', 'p-1']);
    expect(lines[1]).toContain('"Anne; ""la comptable"""');
    expect(lines[1]).toContain(
      `;invoice.decide;invoice;${subjectId};${structureId};"{""status"":""MISE_A_DISPOSITION""}";"{""motive"":""=HYPERLINK(\\""x\\"")"",""status"":""REJETEE""}";req-9`,
    );
    expect(lines[2]).toContain(';Client API;hub-demo;Client API hub-demo;invoice.deposit;');
  });
});
