// The invoice form over HTTP, without JavaScript: a supplier finds the buyer in the directory, types lines, has the
// totals recomputed, fixes what is refused, saves a draft, sends the invoice (a valid Factur-X deposited on the
// 'form' channel), starts the next one from it; the accountant downloads the document attached to it.
import { and, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { deposits, invoiceDrafts, invoices } from '../../db/schema/invoices.ts';
import { readInvoice, validate } from '../../formats/index.ts';
import { createApp } from '../../src/app.ts';
import { databaseBlobStore } from '../../src/platform/blob-store.ts';
import { portalRoutes } from '../../src/portal/routes.ts';
import { partyBySiren, type TestParty } from '../helpers/invoices.ts';
import { testDeps } from '../helpers/test-deps.ts';
import { useTestDatabase } from '../helpers/use-database.ts';
import { PageClient } from './page-client.ts';

const t = useTestDatabase();
let app: ReturnType<typeof createApp>;
let supplier: PageClient;
let rennes: TestParty;

const decode = (html: string): string =>
  html
    .replace(/&#39;/g, '’')
    .replace(/&amp;/g, '&')
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>');

/** The form's fields as the page renders them (inputs, selects' selected option, textareas). */
function fieldsOf(html: string): Record<string, string> {
  const out: Record<string, string> = {};
  const form = html.slice(html.indexOf('data-invoice-form'));
  for (const m of form.matchAll(/<input([^>]*)>/g)) {
    const name = /name="([^"]+)"/.exec(m[1]!)?.[1];
    const type = /type="([^"]+)"/.exec(m[1]!)?.[1];
    if (!name || type === 'file' || type === 'checkbox') continue;
    out[name] = decode(/value="([^"]*)"/.exec(m[1]!)?.[1] ?? '');
  }
  for (const m of form.matchAll(/<select[^>]*name="([^"]+)"[^>]*>([\s\S]*?)<\/select>/g)) {
    const selected = /<option value="([^"]*)" selected/.exec(m[2]!) ?? /<option value="([^"]*)"/.exec(m[2]!);
    out[m[1]!] = decode(selected?.[1] ?? '');
  }
  for (const m of form.matchAll(/<textarea[^>]*name="([^"]+)"[^>]*>([\s\S]*?)<\/textarea>/g))
    out[m[1]!] = decode(m[2]!);
  return out;
}

async function post(
  fields: Record<string, string>,
  files: File[] = [],
): Promise<{ status: number; html: string; res: Response }> {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) if (k !== '_csrf') form.append(k, v);
  for (const f of files) form.append('files', f);
  const res = await supplier.postMultipart('/factures/saisir', form);
  const html = await res.text();
  return { status: res.status, html, res };
}

beforeAll(async () => {
  app = createApp(testDeps(t.handle));
  app.route('/', portalRoutes);
  rennes = await partyBySiren(t.handle.db, 'commune', '213502388');
  await partyBySiren(t.handle.db, 'supplier', '812345676');
  supplier = await PageClient.logIn(app, 'fournisseur.armor@demo.hub.bzh', 'Demo-Armor-2026');
});

describe('the invoice form, without JavaScript', () => {
  let fields: Record<string, string>;
  let invoiceId: string;
  const number = `SAISIE-${Date.now().toString(36).toUpperCase()}`;

  it('opens prefilled with the supplier’s name, SIRET and VAT number, and today’s date', async () => {
    const { status, html } = await supplier.get('/factures/saisir');
    expect(status).toBe(200);
    fields = fieldsOf(html);
    expect(fields['seller.name']).toBe('Armor Bureautique SARL');
    expect(fields['seller.siret']).toBe('81234567600017');
    expect(fields['seller.vatId']).toMatch(/^FR\d{2}812345676$/);
    expect(fields['issueDate']).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(fields['notes.latePenalties']).toContain('Pénalités de retard');
    expect(html).toContain('<script src="/static/invoice-form.js" defer');
  });

  it('finds the buyer in the directory and offers only its active services and the references it requires', async () => {
    const found = await post({ ...fields, buyerQuery: 'Rennes', action: 'search-buyer' });
    expect(found.status).toBe(200);
    expect(found.html).toContain(`value="choose-buyer:${rennes.siret}"`);
    const chosen = await post({ ...fieldsOf(found.html), action: `choose-buyer:${rennes.siret}` });
    expect(chosen.html).toContain(`SIRET ${rennes.siret}`);
    expect(chosen.html).toContain('Cette collectivité exige le code du service destinataire.');
    const services = [...chosen.html.matchAll(/<option value="([A-Z]+)"[^>]*>([^<]+)</g)].map((m) => m[1]);
    expect(services).toEqual(expect.arrayContaining(['FIN', 'TECH']));
    expect(services).not.toContain('DPB'); // inactive
    expect(decode(chosen.html)).toContain('TECH – Services techniques (n° d’engagement exigé)');
    fields = fieldsOf(chosen.html);
    expect(fields['buyer.siret']).toBe(rennes.siret);
  });

  it('recomputes the totals on "Recalculer" and adds lines on demand', async () => {
    const added = await post({ ...fields, action: 'add-line' });
    fields = {
      ...fieldsOf(added.html),
      number,
      'buyer.serviceCode': 'FIN',
      'line0.description': 'Réparation de la porte du gymnase',
      'line0.quantity': '3',
      'line0.unit': 'HUR',
      'line0.unitPrice': '45,50',
      'line1.description': 'Serrure 3 points',
      'line1.unitPrice': '189,90',
      'line1.vat': 'S:10',
      'seller.line1': '4 rue des Artisans',
      'seller.postCode': '22000',
      'seller.city': 'Saint-Brieuc',
      'payment.iban': 'FR76 3000 6000 0112 3456 7890 189',
    };
    const { html } = await post({ ...fields, action: 'recalculate' });
    // 3 × 45.50 = 136.50 (VAT 27.30) + 189.90 (VAT 18.99) = 326.40 + 46.29 = 372.69.
    expect(html).toMatch(/data-total="withoutVat">326,40\u00a0€/);
    expect(html).toMatch(/data-total="vatTotal">46,29\u00a0€/);
    expect(html).toMatch(/data-total="withVat"><strong>372,69\u00a0€/);
    expect(html).toContain('TVA 10 %</td><td class="num">189,90\u00a0€</td><td class="num">18,99\u00a0€');
    fields = fieldsOf(html);
  });

  it('refuses to send with every problem listed, linked to its field, and the typed values kept', async () => {
    const { status, html } = await post({
      ...fields,
      'payment.iban': 'FR76 3000 6000 0112 3456 7890 188',
      action: 'send',
    });
    expect(status).toBe(422);
    expect(html).toContain('La facture n’est pas envoyée : 1 point à corriger');
    expect(html).toContain('<a href="#f-payment-iban">IBAN : la clé de contrôle ne correspond pas');
    expect(html).toMatch(/id="f-payment-iban"[^>]*aria-invalid="true" aria-describedby="f-payment-iban-erreur"/);
    expect(fieldsOf(html)['line0.description']).toBe('Réparation de la porte du gymnase');
  });

  it('saves a draft and resumes it', async () => {
    const saved = await post({ ...fields, action: 'save' });
    expect(saved.status).toBe(303);
    const location = saved.res.headers.get('location')!;
    expect(location).toMatch(/^\/factures\/saisir\?brouillon=[0-9a-f-]{36}&enregistre$/);
    const resumed = await supplier.get(location);
    expect(resumed.html).toContain('Brouillon enregistré.');
    expect(fieldsOf(resumed.html)['line1.unitPrice']).toBe('189,90');
    const list = await supplier.get('/factures/brouillons');
    expect(list.html).toContain(number);
    expect(list.html).toContain('372,69\u00a0€');
    fields = fieldsOf(resumed.html);
    // Another supplier cannot open it.
    const other = await PageClient.logIn(app, 'fournisseur.breizh@demo.hub.bzh', 'Demo-Breizh-2026');
    expect((await other.get(location)).status).toBe(404);
  });

  it('sends a valid Factur-X with its attachment, deposited on the form channel; the draft is gone', async () => {
    const pdf = new File([Buffer.from('%PDF-1.4\n% devis signé\n%%EOF\n')], 'devis-signé.pdf', {
      type: 'application/pdf',
    });
    const withFile = await post({ ...fields, action: 'recalculate' }, [pdf]);
    expect(withFile.html).toContain('devis-signé.pdf');
    const refusedType = await post({ ...fieldsOf(withFile.html), action: 'recalculate' }, [
      new File(['<html></html>'], 'page.html', { type: 'text/html' }),
    ]);
    expect(refusedType.status).toBe(415);
    expect(decode(refusedType.html)).toContain('« page.html » n’est pas d’un type qu’une facture peut contenir');

    const sent = await post({ ...fieldsOf(withFile.html), action: 'send' });
    expect(sent.status).toBe(201);
    expect(sent.html).toContain(`La facture ${number} est enregistrée et transmise à`);
    invoiceId = /href="\/factures\/([0-9a-f-]{36})"/.exec(sent.html)![1]!;
    const [row] = await t.handle.db.select().from(invoices).where(eq(invoices.id, invoiceId));
    expect(row).toMatchObject({ syntax: 'FACTURX', serviceCode: 'FIN', totalWithVat: '372.69', buyerId: rennes.id });
    const [deposit] = await t.handle.db.select().from(deposits).where(eq(deposits.invoiceId, invoiceId));
    expect(deposit?.channel).toBe('form');
    const original = await databaseBlobStore(t.handle.db).get(row!.originalSha256);
    const read = await readInvoice(original!.bytes);
    expect(validate(read, { profile: 'fr' }).filter((v) => v.severity === 'fatal')).toEqual([]);
    expect(read.invoice.additionalDocuments[0]?.attachment?.filename).toBe('devis-signé.pdf');
    const drafts = await t.handle.db
      .select()
      .from(invoiceDrafts)
      .where(and(eq(invoiceDrafts.id, fields['draftId']!)));
    expect(drafts).toEqual([]);
  });

  it('lets the accountant open the attached document, and nobody else', async () => {
    const accountant = await PageClient.logIn(app, 'comptable.rennes@demo.hub.bzh', 'Demo-Comptable-Rennes-2026');
    const { html } = await accountant.get(`/factures/${invoiceId}`);
    const link =
      /<a href="(\/factures\/[0-9a-f-]+\/pieces-jointes\/([0-9a-f]{64}))" download="devis-signé.pdf">devis-signé.pdf<\/a>/.exec(
        decode(html),
      );
    expect(link).not.toBeNull();
    expect(decode(html)).toMatch(/PDF, \d+ octets/);
    expect(html).toContain(`<iframe src="${link![1]}?apercu"`);
    const download = await app.request(link![1]!, { headers: { cookie: accountant.jar.header() } });
    expect(download.status).toBe(200);
    expect(download.headers.get('content-disposition')).toMatch(/^attachment; filename="devis-sign_.pdf"/);
    expect(Buffer.from(await download.arrayBuffer()).toString()).toContain('devis signé');
    const preview = await app.request(`${link![1]}?apercu`, { headers: { cookie: accountant.jar.header() } });
    expect(preview.headers.get('content-disposition')).toMatch(/^inline/);
    expect(preview.headers.get('content-type')).toBe('application/pdf');
    // Another supplier: the same 404 as for an invoice that does not exist.
    const other = await PageClient.logIn(app, 'fournisseur.breizh@demo.hub.bzh', 'Demo-Breizh-2026');
    expect((await other.get(link![1]!)).status).toBe(404);
    // A stored document that no event of this invoice references (its own original) opens nothing.
    const [row] = await t.handle.db.select().from(invoices).where(eq(invoices.id, invoiceId));
    expect((await accountant.get(`/factures/${invoiceId}/pieces-jointes/${row!.originalSha256}`)).status).toBe(404);
  });

  it('starts the next invoice from the one sent: same buyer and lines, no number', async () => {
    await supplier.get(`/factures/${invoiceId}`);
    const copied = await supplier.post(`/factures/${invoiceId}/modele`, {});
    expect(copied.status).toBe(303);
    const { html } = await supplier.get(copied.headers.get('location')!);
    const next = fieldsOf(html);
    expect(next['number']).toBe('');
    expect(next['buyer.siret']).toBe(rennes.siret);
    expect(next['buyer.serviceCode']).toBe('FIN');
    expect(next['line0.description']).toBe('Réparation de la porte du gymnase');
    expect(next['line1.unitPrice']).toBe('189,90');
    expect(next['seller.line1']).toBe('4 rue des Artisans');
    expect(next['payment.iban']).toBe('FR7630006000011234567890189');
  });
});
