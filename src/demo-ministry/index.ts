// The state side of ACTES for the demo and the tests: an HTTPS endpoint requiring the hub's client certificate,
// taking each archive once by name, checking it as the ministry does (archive name, envelope and message
// structure, files listed ↔ present, annex count, SIREN known, size), then answering by mail to the envelope's
// AdressesRetour: 1-2 ARActe, or AnomalieEnveloppe; on request 2-1, 3-1, 4-1, 5-1, 6-2; to a 3-3/3-4 a 3-5 and to a
// 4-3/4-4 a 4-5; to a 7-1, its classification file (7-2) or, when the collectivity already uses it, 7-3. The
// collectivity's 3-2 / 4-2 acknowledging a 3-1 / 4-1 is checked (structure, a letter sent under that IDActe and
// date) and recorded in `acknowledgements`.
import { createHash, randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:https';
import { createGunzip } from 'node:zlib';
import busboy from 'busboy';
import MailComposer from 'nodemailer/lib/mail-composer/index.js';
import tar from 'tar-stream';
import {
  DEMO_CLASSIFICATION,
  actesAttr,
  checkActe,
  checkEnvelope,
  checkLetterAcknowledgement,
  child,
  childrenNamed,
  listedFiles,
  readXml,
  type XmlNode,
} from '../acts/index.ts';
import {
  anomalieEnveloppeXml,
  arActeXml,
  arAnnulationXml,
  arReplyXml,
  defereXml,
  letterXml,
  retourClassificationXml,
  returnEnvelopeXml,
  unchangedClassificationXml,
  type ClassificationTree,
} from '../acts/domain/ministry-messages.ts';
import { makeDemoCertificates } from './certificates.ts';

const ARCHIVE_NAME = /^[A-Z]{3}-[A-Z]{4}--([0-9]{9})--([0-9]{8})-([0-9]+)\.tar\.gz$/;
const MAX_BYTES = 150 * 1024 * 1024;

export interface DemoMinistryOptions {
  /** Hands a raw RFC 822 message to the mailbox of `to` (Maildir delivery). */
  deliver(raw: Buffer, to: string[]): Promise<void>;
  ackDelayMs?: number;
  /** SIRENs the ministry knows; absent: every one. */
  knownSirens?: (siren: string) => Promise<boolean>;
  /** Answers 503 to the next N uploads (tests of the retries). */
  failNext?: number;
  /** The classification file the ministry holds for every collectivity (the demo file, dated 2026-01-05). */
  classification?: ClassificationTree;
}

interface Received {
  archiveName: string;
  sha256: string;
  siren: string;
  departement: string;
  returnAddresses: string[];
  acte?: XmlNode;
  messageName: string;
  /** The bytes of the archive's message (the last form listed), as received. */
  messageXml?: Buffer;
}

/** A 3-2 / 4-2 taken: the letter it acknowledges, and the message as received. */
export interface ReceivedAcknowledgement {
  archiveName: string;
  code: '3-2' | '4-2';
  idActe: string;
  letterDate: string;
  xml: Buffer;
}

const ACKNOWLEDGED = { ARDemandePieceComplementaire: '3-2', ARLettreObservations: '4-2' } as const;
const LETTER_OF = { '3-2': '3-1', '4-2': '4-1' } as const;
/** The replies the ministry acknowledges, and with what (ARReponseCL). */
const REPLY_RECEIPT = {
  PieceComplementaire: '3-5',
  RefusPieceComplementaire: '3-5',
  ReponseLettreObservations: '4-5',
  RejetLettreObservations: '4-5',
} as const;

export interface DemoMinistry {
  url: string;
  ca: string;
  clientCert: string;
  clientKey: string;
  /** Archives taken (a name sent twice counts once). */
  received: Received[];
  /** The 3-2 / 4-2 taken, in order. */
  acknowledgements: ReceivedAcknowledgement[];
  uploads: number;
  failNext: number;
  sendLetter(idActe: string, code: '2-1' | '3-1' | '4-1' | '5-1' | '6-2', text?: string): Promise<void>;
  close(): Promise<void>;
}

const mailId = () => `<${randomBytes(12).toString('hex')}@ministere.demo.gouv.fr>`;

async function compose(
  to: string[],
  subject: string,
  files: { name: string; bytes: Uint8Array | Buffer }[],
): Promise<Buffer> {
  const composer = new MailComposer({
    from: 'actes@ministere.demo.gouv.fr',
    to,
    subject,
    messageId: mailId(),
    text: 'Message ACTES automatique du ministère de démonstration.',
    attachments: files.map((f) => ({ filename: f.name, content: Buffer.from(f.bytes) })),
  });
  return new Promise((resolve, reject) => composer.compile().build((e, m) => (e ? reject(e) : resolve(m))));
}

const pdf = (text: string) =>
  Buffer.from(
    `%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\n% ${text}\ntrailer<</Root 1 0 R>>\n%%EOF\n`,
  );

export async function startDemoMinistry(options: DemoMinistryOptions): Promise<DemoMinistry> {
  const pki = makeDemoCertificates();
  const byIdActe = new Map<string, Received>();
  /** The 3-1 and 4-1 sent, by `{IDActe} {code}`: their dates (a 3-2 / 4-2 must name one of them). */
  const lettersSent = new Map<string, string[]>();
  const ministry = {
    received: [] as Received[],
    acknowledgements: [] as ReceivedAcknowledgement[],
    uploads: 0,
    failNext: options.failNext ?? 0,
  } as DemoMinistry;
  const today = () => new Date().toISOString().slice(0, 10);

  async function answer(r: Received) {
    if (!r.acte) return;
    const number = actesAttr(r.acte, 'NumeroInterne')!;
    const decision = actesAttr(r.acte, 'Date')!;
    const nature = Number(actesAttr(r.acte, 'CodeNatureActe'));
    const abbreviation = ['DE', 'AR', 'AI', 'CC', 'BF', 'AU'][nature - 1]!;
    const idActe = `${r.departement}-${r.siren}-${decision.replaceAll('-', '')}-${number}-${abbreviation}`;
    byIdActe.set(idActe, r);
    const matieres = [1, 2, 3, 4, 5]
      .map((l) => child(r.acte!, `CodeMatiere${l}`))
      .filter(Boolean)
      .map((m) => Number(actesAttr(m!, 'CodeMatiere')));
    const echo = { decisionDate: decision, number, nature, matieres, object: child(r.acte, 'Objet')?.text ?? '' };
    const classification = child(r.acte, 'ClassificationDateVersion')?.text ?? today();
    const name = `${idActe}-1-2_0.xml`;
    const mail = await compose(r.returnAddresses, `ACTES : accusé de réception ${idActe}`, [
      {
        name: `EACT--PREF${r.departement}-${r.siren}-${today().replaceAll('-', '')}-1.xml`,
        bytes: returnEnvelopeXml(r.departement, r.siren, [name]),
      },
      { name, bytes: arActeXml(idActe, today(), echo, classification) },
    ]);
    await options.deliver(mail, r.returnAddresses);
  }

  async function answerClassification(r: Received, inUse: string | undefined) {
    const file = options.classification ?? DEMO_CLASSIFICATION;
    const unchanged = inUse === file.date;
    const name = `${r.departement}-${r.siren}----${unchanged ? '7-3' : '7-2'}_1.xml`;
    const mail = await compose(r.returnAddresses, `ACTES : classification ${r.siren}`, [
      {
        name: `EACT--PREF${r.departement}-${r.siren}-${today().replaceAll('-', '')}-7.xml`,
        bytes: returnEnvelopeXml(r.departement, r.siren, [name]),
      },
      { name, bytes: unchanged ? unchangedClassificationXml(file.date) : retourClassificationXml(file) },
    ]);
    await options.deliver(mail, r.returnAddresses);
  }

  async function reject(archiveName: string, to: string[], nature: string, detail: string) {
    const envelopeName = archiveName.replace(/^[A-Z]{3}-/, '').replace(/\.tar\.gz$/, '.xml');
    const mail = await compose(to, `ACTES : anomalie d'enveloppe ${archiveName}`, [
      { name: `ANO_${envelopeName}`, bytes: anomalieEnveloppeXml(today(), nature, `${archiveName} -> ${detail}`) },
    ]);
    await options.deliver(mail, to);
  }

  async function take(archiveName: string, entries: Map<string, Buffer>, sizes: Map<string, number>, sha256: string) {
    const envelopeEntry = [...entries.keys()].find((n) => /^[A-Z]{4}--\d{9}--\d{8}-\d+\.xml$/.test(n));
    if (!envelopeEntry) return { status: 400, body: "pas d'enveloppe EnveloppeCLMISILL dans l'archive" };
    const envelope = readXml(entries.get(envelopeEntry)!);
    const problems = checkEnvelope(envelope).map((v) => `${v.path} : ${v.message}`);
    const addresses = childrenNamed(child(envelope, 'AdressesRetour') ?? envelope, 'Email').map((e) => e.text.trim());
    if (problems.length > 0) return { status: 400, body: problems.join('\n') };
    const idcl = child(child(envelope, 'Emetteur')!, 'IDCL')!;
    const siren = Object.entries(idcl.attrs).find(([k]) => k.endsWith('}SIREN'))![1];
    const departement = actesAttr(idcl, 'Departement')!;
    const r: Received = { archiveName, sha256, siren, departement, returnAddresses: addresses, messageName: '' };
    const issues: string[] = [];
    if (ARCHIVE_NAME.exec(archiveName)?.[1] !== siren)
      issues.push('PREF-VERIF-01 : le nom de l’archive ne porte pas le SIREN de l’émetteur');
    if (options.knownSirens && !(await options.knownSirens(siren)))
      issues.push(`PREF-VERIF-02 : SIREN ${siren} pas encore enregistré dans l'application ACTES`);
    for (const form of listedFiles(envelope)) {
      const bytes = entries.get(form);
      if (!bytes) {
        issues.push(`formulaire ${form} absent de l'archive`);
        continue;
      }
      const message = readXml(bytes);
      r.messageName = form;
      r.messageXml = bytes;
      if (message.name === 'Acte') {
        issues.push(...checkActe(message).map((v) => `${v.path} : ${v.message}`));
        for (const f of listedFiles(message)) if (!sizes.has(f)) issues.push(`fichier ${f} annoncé mais absent`);
        r.acte = message;
      } else if (message.name === 'Annulation') {
        const idActe = actesAttr(message, 'IDActe')!;
        setTimeout(() => void ministry.sendLetter(idActe, '6-2').catch(() => undefined), options.ackDelayMs ?? 500);
      } else if (message.name === 'DemandeClassification') {
        const inUse = child(message, 'DateClassification')?.text;
        setTimeout(() => void answerClassification(r, inUse).catch(() => undefined), options.ackDelayMs ?? 500);
      } else if (message.name in ACKNOWLEDGED) {
        const code = ACKNOWLEDGED[message.name as keyof typeof ACKNOWLEDGED];
        const violations = checkLetterAcknowledgement(message, code);
        issues.push(...violations.map((v) => `${v.path} : ${v.message}`));
        const idActe = actesAttr(message, 'IDActe') ?? '';
        const letterDate = actesAttr(message, 'DateCourrierPref') ?? '';
        if (violations.length === 0 && !lettersSent.get(`${idActe} ${LETTER_OF[code]}`)?.includes(letterDate))
          issues.push(`${code} : aucun courrier ${LETTER_OF[code]} du ${letterDate} pour l'acte ${idActe}`);
        else if (violations.length === 0)
          ministry.acknowledgements.push({ archiveName, code, idActe, letterDate, xml: bytes });
      } else if (message.name in REPLY_RECEIPT) {
        const code = REPLY_RECEIPT[message.name as keyof typeof REPLY_RECEIPT];
        const idActe = actesAttr(message, 'IDActe')!;
        const letterDate = actesAttr(message, 'DateCourrierPref')!;
        const back = byIdActe.get(idActe);
        if (back)
          setTimeout(async () => {
            const name = `${idActe}-${code}_0.xml`;
            const mail = await compose(back.returnAddresses, `ACTES : accusé de réception de la réponse ${idActe}`, [
              {
                name: `EACT--PREF${back.departement}-${back.siren}-1.xml`,
                bytes: returnEnvelopeXml(back.departement, back.siren, [name]),
              },
              { name, bytes: arReplyXml(code, idActe, letterDate, today()) },
            ]);
            await options.deliver(mail, back.returnAddresses);
          }, options.ackDelayMs ?? 500);
      }
    }
    ministry.received.push(r);
    if (issues.length > 0) {
      setTimeout(
        () => void reject(archiveName, addresses, '5', issues.join(' ; ')).catch(() => undefined),
        options.ackDelayMs ?? 500,
      );
    } else if (r.acte) {
      setTimeout(() => void answer(r).catch(() => undefined), options.ackDelayMs ?? 500);
    }
    return { status: 200, body: 'OK' };
  }

  const server: Server = createServer(
    { cert: pki.serverCert, key: pki.serverKey, ca: pki.ca, requestCert: true, rejectUnauthorized: true },
    (req, res) => {
      const done = (status: number, body: string) => {
        res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8' });
        res.end(body);
      };
      ministry.uploads += 1;
      if (ministry.failNext > 0) {
        ministry.failNext -= 1;
        req.resume();
        return done(503, 'service momentanément indisponible');
      }
      const parser = busboy({ headers: req.headers, limits: { files: 1, fileSize: MAX_BYTES + 1 } });
      let handled = false;
      parser.on('file', (_field, stream, info) => {
        handled = true;
        const archiveName = info.filename ?? '';
        const hash = createHash('sha256');
        const entries = new Map<string, Buffer>();
        const sizes = new Map<string, number>();
        let total = 0;
        const extract = tar.extract();
        extract.on('entry', (header, entry, next) => {
          const chunks: Buffer[] = [];
          let size = 0;
          entry.on('data', (data: unknown) => {
            const c = data as Buffer;
            size += c.length;
            if (header.name.endsWith('.xml') && size < 4 * 1024 * 1024) chunks.push(c);
          });
          entry.on('end', () => {
            sizes.set(header.name, size);
            if (header.name.endsWith('.xml')) entries.set(header.name, Buffer.concat(chunks));
            next();
          });
        });
        stream.on('data', (c: Buffer) => {
          hash.update(c);
          total += c.length;
        });
        const gunzip = createGunzip();
        gunzip.on('error', () => done(400, "l'archive n'est pas un .tar.gz lisible"));
        extract.on('error', () => done(400, "l'archive n'est pas un .tar.gz lisible"));
        extract.on('finish', async () => {
          const sha256 = hash.digest('hex');
          if (!ARCHIVE_NAME.test(archiveName)) return done(400, `nom d'archive invalide : ${archiveName}`);
          if (total > MAX_BYTES) return done(413, "La taille de l'archive est trop élevée");
          // The same archive name twice is one transmission: the second post is acknowledged and ignored.
          if (ministry.received.some((r) => r.archiveName === archiveName)) return done(200, 'OK (déjà reçue)');
          try {
            const out = await take(archiveName, entries, sizes, sha256);
            done(out.status, out.body);
          } catch (error) {
            done(400, `archive illisible : ${(error as Error).message}`);
          }
        });
        stream.pipe(gunzip).pipe(extract);
      });
      parser.on('close', () => {
        if (!handled) done(400, 'aucune archive dans la requête');
      });
      req.pipe(parser);
    },
  );
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;

  ministry.sendLetter = async (
    idActe,
    code,
    text = 'Merci de bien vouloir nous transmettre les pièces manquantes.',
  ) => {
    const r = byIdActe.get(idActe);
    if (!r) throw new Error(`unknown act ${idActe}`);
    const stem = `${idActe}-${code}`;
    const files: { name: string; bytes: Uint8Array | Buffer }[] = [];
    if (code === '6-2') files.push({ name: `${stem}_0.xml`, bytes: arAnnulationXml(idActe, today()) });
    else if (code === '5-1')
      files.push(
        { name: `${stem}_0.xml`, bytes: defereXml(idActe, today(), text, `${stem}_1.pdf`) },
        { name: `${stem}_1.pdf`, bytes: pdf(text) },
      );
    else
      files.push(
        { name: `${stem}_0.xml`, bytes: letterXml(code, idActe, today(), text, `${stem}_1.pdf`) },
        { name: `${stem}_1.pdf`, bytes: pdf(text) },
      );
    if (code === '3-1' || code === '4-1')
      lettersSent.set(`${idActe} ${code}`, [...(lettersSent.get(`${idActe} ${code}`) ?? []), today()]);
    const mail = await compose(r.returnAddresses, `ACTES : ${code} ${idActe}`, [
      {
        name: `EACT--PREF${r.departement}-${r.siren}-2.xml`,
        bytes: returnEnvelopeXml(r.departement, r.siren, [files[0]!.name]),
      },
      ...files,
    ]);
    await options.deliver(mail, r.returnAddresses);
  };
  ministry.url = `https://127.0.0.1:${port}/actes/post`;
  ministry.ca = pki.ca;
  ministry.clientCert = pki.clientCert;
  ministry.clientKey = pki.clientKey;
  ministry.close = () => new Promise<void>((resolve) => server.close(() => resolve()));
  return ministry;
}
