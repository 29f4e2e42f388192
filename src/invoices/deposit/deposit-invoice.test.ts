import { Client, Connection, defaultPayloadConverter, WorkflowNotFoundError } from '@temporalio/client';
import { and, count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../db/client.ts';
import { writeUbl } from '../../../formats/index.ts';
import { blobs } from '../../../db/schema/blobs.ts';
import { structures } from '../../../db/schema/directory.ts';
import { deposits, invoiceEvents, invoices } from '../../../db/schema/invoices.ts';
import { CURRENT_DELIVERY, INVOICE_WORKFLOW_TYPE, type InvoiceWorkflowInput } from '../domain/contract.ts';
import {
  ciiBytes,
  facturXBytes,
  personActing,
  testInvoice,
  testParties,
  ublBytes,
  uniqueInvoiceNumber,
} from '../../../test/helpers/invoices.ts';
import { testDeps, testTemporalClient } from '../../../test/helpers/test-deps.ts';
import { useTestDatabase } from '../../../test/helpers/use-database.ts';
import { sha256Hex } from '../../platform/blob-store.ts';
import { drainLaunches } from '../lifecycle/launcher.ts';
import { startUnlaunchedInvoiceWorkflows } from '../lifecycle/start-relay.ts';
import type { InvoiceDeps } from '../settings.ts';
import { depositInvoice, type DepositResult } from './deposit-invoice.ts';
import { DUPLICATE_MESSAGE } from './refusal.ts';

const t = useTestDatabase();
let temporal: Client;
let parties: Awaited<ReturnType<typeof testParties>>;
let deps: InvoiceDeps;
const started: string[] = [];

const TEST_TIMING = { dayMs: 1000, reminderDaysBefore: [3, 1] };

beforeAll(async () => {
  temporal = await testTemporalClient();
  parties = await testParties(t.handle.db);
  deps = { ...testDeps(t.handle, { temporal }), invoices: { timing: TEST_TIMING } };
});
afterAll(async () => {
  await Promise.allSettled(started.map((id) => temporal.workflow.getHandle(id).terminate('test over')));
  await temporal.connection.close();
});

const armorActor = () => personActing('supplier', parties.armor.id);
const encoder = new TextEncoder();

async function deposit(bytes: Uint8Array, d: InvoiceDeps = deps, fileName = 'facture.xml'): Promise<DepositResult> {
  const result = await depositInvoice({
    ctx: { deps: d, actor: armorActor() },
    input: {
      supplierId: parties.armor.id,
      bytes,
      fileName,
      channel: 'api',
    },
  });
  if (result.outcome === 'accepted') started.push(result.workflowId);
  return result;
}

const forRennes = (extra: Partial<Parameters<typeof ublBytes>[0]> = {}) => ({
  supplierSiret: parties.armor.siret,
  supplierName: parties.armor.name,
  buyerSiret: parties.rennes.siret,
  serviceCode: 'FIN',
  ...extra,
});

async function invoiceCount(number: string): Promise<number> {
  const [row] = await t.handle.db.select({ n: count() }).from(invoices).where(eq(invoices.number, number));
  return row?.n ?? 0;
}

async function depositRow(id: string) {
  const [row] = await t.handle.db.select().from(deposits).where(eq(deposits.id, id));
  return row;
}

describe('depositInvoice: accepted', () => {
  it('stores a UBL invoice, its first event and deposit, and starts its workflow with the timing', async () => {
    const number = uniqueInvoiceNumber('UBL');
    const bytes = ublBytes(forRennes({ number, lineAmounts: ['1200.00', '34.56'] }));
    const result = await deposit(bytes);
    expect(result).toMatchObject({
      outcome: 'accepted',
      status: 'DEPOSEE',
      number,
      year: 2026,
      syntax: 'UBL',
      serviceCode: 'FIN',
    });
    if (result.outcome !== 'accepted') return;
    expect(result.originalSha256).toBe(sha256Hex(bytes));

    const [invoice] = await t.handle.db.select().from(invoices).where(eq(invoices.id, result.invoiceId));
    expect(invoice).toMatchObject({
      supplierId: parties.armor.id,
      buyerId: parties.rennes.id,
      buyerSiret: parties.rennes.siret,
      status: 'DEPOSEE',
      eventCount: 1,
      totalWithoutVat: '1234.56',
      totalVat: '246.91',
      totalWithVat: '1481.47',
      amountDue: '1481.47',
      syntax: 'UBL',
      workflowId: `invoice/${parties.armor.siren}/2026/${number}`,
    });
    const events = await t.handle.db.select().from(invoiceEvents).where(eq(invoiceEvents.invoiceId, result.invoiceId));
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ sequence: 1, fromStatus: null, toStatus: 'DEPOSEE', actorName: 'Test supplier' });
    expect(events[0]?.actor).toMatch(/^person:/);
    expect(await depositRow(result.depositId)).toMatchObject({
      outcome: 'accepted',
      invoiceId: result.invoiceId,
      fileName: 'facture.xml',
      channel: 'api',
    });

    await drainLaunches(temporal); // the start runs after the answer
    const handle = temporal.workflow.getHandle(result.workflowId);
    const description = await handle.describe();
    expect(description.type).toBe(INVOICE_WORKFLOW_TYPE);
    expect(description.taskQueue).toBe(deps.taskQueue);
    const history = await handle.fetchHistory();
    const payload = history.events?.[0]?.workflowExecutionStartedEventAttributes?.input?.payloads?.[0];
    const input = defaultPayloadConverter.fromPayload<InvoiceWorkflowInput>(payload!);
    expect(input).toEqual({
      invoiceId: result.invoiceId,
      timing: { dayMs: 1000, delayDays: 30, reminderDaysBefore: [3, 1] },
      delivery: CURRENT_DELIVERY,
    });
  });

  it('accepts a CII invoice routed by engagement number alone where either reference suffices', async () => {
    const number = uniqueInvoiceNumber('CII');
    const result = await deposit(
      ciiBytes({
        supplierSiret: parties.armor.siret,
        buyerSiret: parties.brest.siret,
        engagementNumber: 'EJ-2026-0042',
        number,
      }),
    );
    expect(result).toMatchObject({
      outcome: 'accepted',
      syntax: 'CII',
      serviceCode: null,
      engagementNumber: 'EJ-2026-0042',
    });
    expect(await invoiceCount(number)).toBe(1);
  });

  it('accepts a Factur-X PDF and keeps the PDF as the original', async () => {
    const number = uniqueInvoiceNumber('FX');
    const bytes = await facturXBytes(forRennes({ number }));
    const result = await deposit(bytes, deps, 'facture.pdf');
    expect(result).toMatchObject({ outcome: 'accepted', syntax: 'FACTURX' });
    const [blob] = await t.handle.db
      .select({ mediaType: blobs.mediaType, size: blobs.size })
      .from(blobs)
      .where(eq(blobs.sha256, sha256Hex(bytes)));
    expect(blob).toEqual({ mediaType: 'application/pdf', size: bytes.length });
  });

  it('finds the recipient SIRET in BT-46 when BT-47 holds the SIREN (2026 model)', async () => {
    const result = await deposit(ublBytes(forRennes({ buyerSiretIn: 'BT-46' })));
    expect(result).toMatchObject({
      outcome: 'accepted',
      buyer: { id: parties.rennes.id, siret: parties.rennes.siret },
    });
  });
});

describe('depositInvoice: refused, and the original kept', () => {
  async function expectRefused(bytes: Uint8Array, code: string) {
    const before = await t.handle.db.select({ n: count() }).from(invoices);
    const result = await deposit(bytes);
    expect(result.outcome).toBe('refused');
    if (result.outcome !== 'refused') throw new Error('accepted');
    expect(result.code).toBe(code);
    const after = await t.handle.db.select({ n: count() }).from(invoices);
    expect(after[0]?.n).toBe(before[0]?.n);
    expect(await depositRow(result.depositId)).toMatchObject({
      outcome: 'refused',
      refusalCode: code,
      originalSha256: sha256Hex(bytes),
      invoiceId: null,
    });
    const [blob] = await t.handle.db
      .select({ sha: blobs.sha256 })
      .from(blobs)
      .where(eq(blobs.sha256, sha256Hex(bytes)));
    expect(blob?.sha).toBe(sha256Hex(bytes));
    return result;
  }

  it('refuses a file that is not XML nor PDF', async () => {
    const result = await expectRefused(encoder.encode(`ceci n'est pas une facture ${Math.random()}`), 'INVALID_FILE');
    expect(result.violations?.[0]?.rule).toBe('XML_MALFORMED');
    expect(result.message).toMatch(/^Fichier refusé : /);
  });

  it('refuses hostile XML (DTD with entities) without expanding it', async () => {
    const hostile = `<?xml version="1.0"?><!DOCTYPE Invoice [<!ENTITY a "${'x'.repeat(10)}"><!ENTITY b "&a;&a;&a;&a;">]><Invoice xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2">&b;${Math.random()}</Invoice>`;
    const result = await expectRefused(encoder.encode(hostile), 'INVALID_FILE');
    expect(result.violations?.[0]?.rule).toMatch(/^XML_(DTD|ENTITY)_FORBIDDEN$/);
  });

  it('refuses an invoice that fails validation, listing the rule ids', async () => {
    const invoice = testInvoice(forRennes());
    invoice.totals.taxInclusiveAmount = '999.99';
    invoice.totals.payableAmount = '999.99';
    const result = await expectRefused(encoder.encode(writeUbl(invoice)), 'VALIDATION_FAILED');
    expect(result.violations?.map((v) => v.rule)).toContain('BR-CO-15');
    expect(result.message).toContain('BR-CO-15');
    const row = await depositRow(result.depositId);
    expect((row?.violations as { rule: string }[]).some((v) => v.rule === 'BR-CO-15')).toBe(true);
  });

  it('refuses an unknown recipient', async () => {
    const result = await expectRefused(ublBytes(forRennes({ buyerSiret: parties.breizh.siret })), 'UNKNOWN_RECIPIENT');
    expect(result.message).toContain(parties.breizh.siret);
  });

  it('refuses a recipient given by SIREN only, asking for its SIRET', async () => {
    // The French profile's Chorus rules refuse it at validation, on BT-47…
    const validated = await expectRefused(
      ublBytes(forRennes({ buyerSirenOnly: parties.rennes.siren })),
      'VALIDATION_FAILED',
    );
    expect(validated.violations?.some((v) => v.severity === 'fatal' && v.bt === 'BT-47')).toBe(true);
    // …and routing refuses it under the bare EN 16931 profile.
    const bare: InvoiceDeps = { ...deps, invoices: { ...deps.invoices, profile: 'en16931' } };
    const routed = await deposit(ublBytes(forRennes({ buyerSirenOnly: parties.rennes.siren })), bare);
    expect(routed).toMatchObject({ outcome: 'refused', code: 'MISSING_RECIPIENT' });
    if (routed.outcome === 'refused') expect(routed.message).toContain(parties.rennes.siren);
  });

  it('refuses an unknown service, naming it and the recipient', async () => {
    const result = await expectRefused(ublBytes(forRennes({ serviceCode: 'XYZ' })), 'UNKNOWN_SERVICE');
    expect(result.message).toBe(
      `Le code service (BT-10) "XYZ" n’existe pas pour la commune de Rennes (SIRET ${parties.rennes.siret}).`,
    );
  });

  it('refuses an inactive service', async () => {
    const result = await expectRefused(ublBytes(forRennes({ serviceCode: 'DPB' })), 'INACTIVE_SERVICE');
    expect(result.message).toContain('DPB');
  });

  it('refuses a missing engagement number the recipient requires', async () => {
    const result = await expectRefused(
      ublBytes({ supplierSiret: parties.armor.siret, buyerSiret: parties.quimper.siret }),
      'ENGAGEMENT_NUMBER_REQUIRED',
    );
    expect(result.message).toContain('BT-13');
  });

  it('refuses an invoice whose seller is another company', async () => {
    const result = await expectRefused(
      ublBytes(forRennes({ supplierSiret: parties.breizh.siret, supplierName: 'Breizh Travaux Publics SAS' })),
      'SELLER_MISMATCH',
    );
    expect(result.message).toContain(parties.breizh.siret);
    expect(result.message).toContain(parties.armor.siren);
  });
});

describe('depositInvoice: profiles (which rules refuse)', () => {
  /** As Chorus Pro users write them: billing frame A1, the SIRET in BT-46 and BT-47 (scheme 0009), no PMT/PMD/AAB. */
  const chorusStyle = (siret: string) => {
    const invoice = testInvoice({ ...forRennes({ buyerSiret: siret }), number: uniqueInvoiceNumber('B2G') });
    invoice.processControl = { businessProcessType: 'A1', specificationIdentifier: 'urn:cen.eu:en16931:2017' };
    invoice.notes = [];
    invoice.buyer.identifier = { value: siret, schemeId: '0009' };
    invoice.buyer.legalRegistrationId = { value: siret, schemeId: '0009' };
    delete invoice.buyerReference;
    return encoder.encode(writeUbl(invoice));
  };
  const setStrict = (id: string, strict: boolean) =>
    t.handle.db.update(structures).set({ strictReformRules: strict }).where(eq(structures.id, id));

  it('accepts a Chorus-style invoice under the default b2g profile, the reform rules as warnings', async () => {
    const result = await deposit(chorusStyle(parties.lorient.siret));
    expect(result.outcome).toBe('accepted');
    if (result.outcome !== 'accepted') return;
    const rules = result.warnings.map((w) => `${w.rule}:${w.severity}`);
    expect(rules).toContain('BR-FR-05:warning');
    expect(rules.some((r) => r.startsWith('BR-FR-08') || r.startsWith('BR-FR-09'))).toBe(false);
    const [row] = await t.handle.db.select().from(invoices).where(eq(invoices.id, result.invoiceId));
    expect((row?.validationReport as { profile: string }).profile).toBe('b2g');
  });

  it('refuses it when the deployment chooses the strict profile', async () => {
    const result = await deposit(chorusStyle(parties.lorient.siret), {
      ...deps,
      invoices: { ...deps.invoices, profile: 'fr' },
    });
    expect(result).toMatchObject({ outcome: 'refused', code: 'VALIDATION_FAILED' });
    if (result.outcome !== 'refused') return;
    expect(result.violations?.filter((v) => v.severity === 'fatal').map((v) => v.rule)).toEqual(
      expect.arrayContaining(['BR-FR-05', 'BR-FR-08']),
    );
  });

  it('refuses it when the recipient chose the strict profile, naming the recipient; others still accept it', async () => {
    await setStrict(parties.lorient.id, true);
    try {
      const refused = await deposit(chorusStyle(parties.lorient.siret));
      expect(refused).toMatchObject({ outcome: 'refused', code: 'VALIDATION_FAILED' });
      if (refused.outcome === 'refused') expect(refused.message).toContain('Lorient');
    } finally {
      await setStrict(parties.lorient.id, false);
    }
    expect((await deposit(chorusStyle(parties.lorient.siret))).outcome).toBe('accepted');
  });

  it('keeps the recipient’s directory flags blocking under b2g (service code required by Rennes)', async () => {
    const result = await deposit(chorusStyle(parties.rennes.siret));
    expect(result).toMatchObject({ outcome: 'refused', code: 'SERVICE_CODE_REQUIRED' });
  });
});

describe('depositInvoice: duplicates', () => {
  it('refuses the same number in the same year with the Chorus wording and leaves the first untouched', async () => {
    const number = uniqueInvoiceNumber('DUP');
    const first = await deposit(ublBytes(forRennes({ number, lineAmounts: ['100.00'] })));
    expect(first.outcome).toBe('accepted');
    const second = await deposit(ublBytes(forRennes({ number, lineAmounts: ['250.00'], issueDate: '2026-11-02' })));
    expect(second).toMatchObject({ outcome: 'refused', code: 'DUPLICATE_INVOICE' });
    if (second.outcome === 'refused') expect(second.message.startsWith(DUPLICATE_MESSAGE)).toBe(true);

    const rows = await t.handle.db.select().from(invoices).where(eq(invoices.number, number));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      totalWithoutVat: '100.00',
      issueDate: '2026-03-15',
      status: 'DEPOSEE',
      eventCount: 1,
    });
  });

  it('accepts the same number in another year', async () => {
    const number = uniqueInvoiceNumber('YR');
    expect((await deposit(ublBytes(forRennes({ number, issueDate: '2025-12-30' })))).outcome).toBe('accepted');
    expect((await deposit(ublBytes(forRennes({ number, issueDate: '2026-01-02' })))).outcome).toBe('accepted');
    expect(await invoiceCount(number)).toBe(2);
  });

  it('accepts exactly one of 50 concurrent deposits of the same invoice', async () => {
    const number = uniqueInvoiceNumber('RACE');
    const bytes = ublBytes(forRennes({ number }));
    const began = performance.now();
    const results = await Promise.all(Array.from({ length: 50 }, () => deposit(bytes)));
    const elapsed = performance.now() - began;
    const accepted = results.filter((r) => r.outcome === 'accepted');
    const refusedCodes = new Set(
      results.filter((r) => r.outcome === 'refused').map((r) => (r.outcome === 'refused' ? r.code : '')),
    );
    expect(accepted).toHaveLength(1);
    expect([...refusedCodes]).toEqual(['DUPLICATE_INVOICE']);
    expect(await invoiceCount(number)).toBe(1);
    const [depositsOfFile] = await t.handle.db
      .select({ n: count() })
      .from(deposits)
      .where(and(eq(deposits.originalSha256, sha256Hex(bytes)), eq(deposits.supplierId, parties.armor.id)));
    expect(depositsOfFile?.n).toBe(50);
    console.log(`[measure] 50 concurrent deposits of one invoice: ${elapsed.toFixed(0)} ms`);
  });
});

describe('depositInvoice: Temporal unavailable', () => {
  it('accepts and stores the invoice; the relay starts its workflow once Temporal answers, once', async () => {
    const unreachable = new Client({ connection: Connection.lazy({ address: '127.0.0.1:9' }) });
    const number = uniqueInvoiceNumber('TMP');
    const down: InvoiceDeps = {
      ...deps,
      temporal: unreachable,
      invoices: { ...deps.invoices, workflowStartTimeoutMs: 1500 },
    };
    const result = await deposit(ublBytes(forRennes({ number })), down);
    expect(result).toMatchObject({ outcome: 'accepted', status: 'DEPOSEE' });
    if (result.outcome !== 'accepted') return;
    await drainLaunches(unreachable);
    await unreachable.connection.close().catch(() => {});
    expect(await invoiceCount(number)).toBe(1);
    await expect(temporal.workflow.getHandle(result.workflowId).describe()).rejects.toBeInstanceOf(
      WorkflowNotFoundError,
    );

    // Within its grace period the relay leaves the invoice to its deposit; past it, it starts the workflow.
    expect((await startUnlaunchedInvoiceWorkflows(deps, { graceMs: 3_600_000 })).found).toBe(0);
    const relayed = await startUnlaunchedInvoiceWorkflows(deps, { graceMs: 0 });
    expect(relayed.failed).toBe(0);
    expect(relayed.started).toBeGreaterThanOrEqual(1);
    const handle = temporal.workflow.getHandle(result.workflowId);
    const first = await handle.describe();
    expect(first).toMatchObject({ type: INVOICE_WORKFLOW_TYPE, taskQueue: deps.taskQueue });
    const history = await handle.fetchHistory();
    const payload = history.events?.[0]?.workflowExecutionStartedEventAttributes?.input?.payloads?.[0];
    expect(defaultPayloadConverter.fromPayload<InvoiceWorkflowInput>(payload!)).toMatchObject({
      invoiceId: result.invoiceId,
      timing: { delayDays: 30 },
      delivery: CURRENT_DELIVERY,
    });

    // Run again while the invoice is still DEPOSEE (no worker here): the running workflow is kept, no second run.
    await startUnlaunchedInvoiceWorkflows(deps, { graceMs: 0 });
    expect((await handle.describe()).runId).toBe(first.runId);
  });
});

describe('depositInvoice: a closed run under the invoice key', () => {
  it('does not block the deposit: its workflow starts as a new run', async () => {
    const number = uniqueInvoiceNumber('ORPH');
    const workflowId = `invoice/${parties.armor.siren}/2026/${number}`;
    const stray = await temporal.workflow.start(INVOICE_WORKFLOW_TYPE, {
      workflowId,
      taskQueue: `${deps.taskQueue}-stray`,
      args: [{ invoiceId: crypto.randomUUID(), timing: { dayMs: 1000, delayDays: 30, reminderDaysBefore: [] } }],
    });
    await stray.terminate('left by a deposit that rolled back');
    const result = await deposit(ublBytes(forRennes({ number })));
    expect(result).toMatchObject({ outcome: 'accepted', workflowId });
    await drainLaunches(temporal);
    const current = await temporal.workflow.getHandle(workflowId).describe();
    expect(current.runId).not.toBe(stray.firstExecutionRunId);
    expect(current).toMatchObject({ taskQueue: deps.taskQueue, status: { name: 'RUNNING' } });
  });
});

describe('depositInvoice: database unreachable', () => {
  it('answers 503 DATABASE_UNAVAILABLE in French, not an internal error', async () => {
    const down = await openDatabase({ kind: 'postgres', url: 'postgres://postgres@127.0.0.1:1/nowhere' });
    try {
      await expect(deposit(ublBytes(forRennes()), { ...deps, db: down.db })).rejects.toMatchObject({
        code: 'DATABASE_UNAVAILABLE',
        status: 503,
        message: expect.stringContaining('momentanément injoignable'),
      });
    } finally {
      await down.close();
    }
  });
});

describe('depositInvoice: who and how big', () => {
  it('forbids depositing for a supplier one does not act for, and stores nothing', async () => {
    const bytes = ublBytes(forRennes());
    const breizhActor = personActing('supplier', parties.breizh.id);
    await expect(
      depositInvoice({
        ctx: { deps: deps, actor: breizhActor },
        input: { supplierId: parties.armor.id, bytes, channel: 'api' },
      }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN', status: 403 });
    const accountant = personActing('accountant', parties.armor.id);
    await expect(
      depositInvoice({
        ctx: { deps: deps, actor: accountant },
        input: { supplierId: parties.armor.id, bytes, channel: 'api' },
      }),
    ).rejects.toMatchObject({ status: 403 });
    await expect(
      depositInvoice({
        ctx: { deps: deps, actor: undefined },
        input: { supplierId: parties.armor.id, bytes, channel: 'api' },
      }),
    ).rejects.toMatchObject({ status: 401 });
    const [blob] = await t.handle.db
      .select({ n: count() })
      .from(blobs)
      .where(eq(blobs.sha256, sha256Hex(bytes)));
    expect(blob?.n).toBe(0);
  });

  it('lets an API client with the supplier grant deposit', async () => {
    const client = {
      kind: 'client' as const,
      clientId: 'logiciel-armor',
      scopes: ['openid'],
      grants: [{ role: 'supplier' as const, structureId: parties.armor.id }],
    };
    const result = await depositInvoice({
      ctx: { deps: deps, actor: client },
      input: {
        supplierId: parties.armor.id,
        bytes: ublBytes(forRennes()),
        channel: 'api',
      },
    });
    expect(result.outcome).toBe('accepted');
    if (result.outcome === 'accepted') {
      started.push(result.workflowId);
      const [event] = await t.handle.db
        .select()
        .from(invoiceEvents)
        .where(eq(invoiceEvents.invoiceId, result.invoiceId));
      expect(event?.actor).toBe('client:logiciel-armor');
    }
  });

  it('refuses a file over the size limit with 413 before storing it', async () => {
    const bytes = ublBytes(forRennes());
    const small: InvoiceDeps = { ...deps, invoices: { ...deps.invoices, maxDepositBytes: 1000 } };
    await expect(deposit(bytes, small)).rejects.toMatchObject({ code: 'FILE_TOO_LARGE', status: 413 });
    const [blob] = await t.handle.db
      .select({ n: count() })
      .from(blobs)
      .where(eq(blobs.sha256, sha256Hex(bytes)));
    expect(blob?.n).toBe(0);
  });
});
