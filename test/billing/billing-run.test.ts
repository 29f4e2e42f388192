// The yearly run end to end, on the real PostgreSQL and Temporal: the operator's demo API client asks for a dry
// run, then the run; every EPCI of the seeded directory gets one contribution invoice from the syndicat, deposited
// through the hub's own deposit, valid under EN 16931 and the Chorus rules, in its accountants' inbox; a second run
// issues nothing; a member joining on 1 July is billed 184 days of 365; the PES of the titles matches the invoices.
import { randomUUID } from 'node:crypto';
import { and, eq, inArray, sql } from 'drizzle-orm';
import Decimal from 'decimal.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { people, roleGrants } from '../../db/schema/auth.ts';
import { billingContributions } from '../../db/schema/billing.ts';
import { structures } from '../../db/schema/directory.ts';
import { invoices } from '../../db/schema/invoices.ts';
import { readInvoice, validate, type Violation } from '../../formats/index.ts';
import { BILLING_SCHEDULES, listTiers, saveMemberTerms } from '../../src/billing/index.ts';
import { billingRuns } from '../../db/schema/billing.ts';
import { scheduleSpecOf } from '../../src/platform/schedules/spec.ts';
import { DEFAULT_GRID, tierFor } from '../../src/billing/domain/grid.ts';
import { listInvoices } from '../../src/invoices/index.ts';
import type { Actor } from '../../src/platform/auth/index.ts';
import { databaseBlobStore } from '../../src/platform/blob-store.ts';
import { parisDay } from '../../src/platform/calendar/index.ts';
import { useTestDatabase } from '../helpers/use-database.ts';
import {
  giveRequiredReferences,
  runYear as harnessRunYear,
  startBillingHub,
  type BillingHub,
} from './billing-harness.ts';
import { readPes } from './pes-reader.ts';

const t = useTestDatabase();
const YEAR = 2027;
let hub: BillingHub;

interface RunLine {
  structureId: string;
  memberName: string;
  outcome: string;
  tier: string | null;
  amount: string | null;
  billedDays: number | null;
  yearDays: number | null;
  invoiceId: string | null;
  number: string | null;
  invoiceStatus: string | null;
  message: string | null;
}
interface Run {
  id: string;
  status: string;
  dryRun: boolean;
  counts: Record<string, number>;
  total: { amount: string };
  totalsByTier: { tier: string; members: number; amount: string }[];
  pes: { bordereau: number; titles: number } | null;
  lines: RunLine[];
}

const api = (path: string, init: RequestInit = {}) => hub.api(path, init);
const runYear = (body: { year: number; dryRun: boolean }) => harnessRunYear<Run>(hub, body);

/** The EPCIs of the directory with their population, as the seed loaded them. */
async function epcis() {
  return t.handle.db
    .select({ id: structures.id, name: structures.name, population: structures.population })
    .from(structures)
    .where(and(eq(structures.kind, 'epci'), eq(structures.active, true)));
}

beforeAll(async () => {
  hub = await startBillingHub(t.handle, 'billing');
}, 120_000);

afterAll(async () => {
  await hub?.stop();
});

// Each step builds on the previous one: no retry (a retried run would find its contributions already issued).
describe('yearly contribution run', { retry: 0, timeout: 600_000 }, () => {
  it('refuses an anonymous caller and a supplier, and a year out of range with a French message', async () => {
    const anonymous = await hub.app.request('/api/billing/runs', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ year: YEAR }),
    });
    expect(anonymous.status).toBe(401);
    const bad = await api('/api/billing/runs', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ year: 1999 }),
    });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(await bad.json())).toContain('au plus tôt 2017');
  });

  it('blocks, in a dry run, the members whose directory entry requires references they lack; issues nothing', async () => {
    const dry = await runYear({ year: YEAR, dryRun: true });
    expect(dry.status).toBe('DONE');
    const blocked = dry.lines.filter((l) => l.outcome === 'BLOCKED');
    expect(blocked.map((l) => l.memberName)).toContain('Rennes Métropole');
    expect(blocked.find((l) => l.memberName === 'Rennes Métropole')?.message).toMatch(/exige un code service/);
    const [{ n }] = (await t.handle.db.select({ n: sql<number>`count(*)::int` }).from(billingContributions)) as [
      { n: number },
    ];
    expect(n).toBe(0);
  });

  it('gives the members that require them their service code and engagement number', async () => {
    const flagged = await giveRequiredReferences(hub, YEAR);
    expect(flagged.length).toBeGreaterThanOrEqual(5);
  });

  let first: Run;
  it('shows the list and totals in a dry run before anything is issued', async () => {
    const dry = await runYear({ year: YEAR, dryRun: true });
    const all = await epcis();
    expect(dry.lines).toHaveLength(all.length);
    expect(all.length).toBe(61);
    expect(dry.counts).toMatchObject({ PLANNED: 61, BLOCKED: 0, ISSUED: 0 });
    expect(dry.lines.every((l) => l.invoiceId === null && l.number === null)).toBe(true);
  });

  it('issues one valid invoice per EPCI, numbered in one yearly sequence, summed by tier', async () => {
    const started = performance.now();
    first = await runYear({ year: YEAR, dryRun: false });
    console.info(`[billing] run of 61 members issued in ${((performance.now() - started) / 1000).toFixed(1)} s`);
    expect(first.status).toBe('DONE');
    expect(first.counts).toMatchObject({ ISSUED: 61, BLOCKED: 0, ALREADY_ISSUED: 0 });
    const numbers = first.lines.map((l) => l.number).sort();
    expect(numbers).toEqual(Array.from({ length: 61 }, (_, i) => `COT-${YEAR}-${String(i + 1).padStart(5, '0')}`));

    // Sums by tier computed here from the directory's populations and the default grid.
    const tiers = await listTiers(t.handle.db);
    expect(tiers.map((x) => x.amount)).toEqual(DEFAULT_GRID.map((x) => x.amount));
    const expected = new Map<string, { members: number; amount: Decimal }>();
    for (const e of await epcis()) {
      const tier = tierFor(tiers, e.population!, `${YEAR}-01-01`)!;
      const s = expected.get(tier.label) ?? { members: 0, amount: new Decimal(0) };
      expected.set(tier.label, { members: s.members + 1, amount: s.amount.plus(tier.amount) });
    }
    expect(new Map(first.totalsByTier.map((x) => [x.tier, { members: x.members, amount: x.amount }]))).toEqual(
      new Map([...expected].map(([k, s]) => [k, { members: s.members, amount: s.amount.toFixed(2) }])),
    );
    expect(first.total.amount).toBe(
      [...expected.values()].reduce((s, x) => s.plus(x.amount), new Decimal(0)).toFixed(2),
    );
    const amounts = first.lines.map((l) => l.amount!);
    expect(amounts).toContain('400.00');
    expect(amounts).toContain('30000.00');
  });

  it('deposits each invoice through the hub: Factur-X and UBL valid under EN 16931 and the Chorus rules', async () => {
    const rows = await t.handle.db
      .select({ c: billingContributions, invoice: invoices })
      .from(billingContributions)
      .innerJoin(invoices, eq(invoices.id, billingContributions.invoiceId))
      .where(eq(billingContributions.year, YEAR));
    expect(rows).toHaveLength(61);
    const store = databaseBlobStore(t.handle.db);
    const fatal = (v: Violation[]) => v.filter((x) => x.severity === 'fatal');
    for (const { c, invoice } of rows) {
      expect(invoice).toMatchObject({ number: c.number, buyerId: c.structureId, syntax: 'FACTURX' });
      const pdf = await store.get(c.facturxSha256!);
      const read = await readInvoice(pdf!.bytes);
      expect(fatal(validate(read, { profile: 'b2g' })), c.number).toEqual([]);
      expect(read.invoice.vatBreakdown[0]).toMatchObject({ categoryCode: 'O', exemptionReasonCode: 'VATEX-EU-O' });
      expect(read.invoice.seller.legalRegistrationId?.value).toBe('253514491');
      const ubl = await store.get(c.ublSha256!);
      const readUbl = await readInvoice(ubl!.bytes);
      expect(readUbl.syntax).toBe('UBL');
      expect(fatal(validate(readUbl, { profile: 'b2g' })), `${c.number} UBL`).toEqual([]);
    }
    // The references the directory requires travel in BT-10 and BT-13 (and the deposit's routing checked them).
    const [rennes] = rows.filter((r) => (r.c.line as { memberName: string }).memberName === 'Rennes Métropole');
    expect(rennes!.invoice.engagementNumber).toMatch(/^EJ-2027-/);
  });

  it('puts each contribution in its EPCI accountants’ inbox, and only there', async () => {
    const [rm, small] = await Promise.all([
      t.handle.db
        .select()
        .from(structures)
        .where(and(eq(structures.kind, 'epci'), eq(structures.name, 'Rennes Métropole'))),
      t.handle.db
        .select()
        .from(structures)
        .where(and(eq(structures.kind, 'epci'), sql`${structures.population} < 10000`))
        .limit(1),
    ]);
    for (const epci of [rm[0]!, small[0]!]) {
      const personId = randomUUID();
      await t.handle.db.insert(people).values({
        id: personId,
        email: `comptable-${personId.slice(0, 8)}@test.hub.bzh`,
        displayName: 'Comptable',
        passwordHash: '$scrypt$unused',
      });
      await t.handle.db.insert(roleGrants).values({ personId, role: 'accountant', structureId: epci.id });
      const accountant: Actor = {
        kind: 'person',
        personId,
        email: 'x@test.hub.bzh',
        displayName: 'Comptable',
        grants: [{ role: 'accountant', structureId: epci.id }],
      };
      const inbox = await listInvoices(hub.deps, accountant, {});
      const line = first.lines.find((l) => l.structureId === epci.id)!;
      expect(inbox.items.map((i) => i.number)).toEqual([line.number]);
      expect(inbox.items[0]!.supplier.name).toBe('Syndicat mixte Mégalis Bretagne');
    }
  });

  it('issues nothing when the same run is asked again', async () => {
    const before = await t.handle.db.select({ n: sql<number>`count(*)::int` }).from(invoices);
    const again = await runYear({ year: YEAR, dryRun: false });
    expect(again.status).toBe('DONE');
    expect(again.counts).toMatchObject({ ISSUED: 0, ALREADY_ISSUED: 61, BLOCKED: 0 });
    expect(again.pes).toBeNull();
    expect(new Map(again.lines.map((l) => [l.structureId, l.number]))).toEqual(
      new Map(first.lines.map((l) => [l.structureId, l.number])),
    );
    const after = await t.handle.db.select({ n: sql<number>`count(*)::int` }).from(invoices);
    expect(after).toEqual(before);
  });

  it('bills a member joining on 1 July 184 days of 365, next in the sequence', async () => {
    const [langouet] = await t.handle.db
      .select()
      .from(structures)
      .where(and(eq(structures.kind, 'commune'), eq(structures.siren, '213501463')));
    await saveMemberTerms({
      ctx: { deps: hub.deps, actor: hub.operator },
      input: { structureId: langouet!.id, joinedOn: `${YEAR}-07-01`, amount: '400' },
    });
    const run = await runYear({ year: YEAR, dryRun: false });
    expect(run.counts).toMatchObject({ ISSUED: 1, ALREADY_ISSUED: 61 });
    const line = run.lines.find((l) => l.structureId === langouet!.id)!;
    expect(line).toMatchObject({
      outcome: 'ISSUED',
      amount: '201.64',
      billedDays: 184,
      yearDays: 365,
      number: `COT-${YEAR}-00062`,
    });
    expect(run.pes).toMatchObject({ bordereau: 2, titles: 1 });
    const pdf = await databaseBlobStore(t.handle.db).get(
      (await t.handle.db.select().from(billingContributions).where(eq(billingContributions.number, line.number!)))[0]!
        .facturxSha256!,
    );
    const read = await readInvoice(pdf!.bytes);
    expect(read.invoice.totals.payableAmount).toBe('201.64');
    expect(read.invoice.invoicingPeriod).toEqual({ startDate: `${YEAR}-07-01`, endDate: `${YEAR}-12-31` });
  });

  it('writes the titles in one PES Aller matching the invoices', async () => {
    const res = await api(`/api/billing/years/${YEAR}/pes?bordereau=1`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('ISO-8859-1');
    const bytes = new Uint8Array(await res.arrayBuffer());
    const pes = readPes(bytes);
    expect(pes.declaration).toBe('<?xml version="1.0" encoding="ISO-8859-1"?>');
    expect(pes).toMatchObject({
      typFic: 'PESALR2',
      year: String(YEAR),
      bordereau: '1',
      pieceCount: '61',
      idColl: '25351449100047',
    });
    const rows = await t.handle.db
      .select({ c: billingContributions, invoice: invoices })
      .from(billingContributions)
      .innerJoin(invoices, eq(invoices.id, billingContributions.invoiceId))
      .where(and(eq(billingContributions.year, YEAR), eq(billingContributions.pesBordereau, 1)));
    expect(rows).toHaveLength(61);
    const byNumber = new Map(rows.map((r) => [r.c.number, r]));
    for (const title of pes.titles) {
      const row = byNumber.get(title.invoiceNumber!)!;
      expect(row, title.invoiceNumber).toBeDefined();
      expect(title.amount).toBe(row.invoice.totalWithoutVat);
      expect(title.serviceCode ?? null).toBe(row.c.line && (row.c.line as { serviceCode: string | null }).serviceCode);
      expect(title.engagementNumber ?? null).toBe(row.invoice.engagementNumber);
      expect(title.edition).toBe('02');
    }
    expect(new Set(pes.titles.map((x) => x.invoiceNumber)).size).toBe(61);
    expect(pes.totalHt).toBe(rows.reduce((s, r) => s.plus(r.invoice.totalWithoutVat), new Decimal(0)).toFixed(2));
    expect(Buffer.from(bytes).includes(Buffer.from('Rennes M\xe9tropole', 'latin1'))).toBe(true);

    const latest = readPes(new Uint8Array(await (await api(`/api/billing/years/${YEAR}/pes`)).arrayBuffer()));
    expect(latest).toMatchObject({ bordereau: '2', pieceCount: '1', totalHt: '201.64' });
    const none = await api(`/api/billing/years/2030/pes`);
    expect(none.status).toBe(404);
  });

  it('follows the year: issued, paid once the member pays, totals by tier', async () => {
    const year = (await (await api(`/api/billing/years/${YEAR}`)).json()) as {
      counts: { issued: number; paid: number; late: number };
      contributions: { state: string; dueDate: string }[];
    };
    expect(year.counts).toMatchObject({ issued: 62, paid: 0, late: 0 });
    const today = parisDay(new Date()).date;
    expect(year.contributions.every((c) => c.dueDate > today && c.state === 'PENDING')).toBe(true);
    const ids = (await t.handle.db.select({ id: billingContributions.invoiceId }).from(billingContributions)).map(
      (r) => r.id!,
    );
    expect(
      await t.handle.db
        .select({ n: sql<number>`count(*)::int` })
        .from(invoices)
        .where(inArray(invoices.id, ids)),
    ).toEqual([{ n: 62 }]);
  });

  it('runs on its yearly schedule (1 January, Paris) for the current year, without overlap', async () => {
    const definition = BILLING_SCHEDULES.find((d) => d.scheduleId === 'hub-billing-yearly-run')!;
    // A schedule of this test's own (the hub's ids are shared by the test run), with the declared spec and policies.
    const scheduleId = `billing-yearly-test-${randomUUID().slice(0, 8)}`;
    const handle = await hub.client.schedule.create({
      scheduleId,
      spec: scheduleSpecOf(definition, 2026),
      action: {
        type: 'startWorkflow',
        workflowType: definition.workflowType,
        args: definition.args!,
        taskQueue: hub.deps.taskQueue!,
      },
      policies: { catchupWindow: definition.catchupWindow, overlap: definition.overlap },
    });
    try {
      const description = await handle.describe();
      expect(description.spec.calendars?.[0]).toMatchObject({
        month: [{ start: 'JANUARY' }],
        dayOfMonth: [{ start: 1 }],
        hour: [{ start: 6 }],
      });
      expect(description.spec.timezone).toBe('Europe/Paris');
      expect(description.policies).toMatchObject({ overlap: 'SKIP', catchupWindow: 30 * 86_400_000 });
      await handle.trigger();
      const year = Number(parisDay(new Date()).date.slice(0, 4));
      const deadline = Date.now() + 8 * 60_000;
      let run: Run | undefined;
      while (!run || run.status === 'PENDING' || run.status === 'RUNNING') {
        if (Date.now() > deadline) throw new Error('the scheduled run did not finish');
        await new Promise((r) => setTimeout(r, 1000));
        const [row] = await t.handle.db
          .select({ id: billingRuns.id })
          .from(billingRuns)
          .where(and(eq(billingRuns.year, year), eq(billingRuns.requestedBy, 'system:billing-run')));
        if (row) run = (await (await api(`/api/billing/runs/${row.id}`)).json()) as Run;
      }
      expect(run.status).toBe('DONE');
      expect(run.counts).toMatchObject({ ISSUED: 61, BLOCKED: 0 });
      expect(run.lines.map((l) => l.number).sort()[0]).toBe(`COT-${year}-00001`);
    } finally {
      await handle.delete();
    }
  });
});
