import { describe, expect, it } from 'vitest';
import { ubl } from '../../testing/builders.ts';
import { check, fatalIds } from '../../testing/run.ts';
import { isValidSiren, isValidSiret, luhnValid } from './identifiers.ts';
import { isFrenchDate } from './index.ts';

/** A French B2G invoice that satisfies the French rules. */
const HEADER = `<cbc:Note>#PMT#Indemnité forfaitaire pour frais de recouvrement : 40 €.</cbc:Note>
<cbc:Note>#PMD#Pénalités de retard : trois fois le taux d'intérêt légal.</cbc:Note>
<cbc:Note>#AAB#Pas d'escompte pour paiement anticipé.</cbc:Note>`;
const PROFILE = '<cbc:ProfileID>B1</cbc:ProfileID>';
const SELLER = `<cac:AccountingSupplierParty><cac:Party>
<cbc:EndpointID schemeID="0009">73282932000074</cbc:EndpointID>
<cac:PostalAddress><cbc:CityName>Lyon</cbc:CityName><cac:Country><cbc:IdentificationCode>FR</cbc:IdentificationCode></cac:Country></cac:PostalAddress>
<cac:PartyTaxScheme><cbc:CompanyID>FR44732829320</cbc:CompanyID><cac:TaxScheme><cbc:ID>VAT</cbc:ID></cac:TaxScheme></cac:PartyTaxScheme>
<cac:PartyLegalEntity><cbc:RegistrationName>Fournisseur SA</cbc:RegistrationName><cbc:CompanyID schemeID="0002">732829320</cbc:CompanyID></cac:PartyLegalEntity>
</cac:Party></cac:AccountingSupplierParty>`;

function frInvoice(
  o: { seller?: string; typeCode?: string; notes?: string; profile?: string; buyerId?: string } = {},
): string {
  const buyerId = o.buyerId ?? '<cbc:CompanyID schemeID="0009">21690123100011</cbc:CompanyID>';
  const buyer = `<cac:AccountingCustomerParty><cac:Party>
<cbc:EndpointID schemeID="0009">21690123100011</cbc:EndpointID>
<cac:PostalAddress><cbc:CityName>Lyon</cbc:CityName><cac:Country><cbc:IdentificationCode>FR</cbc:IdentificationCode></cac:Country></cac:PostalAddress>
<cac:PartyLegalEntity><cbc:RegistrationName>Commune de Test</cbc:RegistrationName>${buyerId}</cac:PartyLegalEntity>
</cac:Party></cac:AccountingCustomerParty>`;
  const typeCode = o.typeCode ?? '380';
  const xml = ubl({ seller: o.seller ?? SELLER, buyer, typeCode });
  return xml
    .replace('<cbc:ID>F-2026-001</cbc:ID>', `${o.profile ?? PROFILE}<cbc:ID>F-2026-001</cbc:ID>`)
    .replace(`${typeCode}</cbc:InvoiceTypeCode>`, `${typeCode}</cbc:InvoiceTypeCode>${o.notes ?? HEADER}`);
}

const frIds = (xml: string): string[] =>
  fatalIds(xml, 'fr').filter((r) => r.startsWith('BR-FR') || r.startsWith('CHORUS'));

describe('French identifiers', () => {
  it('Luhn key of SIREN and SIRET', () => {
    expect(luhnValid('732829320')).toBe(true);
    expect(isValidSiren('732829320')).toBe(true);
    expect(isValidSiren('732829321')).toBe(false);
    expect(isValidSiret('73282932000074')).toBe(true);
    expect(isValidSiret('73282932000075')).toBe(false);
    expect(isValidSiret('7328293200007')).toBe(false);
  });

  it('La Poste establishments: digit sum divisible by 5', () => {
    expect(isValidSiret('35600000000001')).toBe(true);
    expect(isValidSiret('35600000000002')).toBe(false);
  });

  it('dates from 2000 to 2099 only, valid calendar dates', () => {
    expect(isFrenchDate('2026-02-28')).toBe(true);
    expect(isFrenchDate('2024-02-29')).toBe(true);
    expect(isFrenchDate('2026-02-29')).toBe(false);
    expect(isFrenchDate('1999-12-31')).toBe(false);
    expect(isFrenchDate('2026-13-01')).toBe(false);
  });
});

describe('French profile (BR-FR-*, CHORUS-*)', () => {
  it('accepts a compliant French invoice, and the en16931 profile ignores the French rules', () => {
    expect(fatalIds(frInvoice(), 'fr')).toEqual([]);
    expect(fatalIds(ubl())).toEqual([]);
    expect(check(frInvoice({ typeCode: '751', notes: '' })).filter((v) => v.rule.startsWith('BR-FR'))).toEqual([]);
    expect(frIds(ubl()).length).toBeGreaterThan(0);
  });

  it('BR-FR-04: type codes outside the French list', () => {
    expect(frIds(frInvoice({ typeCode: '751' }))).toContain('BR-FR-04');
  });

  it('BR-FR-05 / BR-FR-06: legal notes present once', () => {
    expect(frIds(frInvoice({ notes: '' }))).toContain('BR-FR-05');
    expect(frIds(frInvoice({ notes: `${HEADER}<cbc:Note>#PMT#Encore</cbc:Note>` }))).toContain('BR-FR-06');
  });

  it('BR-FR-08: billing frame', () => {
    expect(frIds(frInvoice({ profile: '' }))).toContain('BR-FR-08');
    expect(frIds(frInvoice({ profile: '<cbc:ProfileID>A1</cbc:ProfileID>' }))).toContain('BR-FR-08');
  });

  it('BR-FR-10 / BR-FR-32: seller SIREN', () => {
    const seller = SELLER.replace(
      '<cbc:CompanyID schemeID="0002">732829320</cbc:CompanyID>',
      '<cbc:CompanyID schemeID="0002">73282932000074</cbc:CompanyID>',
    );
    const ids = frIds(frInvoice({ seller }));
    expect(ids).toContain('BR-FR-10');
    expect(ids).toContain('BR-FR-32');
    expect(ids).not.toContain('CHORUS-01');
  });

  it('BR-FR-16: VAT rates', () => {
    const xml = frInvoice()
      .replaceAll('<cbc:Percent>20</cbc:Percent>', '<cbc:Percent>21</cbc:Percent>')
      .replace('>20.00<', '>21.00<');
    expect(frIds(xml)).toContain('BR-FR-16');
  });

  it('CHORUS-01: SIREN / SIRET keys', () => {
    const seller = SELLER.replace(
      '<cbc:CompanyID schemeID="0002">732829320</cbc:CompanyID>',
      '<cbc:CompanyID schemeID="0002">732829321</cbc:CompanyID>',
    );
    const v = check(frInvoice({ seller }), 'fr').find((x) => x.rule === 'CHORUS-01');
    expect(v?.bt).toBe('BT-30');
    expect(v?.message).toMatch(/BT-30/);
    expect(v?.path).toMatch(/PartyLegalEntity\/cbc:CompanyID$/);
  });

  it('CHORUS-02: the public buyer is identified by its SIRET', () => {
    expect(frIds(frInvoice({ buyerId: '' }))).not.toContain('CHORUS-02'); // the electronic address carries it
    const noSiret = frInvoice({ buyerId: '' }).replace(
      '<cbc:EndpointID schemeID="0009">21690123100011',
      '<cbc:EndpointID schemeID="EM">achats@commune.fr',
    );
    expect(frIds(noSiret)).toContain('CHORUS-02');
  });
});

describe('B2G profile (what Chorus Pro applies to public buyers)', () => {
  const severities = (xml: string, rule: string, profile: 'b2g' | 'fr') =>
    check(xml, profile)
      .filter((v) => v.rule === rule)
      .map((v) => v.severity);
  const buyerSiretTwice = '<cbc:CompanyID schemeID="0009">21690123100011</cbc:CompanyID>';
  const chorusStyle = frInvoice({
    notes: '',
    profile: '<cbc:ProfileID>A1</cbc:ProfileID>',
    buyerId: buyerSiretTwice,
  }).replace(
    '<cac:PostalAddress><cbc:CityName>Lyon</cbc:CityName><cac:Country><cbc:IdentificationCode>FR</cbc:IdentificationCode></cac:Country></cac:PostalAddress>\n<cac:PartyLegalEntity><cbc:RegistrationName>Commune de Test',
    '<cac:PartyIdentification><cbc:ID schemeID="0009">21690123100011</cbc:ID></cac:PartyIdentification>\n<cac:PostalAddress><cbc:CityName>Lyon</cbc:CityName><cac:Country><cbc:IdentificationCode>FR</cbc:IdentificationCode></cac:Country></cac:PostalAddress>\n<cac:PartyLegalEntity><cbc:RegistrationName>Commune de Test',
  );

  it('accepts a Chorus-style invoice: A1, SIRET in BT-46 and BT-47, no PMT/PMD/AAB notes', () => {
    expect(chorusStyle).toContain('<cbc:ID schemeID="0009">21690123100011</cbc:ID>');
    expect(fatalIds(chorusStyle, 'b2g')).toEqual([]);
    // The reform's missing notes are still reported, as a warning.
    expect(severities(chorusStyle, 'BR-FR-05', 'b2g')).toEqual(['warning', 'warning', 'warning']);
    // A1 is Chorus's frame: no BR-FR-08 at all under b2g, fatal under the strict profile.
    expect(severities(chorusStyle, 'BR-FR-08', 'b2g')).toEqual([]);
    expect(frIds(chorusStyle)).toEqual(expect.arrayContaining(['BR-FR-05', 'BR-FR-08']));
    // The SIRET in BT-46 starts with the SIREN of the SIRET in BT-47: BR-FR-09 holds in both profiles.
    expect(severities(chorusStyle, 'BR-FR-09', 'fr')).toEqual([]);
  });

  it('accepts the Chorus frames by their API names and the Peppol business process; other values are warnings', () => {
    for (const frame of ['A1_FACTURE_FOURNISSEUR', 'A9', 'A25', 'urn:fdc:peppol.eu:2017:poacc:billing:01:1.0']) {
      const xml = frInvoice({ profile: `<cbc:ProfileID>${frame}</cbc:ProfileID>` });
      expect(severities(xml, 'BR-FR-08', 'b2g'), frame).toEqual([]);
      expect(severities(xml, 'BR-FR-08', 'fr'), frame).toEqual(['fatal']);
    }
    expect(severities(frInvoice({ profile: '<cbc:ProfileID>A26</cbc:ProfileID>' }), 'BR-FR-08', 'b2g')).toEqual([
      'warning',
    ]);
  });

  it('keeps EN 16931 and the Chorus conventions fatal', () => {
    const seller = SELLER.replace(
      '<cbc:CompanyID schemeID="0002">732829320</cbc:CompanyID>',
      '<cbc:CompanyID schemeID="0002">732829321</cbc:CompanyID>',
    );
    expect(fatalIds(frInvoice({ seller }), 'b2g')).toContain('CHORUS-01');
    const noSiret = frInvoice({ buyerId: '' }).replace(
      '<cbc:EndpointID schemeID="0009">21690123100011',
      '<cbc:EndpointID schemeID="EM">achats@commune.fr',
    );
    expect(fatalIds(noSiret, 'b2g')).toContain('CHORUS-02');
    const badCurrency = frInvoice().replace(
      '<cbc:DocumentCurrencyCode>EUR</cbc:DocumentCurrencyCode>',
      '<cbc:DocumentCurrencyCode>EUX</cbc:DocumentCurrencyCode>',
    );
    expect(fatalIds(badCurrency, 'b2g')).toContain('BR-CL-04');
  });
});
