import { describe, expect, it } from 'vitest';
import { readPivotAsPastell } from '../../../test/chorus/pastell-pivot.ts';
import { testInvoice } from '../../../test/helpers/invoices.ts';
import { writePivot, type PivotInvoice } from './write.ts';

const pdf = new TextEncoder().encode('%PDF-1.7\n% facture lisible\n');

function entry(extra: Partial<PivotInvoice> = {}): PivotInvoice {
  const invoice = testInvoice({
    number: 'FAC-2026-042',
    supplierSiret: '73282932000074',
    buyerSiret: '21350238800019',
    serviceCode: 'FIN',
    engagementNumber: 'EJ-7788',
    lineAmounts: ['100.00', '28.43'],
  });
  invoice.contractReference = 'MARCHE-2026-01';
  return {
    invoice,
    supplier: { identifierType: '1', identifier: '73282932000074', name: 'Armor Bureautique', countryCode: 'FR' },
    debtor: { siret: '21350238800019', name: 'Rennes', serviceCode: 'FIN', serviceName: 'Finances' },
    frame: 'A1',
    receivedOn: '2026-03-16',
    sentBy: 'flux',
    attachments: [{ type: '01', name: 'FAC73282932000074FAC-2026-042.pdf', mediaType: 'application/pdf', bytes: pdf }],
    ...extra,
  };
}

const envelope = {
  producedOn: '2026-03-17',
  fluxId: '1042',
  recipient: { id: '21350238800019', label: 'Rennes' },
  at: new Date('2026-03-17T10:00:00Z'),
};

describe('Chorus pivot writer', () => {
  it('writes what Pastell reads: supplier, debtor, invoice data, amounts, engagement and the PDF', () => {
    const xml = writePivot([entry()], envelope);
    expect(xml).toContain('xsi:noNamespaceSchemaLocation="CPPFacturePivot_V1_22.xsd"');
    const read = readPivotAsPastell(xml);
    expect(read.fournisseur).toEqual({
      fournisseur_type_id: '1',
      fournisseur: '73282932000074',
      fournisseur_raison_sociale: 'Armor Bureautique',
      fournisseur_code_pays: 'FR',
      fournisseur_ref_bancaire_type: 'IBAN',
      fournisseur_ref_bancaire_compte: 'FR7630006000011234567890189',
      fournisseur_ref_bancaire_etablissement: '',
      fournisseur_mode_emission: 'flux',
    });
    expect(read.debiteur).toEqual({
      siret: '21350238800019',
      destinataire_nom: 'Rennes',
      service_destinataire_code: 'FIN',
    });
    expect(read.donneesFacture).toEqual({
      no_facture: 'FAC-2026-042',
      facture_type: '380',
      facture_cadre: 'A1',
      date_facture: '2026-03-15',
      facture_date_reception: '2026-03-16',
      facture_mode_paiement_code: '30',
      facture_mode_paiement_libelle: 'VIREMENT',
      facture_devise: 'EUR',
      facture_montant_ht: '128.43',
      montant_ttc: '154.12',
      facture_montant_net: '154.12',
      facture_numero_marche: 'MARCHE-2026-01',
      facture_numero_engagement: 'EJ-7788',
    });
    expect(read.fichierFacturePdf?.name).toBe('FAC73282932000074FAC-2026-042.pdf');
    expect(Buffer.from(read.fichierFacturePdf?.bytes ?? []).equals(Buffer.from(pdf))).toBe(true);
  });

  it('writes the element order of the Chorus fixture, the VAT breakdown and one Ligne per invoice line', () => {
    const xml = writePivot([entry()], envelope);
    const order = [
      '<Id>',
      '<Type>',
      '<Cadre>',
      '<DateEmissionFacture>',
      '<ModePaiement>',
      '<DateReception>',
      '<Devise>',
      '<Montants>',
      '<TVAs>',
      '<Engagement>',
      '<Lignes>',
    ];
    const positions = order.map((tag) => xml.indexOf(tag));
    expect(positions.every((p) => p > 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    expect(xml).toMatch(/<TVA>\s*<Taux>20<\/Taux>\s*<BaseHt>128\.43<\/BaseHt>\s*<MontantTVA>25\.69<\/MontantTVA>/);
    expect(xml.match(/<Ligne NumOrdre=/g)).toHaveLength(2);
    expect(xml.indexOf('<Fournisseur>')).toBeLessThan(xml.indexOf('<Debiteur>'));
    expect(xml.indexOf('<Debiteur>')).toBeLessThan(xml.indexOf('<DonneesFacture>'));
    expect(xml.indexOf('</DonneesFacture>')).toBeLessThan(xml.indexOf('<PJ NumOrdre="1">'));
  });

  it('counts several invoices and numbers their complementary documents', () => {
    const annex = { type: '02' as const, name: 'bon-livraison.pdf', mediaType: 'application/pdf', bytes: pdf };
    const xml = writePivot([entry(), entry({ attachments: [...entry().attachments, annex] })], envelope);
    expect(xml).toContain('<CPPFactures Compteur="2">');
    expect(xml).toContain('<CPPFacturePivotUnitaire NumOrdre="2">');
    expect(xml).toContain('<PJ NumOrdre="2">');
  });
});
