import { randomUUID } from 'node:crypto';
import type { Client } from '@temporalio/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readInvoice } from '../../../formats/index.ts';
import {
  facturXBytes,
  personActing,
  testParties,
  ublBytes,
  uniqueInvoiceNumber,
} from '../../../test/helpers/invoices.ts';
import { testDeps, testTemporalClient } from '../../../test/helpers/test-deps.ts';
import { useTestDatabase } from '../../../test/helpers/use-database.ts';
import { depositInvoice } from '../deposit/deposit-invoice.ts';
import type { InvoiceDeps } from '../settings.ts';
import { getInvoiceOriginal, getInvoicePdf } from './documents.ts';
import { getInvoiceDetail, getInvoiceEvents } from './invoice-detail.ts';

const t = useTestDatabase();
let temporal: Client;
let p: Awaited<ReturnType<typeof testParties>>;
let deps: InvoiceDeps;
let ublId: string;
let ublOriginal: Uint8Array;
let facturXId: string;
let facturXOriginal: Uint8Array;
const started: string[] = [];

beforeAll(async () => {
  temporal = await testTemporalClient();
  p = await testParties(t.handle.db);
  deps = { ...testDeps(t.handle, { temporal }), invoices: { timing: { dayMs: 1000 } } };
  const armor = personActing('supplier', p.armor.id);
  const parties = {
    supplierSiret: p.armor.siret,
    supplierName: p.armor.name,
    buyerSiret: p.rennes.siret,
    serviceCode: 'FIN',
  };
  ublOriginal = ublBytes({ ...parties, number: uniqueInvoiceNumber('DET'), lineAmounts: ['800.00'] });
  facturXOriginal = await facturXBytes({ ...parties, number: uniqueInvoiceNumber('DFX') });
  for (const [bytes, fileName] of [
    [ublOriginal, 'ma facture.xml'],
    [facturXOriginal, undefined],
  ] as const) {
    const result = await depositInvoice({
      ctx: { deps: deps, actor: armor },
      input: { supplierId: p.armor.id, bytes, fileName, channel: 'web' },
    });
    if (result.outcome !== 'accepted') throw new Error(`deposit refused: ${result.message}`);
    started.push(result.workflowId);
    if (bytes === ublOriginal) ublId = result.invoiceId;
    else facturXId = result.invoiceId;
  }
});
afterAll(async () => {
  await Promise.allSettled(started.map((id) => temporal.workflow.getHandle(id).terminate('test over')));
  await temporal.connection.close();
});

describe('getInvoiceDetail', () => {
  it('gives the supplier its invoice with events, validation report, deposit and legal clock', async () => {
    const detail = await getInvoiceDetail(deps, personActing('supplier', p.armor.id), ublId);
    expect(detail).toMatchObject({
      id: ublId,
      status: 'DEPOSEE',
      syntax: 'UBL',
      totalWithoutVat: '800.00',
      totalWithVat: '960.00',
      buyer: { id: p.rennes.id, name: 'Rennes' },
      service: { code: 'FIN' },
      deposit: { fileName: 'ma facture.xml', channel: 'web' },
      paymentClock: { paymentDelayDays: 30, madeAvailableAt: null, legalDueAt: null, paidOn: null, lateInterest: null },
      validationReport: { profile: 'b2g', violations: [] },
    });
    expect(detail.events).toEqual([
      expect.objectContaining({ sequence: 1, fromStatus: null, toStatus: 'DEPOSEE', actorName: 'Test supplier' }),
    ]);
  });

  it('gives it to the recipient’s accountant and to an operator', async () => {
    expect((await getInvoiceDetail(deps, personActing('accountant', p.rennes.id), ublId)).id).toBe(ublId);
    expect((await getInvoiceDetail(deps, personActing('operator', randomUUID()), ublId)).id).toBe(ublId);
  });

  it('answers the same 404 for another supplier, another commune’s accountant, an unknown id and a malformed id', async () => {
    const notFound = {
      code: 'NOT_FOUND',
      status: 404,
      message: 'Facture introuvable : cet élément n’existe pas ou vous n’y avez pas accès.',
    };
    await expect(getInvoiceDetail(deps, personActing('supplier', p.breizh.id), ublId)).rejects.toMatchObject(notFound);
    await expect(getInvoiceDetail(deps, personActing('accountant', p.brest.id), ublId)).rejects.toMatchObject(notFound);
    await expect(getInvoiceDetail(deps, personActing('operator', randomUUID()), randomUUID())).rejects.toMatchObject(
      notFound,
    );
    await expect(getInvoiceDetail(deps, personActing('operator', randomUUID()), 'x')).rejects.toMatchObject(notFound);
    await expect(getInvoiceEvents(deps, personActing('supplier', p.breizh.id), ublId)).rejects.toMatchObject(notFound);
    await expect(getInvoiceOriginal(deps, personActing('accountant', p.brest.id), ublId)).rejects.toMatchObject(
      notFound,
    );
    await expect(getInvoicePdf(deps, personActing('supplier', p.breizh.id), facturXId)).rejects.toMatchObject(notFound);
  });
});

describe('documents', () => {
  it('gives back the original bytes with their media type and file name', async () => {
    const original = await getInvoiceOriginal(deps, personActing('accountant', p.rennes.id), ublId);
    expect(original.mediaType).toBe('application/xml');
    expect(original.fileName).toBe('ma facture.xml');
    expect(Buffer.from(original.bytes).equals(Buffer.from(ublOriginal))).toBe(true);
  });

  it('serves a Factur-X original itself as the PDF', async () => {
    const pdf = await getInvoicePdf(deps, personActing('supplier', p.armor.id), facturXId);
    expect(pdf.source).toBe('original');
    expect(pdf.mediaType).toBe('application/pdf');
    expect(Buffer.from(pdf.bytes).equals(Buffer.from(facturXOriginal))).toBe(true);
  });

  it('renders a PDF of a structured invoice', async () => {
    const pdf = await getInvoicePdf(deps, personActing('supplier', p.armor.id), ublId);
    expect(pdf.source).toBe('rendering');
    expect(pdf.fileName).toBe('ma facture.pdf');
    expect(Buffer.from(pdf.bytes.subarray(0, 5)).toString('latin1')).toBe('%PDF-');
    // A rendering is not a Factur-X: it carries no invoice XML.
    await expect(readInvoice(pdf.bytes)).rejects.toMatchObject({ name: expect.any(String) });
  });
});
