// `hub demo pes --out FILE [--url URL]`: writes the demo PES Aller of Rennes, one mandate bordereau paying an invoice
// the demo supplier (`hub-demo`, Armor Bureautique) deposited to Rennes on that hub. The invoice is found through
// the hub's API, or deposited first. Depositing FILE (page, POST /api/accounting/flows, or the S²LOW import) links
// the mandate to that invoice and embeds its original.
import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { demoPesAllerSpec, pesAllerText } from '../accounting/index.ts';
import { demoInvoiceUbl, RENNES } from './demo-pes-invoice.ts';
import type { Io } from './io.ts';

const SUPPLIER = { id: 'hub-demo', secret: 'hub-demo-secret' };

class DemoFailure extends Error {}

interface InvoiceSummary {
  id: string;
  number: string;
  typeCode: string;
  status: string;
  buyer: { siret: string };
}
interface InvoiceDetail extends InvoiceSummary {
  supplier: { name: string };
  supplierIdentifier: string | null;
  totalWithoutVat: string;
  totalVat: string;
}

const option = (args: string[], name: string): string | undefined => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};

/** The Paris day, YYYY-MM-DD. */
const parisToday = (): string =>
  new Intl.DateTimeFormat('sv-SE', {
    timeZone: 'Europe/Paris',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(new Date());

export async function run(args: string[], io: Io): Promise<number> {
  const out = option(args, '--out');
  if (!out) {
    io.stderr('Usage : hub demo pes --out FICHIER [--url URL]\n');
    return 2;
  }
  const base = (option(args, '--url') ?? 'http://127.0.0.1:3000').replace(/\/$/, '');
  try {
    const token = await supplierToken(base);
    const invoice = await rennesInvoice(base, token, io);
    const supplierIdentifier = invoice.supplierIdentifier ?? '';
    if (!/^(\d{9}|\d{14})$/.test(supplierIdentifier))
      throw new DemoFailure(`la facture ${invoice.number} ne porte ni SIRET ni SIREN du vendeur`);
    const today = parisToday();
    const spec = demoPesAllerSpec({
      invoice: {
        number: invoice.number,
        supplierIdentifier,
        supplierName: invoice.supplier.name,
        totalWithoutVat: invoice.totalWithoutVat,
        totalVat: invoice.totalVat,
      },
      buyerSiret: RENNES.siret,
      today,
      nomFic: `DEMO-RENNES-${today.replaceAll('-', '')}-${Date.now().toString(36).toUpperCase()}`,
    });
    const path = resolve(out);
    await writeFile(path, Buffer.from(pesAllerText(spec), 'latin1'));
    io.stdout(
      `PES Aller de démonstration écrit dans ${path} (NomFic ${spec.nomFic}) : un bordereau de mandats, ` +
        `mandat 1 payant la facture ${invoice.number} (${invoice.totalWithoutVat} € HT) de ${invoice.supplier.name}.\n`,
    );
    io.stdout(`Déposez-le : curl -F file=@${path} -H 'Authorization: Bearer …' ${base}/api/accounting/flows\n`);
    return 0;
  } catch (error) {
    io.stderr(`Démonstration interrompue : ${(error as Error).message}\n`);
    return 1;
  }
}

async function supplierToken(base: string): Promise<string> {
  const res = await fetch(`${base}/api/oauth/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'client_credentials',
      client_id: SUPPLIER.id,
      client_secret: SUPPLIER.secret,
    }),
  });
  if (!res.ok)
    throw new DemoFailure(`jeton refusé pour ${SUPPLIER.id} (${res.status}) : lancez « hub seed » sur ce hub`);
  return `Bearer ${((await res.json()) as { access_token: string }).access_token}`;
}

async function call<T>(base: string, token: string, path: string, init: RequestInit = {}, ok = [200]): Promise<T> {
  const res = await fetch(`${base}${path}`, { ...init, headers: { authorization: token, ...init.headers } });
  const text = await res.text();
  if (!ok.includes(res.status)) throw new DemoFailure(`${init.method ?? 'GET'} ${path} → ${res.status} ${text}`);
  return JSON.parse(text) as T;
}

/** The newest invoice of the demo supplier to Rennes, or one deposited now. */
async function rennesInvoice(base: string, token: string, io: Io): Promise<InvoiceDetail> {
  const page = await call<{ items: InvoiceSummary[] }>(base, token, '/api/invoices?pageSize=100');
  const found = page.items.find((i) => i.buyer.siret === RENNES.siret && i.typeCode === '380');
  let id = found?.id;
  if (id) {
    io.stdout(`Facture trouvée : ${found?.number} (${found?.status}).\n`);
  } else {
    const number = `DEMO-PES-${Date.now().toString(36).toUpperCase()}`;
    const deposited = await call<{ invoiceId: string; number: string }>(
      base,
      token,
      '/api/invoices?fileName=facture-demo.xml',
      { method: 'POST', headers: { 'content-type': 'application/xml' }, body: demoInvoiceUbl(number, parisToday()) },
      [201],
    );
    id = deposited.invoiceId;
    io.stdout(`Aucune facture du fournisseur de démonstration pour Rennes : facture ${deposited.number} déposée.\n`);
  }
  return call<InvoiceDetail>(base, token, `/api/invoices/${id}`);
}
