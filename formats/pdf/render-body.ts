// References, lines, allowances and charges, VAT, totals, payment and notes of the invoice rendering.
import type { Invoice, InvoiceLine } from '../model/index.ts';
import {
  formatAmount,
  formatDate,
  formatDecimal,
  formatPercent,
  identifierText,
  noteSubjectLabel,
  paymentMeansLabel,
  unitLabel,
  vatCategoryLabel,
} from './french.ts';
import { FONT_REGULAR } from './fonts.ts';
import {
  contentWidth,
  drawPairs,
  drawTable,
  ensureSpace,
  left,
  pairsHeight,
  sectionTitle,
  TEXT_SIZE,
  type Pair,
} from './layout.ts';

type Doc = PDFKit.PDFDocument;

function period(start: string | undefined, end: string | undefined): string | undefined {
  if (!start && !end) return undefined;
  if (start && end) return `du ${formatDate(start)} au ${formatDate(end)}`;
  return start ? `à partir du ${formatDate(start)}` : `jusqu'au ${formatDate(end)}`;
}

export function drawReferences(doc: Doc, invoice: Invoice): void {
  const pairs: Pair[] = [
    ['Code service (référence acheteur)', invoice.buyerReference],
    ["N° d'engagement / bon de commande", invoice.purchaseOrderReference],
    ['Contrat', invoice.contractReference],
    ['Projet', invoice.projectReference],
    ['Commande client', invoice.salesOrderReference],
    ['Avis de réception', invoice.receivingAdviceReference],
    ["Avis d'expédition", invoice.despatchAdviceReference],
    ['Appel d’offres ou lot', invoice.tenderOrLotReference],
    ['Objet facturé', identifierText(invoice.invoicedObjectId)],
    ['Référence comptable acheteur', invoice.buyerAccountingReference],
    ['Période de facturation', period(invoice.invoicingPeriod?.startDate, invoice.invoicingPeriod?.endDate)],
    ['Date du fait générateur de TVA', formatDate(invoice.vatPointDate)],
    [
      'Factures antérieures',
      invoice.precedingInvoices
        .map((p) => [p.reference, p.issueDate && `du ${formatDate(p.issueDate)}`].filter(Boolean).join(' '))
        .join('\n'),
    ],
    ['Cadre de facturation', invoice.processControl.businessProcessType],
    ['Spécification', invoice.processControl.specificationIdentifier],
  ];
  if (!pairs.some(([, v]) => v !== undefined && v.trim() !== '')) return;
  sectionTitle(doc, 'Références');
  doc.y = drawPairs(doc, pairs, left(doc), doc.y, contentWidth(doc), 170) + 2;
}

function allowanceText(
  kind: string,
  a: { amount?: string; percentage?: string; reason?: string; reasonCode?: string },
  currency?: string,
): string {
  const why = a.reason ?? (a.reasonCode ? `code ${a.reasonCode}` : undefined);
  const rate = a.percentage ? ` (${formatPercent(a.percentage)})` : '';
  return `${kind}${why ? ` – ${why}` : ''}${rate} : ${formatAmount(a.amount, currency)}`;
}

function lineDescription(line: InvoiceLine, currency: string | undefined): string {
  const parts: string[] = [line.item.name ?? ''];
  if (line.item.description) parts.push(line.item.description);
  const refs = [
    line.item.sellerId && `Réf. vendeur : ${line.item.sellerId}`,
    line.item.buyerId && `Réf. acheteur : ${line.item.buyerId}`,
    line.item.standardId && `Réf. : ${identifierText(line.item.standardId)}`,
  ].filter(Boolean);
  if (refs.length > 0) parts.push(refs.join(' · '));
  const linePeriod = period(line.period?.startDate, line.period?.endDate);
  if (linePeriod) parts.push(`Période : ${linePeriod}`);
  if (line.orderLineReference) parts.push(`Ligne de commande : ${line.orderLineReference}`);
  for (const a of line.allowances) parts.push(allowanceText('Remise', a, currency));
  for (const c of line.charges) parts.push(allowanceText('Frais', c, currency));
  for (const attr of line.item.attributes) parts.push(`${attr.name ?? ''} : ${attr.value ?? ''}`);
  if (line.note) parts.push(line.note);
  return parts.filter((p) => p.trim() !== '').join('\n');
}

function unitPrice(line: InvoiceLine): string {
  const price = formatDecimal(line.price.netPrice, 2);
  const base = line.price.baseQuantity;
  if (!base || /^1(\.0*)?$/.test(base.trim())) return price;
  return `${price} / ${formatDecimal(base)} ${unitLabel(line.price.baseQuantityUnitCode ?? line.unitCode)}`;
}

function lineVat(line: InvoiceLine): string {
  const code = line.vat.categoryCode ?? '';
  if (
    code === 'S' ||
    (line.vat.rate && code !== 'E' && code !== 'AE' && code !== 'K' && code !== 'G' && code !== 'O')
  ) {
    return formatPercent(line.vat.rate ?? '');
  }
  return code;
}

function* lineRows(invoice: Invoice): Generator<string[]> {
  for (const line of invoice.lines) {
    yield [
      line.id ?? '',
      lineDescription(line, invoice.currencyCode),
      formatDecimal(line.quantity),
      unitLabel(line.unitCode),
      unitPrice(line),
      lineVat(line),
      formatDecimal(line.netAmount, 2),
    ];
  }
}

export function drawLines(doc: Doc, invoice: Invoice): void {
  if (invoice.lines.length === 0) return;
  sectionTitle(doc, `Lignes de facture (${invoice.lines.length})`);
  drawTable(
    doc,
    [
      { header: 'N°', weight: 0.6 },
      { header: 'Désignation', weight: 4.4 },
      { header: 'Qté', weight: 0.9, align: 'right' },
      { header: 'Unité', weight: 0.8 },
      { header: 'PU HT', weight: 1.3, align: 'right' },
      { header: 'TVA', weight: 0.8, align: 'right' },
      { header: `Montant HT${invoice.currencyCode ? ` (${invoice.currencyCode})` : ''}`, weight: 1.4, align: 'right' },
    ],
    lineRows(invoice),
  );
}

export function drawAllowancesCharges(doc: Doc, invoice: Invoice): void {
  if (invoice.allowances.length + invoice.charges.length === 0) return;
  sectionTitle(doc, 'Remises et frais sur le total');
  const rows = [
    ...invoice.allowances.map((a) => ['Remise', a, '-'] as const),
    ...invoice.charges.map((c) => ['Frais', c, ''] as const),
  ].map(([kind, a, sign]) => [
    kind,
    [a.reason, a.reasonCode && `(code ${a.reasonCode})`].filter(Boolean).join(' '),
    formatDecimal(a.baseAmount, 2),
    formatPercent(a.percentage),
    [a.vatCategoryCode, a.vatRate && formatPercent(a.vatRate)].filter(Boolean).join(' '),
    sign === '-' ? negated(formatDecimal(a.amount, 2)) : formatDecimal(a.amount, 2),
  ]);
  drawTable(
    doc,
    [
      { header: 'Nature', weight: 0.9 },
      { header: 'Motif', weight: 3.4 },
      { header: 'Base', weight: 1.2, align: 'right' },
      { header: 'Taux', weight: 0.8, align: 'right' },
      { header: 'TVA', weight: 0.9 },
      { header: 'Montant HT', weight: 1.3, align: 'right' },
    ],
    rows,
  );
}

/** An allowance shown as a deduction: "-10,00"; zero and empty stay as they are. */
function negated(amount: string): string {
  if (amount === '' || /^[0,\s\u00a0]*$/.test(amount)) return amount;
  return amount.startsWith('-') ? amount.slice(1) : `-${amount}`;
}

export function drawVatBreakdown(doc: Doc, invoice: Invoice): void {
  if (invoice.vatBreakdown.length === 0) return;
  sectionTitle(doc, 'Récapitulatif de la TVA');
  drawTable(
    doc,
    [
      { header: 'Catégorie', weight: 2.2 },
      { header: 'Taux', weight: 0.8, align: 'right' },
      { header: 'Base HT', weight: 1.3, align: 'right' },
      { header: 'Montant TVA', weight: 1.3, align: 'right' },
      { header: "Motif d'exonération", weight: 2.6 },
    ],
    invoice.vatBreakdown.map((v) => [
      vatCategoryLabel(v.categoryCode),
      formatPercent(v.rate),
      formatDecimal(v.taxableAmount, 2),
      formatDecimal(v.taxAmount, 2),
      [v.exemptionReason, v.exemptionReasonCode && `(${v.exemptionReasonCode})`].filter(Boolean).join(' '),
    ]),
  );
}

export function drawTotals(doc: Doc, invoice: Invoice): void {
  const t = invoice.totals;
  const cur = invoice.currencyCode;
  const pairs: Pair[] = [
    ['Total HT des lignes', formatAmount(t.lineNetAmount, cur)],
    ['Remises (à déduire)', formatAmount(t.allowanceTotalAmount, cur)],
    ['Frais (à ajouter)', formatAmount(t.chargeTotalAmount, cur)],
    ['Total HT', formatAmount(t.taxExclusiveAmount, cur)],
    ['Total TVA', formatAmount(t.taxAmount, cur)],
    [
      `Total TVA (${invoice.vatAccountingCurrencyCode ?? 'devise de comptabilisation'})`,
      formatAmount(t.taxAmountInAccountingCurrency, invoice.vatAccountingCurrencyCode),
    ],
    ['Total TTC', formatAmount(t.taxInclusiveAmount, cur)],
    ['Déjà payé', formatAmount(t.paidAmount, cur)],
    ['Arrondi', formatAmount(t.roundingAmount, cur)],
    ['Net à payer', formatAmount(t.payableAmount, cur)],
  ];
  const width = contentWidth(doc) * 0.5;
  const x = left(doc) + contentWidth(doc) - width;
  sectionTitle(doc, 'Totaux');
  ensureSpace(doc, pairsHeight(doc, pairs, width, 150) + 4);
  doc.y = drawPairs(doc, pairs, x, doc.y, width, 150) + 2;
  doc.x = left(doc);
}

export function drawPayment(doc: Doc, invoice: Invoice): void {
  const p = invoice.paymentInstructions;
  const pairs: Pair[] = [
    ['Échéance', formatDate(invoice.paymentDueDate)],
    ['Conditions de paiement', invoice.paymentTerms],
  ];
  if (p) {
    pairs.push(['Moyen de paiement', [paymentMeansLabel(p.meansTypeCode), p.meansText].filter(Boolean).join(' – ')]);
    pairs.push(['Référence du paiement', p.remittanceInformation]);
    for (const ct of p.creditTransfers) {
      pairs.push(['IBAN / compte', formatAccount(ct.accountId)]);
      pairs.push(['Titulaire du compte', ct.accountName]);
      pairs.push(['BIC', ct.serviceProviderId]);
    }
    if (p.paymentCard)
      pairs.push(['Carte', [p.paymentCard.primaryAccountNumber, p.paymentCard.holderName].filter(Boolean).join(' – ')]);
    if (p.directDebit) {
      pairs.push(['Mandat de prélèvement', p.directDebit.mandateReference]);
      pairs.push(['ICS du créancier', p.directDebit.creditorId]);
      pairs.push(['Compte débité', formatAccount(p.directDebit.debitedAccountId)]);
    }
  }
  if (!pairs.some(([, v]) => v !== undefined && v.trim() !== '')) return;
  sectionTitle(doc, 'Paiement');
  doc.y = drawPairs(doc, pairs, left(doc), doc.y, contentWidth(doc), 150) + 2;
}

/** IBANs are shown in groups of four characters. */
function formatAccount(account: string | undefined): string | undefined {
  if (!account) return account;
  const compact = account.replace(/\s+/g, '');
  return /^[A-Z]{2}\d{2}[A-Z0-9]{8,30}$/.test(compact) ? compact.replace(/(.{4})(?=.)/g, '$1 ') : account;
}

export function drawNotes(doc: Doc, invoice: Invoice): void {
  const notes = invoice.notes.filter((n) => n.note !== undefined && n.note.trim() !== '');
  if (notes.length === 0) return;
  sectionTitle(doc, 'Notes');
  const pairs: Pair[] = notes.map((n) => [noteSubjectLabel(n.subjectCode) ?? 'Note', n.note]);
  doc.y = drawPairs(doc, pairs, left(doc), doc.y, contentWidth(doc), 150) + 2;
}

export function drawSupportingDocuments(doc: Doc, invoice: Invoice): void {
  if (invoice.additionalDocuments.length === 0) return;
  sectionTitle(doc, 'Pièces justificatives');
  drawTable(
    doc,
    [
      { header: 'Référence', weight: 1.5 },
      { header: 'Description', weight: 3 },
      { header: 'Fichier ou adresse', weight: 2.5 },
    ],
    invoice.additionalDocuments.map((d) => [
      d.reference ?? '',
      d.description ?? '',
      d.attachment?.filename ?? d.externalLocation ?? '',
    ]),
  );
  doc.font(FONT_REGULAR).fontSize(TEXT_SIZE);
}
