// `hub demo tender [--url URL] [--out DIR]`: one test consultation (OE-06) run end to end against a running hub,
// through its public API only, with durations in seconds: publication, a document, a question and its answer, two
// bids (the second ends 1 s after the deadline: kept, late), opening, award, standstill, notification with a contract
// signed on the fly by a demonstration certificate, and the DECP export. For each bid it writes the acknowledgement (the exact bytes time-stamped), the RFC 3161 token and the
// authority's chain, so that `openssl ts -verify -data ACK -in TOKEN.tsr -CAfile CHAIN.pem` succeeds.
import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { contractPdf, createDemoSigner, signPdf } from '../tenders/index.ts';
import type { Io } from './io.ts';

const BUYER = { id: 'hub-demo-rennes', secret: 'hub-demo-rennes-secret' };
const COMPANY = { id: 'hub-demo', secret: 'hub-demo-secret' };
const DAY_MS = 1_000;

class DemoFailure extends Error {}

export async function run(args: string[], io: Io): Promise<number> {
  const url = option(args, '--url') ?? 'http://127.0.0.1:3000';
  try {
    const demo = new Demo(url.replace(/\/$/, ''), io);
    await demo.run(option(args, '--out'));
    return 0;
  } catch (error) {
    io.stderr(`Démonstration interrompue : ${(error as Error).message}\n`);
    return 1;
  }
}

const option = (args: string[], name: string): string | undefined => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const sleep = (ms: number) => new Promise((r) => setTimeout(r, Math.max(0, ms)));

class Demo {
  constructor(
    private readonly base: string,
    private readonly io: Io,
  ) {}

  private say(line: string) {
    this.io.stdout(`${line}\n`);
  }

  private async token(client: { id: string; secret: string }): Promise<string> {
    const res = await fetch(`${this.base}/api/oauth/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'client_credentials',
        client_id: client.id,
        client_secret: client.secret,
      }),
    });
    if (!res.ok)
      throw new DemoFailure(`jeton refusé pour ${client.id} (${res.status}) : lancez « hub seed » sur ce hub`);
    return `Bearer ${((await res.json()) as { access_token: string }).access_token}`;
  }

  private async call<T>(
    token: string | undefined,
    method: string,
    path: string,
    body?: unknown,
    expect = [200, 201],
  ): Promise<T> {
    const res = await fetch(`${this.base}${path}`, {
      method,
      headers: {
        ...(token ? { authorization: token } : {}),
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await res.text();
    if (!expect.includes(res.status)) throw new DemoFailure(`${method} ${path} → ${res.status} ${text}`);
    return (text ? JSON.parse(text) : undefined) as T;
  }

  private async bytes(token: string, path: string): Promise<Buffer> {
    const res = await fetch(`${this.base}${path}`, { headers: { authorization: token } });
    if (!res.ok) throw new DemoFailure(`GET ${path} → ${res.status}`);
    return Buffer.from(await res.arrayBuffer());
  }

  /** A multipart body streamed by hand, whose last part may wait until `endAt` before closing the form. */
  private async upload(token: string, path: string, field: string, fileName: string, parts: string[], endAt?: number) {
    const boundary = `----demo${Date.now()}`;
    const encoder = new TextEncoder();
    const body = new ReadableStream<Uint8Array>({
      async start(controller) {
        controller.enqueue(
          encoder.encode(
            `--${boundary}\r\nContent-Disposition: form-data; name="${field}"; filename="${fileName}"\r\nContent-Type: application/pdf\r\n\r\n`,
          ),
        );
        for (const [i, part] of parts.entries()) {
          if (i === parts.length - 1 && endAt) await sleep(endAt - Date.now());
          controller.enqueue(encoder.encode(part));
        }
        controller.enqueue(encoder.encode(`\r\n--${boundary}--\r\n`));
        controller.close();
      },
    });
    const res = await fetch(`${this.base}${path}`, {
      method: 'POST',
      headers: { authorization: token, 'content-type': `multipart/form-data; boundary=${boundary}` },
      body,
      duplex: 'half',
    } as RequestInit);
    const text = await res.text();
    if (res.status !== 201) throw new DemoFailure(`POST ${path} → ${res.status} ${text}`);
    return JSON.parse(text) as { depositId: string; late: boolean; receivedAt: string; uploadStartedAt: string };
  }

  async run(outDir: string | undefined): Promise<void> {
    const buyer = await this.token(BUYER);
    const company = await this.token(COMPANY);
    const deadline = new Date(Math.ceil((Date.now() + 20_000) / 1000) * 1000);
    const { id } = await this.call<{ id: string }>(buyer, 'POST', '/api/tenders/consultations', {
      reference: `DEMO-${Date.now().toString(36).toUpperCase()}`.slice(0, 16),
      title: 'Consultation de test : fournitures de bureau',
      object: 'Fourniture de papier et de consommables pour les services de la ville (consultation de test)',
      procedure: 'Procédure adaptée',
      nature: 'supplies',
      cpv: '30192000',
      placeCode: '35238',
      lots: [
        {
          title: 'Papier et consommables',
          cpv: '30192000',
          estimatedAmount: '30000.00',
          deadline: deadline.toISOString(),
        },
      ],
      isTest: true,
      dayMs: DAY_MS,
    });
    this.say(`Consultation ${id} (test, 1 « jour » = ${DAY_MS / 1000} s), date limite ${deadline.toISOString()}`);
    await this.upload(buyer, `/api/tenders/consultations/${id}/documents`, 'fichier', 'reglement.pdf', [
      'Règlement de la consultation de test',
    ]);
    await this.call(buyer, 'POST', `/api/tenders/consultations/${id}/publish`);
    this.say('Publiée ; document téléchargeable sans compte.');
    const { questionId } = await this.call<{ questionId: string }>(
      company,
      'POST',
      `/api/tenders/consultations/${id}/questions`,
      {
        question: 'Le papier recyclé est-il accepté ?',
      },
    );
    await this.call(buyer, 'POST', `/api/tenders/consultations/${id}/questions/${questionId}/answer`, {
      answer: 'Oui, s’il porte un écolabel.',
    });
    this.say('Question posée, réponse publiée à tous (anonyme).');

    const deposits = `/api/tenders/consultations/${id}/lots/1/deposits`;
    const inTime = await this.upload(company, deposits, 'offre', 'offre.pdf', [
      'Offre Armor Bureautique : 27 400 € HT',
    ]);
    this.say(`Pli 1 reçu à ${inTime.receivedAt} (à temps : ${!inTime.late})`);
    this.say('Pli 2 : envoi commencé avant la date limite, terminé 1 s après…');
    const late = await this.upload(
      company,
      deposits,
      'offre',
      'offre-corrigee.pdf',
      ['Offre corrigée, ', 'fin'],
      deadline.getTime() + 1_000,
    );
    this.say(
      `Pli 2 : début ${late.uploadStartedAt}, fin ${late.receivedAt} → ${late.late ? 'HORS DÉLAI, conservé' : 'à temps ?!'}`,
    );
    if (!late.late) throw new DemoFailure('le pli terminé après la date limite aurait dû être hors délai');

    for (;;) {
      const c = await this.call<{ status: string }>(buyer, 'GET', `/api/tenders/consultations/${id}`);
      if (c.status === 'closed') break;
      await sleep(300);
    }
    const opening = await this.call<{ deposits: { depositId: string; status: string; integrity: string | null }[] }>(
      buyer,
      'POST',
      `/api/tenders/consultations/${id}/opening`,
    );
    this.say(
      `Ouverture : ${opening.deposits.map((d) => `${d.depositId.slice(0, 8)} ${d.status}${d.integrity ? ` (${d.integrity})` : ''}`).join(', ')}`,
    );
    const award = await this.call<{ standstillEndsAt: string }>(
      buyer,
      'POST',
      `/api/tenders/consultations/${id}/lots/1/award`,
      {
        depositId: inTime.depositId,
        amount: '27400.00',
        reasons: 'Seule offre reçue dans le délai, conforme au cahier des charges.',
      },
    );
    this.say(`Attribué ; signature possible à partir de ${award.standstillEndsAt}`);
    await sleep(new Date(award.standstillEndsAt).getTime() - Date.now() + 500);
    // The contract is signed with a certificate made here: a demonstration certificate, not a qualified one.
    const signer = await createDemoSigner('Agent signataire de démonstration (Rennes)');
    const contract = await signPdf(
      await contractPdf([
        'Acte d’engagement (consultation de test)',
        `Consultation ${id} - lot 1`,
        'Montant : 27 400,00 EUR HT',
      ]),
      signer,
      'Signature du marché (démonstration)',
    );
    this.say('Marché signé avec un certificat de démonstration créé pour l’occasion (non qualifié, AC non reconnue).');
    const form = new FormData();
    form.append('contrat', new File([contract], 'marche-signe.pdf', { type: 'application/pdf' }));
    const res = await fetch(`${this.base}/api/tenders/consultations/${id}/lots/1/notification`, {
      method: 'POST',
      headers: { authorization: buyer },
      body: form,
    });
    const text = await res.text();
    if (res.status !== 200) throw new DemoFailure(`POST …/lots/1/notification → ${res.status} ${text}`);
    const notified = JSON.parse(text) as {
      report: {
        signatures: { signataire: string; integrite: string; qualifieDeclare: boolean }[];
        avertissements: string[];
      };
    };
    const s = notified.report.signatures[0];
    this.say(
      `Signature vérifiée : ${s?.signataire} — intégrité ${s?.integrite}, qualifié déclaré : ${s?.qualifieDeclare ? 'oui' : 'non'} ; ${notified.report.avertissements.length} avertissement(s).`,
    );
    for (const warning of notified.report.avertissements) this.say(`  ${warning}`);
    this.say('Marché signé et notifié.');

    const dir = resolve(outDir ?? join('demo-tender', id));
    await mkdir(dir, { recursive: true });
    const chain = await this.bytes(company, '/api/tenders/tsa/chain.pem');
    await writeFile(join(dir, 'chaine-horodatage.pem'), chain);
    for (const [n, d] of [inTime, late].entries()) {
      const ack = join(dir, `pli${n + 1}-accuse.json`);
      const tsr = join(dir, `pli${n + 1}-jeton.tsr`);
      await writeFile(ack, await this.bytes(company, `/api/tenders/deposits/${d.depositId}/receipt.json`));
      await writeFile(tsr, await this.bytes(company, `/api/tenders/deposits/${d.depositId}/receipt.tsr`));
      await writeFile(
        join(dir, `pli${n + 1}-accuse.pdf`),
        await this.bytes(company, `/api/tenders/deposits/${d.depositId}/receipt.pdf`),
      );
      this.say(
        `Pli ${n + 1} (${d.late ? 'hors délai' : 'à temps'}) : ACK ${ack}  TOKEN ${tsr}  CHAIN ${join(dir, 'chaine-horodatage.pem')}`,
      );
      this.say(`  openssl ts -verify -data ${ack} -in ${tsr} -CAfile ${join(dir, 'chaine-horodatage.pem')}`);
    }

    const consultation = await this.call<{ buyer: { siret: string | null } }>(
      buyer,
      'GET',
      `/api/tenders/consultations/${id}`,
    );
    const siret = consultation.buyer.siret;
    if (!siret) throw new DemoFailure('l’acheteur n’a pas de SIRET dans l’annuaire');
    const year = new Date().getFullYear();
    const decp = await this.call<{ marches: { marche: { id: string; objet: string; montant: number }[] } }>(
      undefined,
      'GET',
      `/api/tenders/decp?buyer=${siret}&year=${year}&includeTests=true`,
    );
    const marche = decp.marches.marche.find((m) => m.objet.includes('consultation de test') && m.montant === 27400);
    if (!marche) throw new DemoFailure('l’attribution n’apparaît pas dans l’export DECP');
    await writeFile(join(dir, 'decp.json'), JSON.stringify(decp, null, 2));
    this.say(
      `DECP 2.0.3 : GET /api/tenders/decp?buyer=${siret}&year=${year}&includeTests=true → marché ${marche.id} (${join(dir, 'decp.json')})`,
    );
    this.say(`Consultation ${id} menée de bout en bout.`);
  }
}
