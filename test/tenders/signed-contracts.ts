// Signed contract PDFs for the notification tests, made independently of the hub's verifier: the certificates by
// the openssl CLI (`openssl ca`, so that an expired certificate can be issued), the CMS by `openssl cms -sign`
// (detached, DER), the placeholder, ByteRange and /Contents by @signpdf with pdf-lib. And an awarded test
// consultation whose standstill is over, to notify.
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { SignPdf } from '@signpdf/signpdf';
import { pdflibAddPlaceholder } from '@signpdf/placeholder-pdf-lib';
import { Signer, SUBFILTER_ADOBE_PKCS7_DETACHED, SUBFILTER_ETSI_CADES_DETACHED } from '@signpdf/utils';
import { PDFDocument } from 'pdf-lib';
import { awardLot } from '../../src/tenders/award/award-lot.ts';
import { openBids } from '../../src/tenders/opening/open-bids.ts';
import { contractPdf } from '../../src/tenders/signature/demo-signer.ts';
import { personActing } from '../helpers/invoices.ts';
import { bytesOf, depositFiles, eventually, publishTestConsultation, type TenderHarness } from './harness.ts';

const run = promisify(execFile);

// QCStatements: QcCompliance (0.4.0.1862.1.1) and QcType (0.4.0.1862.1.6) esign (0.4.0.1862.1.6.1).
const QC_STATEMENTS_DER = '301f3008060604008e4601013013060604008e4601063009060704008e46010601';

export interface OpensslCa {
  dir: string;
  caPem: string;
  /** Issues a signer certificate and key; `qualified` adds the QC statements and the QCP-n-qscd policy. */
  issue(name: string, options: { start: string; end: string; qualified: boolean }): Promise<OpensslSignerFiles>;
}

export interface OpensslSignerFiles {
  certPath: string;
  keyPath: string;
}

export async function opensslCa(): Promise<OpensslCa> {
  const dir = await mkdtemp(join(tmpdir(), 'hub-contract-ca-'));
  await writeFile(join(dir, 'index.txt'), '');
  await writeFile(join(dir, 'serial'), '1000\n');
  await writeFile(
    join(dir, 'ca.cnf'),
    [
      '[ca]',
      'default_ca = test_ca',
      '[test_ca]',
      `dir = ${dir}`,
      `database = ${dir}/index.txt`,
      `new_certs_dir = ${dir}`,
      `serial = ${dir}/serial`,
      'default_md = sha256',
      'policy = any_name',
      'unique_subject = no',
      'email_in_dn = no',
      '[any_name]',
      'commonName = supplied',
      'organizationName = optional',
      'countryName = optional',
      '[qualified]',
      'basicConstraints = critical, CA:FALSE',
      'keyUsage = critical, nonRepudiation',
      'certificatePolicies = 0.4.0.194112.1.2, 1.2.250.1.999.1.1',
      `1.3.6.1.5.5.7.1.3 = DER:${QC_STATEMENTS_DER}`,
      '[plain]',
      'basicConstraints = critical, CA:FALSE',
      'keyUsage = critical, digitalSignature',
      '',
    ].join('\n'),
  );
  await run('openssl', [
    'req',
    '-x509',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-keyout',
    join(dir, 'ca.key'),
    '-out',
    join(dir, 'ca.pem'),
    '-days',
    '3650',
    '-subj',
    '/C=FR/O=Autorite de test/CN=AC de test des marches',
  ]);
  const caPem = await readFile(join(dir, 'ca.pem'), 'utf8');
  let count = 0;
  return {
    dir,
    caPem,
    async issue(name, options) {
      count += 1;
      const keyPath = join(dir, `signer-${count}.key`);
      const csrPath = join(dir, `signer-${count}.csr`);
      const certPath = join(dir, `signer-${count}.pem`);
      await run('openssl', [
        'req',
        '-newkey',
        'rsa:2048',
        '-nodes',
        '-keyout',
        keyPath,
        '-out',
        csrPath,
        '-subj',
        `/C=FR/O=Ville de Rennes/CN=${name}`,
      ]);
      await run('openssl', [
        'ca',
        '-batch',
        '-notext',
        '-config',
        join(dir, 'ca.cnf'),
        '-cert',
        join(dir, 'ca.pem'),
        '-keyfile',
        join(dir, 'ca.key'),
        '-in',
        csrPath,
        '-out',
        certPath,
        '-startdate',
        options.start,
        '-enddate',
        options.end,
        '-extensions',
        options.qualified ? 'qualified' : 'plain',
      ]);
      return { certPath, keyPath };
    },
  };
}

/** A @signpdf signer whose CMS is made by `openssl cms -sign` (detached, with its default signed attributes). */
class OpensslCmsSigner extends Signer {
  constructor(
    private readonly files: OpensslSignerFiles,
    private readonly caPath: string,
  ) {
    super();
  }
  override async sign(pdfBuffer: Buffer): Promise<Buffer> {
    const dir = await mkdtemp(join(tmpdir(), 'hub-cms-'));
    await writeFile(join(dir, 'data'), pdfBuffer);
    await run('openssl', [
      'cms',
      '-sign',
      '-binary',
      '-md',
      'sha256',
      '-nosmimecap',
      '-in',
      join(dir, 'data'),
      '-signer',
      this.files.certPath,
      '-inkey',
      this.files.keyPath,
      '-certfile',
      this.caPath,
      '-outform',
      'DER',
      '-out',
      join(dir, 'cms.der'),
    ]);
    return readFile(join(dir, 'cms.der'));
  }
}

/** An « acte d'engagement » PDF signed by openssl's CMS for the given signer. */
export async function opensslSignedPdf(
  ca: OpensslCa,
  files: OpensslSignerFiles,
  subFilter: 'ETSI.CAdES.detached' | 'adbe.pkcs7.detached' = SUBFILTER_ETSI_CADES_DETACHED,
): Promise<Buffer> {
  const doc = await PDFDocument.load(await unsignedContract());
  pdflibAddPlaceholder({
    pdfDoc: doc,
    reason: 'Signature du marché',
    contactInfo: '',
    name: 'Signataire',
    location: 'Rennes',
    subFilter: subFilter === 'adbe.pkcs7.detached' ? SUBFILTER_ADOBE_PKCS7_DETACHED : SUBFILTER_ETSI_CADES_DETACHED,
    signatureLength: 8192,
  });
  const prepared = Buffer.from(await doc.save({ useObjectStreams: false }));
  return new SignPdf().sign(prepared, new OpensslCmsSigner(files, join(ca.dir, 'ca.pem')));
}

export const unsignedContract = () =>
  contractPdf(['Acte d’engagement', 'Lot 1 - Papier', 'Montant : 39 000,00 EUR HT']).then((b) => Buffer.from(b));

/** An incremental update appended after the signature (a new Info object, a new xref section, a new trailer). */
export function withIncrementalUpdate(signed: Buffer): Buffer {
  const text = signed.toString('latin1');
  const root = /\/Root\s+(\d+\s+\d+\s+R)/.exec(text)?.[1] ?? '1 0 R';
  const prev = /startxref\s+(\d+)\s+%%EOF\s*$/.exec(text)?.[1] ?? '0';
  const objectOffset = signed.length + 1;
  const object = '\n99 0 obj\n<< /Producer (modification posterieure) >>\nendobj\n';
  const xrefOffset = signed.length + Buffer.byteLength(object, 'latin1');
  const tail =
    `xref\n0 1\n0000000000 65535 f \n99 1\n${String(objectOffset).padStart(10, '0')} 00000 n \n` +
    `trailer\n<< /Size 100 /Root ${root} /Info 99 0 R /Prev ${prev} >>\nstartxref\n${xrefOffset}\n%%EOF\n`;
  return Buffer.concat([signed, Buffer.from(object + tail, 'latin1')]);
}

/** A one-lot test consultation of Rennes awarded to Armor, its standstill (11 × 1 s) over. */
export async function awardedConsultation(h: TenderHarness, title: string): Promise<{ id: string }> {
  const agent = personActing('agent', h.parties.rennes.id);
  const id = await publishTestConsultation(h, new Date(Date.now() + 8_000), title);
  const bid = await depositFiles(h, h.parties.armor.id, id, [
    { name: 'offre', fileName: 'offre.pdf', mediaType: 'application/pdf', content: bytesOf('Prix : 39 000 € HT') },
  ]);
  if (bid.late) throw new Error('the test bid arrived after its deadline');
  await eventually(() =>
    openBids({ ctx: { deps: h.deps, actor: agent }, input: { consultationId: id } }).then(
      (r) => r,
      () => undefined,
    ),
  );
  const award = await awardLot({
    ctx: { deps: h.deps, actor: agent },
    input: { consultationId: id, lotNumber: 1, depositId: bid.depositId, amount: '39000.00', reasons: 'Seule offre.' },
  });
  const wait = new Date(award.standstillEndsAt).getTime() - h.deps.clock.now().getTime() + 100;
  await new Promise((r) => setTimeout(r, Math.max(0, wait)));
  return { id };
}
