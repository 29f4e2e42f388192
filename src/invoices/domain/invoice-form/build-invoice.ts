// From the supplier's form to an EN 16931 invoice (the model formats/ writes as Factur-X): every field checked
// with a French message naming it, then the business terms filled as the French public sector expects them
// (seller SIRET in BT-29 scheme 0009 and SIREN in BT-30, buyer SIRET in BT-47, service code in BT-10, engagement
// number in BT-13, the PMT/PMD/AAB legal notes, BT-23 billing frame). Pure.
import { emptyInvoice, emptyLine, type Invoice } from '../../../../formats/index.ts';
import { adjustmentIsEmpty, EXEMPTIONS, lineIsEmpty, NATURES, UNITS, type InvoiceFormData } from './form-data.ts';
import { bicValid, compactIban, ibanProblem } from './iban.ts';
import { computeTotals, type FieldError, type FormTotals } from './totals.ts';

export interface FormSupplier {
  name: string;
  siren: string | null;
  vatNumber: string | null;
  /** SIRETs of the supplier's active establishments: the form's seller SIRET must be one of them. */
  sirets: string[];
}

export interface FormService {
  code: string;
  label: string;
  active: boolean;
  engagementNumberRequired: boolean;
}

/** The recipient as the directory knows it, found by the SIRET the supplier chose. */
export interface FormBuyer {
  name: string;
  siret: string;
  siren: string | null;
  vatNumber: string | null;
  serviceCodeRequired: boolean;
  engagementNumberRequired: boolean;
  serviceCodeOrEngagementRequired: boolean;
  services: FormService[];
}

export interface FormContext {
  supplier: FormSupplier;
  /** Null when the SIRET typed is not a recipient of the directory. */
  buyer: FormBuyer | null;
  /** Base64 content of each attachment, by SHA-256 (the verb reads them from the store). */
  attachmentContents: ReadonlyMap<string, string>;
}

export type BuildResult =
  { ok: true; invoice: Invoice; totals: FormTotals } | { ok: false; errors: FieldError[]; totals: FormTotals };

const INVOICE_NUMBER = /^[A-Za-z0-9+\-_/]{1,35}$/;
const ISO_DATE = /^(20\d\d)-(\d\d)-(\d\d)$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const compact = (s: string): string => s.replace(/[\s\u00a0.]/g, '');

function isDate(value: string): boolean {
  const m = ISO_DATE.exec(value);
  if (!m) return false;
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.getUTCDate() === Number(m[3]);
}

/** The checks of the fields themselves (the totals' own checks come from computeTotals). */
export function checkForm(form: InvoiceFormData, context: Omit<FormContext, 'attachmentContents'>): FieldError[] {
  const errors: FieldError[] = [];
  const add = (field: string, message: string) => errors.push({ field, message });
  const number = form.number.trim();
  if (number === '') add('number', 'Numéro de facture : indiquez-le (il ne peut servir qu’une fois par an).');
  else if (!INVOICE_NUMBER.test(number))
    add('number', 'Numéro de facture : 35 caractères au plus, lettres, chiffres et + - _ / seulement, sans espace.');
  if (!isDate(form.issueDate)) add('issueDate', 'Date d’émission : indiquez une date valide (jj/mm/aaaa).');
  if (!NATURES.some((n) => n.code === form.nature)) add('nature', 'Nature : choisissez biens, services ou les deux.');

  const s = form.seller;
  if (s.name.trim() === '') add('seller.name', 'Raison sociale : indiquez le nom de votre entreprise.');
  if (!context.supplier.sirets.includes(compact(s.siret)))
    add('seller.siret', 'SIRET de l’établissement : choisissez un établissement de votre entreprise.');
  if (s.line1.trim() === '') add('seller.line1', 'Adresse : indiquez la rue.');
  if (!/^[0-9]{5}$/.test(s.postCode.trim())) add('seller.postCode', 'Code postal : 5 chiffres.');
  if (s.city.trim() === '') add('seller.city', 'Ville : indiquez-la.');
  if (s.email.trim() !== '' && !EMAIL.test(s.email.trim()))
    add('seller.email', 'Adresse électronique : elle doit avoir la forme nom@domaine.fr.');

  const buyer = context.buyer;
  const b = form.buyer;
  if (compact(b.siret) === '') add('buyer.siret', 'Destinataire : choisissez la collectivité dans l’annuaire.');
  else if (!buyer)
    add('buyer.siret', `Destinataire : le SIRET ${compact(b.siret)} n’est pas celui d’une collectivité de l’annuaire.`);
  else {
    const code = b.serviceCode.trim();
    const engagement = b.engagementNumber.trim();
    const active = buyer.services.filter((sv) => sv.active);
    const service = active.find((sv) => sv.code === code);
    if (code !== '' && !service)
      add(
        'buyer.serviceCode',
        `Service : « ${code} » n’est pas un service actif de ${buyer.name} (${active.map((sv) => `${sv.code} – ${sv.label}`).join(', ') || 'aucun service'}).`,
      );
    if (code === '' && buyer.serviceCodeRequired)
      add('buyer.serviceCode', `Service : ${buyer.name} exige le code du service destinataire.`);
    if (engagement === '' && (buyer.engagementNumberRequired || service?.engagementNumberRequired))
      add(
        'buyer.engagementNumber',
        `Numéro d’engagement : ${service?.engagementNumberRequired ? `le service ${service.code}` : buyer.name} l’exige (il figure sur le bon de commande).`,
      );
    if (code === '' && engagement === '' && buyer.serviceCodeOrEngagementRequired)
      add('buyer.serviceCode', `Service ou engagement : ${buyer.name} exige l’un des deux.`);
  }
  if (form.lines.every(lineIsEmpty)) add('line0.description', 'Lignes : indiquez au moins une ligne.');
  form.lines.forEach((l, i) => {
    if (lineIsEmpty(l)) return;
    if (l.description.trim() === '')
      add(`line${i}.description`, `Ligne ${i + 1}, désignation : décrivez le bien ou la prestation.`);
    if (!UNITS.some((u) => u.code === l.unit)) add(`line${i}.unit`, `Ligne ${i + 1}, unité : choisissez-la.`);
  });
  form.adjustments.forEach((a, i) => {
    if (adjustmentIsEmpty(a)) return;
    if (a.reason.trim() === '')
      add(`adj${i}.reason`, `${a.kind === 'charge' ? 'Frais' : 'Remise'} ${i + 1} : indiquez le motif.`);
  });
  const usesE = [
    ...form.lines.filter((l) => !lineIsEmpty(l)),
    ...form.adjustments.filter((a) => !adjustmentIsEmpty(a)),
  ].some((x) => x.vat === 'E:0');
  if (usesE && !EXEMPTIONS.some((e) => e.code === form.exemptionCode))
    add('exemptionCode', 'Motif d’exonération : choisissez-le (lignes exonérées de TVA).');

  const p = form.payment;
  if (p.dueDate.trim() !== '' && !isDate(p.dueDate))
    add('payment.dueDate', 'Date d’échéance : indiquez une date valide.');
  else if (p.dueDate.trim() !== '' && isDate(form.issueDate) && p.dueDate < form.issueDate)
    add('payment.dueDate', 'Date d’échéance : elle ne peut précéder la date d’émission.');
  if (p.dueDate.trim() === '' && p.terms.trim() === '')
    add('payment.terms', 'Conditions de paiement : indiquez une date d’échéance ou des conditions.');
  if (p.iban.trim() === '') add('payment.iban', 'IBAN : indiquez le compte à créditer.');
  else {
    const problem = ibanProblem(p.iban);
    if (problem) add('payment.iban', `IBAN : ${problem}`);
  }
  if (p.bic.trim() !== '' && !bicValid(p.bic)) add('payment.bic', 'BIC : 8 ou 11 caractères (ex. BNPAFRPPXXX).');
  const n = form.notes;
  if (n.latePenalties.trim() === '') add('notes.latePenalties', 'Pénalités de retard : cette mention est obligatoire.');
  if (n.recoveryIndemnity.trim() === '')
    add('notes.recoveryIndemnity', 'Indemnité forfaitaire de recouvrement : cette mention est obligatoire.');
  if (n.earlyDiscount.trim() === '') add('notes.earlyDiscount', 'Escompte : cette mention est obligatoire.');
  return errors;
}

/** Checks the form and, when every field is usable, builds the invoice. */
export function buildInvoice(form: InvoiceFormData, context: FormContext): BuildResult {
  const { totals, errors: amountErrors } = computeTotals(form);
  const errors = [...checkForm(form, context), ...amountErrors];
  const missing = form.attachments.filter((a) => !context.attachmentContents.has(a.sha256));
  for (const a of missing)
    errors.push({ field: 'attachments', message: `Pièce jointe « ${a.name} » introuvable : joignez-la de nouveau.` });
  if (errors.length > 0 || !context.buyer) return { ok: false, errors, totals };
  const buyer = context.buyer;
  const supplier = context.supplier;

  const invoice = emptyInvoice();
  invoice.number = form.number.trim();
  invoice.issueDate = form.issueDate;
  invoice.typeCode = '380';
  invoice.currencyCode = 'EUR';
  if (form.payment.dueDate.trim() !== '') invoice.paymentDueDate = form.payment.dueDate;
  if (form.payment.terms.trim() !== '') invoice.paymentTerms = form.payment.terms.trim();
  if (form.buyer.serviceCode.trim() !== '') invoice.buyerReference = form.buyer.serviceCode.trim();
  if (form.buyer.engagementNumber.trim() !== '') invoice.purchaseOrderReference = form.buyer.engagementNumber.trim();
  if (form.buyer.contractReference.trim() !== '') invoice.contractReference = form.buyer.contractReference.trim();
  invoice.processControl = { businessProcessType: form.nature, specificationIdentifier: 'urn:cen.eu:en16931:2017' };
  invoice.notes = [
    { subjectCode: 'PMT', note: form.notes.recoveryIndemnity.trim() },
    { subjectCode: 'PMD', note: form.notes.latePenalties.trim() },
    { subjectCode: 'AAB', note: form.notes.earlyDiscount.trim() },
    ...(form.notes.free.trim() !== '' ? [{ note: form.notes.free.trim() }] : []),
  ];

  const siret = compact(form.seller.siret);
  const siren = supplier.siren ?? siret.slice(0, 9);
  const sellerVat = compact(form.seller.vatId).toUpperCase() || supplier.vatNumber;
  invoice.seller = {
    name: form.seller.name.trim(),
    identifiers: [{ value: siret, schemeId: '0009' }],
    legalRegistrationId: { value: siren, schemeId: '0002' },
    ...(sellerVat ? { vatId: sellerVat } : {}),
    electronicAddress: { value: siret, schemeId: '0009' },
    postalAddress: {
      line1: form.seller.line1.trim(),
      ...(form.seller.line2.trim() ? { line2: form.seller.line2.trim() } : {}),
      city: form.seller.city.trim(),
      postCode: form.seller.postCode.trim(),
      countryCode: 'FR',
    },
  };
  const contact = {
    ...(form.seller.phone.trim() ? { telephone: form.seller.phone.trim() } : {}),
    ...(form.seller.email.trim() ? { email: form.seller.email.trim() } : {}),
  };
  if (Object.keys(contact).length > 0) invoice.seller.contact = { point: form.seller.name.trim(), ...contact };
  invoice.buyer = {
    name: buyer.name,
    legalRegistrationId: { value: buyer.siret, schemeId: '0009' },
    ...(buyer.vatNumber ? { vatId: buyer.vatNumber } : {}),
    electronicAddress: { value: buyer.siret, schemeId: '0009' },
    postalAddress: { countryCode: 'FR' },
  };

  totals.lines.forEach((t, i) => {
    const source = form.lines[t.index]!;
    const line = emptyLine();
    line.id = String(i + 1);
    line.quantity = t.quantity;
    line.unitCode = source.unit;
    line.netAmount = t.net;
    line.price = { netPrice: t.unitPrice };
    if (t.discountAmount !== null)
      line.allowances = [
        {
          amount: t.discountAmount,
          baseAmount: t.gross,
          percentage: t.discountPercent!,
          reason: 'Remise',
          reasonCode: '95',
        },
      ];
    line.vat = { categoryCode: t.category, rate: t.rate };
    const [name, ...rest] = source.description.trim().split('\n');
    line.item = {
      name: name!.trim().slice(0, 200),
      ...(rest.join('\n').trim() ? { description: rest.join('\n').trim() } : {}),
      classificationIds: [],
      attributes: [],
    };
    invoice.lines.push(line);
  });
  totals.adjustments.forEach((t) => {
    const source = form.adjustments[t.index]!;
    const common = { amount: t.amount, vatCategoryCode: t.category, vatRate: t.rate, reason: source.reason.trim() };
    if (t.kind === 'charge') invoice.charges.push(common);
    else invoice.allowances.push(common);
  });
  const exemption = EXEMPTIONS.find((e) => e.code === form.exemptionCode);
  invoice.vatBreakdown = totals.vat.map((g) => ({
    categoryCode: g.category,
    rate: g.rate,
    taxableAmount: g.taxable,
    taxAmount: g.tax,
    ...(g.category === 'E' && exemption
      ? { exemptionReasonCode: exemption.code, exemptionReason: exemption.label }
      : {}),
    ...(g.category === 'AE' ? { exemptionReasonCode: 'VATEX-EU-AE', exemptionReason: 'Autoliquidation' } : {}),
  }));
  invoice.totals = {
    lineNetAmount: totals.lineNet,
    ...(totals.adjustments.some((a) => a.kind === 'allowance') ? { allowanceTotalAmount: totals.allowances } : {}),
    ...(totals.adjustments.some((a) => a.kind === 'charge') ? { chargeTotalAmount: totals.charges } : {}),
    taxExclusiveAmount: totals.withoutVat,
    taxAmount: totals.vatTotal,
    taxInclusiveAmount: totals.withVat,
    ...(form.paidAmount.trim() !== '' ? { paidAmount: totals.paid } : {}),
    payableAmount: totals.due,
  };
  invoice.paymentInstructions = {
    meansTypeCode: '30',
    remittanceInformation: invoice.number,
    creditTransfers: [
      {
        accountId: compactIban(form.payment.iban),
        ...(form.payment.accountName.trim() ? { accountName: form.payment.accountName.trim() } : {}),
        ...(form.payment.bic.trim() ? { serviceProviderId: compact(form.payment.bic).toUpperCase() } : {}),
      },
    ],
  };
  invoice.additionalDocuments = form.attachments.map((a) => ({
    reference: a.name.slice(0, 100),
    attachment: { content: context.attachmentContents.get(a.sha256)!, mimeCode: a.mediaType, filename: a.name },
  }));
  return { ok: true, invoice, totals };
}
