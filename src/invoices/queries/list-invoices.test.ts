import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { services } from '../../../db/schema/directory.ts';
import { invoices, type InvoiceStatus } from '../../../db/schema/invoices.ts';
import { personActing, testParties } from '../../../test/helpers/invoices.ts';
import { testDeps } from '../../../test/helpers/test-deps.ts';
import { useTestDatabase } from '../../../test/helpers/use-database.ts';
import type { Actor } from '../../platform/auth/index.ts';
import { databaseBlobStore } from '../../platform/blob-store.ts';
import { fixedClock } from '../../platform/clock.ts';
import type { AppDeps } from '../../platform/http.ts';
import { listInvoices, type InvoiceFilters } from './list-invoices.ts';

const t = useTestDatabase();
const NOW = new Date('2026-04-01T10:00:00Z');
const DAY = 86_400_000;
let p: Awaited<ReturnType<typeof testParties>>;
let deps: AppDeps;
let rennesFin: string;

interface Seed {
  number: string;
  supplier: 'armor' | 'breizh';
  buyer: 'rennes' | 'quimper' | 'brest';
  status: InvoiceStatus;
  issueDate: string;
  createdAt: string;
  totalWithVat: string;
  dueInDays: number | null;
  fin?: boolean;
}

const SEEDS: Seed[] = [
  {
    number: 'A-001',
    supplier: 'armor',
    buyer: 'rennes',
    status: 'MISE_A_DISPOSITION',
    issueDate: '2026-01-10',
    createdAt: '2026-02-01T09:00:00Z',
    totalWithVat: '120.00',
    dueInDays: 5,
    fin: true,
  },
  {
    number: 'A-002',
    supplier: 'armor',
    buyer: 'quimper',
    status: 'DEPOSEE',
    issueDate: '2026-02-10',
    createdAt: '2026-02-15T09:00:00Z',
    totalWithVat: '1500.50',
    dueInDays: null,
  },
  // 23:30 UTC on 2 March is 00:30 on 3 March in Paris.
  {
    number: 'A-003',
    supplier: 'armor',
    buyer: 'rennes',
    status: 'REJETEE',
    issueDate: '2026-03-01',
    createdAt: '2026-03-02T23:30:00Z',
    totalWithVat: '99.99',
    dueInDays: 2,
  },
  {
    number: 'B-001',
    supplier: 'breizh',
    buyer: 'rennes',
    status: 'SUSPENDUE',
    issueDate: '2026-03-04',
    createdAt: '2026-03-05T09:00:00Z',
    totalWithVat: '10000.00',
    dueInDays: 40,
  },
  {
    number: 'B-002',
    supplier: 'breizh',
    buyer: 'brest',
    status: 'MANDATEE',
    issueDate: '2026-03-06',
    createdAt: '2026-03-07T09:00:00Z',
    totalWithVat: '250.00',
    dueInDays: -3,
  },
];

beforeAll(async () => {
  p = await testParties(t.handle.db);
  deps = testDeps(t.handle, { clock: fixedClock(NOW) });
  const [fin] = await t.handle.db
    .select({ id: services.id })
    .from(services)
    .where(and(eq(services.structureId, p.rennes.id), eq(services.code, 'FIN')));
  rennesFin = fin!.id;
  const sha = await databaseBlobStore(t.handle.db).put(new TextEncoder().encode('<Invoice/>'), 'application/xml');
  for (const s of SEEDS) {
    const supplier = p[s.supplier];
    const buyer = p[s.buyer];
    await t.handle.db.insert(invoices).values({
      supplierId: supplier.id,
      number: s.number,
      year: 2026,
      typeCode: '380',
      issueDate: s.issueDate,
      currency: 'EUR',
      totalWithoutVat: s.totalWithVat,
      totalVat: '0.00',
      totalWithVat: s.totalWithVat,
      amountDue: s.totalWithVat,
      supplierName: supplier.name,
      buyerId: buyer.id,
      buyerSiret: buyer.siret,
      serviceId: s.fin ? rennesFin : null,
      serviceCode: s.fin ? 'FIN' : null,
      status: s.status,
      syntax: 'UBL',
      originalSha256: sha,
      validationReport: { profile: 'fr', violations: [] },
      workflowId: `test/${randomUUID()}`,
      legalDueAt: s.dueInDays === null ? null : new Date(NOW.getTime() + s.dueInDays * DAY),
      createdAt: new Date(s.createdAt),
    });
  }
});

const numbers = async (actor: Actor | undefined, filters: InvoiceFilters = {}) =>
  (await listInvoices(deps, actor, { sort: 'depositDate', ...filters })).items.map((i) => i.number);
const operator = () => personActing('operator', randomUUID());

describe('listInvoices: who sees what', () => {
  it('shows a supplier only its own invoices', async () => {
    expect(await numbers(personActing('supplier', p.armor.id))).toEqual(['A-001', 'A-002', 'A-003']);
    expect(await numbers(personActing('supplier', p.breizh.id))).toEqual(['B-001', 'B-002']);
  });

  it('shows an accountant or agent the invoices addressed to its structures only', async () => {
    expect(await numbers(personActing('accountant', p.rennes.id))).toEqual(['A-001', 'A-003', 'B-001']);
    expect(await numbers(personActing('agent', p.rennes.id))).toEqual(['A-001', 'A-003', 'B-001']);
    expect(await numbers(personActing('accountant', p.brest.id))).toEqual(['B-002']);
    expect(await numbers(personActing('accountant', p.lorient.id))).toEqual([]);
  });

  it('combines the roles of one actor and shows everything to an operator', async () => {
    const both: Actor = {
      ...personActing('supplier', p.armor.id),
      grants: [
        { role: 'supplier', structureId: p.armor.id },
        { role: 'accountant', structureId: p.brest.id },
      ],
    };
    expect(await numbers(both)).toEqual(['A-001', 'A-002', 'A-003', 'B-002']);
    expect(await numbers(operator())).toEqual(['A-001', 'A-002', 'A-003', 'B-001', 'B-002']);
  });

  it('shows nothing to an actor without grants and refuses anonymous callers', async () => {
    expect(await numbers(personActing('supplier'))).toEqual([]);
    await expect(listInvoices(deps, undefined)).rejects.toMatchObject({ status: 401 });
  });

  it('keeps visibility when filtering on another supplier', async () => {
    expect(await numbers(personActing('supplier', p.armor.id), { supplierId: p.breizh.id })).toEqual([]);
  });
});

describe('listInvoices: filters', () => {
  it.each<[string, () => InvoiceFilters, string[]]>([
    ['statuses', () => ({ statuses: ['DEPOSEE', 'SUSPENDUE'] }), ['A-002', 'B-001']],
    ['supplier', () => ({ supplierId: p.breizh.id }), ['B-001', 'B-002']],
    ['buyer structure', () => ({ buyerId: p.rennes.id }), ['A-001', 'A-003', 'B-001']],
    ['service', () => ({ serviceId: rennesFin }), ['A-001']],
    ['issue dates, inclusive', () => ({ issueDateFrom: '2026-02-10', issueDateTo: '2026-03-01' }), ['A-002', 'A-003']],
    [
      'deposit dates, as days in Paris',
      () => ({ depositDateFrom: '2026-03-03', depositDateTo: '2026-03-05' }),
      ['A-003', 'B-001'],
    ],
    ['deposit date before a day in Paris', () => ({ depositDateTo: '2026-03-02' }), ['A-001', 'A-002']],
    ['amounts, inclusive decimals', () => ({ amountMin: '250', amountMax: '1500.50' }), ['A-002', 'B-002']],
    ['amount just above a bound', () => ({ amountMin: '1500.51' }), ['B-001']],
    ['due within 7 days: open invoices, overdue ones included', () => ({ dueWithinDays: 7 }), ['A-001', 'B-002']],
    ['number text, any case', () => ({ text: 'b-00' }), ['B-001', 'B-002']],
    ['number text with wildcard characters taken literally', () => ({ text: '%' }), []],
  ])('by %s', async (_name, filters, expected) => {
    expect(await numbers(operator(), filters())).toEqual(expected);
  });

  it('refuses a malformed amount, date or identifier in French', async () => {
    await expect(listInvoices(deps, operator(), { amountMin: '12,5' })).rejects.toMatchObject({
      code: 'INVALID_INPUT',
      message: expect.stringContaining('12,5'),
    });
    await expect(listInvoices(deps, operator(), { issueDateFrom: '01/02/2026' })).rejects.toMatchObject({
      code: 'INVALID_INPUT',
    });
    await expect(listInvoices(deps, operator(), { buyerId: 'rennes' })).rejects.toMatchObject({
      code: 'INVALID_INPUT',
    });
  });
});

describe('listInvoices: pages and order', () => {
  it('pages with the total', async () => {
    const page = await listInvoices(deps, operator(), { sort: 'depositDate', page: 2, pageSize: 2 });
    expect(page.items.map((i) => i.number)).toEqual(['A-003', 'B-001']);
    expect(page).toMatchObject({ total: 5, page: 2, pageSize: 2 });
    const last = await listInvoices(deps, operator(), { sort: 'depositDate', page: 3, pageSize: 2 });
    expect(last.items.map((i) => i.number)).toEqual(['B-002']);
  });

  it('caps the page size at 200', async () => {
    expect((await listInvoices(deps, operator(), { pageSize: 5000 })).pageSize).toBe(200);
  });

  it('sorts by due date (no due date last) and by deposit date, newest first by default', async () => {
    expect(await numbers(operator(), { sort: 'dueDate' })).toEqual(['B-002', 'A-003', 'A-001', 'B-001', 'A-002']);
    expect((await listInvoices(deps, operator())).items.map((i) => i.number)).toEqual([
      'B-002',
      'B-001',
      'A-003',
      'A-002',
      'A-001',
    ]);
  });

  it('describes each invoice with its parties, service and amounts as decimal strings', async () => {
    const [first] = (await listInvoices(deps, operator(), { text: 'A-001' })).items;
    expect(first).toMatchObject({
      number: 'A-001',
      status: 'MISE_A_DISPOSITION',
      totalWithVat: '120.00',
      supplier: { id: p.armor.id },
      buyer: { id: p.rennes.id, siret: p.rennes.siret },
      service: { id: rennesFin, code: 'FIN', label: 'Direction des finances' },
      legalDueAt: new Date(NOW.getTime() + 5 * DAY).toISOString(),
      depositedAt: '2026-02-01T09:00:00.000Z',
    });
  });
});
