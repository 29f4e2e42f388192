// The invoice built from a form is a valid Factur-X for the hub's own validator (EN 16931 and the French rules),
// whatever mix of VAT categories, discounts, allowances and charges it carries; a bad form names its fields.
import { describe, expect, it } from 'vitest';
import { readInvoice, validate, writeFacturX } from '../../../../formats/index.ts';
import { buildInvoice, type FormContext } from './build-invoice.ts';
import { emptyForm, emptyLineInput, type InvoiceFormData } from './form-data.ts';

const SUPPLIER_SIRET = '81234567600017';
const BUYER_SIRET = '21350238800019';

const context = (over: Partial<FormContext> = {}): FormContext => ({
  supplier: { name: 'Armor Bureautique', siren: '812345676', vatNumber: 'FR32812345676', sirets: [SUPPLIER_SIRET] },
  buyer: {
    name: 'Ville de Rennes',
    siret: BUYER_SIRET,
    siren: '213502388',
    vatNumber: null,
    serviceCodeRequired: true,
    engagementNumberRequired: false,
    serviceCodeOrEngagementRequired: false,
    services: [
      { code: 'FIN', label: 'Direction des finances', active: true, engagementNumberRequired: false },
      { code: 'TECH', label: 'Services techniques', active: true, engagementNumberRequired: true },
      { code: 'DPB', label: 'Ancien service', active: false, engagementNumberRequired: false },
    ],
  },
  attachmentContents: new Map(),
  ...over,
});

function filledForm(over: Partial<InvoiceFormData> = {}): InvoiceFormData {
  const form = emptyForm();
  return {
    ...form,
    number: 'F2026-0042',
    issueDate: '2026-03-02',
    nature: 'S1',
    seller: {
      ...form.seller,
      name: 'Armor Bureautique',
      siret: '812 345 676 00017',
      line1: '4 rue des Artisans',
      postCode: '22000',
      city: 'Saint-Brieuc',
      email: 'contact@armor.example.fr',
    },
    buyer: { siret: BUYER_SIRET, serviceCode: 'FIN', engagementNumber: '', contractReference: '' },
    lines: [
      {
        ...emptyLineInput(),
        description: 'Réparation de la porte du gymnase',
        quantity: '3',
        unit: 'HUR',
        unitPrice: '45,50',
      },
      {
        ...emptyLineInput(),
        description: 'Serrure 3 points\nMarque Vachette',
        quantity: '1',
        unitPrice: '189.90',
        vat: 'S:10',
      },
    ],
    payment: { ...form.payment, iban: 'FR76 3000 6000 0112 3456 7890 189', bic: 'AGRIFRPP' },
    ...over,
  };
}

async function validated(form: InvoiceFormData, ctx = context()) {
  const built = buildInvoice(form, ctx);
  if (!built.ok) throw new Error(JSON.stringify(built.errors));
  const pdf = await writeFacturX(built.invoice);
  const read = await readInvoice(pdf);
  return { built, read, violations: validate(read, { profile: 'fr' }) };
}

describe('buildInvoice', () => {
  it('produces a Factur-X the validator accepts, with the terms routing needs', async () => {
    const { built, read, violations } = await validated(filledForm());
    expect(violations.filter((v) => v.severity === 'fatal')).toEqual([]);
    expect(read.syntax).toBe('FACTURX');
    expect(read.pdf?.xmpConformance).toBe('EN 16931');
    const inv = read.invoice;
    expect(inv.buyerReference).toBe('FIN');
    expect(inv.buyer.legalRegistrationId).toEqual({ value: BUYER_SIRET, schemeId: '0009' });
    expect(inv.seller.identifiers[0]).toEqual({ value: SUPPLIER_SIRET, schemeId: '0009' });
    expect(inv.seller.vatId).toBe('FR32812345676');
    // 3 × 45.50 = 136.50 at 20 %, 189.90 at 10 %.
    expect(inv.totals).toMatchObject({
      lineNetAmount: '326.40',
      taxExclusiveAmount: '326.40',
      taxAmount: '46.29', // 27.30 + 18.99
      taxInclusiveAmount: '372.69',
      payableAmount: '372.69',
    });
    expect(inv.lines[1]!.item).toMatchObject({ name: 'Serrure 3 points', description: 'Marque Vachette' });
    expect(inv.paymentInstructions?.creditTransfers[0]?.accountId).toBe('FR7630006000011234567890189');
    expect(built.ok && built.totals.withVat).toBe('372.69');
  });

  it('stays valid with discounts, allowances, charges, a deposit, exempt and reverse-charge lines', async () => {
    const base = filledForm();
    const { read, violations } = await validated(
      filledForm({
        lines: [
          { ...base.lines[0]!, discountPercent: '15' },
          { ...emptyLineInput(), description: 'Formation sécurité', unitPrice: '300', vat: 'E:0' },
          {
            ...emptyLineInput(),
            description: 'Travaux de sous-traitance',
            quantity: '2',
            unitPrice: '1000',
            vat: 'AE:0',
          },
          { ...emptyLineInput(), description: 'Fournitures', quantity: '12', unitPrice: '0.335', vat: 'S:5.5' },
        ],
        adjustments: [
          { kind: 'allowance', reason: 'Remise commerciale', amount: '10', vat: 'S:20' },
          { kind: 'charge', reason: 'Frais de déplacement', amount: '25', vat: 'S:20' },
        ],
        paidAmount: '100',
        exemptionCode: 'VATEX-FR-CGI261-4',
      }),
    );
    expect(violations.filter((v) => v.severity === 'fatal')).toEqual([]);
    const inv = read.invoice;
    expect(inv.lines[0]!.allowances[0]).toMatchObject({ amount: '20.48', baseAmount: '136.50', percentage: '15' });
    expect(inv.vatBreakdown.map((b) => [b.categoryCode, b.rate, b.taxableAmount, b.taxAmount])).toEqual([
      ['S', '20', '131.02', '26.20'], // 116.02 − 10 + 25
      ['S', '5.5', '4.02', '0.22'],
      ['E', '0', '300.00', '0.00'],
      ['AE', '0', '2000.00', '0.00'],
    ]);
    expect(inv.totals).toMatchObject({
      allowanceTotalAmount: '10.00',
      chargeTotalAmount: '25.00',
      taxExclusiveAmount: '2435.04',
      taxInclusiveAmount: '2461.46',
      paidAmount: '100.00',
      payableAmount: '2361.46',
    });
  });

  it('embeds the attachments as supporting documents (BG-24)', async () => {
    const sha = 'a'.repeat(64);
    const { read, violations } = await validated(
      filledForm({ attachments: [{ sha256: sha, name: 'devis-signe.pdf', mediaType: 'application/pdf', size: 9 }] }),
      context({ attachmentContents: new Map([[sha, Buffer.from('%PDF-1.4 devis').toString('base64')]]) }),
    );
    expect(violations.filter((v) => v.severity === 'fatal')).toEqual([]);
    expect(read.invoice.additionalDocuments[0]).toMatchObject({
      reference: 'devis-signe.pdf',
      attachment: { mimeCode: 'application/pdf', filename: 'devis-signe.pdf' },
    });
  });

  it('refuses a form with the field and the reason of each problem', () => {
    const built = buildInvoice(
      filledForm({
        number: 'F 2026/1',
        issueDate: '2026-02-30',
        seller: { ...filledForm().seller, siret: '79876543400013', postCode: '220' },
        buyer: { siret: BUYER_SIRET, serviceCode: 'TECH', engagementNumber: '', contractReference: '' },
        payment: { ...filledForm().payment, iban: 'FR76 3000 6000 0112 3456 7890 188' },
      }),
      context(),
    );
    expect(built.ok).toBe(false);
    if (built.ok) return;
    expect(Object.fromEntries(built.errors.map((e) => [e.field, e.message]))).toEqual({
      number: 'Numéro de facture : 35 caractères au plus, lettres, chiffres et + - _ / seulement, sans espace.',
      issueDate: 'Date d’émission : indiquez une date valide (jj/mm/aaaa).',
      'seller.siret': 'SIRET de l’établissement : choisissez un établissement de votre entreprise.',
      'seller.postCode': 'Code postal : 5 chiffres.',
      'buyer.engagementNumber': 'Numéro d’engagement : le service TECH l’exige (il figure sur le bon de commande).',
      'payment.iban': 'IBAN : la clé de contrôle ne correspond pas : vérifiez l’IBAN sur votre RIB.',
    });
  });

  it('lists the buyer’s active services when the service code is unknown or missing', () => {
    const unknown = buildInvoice(
      filledForm({ buyer: { siret: BUYER_SIRET, serviceCode: 'DPB', engagementNumber: '', contractReference: '' } }),
      context(),
    );
    expect(!unknown.ok && unknown.errors).toEqual([
      {
        field: 'buyer.serviceCode',
        message:
          'Service : « DPB » n’est pas un service actif de Ville de Rennes (FIN – Direction des finances, TECH – Services techniques).',
      },
    ]);
    const missing = buildInvoice(
      filledForm({ buyer: { siret: BUYER_SIRET, serviceCode: '', engagementNumber: '', contractReference: '' } }),
      context(),
    );
    expect(!missing.ok && missing.errors.map((e) => e.message)).toEqual([
      'Service : Ville de Rennes exige le code du service destinataire.',
    ]);
  });
});
