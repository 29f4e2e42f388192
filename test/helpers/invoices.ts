// Builders of test invoices: an EN 16931 model for a given supplier, buyer and references, written as
// UBL 2.1, CII D16B or Factur-X by the hub's own writers.
import {
  dec,
  emptyInvoice,
  emptyLine,
  roundHalfUp,
  toFixed,
  writeCii,
  writeFacturX,
  writeUbl,
  type Invoice,
} from '../../formats/index.ts';
import { randomUUID } from 'node:crypto';
import type { Db } from '../../db/client.ts';
import {
  DEMO_SUPPLIER_ARMOR_BUREAUTIQUE,
  DEMO_SUPPLIER_BREIZH_TRAVAUX,
  findStructureBySiren,
  frenchVatNumber,
  type StructureKind,
} from '../../src/directory/index.ts';
import type { Actor, Role } from '../../src/platform/auth/index.ts';

export interface TestInvoiceOptions {
  /** BT-1 (default: a random number). */
  number?: string;
  /** BT-2 (default 2026-03-15). */
  issueDate?: string;
  /** Seller SIRET (BT-29, scheme 0009); the SIREN (BT-30) and VAT number (BT-31) derive from it. */
  supplierSiret: string;
  supplierName?: string;
  /** Recipient SIRET; where it is written depends on `buyerSiretIn` (BT-47 with scheme 0009 by default). */
  buyerSiret?: string;
  buyerSiretIn?: 'BT-47' | 'BT-46' | 'BT-49' | 'none';
  /** Only a SIREN in BT-47 (scheme 0002), no SIRET anywhere. */
  buyerSirenOnly?: string;
  buyerName?: string;
  /** BT-10 (service code). */
  serviceCode?: string;
  /** BT-13 (engagement number). */
  engagementNumber?: string;
  /** Net amounts of the lines, decimal strings (default one line of 100.00); VAT 20 % standard rate. */
  lineAmounts?: string[];
  /** BT-3 (default 380). */
  typeCode?: string;
}

let counter = 0;

/** A unique invoice number, for tests that do not care which. */
export function uniqueInvoiceNumber(prefix = 'T'): string {
  counter += 1;
  return `${prefix}${Date.now().toString(36).toUpperCase()}-${process.pid}-${counter}`;
}

export function testInvoice(options: TestInvoiceOptions): Invoice {
  const invoice = emptyInvoice();
  const siren = options.supplierSiret.slice(0, 9);
  invoice.number = options.number ?? uniqueInvoiceNumber();
  invoice.issueDate = options.issueDate ?? '2026-03-15';
  invoice.typeCode = options.typeCode ?? '380';
  invoice.currencyCode = 'EUR';
  invoice.paymentDueDate = addDays(invoice.issueDate, 30);
  if (options.serviceCode !== undefined) invoice.buyerReference = options.serviceCode;
  if (options.engagementNumber !== undefined) invoice.purchaseOrderReference = options.engagementNumber;
  invoice.processControl = { businessProcessType: 'B1', specificationIdentifier: 'urn:cen.eu:en16931:2017' };
  invoice.notes = [
    {
      subjectCode: 'PMT',
      note: 'Indemnité forfaitaire pour frais de recouvrement en cas de retard de paiement : 40 €.',
    },
    { subjectCode: 'PMD', note: "Pénalités de retard : taux d'intérêt de la BCE majoré de 8 points." },
    { subjectCode: 'AAB', note: "Pas d'escompte pour paiement anticipé." },
  ];
  invoice.seller = {
    name: options.supplierName ?? 'Fournisseur de test',
    identifiers: [{ value: options.supplierSiret, schemeId: '0009' }],
    legalRegistrationId: { value: siren, schemeId: '0002' },
    vatId: frenchVatNumber(siren),
    electronicAddress: { value: options.supplierSiret, schemeId: '0009' },
    postalAddress: { line1: '1 rue du Port', city: 'Saint-Brieuc', postCode: '22000', countryCode: 'FR' },
  };
  invoice.buyer = {
    name: options.buyerName ?? 'Collectivité destinataire',
    postalAddress: { line1: 'Place de la Mairie', city: 'Rennes', postCode: '35000', countryCode: 'FR' },
    electronicAddress: { value: 'factures@collectivite.example.fr', schemeId: 'EM' },
  };
  const where = options.buyerSiretIn ?? 'BT-47';
  if (options.buyerSirenOnly !== undefined) {
    invoice.buyer.legalRegistrationId = { value: options.buyerSirenOnly, schemeId: '0002' };
  } else if (options.buyerSiret !== undefined && where !== 'none') {
    if (where === 'BT-47') invoice.buyer.legalRegistrationId = { value: options.buyerSiret, schemeId: '0009' };
    if (where === 'BT-46') {
      invoice.buyer.identifier = { value: options.buyerSiret, schemeId: '0009' };
      invoice.buyer.legalRegistrationId = { value: options.buyerSiret.slice(0, 9), schemeId: '0002' };
    }
    if (where === 'BT-49') invoice.buyer.electronicAddress = { value: options.buyerSiret, schemeId: '0009' };
  }

  const amounts = options.lineAmounts ?? ['100.00'];
  amounts.forEach((amount, i) => {
    const line = emptyLine();
    line.id = String(i + 1);
    line.quantity = '1';
    line.unitCode = 'C62';
    line.price = { netPrice: amount };
    line.netAmount = toFixed(dec(amount));
    line.vat = { categoryCode: 'S', rate: '20' };
    line.item = { name: `Prestation ${i + 1}`, classificationIds: [], attributes: [] };
    invoice.lines.push(line);
  });
  const net = amounts.reduce((total, a) => total.plus(dec(a)), dec('0'));
  const vat = roundHalfUp(net.times(dec('0.2')));
  invoice.vatBreakdown = [{ categoryCode: 'S', rate: '20', taxableAmount: toFixed(net), taxAmount: toFixed(vat) }];
  invoice.totals = {
    lineNetAmount: toFixed(net),
    taxExclusiveAmount: toFixed(net),
    taxAmount: toFixed(vat),
    taxInclusiveAmount: toFixed(net.plus(vat)),
    payableAmount: toFixed(net.plus(vat)),
  };
  invoice.paymentInstructions = {
    meansTypeCode: '30',
    remittanceInformation: invoice.number,
    creditTransfers: [{ accountId: 'FR7630006000011234567890189', accountName: 'Fournisseur de test' }],
  };
  return invoice;
}

const encoder = new TextEncoder();

export const ublInvoice = (options: TestInvoiceOptions): string => writeUbl(testInvoice(options));
export const ciiInvoice = (options: TestInvoiceOptions): string => writeCii(testInvoice(options));
export const ublBytes = (options: TestInvoiceOptions): Uint8Array => encoder.encode(ublInvoice(options));
export const ciiBytes = (options: TestInvoiceOptions): Uint8Array => encoder.encode(ciiInvoice(options));
export const facturXBytes = (options: TestInvoiceOptions): Promise<Uint8Array> => writeFacturX(testInvoice(options));

function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

// ---------------------------------------------------------------------------------------------
// Parties of the seeded directory, and actors acting for them.

export interface TestParty {
  id: string;
  siren: string;
  siret: string;
  name: string;
}

/** A structure of the seeded directory, by kind and SIREN, with its main SIRET. */
export async function partyBySiren(db: Db, kind: StructureKind, siren: string): Promise<TestParty> {
  const found = await findStructureBySiren(db, siren, kind);
  const siret = found?.establishments.find((e) => e.main)?.siret;
  if (!found || !siret) throw new Error(`structure ${kind} ${siren} absent from the test directory`);
  return { id: found.id, siren, siret, name: found.name };
}

/** The demo suppliers and a few collectivities whose Chorus flags differ (see the directory's service catalog). */
export async function testParties(db: Db) {
  const [armor, breizh, rennes, quimper, brest, lorient] = await Promise.all([
    partyBySiren(db, 'supplier', DEMO_SUPPLIER_ARMOR_BUREAUTIQUE.siren),
    partyBySiren(db, 'supplier', DEMO_SUPPLIER_BREIZH_TRAVAUX.siren),
    partyBySiren(db, 'commune', '213502388'), // service code required; TECH and SI need an engagement; DPB inactive
    partyBySiren(db, 'commune', '212902324'), // engagement number required
    partyBySiren(db, 'commune', '212900195'), // service code or engagement number
    partyBySiren(db, 'commune', '215601212'), // no rule
  ]);
  return { armor, breizh, rennes, quimper, brest, lorient };
}

export function personActing(role: Role, ...structureIds: string[]): Actor {
  const personId = randomUUID();
  return {
    kind: 'person',
    personId,
    email: `${role}-${personId.slice(0, 8)}@test.hub.bzh`,
    displayName: `Test ${role}`,
    grants: structureIds.map((structureId) => ({ role, structureId })),
  };
}
