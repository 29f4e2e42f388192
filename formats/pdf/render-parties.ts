// Header and party blocks of the invoice rendering.
import type { Invoice, PostalAddress } from '../model/index.ts';
import { FONT_BOLD, FONT_REGULAR } from './fonts.ts';
import { countryLabel, documentTitle, formatDate, identifierText } from './french.ts';
import { bottom, clean, contentWidth, drawPairs, ensureSpace, left, pairsHeight, type Pair } from './layout.ts';

type Doc = PDFKit.PDFDocument;
const LABEL_WIDTH = 92;

export function drawHeader(doc: Doc, invoice: Invoice): void {
  const x = left(doc);
  const width = contentWidth(doc);
  const top = doc.y;
  doc.font(FONT_BOLD).fontSize(14).fillColor('black');
  doc.text(clean(invoice.seller.tradingName ?? invoice.seller.name ?? ''), x, top, { width: width * 0.55 });
  const leftEnd = doc.y;

  doc
    .font(FONT_BOLD)
    .fontSize(16)
    .text(documentTitle(invoice.typeCode).toUpperCase(), x + width * 0.55, top, {
      width: width * 0.45,
      align: 'right',
    });
  doc.font(FONT_REGULAR).fontSize(9);
  const facts: string[] = [
    `N° ${clean(invoice.number ?? '—')}`,
    `Date d'émission : ${formatDate(invoice.issueDate) || '—'}`,
  ];
  if (invoice.paymentDueDate) facts.push(`Date d'échéance : ${formatDate(invoice.paymentDueDate)}`);
  if (invoice.currencyCode) facts.push(`Devise : ${invoice.currencyCode}`);
  if (invoice.vatAccountingCurrencyCode)
    facts.push(`Devise de comptabilisation de la TVA : ${invoice.vatAccountingCurrencyCode}`);
  if (invoice.typeCode) facts.push(`Type de document : ${invoice.typeCode}`);
  doc.text(facts.join('\n'), x + width * 0.4, doc.y + 2, { width: width * 0.6, align: 'right' });
  doc.y = Math.max(doc.y, leftEnd) + 8;
}

export function addressText(address: PostalAddress | undefined): string | undefined {
  if (!address) return undefined;
  const cityLine = [address.postCode, address.city].filter(Boolean).join(' ');
  const lines = [
    address.line1,
    address.line2,
    address.line3,
    cityLine,
    address.countrySubdivision,
    countryLabel(address.countryCode),
  ];
  const text = lines.filter((l) => l !== undefined && l.trim() !== '').join('\n');
  return text === '' ? undefined : text;
}

function contactText(contact: { point?: string; telephone?: string; email?: string } | undefined): string | undefined {
  if (!contact) return undefined;
  const parts = [contact.point, contact.telephone && `Tél. ${contact.telephone}`, contact.email].filter(Boolean);
  return parts.length > 0 ? parts.join('\n') : undefined;
}

function sellerPairs(invoice: Invoice): Pair[] {
  const s = invoice.seller;
  return [
    ['Raison sociale', s.name],
    ['Nom commercial', s.tradingName],
    ['Adresse', addressText(s.postalAddress)],
    ['Immatriculation', identifierText(s.legalRegistrationId)],
    ['Identifiant', s.identifiers.map(identifierText).join('\n')],
    ['N° TVA', s.vatId],
    ['Identifiant fiscal', s.taxRegistrationId],
    ['Adresse électronique', identifierText(s.electronicAddress)],
    ['Contact', contactText(s.contact)],
    ['Mentions légales', s.additionalLegalInformation],
  ];
}

function buyerPairs(invoice: Invoice): Pair[] {
  const b = invoice.buyer;
  return [
    ['Raison sociale', b.name],
    ['Nom commercial', b.tradingName],
    ['Adresse', addressText(b.postalAddress)],
    ['Immatriculation', identifierText(b.legalRegistrationId)],
    ['Identifiant', identifierText(b.identifier)],
    ['N° TVA', b.vatId],
    ['Adresse électronique', identifierText(b.electronicAddress)],
    ['Contact', contactText(b.contact)],
  ];
}

/** Two blocks side by side, each with its title. */
function drawSideBySide(doc: Doc, blocks: readonly (readonly [title: string, pairs: Pair[]])[]): void {
  const gap = 14;
  const width = (contentWidth(doc) - gap) / 2;
  const height = Math.max(...blocks.map(([, pairs]) => pairsHeight(doc, pairs, width, LABEL_WIDTH))) + 16;
  if (height > bottom(doc) - doc.page.margins.top) {
    // Too tall to stand side by side on one page: one block after the other, full width.
    for (const [title, pairs] of blocks) {
      ensureSpace(doc, 60);
      doc
        .font(FONT_BOLD)
        .fontSize(10)
        .fillColor('black')
        .text(title, left(doc), doc.y, { width: contentWidth(doc) });
      doc.y = drawPairs(doc, pairs, left(doc), doc.y + 3, contentWidth(doc), LABEL_WIDTH) + 6;
    }
    return;
  }
  ensureSpace(doc, height);
  const top = doc.y;
  let end = top;
  blocks.forEach(([title, pairs], i) => {
    const x = left(doc) + i * (width + gap);
    doc.font(FONT_BOLD).fontSize(10).fillColor('black').text(title, x, top, { width });
    doc
      .moveTo(x, top + 13)
      .lineTo(x + width, top + 13)
      .lineWidth(0.5)
      .strokeColor('#bbbbbb')
      .stroke();
    end = Math.max(end, drawPairs(doc, pairs, x, top + 16, width, LABEL_WIDTH));
  });
  doc.x = left(doc);
  doc.y = end + 6;
}

export function drawParties(doc: Doc, invoice: Invoice): void {
  drawSideBySide(doc, [
    ['Vendeur', sellerPairs(invoice)],
    ['Acheteur', buyerPairs(invoice)],
  ]);
  const extra: [string, Pair[]][] = [];
  if (invoice.payee) {
    extra.push([
      'Bénéficiaire du paiement',
      [
        ['Nom', invoice.payee.name],
        ['Identifiant', identifierText(invoice.payee.identifier)],
        ['Immatriculation', identifierText(invoice.payee.legalRegistrationId)],
      ],
    ]);
  }
  if (invoice.taxRepresentative) {
    const t = invoice.taxRepresentative;
    extra.push([
      'Représentant fiscal du vendeur',
      [
        ['Nom', t.name],
        ['N° TVA', t.vatId],
        ['Adresse', addressText(t.postalAddress)],
      ],
    ]);
  }
  if (invoice.delivery) {
    const d = invoice.delivery;
    extra.push([
      'Livraison',
      [
        ['Livré à', d.partyName],
        ['Lieu', identifierText(d.locationId)],
        ['Date de livraison', formatDate(d.actualDeliveryDate)],
        ['Adresse', addressText(d.address)],
      ],
    ]);
  }
  for (let i = 0; i < extra.length; i += 2) drawSideBySide(doc, extra.slice(i, i + 2));
}
