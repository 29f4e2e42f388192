// What every client contract test stands up: the hub with its worker (the invoice lifecycle runs), served on a real
// socket, the PISTE token, and Chorus-style invoices (as Chorus Pro users write them for public buyers).
import type { Client } from '@temporalio/client';
import { afterAll, beforeAll } from 'vitest';
import { writeCii, writeFacturX, writeUbl, type Invoice } from '../../../formats/index.ts';
import { createTechnicalAccount } from '../../../src/chorus/index.ts';
import type { DatabaseHandle } from '../../../db/client.ts';
import { testTemporalClient } from '../../helpers/test-deps.ts';
import { testInvoice, testParties, uniqueInvoiceNumber, type TestParty } from '../../helpers/invoices.ts';
import { serveOverHttp, startMirror, type MirrorHarness } from '../mirror-harness.ts';
import { pisteToken, type PisteToken, type TechnicalAccount } from './clients.ts';

export { RENNES_ACCOUNT, SUPPLIER_ACCOUNT, pollUntil } from '../mirror-harness.ts';

export interface ContractHub {
  url: string;
  token: PisteToken;
  hub: MirrorHarness;
  parties: Awaited<ReturnType<typeof testParties>>;
  /** A technical account for the second demo supplier, Breizh Travaux. */
  breizhAccount: TechnicalAccount;
}

/** Registers the hub's start and stop around the calling test file. */
export function useContractHub(t: { readonly handle: DatabaseHandle }): ContractHub {
  const ctx = {} as ContractHub;
  let temporal: Client;
  let close: (() => Promise<void>) | undefined;
  beforeAll(async () => {
    temporal = await testTemporalClient();
    ctx.hub = await startMirror(t.handle, temporal, { worker: true });
    const served = await serveOverHttp(ctx.hub.app);
    ctx.url = served.url;
    close = served.close;
    ctx.token = await pisteToken(ctx.url);
    ctx.parties = await testParties(t.handle.db);
    ctx.breizhAccount = {
      login: `TECH_1_BREIZH_${process.pid}_${Date.now()}@cpro.fr`,
      password: 'Breizh-Travaux-2017',
    };
    await createTechnicalAccount(
      t.handle.db,
      { ...ctx.breizhAccount, structureId: ctx.parties.breizh.id, role: 'supplier', clientIds: ['hub-demo'] },
      new Date(),
    );
  }, 60_000);
  afterAll(async () => {
    await close?.();
    await ctx.hub?.stop();
    await temporal?.connection.close();
  });
  return ctx;
}

export interface ChorusStyleOptions {
  number?: string;
  supplier: TestParty;
  buyer: TestParty;
  serviceCode?: string;
  engagementNumber?: string;
  lineAmounts?: string[];
  contractReference?: string;
}

/**
 * An invoice as Chorus Pro users write it: billing frame A1 in BT-23, the recipient's SIRET in BT-46 and in BT-47
 * (scheme 0009), no PMT/PMD/AAB notes; EN 16931 valid.
 */
export function chorusStyleInvoice(o: ChorusStyleOptions): Invoice {
  const invoice = testInvoice({
    number: o.number ?? uniqueInvoiceNumber('CPP'),
    supplierSiret: o.supplier.siret,
    supplierName: o.supplier.name,
    buyerSiret: o.buyer.siret,
    buyerName: o.buyer.name,
    ...(o.serviceCode !== undefined ? { serviceCode: o.serviceCode } : {}),
    ...(o.engagementNumber !== undefined ? { engagementNumber: o.engagementNumber } : {}),
    ...(o.lineAmounts ? { lineAmounts: o.lineAmounts } : {}),
  });
  invoice.processControl = { businessProcessType: 'A1', specificationIdentifier: 'urn:cen.eu:en16931:2017' };
  invoice.notes = [];
  invoice.buyer.identifier = { value: o.buyer.siret, schemeId: '0009' };
  invoice.buyer.legalRegistrationId = { value: o.buyer.siret, schemeId: '0009' };
  if (o.contractReference) invoice.contractReference = o.contractReference;
  return invoice;
}

export const asUbl = (invoice: Invoice): Uint8Array => new TextEncoder().encode(writeUbl(invoice));
export const asCii = (invoice: Invoice): Uint8Array => new TextEncoder().encode(writeCii(invoice));
export const asFacturX = (invoice: Invoice): Promise<Uint8Array> => writeFacturX(invoice);
export const base64 = (bytes: Uint8Array): string => Buffer.from(bytes).toString('base64');
