// The signed contract a notification takes, over the real Postgres, file store and Temporal: PDFs signed by
// openssl's CMS (certificates from `openssl ca`) through @signpdf, verified by the hub. Not a PDF, an unsigned
// PDF, a byte changed after signing and an expired signer certificate are refused (422, the report kept); a valid
// signature notifies and its report is stored; an incremental update after the signature is reported as not
// covering the whole document; the chain is verified when trust anchors are given.
import { execFile } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { promisify } from 'node:util';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents } from '../../db/schema/audit.ts';
import { tenderAwards, tenderContractSignatures } from '../../db/schema/tenders.ts';
import type { SignatureReport } from '../../src/tenders/signature/verify-contract.ts';
import { verifyContractPdf } from '../../src/tenders/signature/verify-contract.ts';
import { useTestDatabase } from '../helpers/use-database.ts';
import { bearerFor, startTenderHarness, type TenderHarness } from './harness.ts';
import {
  awardedConsultation,
  opensslCa,
  opensslSignedPdf,
  unsignedContract,
  withIncrementalUpdate,
  type OpensslCa,
} from './signed-contracts.ts';

const t = useTestDatabase();
let h: TenderHarness;
let ca: OpensslCa;
let valid: Buffer;
let expired: Buffer;
let plain: Buffer;

beforeAll(async () => {
  h = await startTenderHarness(t.handle);
  ca = await opensslCa();
  const signer = await ca.issue('Jeanne Martin', { start: '20250101000000Z', end: '20351231000000Z', qualified: true });
  const old = await ca.issue('Paul Ancien', { start: '20200101000000Z', end: '20210101000000Z', qualified: true });
  const unqualified = await ca.issue('Luc Simple', {
    start: '20250101000000Z',
    end: '20351231000000Z',
    qualified: false,
  });
  valid = await opensslSignedPdf(ca, signer);
  expired = await opensslSignedPdf(ca, old);
  plain = await opensslSignedPdf(ca, unqualified, 'adbe.pkcs7.detached');
}, 180_000);
afterAll(async () => {
  await h?.stop();
});

async function stored(bytes: Buffer, fileName = 'marche-signe.pdf') {
  return h.deps.files!.put(Readable.from([bytes]), { kind: 'attachment', mediaType: 'application/pdf', fileName });
}

async function verify(bytes: Buffer, trustAnchorsPem?: string): Promise<SignatureReport> {
  const file = await stored(bytes);
  return verifyContractPdf(h.deps.files!, file.id, { now: new Date(), trustAnchorsPem });
}

describe('the signed contract of a notification', () => {
  it('is checked on upload: refusals keep their report, a valid signature notifies', async () => {
    const { id } = await awardedConsultation(h, 'Fournitures — marché à signer');
    const buyer = await bearerFor(h, 'agent', h.parties.rennes.id);
    const send = (bytes: Buffer | string, fileName: string, mediaType = 'application/pdf') => {
      const form = new FormData();
      form.append('contrat', new File([bytes], fileName, { type: mediaType }));
      return h.app.request(`/api/tenders/consultations/${id}/lots/1/notification`, {
        method: 'POST',
        headers: { authorization: buyer },
        body: form,
      });
    };
    type Refusal = { code: string; message: string; details: { reason: string; report: SignatureReport } };

    const notPdf = await send('Ceci est un marché, mais pas un PDF', 'marche.txt', 'text/plain');
    expect(notPdf.status).toBe(422);
    const notPdfBody = (await notPdf.json()) as Refusal;
    expect(notPdfBody.code).toBe('CONTRACT_NOT_PDF');
    expect(notPdfBody.message).toContain('n’est pas un PDF');

    const unsigned = await send(await unsignedContract(), 'non-signe.pdf');
    expect(unsigned.status).toBe(422);
    const unsignedBody = (await unsigned.json()) as Refusal;
    expect(unsignedBody.code).toBe('CONTRACT_SIGNATURE_INVALID');
    expect(unsignedBody.details.reason).toBe('NO_SIGNATURE');
    expect(unsignedBody.message).toContain('aucune signature électronique');

    // One byte of the signed range changed after signing: the producer's name in the document's Info.
    const tampered = Buffer.from(valid);
    const producer = '/Producer <FEFF00';
    const at = tampered.indexOf(producer) + producer.length;
    expect(at).toBeGreaterThan(producer.length);
    expect(at).toBeLessThan(tampered.indexOf('/ByteRange'));
    tampered[at] = tampered[at] === 0x37 ? 0x36 : 0x37;
    const altered = await send(tampered, 'altere.pdf');
    expect(altered.status).toBe(422);
    const alteredBody = (await altered.json()) as Refusal;
    expect(alteredBody.details.reason).toBe('INTEGRITY');
    expect(alteredBody.details.report.signatures[0]!.integrite).toBe('KO');
    expect(alteredBody.message).toContain('Intégrité KO');

    const outOfValidity = await send(expired, 'expire.pdf');
    expect(outOfValidity.status).toBe(422);
    const expiredBody = (await outOfValidity.json()) as Refusal;
    expect(expiredBody.details.reason).toBe('CERTIFICATE_NOT_VALID_AT_SIGNING_TIME');
    expect(expiredBody.details.report.signatures[0]!.integrite).toBe('OK');
    expect(expiredBody.message).toContain('Paul Ancien');

    const [award] = await t.handle.db.select().from(tenderAwards).where(eq(tenderAwards.consultationId, id));
    expect(award!.notifiedAt).toBeNull();

    const ok = await send(valid, 'marche-signe.pdf');
    expect(ok.status).toBe(200);
    const body = (await ok.json()) as { notifiedAt: string; signatureId: string; report: SignatureReport };
    const s = body.report.signatures[0]!;
    expect(body.report.decision).toBe('accepte');
    expect(s.signataire).toContain('Jeanne Martin');
    expect(s.emetteur).toContain('AC de test des marches');
    expect(s.integrite).toBe('OK');
    expect(s.certificatValideALaDateDeSignature).toBe(true);
    expect(s.qualifieDeclare).toBe(true);
    expect(s.detailQualification).toContain('déclaré par le certificat');
    expect(s.politiques).toContain('0.4.0.194112.1.2');
    expect(s.usageDeCle).toBe('nonRepudiation');
    expect(s.couverture.documentEntier).toBe(true);
    expect(s.chaineDeConfiance.status).toBe('non_verifiee');
    // openssl 3.0's CMS carries no signingCertificateV2: accepted, with the PAdES baseline warning.
    expect(s.attributCertificatSignataire).toBe('absent');
    expect(body.report.avertissements.join(' ')).toContain('signingCertificateV2 absent');

    const rows = await t.handle.db
      .select()
      .from(tenderContractSignatures)
      .where(eq(tenderContractSignatures.awardId, award!.id));
    expect(rows.map((r) => r.decision).sort()).toEqual(['accepte', 'refuse', 'refuse', 'refuse']);
    const accepted = rows.find((r) => r.decision === 'accepte')!;
    expect(accepted.id).toBe(body.signatureId);
    expect((accepted.report as SignatureReport).signatures[0]!.signataire).toContain('Jeanne Martin');
    const file = await h.deps.files!.head(accepted.fileId);
    expect(file?.size).toBe(valid.length);
    const [notified] = await t.handle.db.select().from(tenderAwards).where(eq(tenderAwards.id, award!.id));
    expect(notified!.notifiedAt?.toISOString()).toBe(body.notifiedAt);
    const audits = await t.handle.db
      .select({ action: auditEvents.action })
      .from(auditEvents)
      .where(and(eq(auditEvents.subjectType, 'tender_consultation'), eq(auditEvents.subjectId, id)));
    expect(audits.filter((a) => a.action === 'tender.contract_refused')).toHaveLength(3);
    expect(audits.filter((a) => a.action === 'tender.notify')).toHaveLength(1);

    const again = await send(valid, 'marche-signe.pdf');
    expect(again.status).toBe(409);
  }, 180_000);

  it('reports an incremental update after the signature as not covering the whole document', async () => {
    const report = await verify(withIncrementalUpdate(valid));
    expect(report.decision).toBe('accepte');
    const s = report.signatures[0]!;
    expect(s.integrite).toBe('OK');
    expect(s.couverture.documentEntier).toBe(false);
    expect(s.couverture.detail).toContain('mise à jour incrémentale');
    expect(report.avertissements.join(' ')).toContain('mise à jour incrémentale');
  });

  it('warns of a certificate that does not declare itself qualified, and of the adbe.pkcs7 format', async () => {
    const report = await verify(plain);
    expect(report.decision).toBe('accepte');
    const s = report.signatures[0]!;
    expect(s.qualifieDeclare).toBe(false);
    expect(s.usageDeCle).toBe('digitalSignature');
    expect(s.format).toContain('adbe.pkcs7.detached');
    expect(report.avertissements.join(' ')).toContain('ne se déclare pas qualifié');
  });

  it('verifies the chain with configured trust anchors, and fails it with others', async () => {
    const trusted = await verify(valid, ca.caPem);
    expect(trusted.signatures[0]!.chaineDeConfiance.status).toBe('verifiee');
    const other = await opensslCa();
    const untrusted = await verify(valid, other.caPem);
    expect(untrusted.signatures[0]!.chaineDeConfiance.status).toBe('echec');
    expect(untrusted.decision).toBe('accepte');
  });

  it('agrees with poppler’s pdfsig that the valid file is signed as a whole', async () => {
    const path = join(ca.dir, 'valide.pdf');
    await writeFile(path, valid);
    const { stdout } = await promisify(execFile)('pdfsig', [path]);
    expect(stdout).toContain('Signature is Valid');
    expect(stdout).toContain('Total document signed');
  });
});
