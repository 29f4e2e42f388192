// A demonstration signer for `hub demo tender`: a throw-away CA and a signer certificate made on the fly (ECDSA
// P-256, pkijs), declaring themselves qualified (QcCompliance, QcType esign, QCP-n-qscd) though nothing makes them
// so, and a PAdES baseline B signature (ETSI.CAdES.detached, signed attributes contentType, messageDigest,
// signingTime, signingCertificateV2) put into the PDF by @signpdf (placeholder with pdf-lib, ByteRange, /Contents).
import { createHash, webcrypto } from 'node:crypto';
import { SignPdf } from '@signpdf/signpdf';
import { pdflibAddPlaceholder } from '@signpdf/placeholder-pdf-lib';
import { Signer, SUBFILTER_ETSI_CADES_DETACHED } from '@signpdf/utils';
import * as asn1js from 'asn1js';
import { PDFDocument } from 'pdf-lib';
import * as pkijs from 'pkijs';

type CryptoKey = webcrypto.CryptoKey;
const ALGORITHM = { name: 'ECDSA', namedCurve: 'P-256' } as const;

const OID = {
  commonName: '2.5.4.3',
  organization: '2.5.4.10',
  country: '2.5.4.6',
  basicConstraints: '2.5.29.19',
  keyUsage: '2.5.29.15',
  certificatePolicies: '2.5.29.32',
  qcStatements: '1.3.6.1.5.5.7.1.3',
  qcCompliance: '0.4.0.1862.1.1',
  qcType: '0.4.0.1862.1.6',
  qcTypeEsign: '0.4.0.1862.1.6.1',
  qcpNQscd: '0.4.0.194112.1.2',
  data: '1.2.840.113549.1.7.1',
  signedData: '1.2.840.113549.1.7.2',
  contentType: '1.2.840.113549.1.9.3',
  messageDigest: '1.2.840.113549.1.9.4',
  signingTime: '1.2.840.113549.1.9.5',
  signingCertificateV2: '1.2.840.113549.1.9.16.2.47',
};

export interface DemoSigner {
  certificate: pkijs.Certificate;
  caCertificate: pkijs.Certificate;
  privateKey: CryptoKey;
}

function name(target: pkijs.RelativeDistinguishedNames, commonName: string): void {
  target.typesAndValues.push(
    new pkijs.AttributeTypeAndValue({ type: OID.country, value: new asn1js.PrintableString({ value: 'FR' }) }),
    new pkijs.AttributeTypeAndValue({
      type: OID.organization,
      value: new asn1js.Utf8String({ value: 'Démonstration du hub' }),
    }),
    new pkijs.AttributeTypeAndValue({ type: OID.commonName, value: new asn1js.Utf8String({ value: commonName }) }),
  );
}

const oid = (value: string) => new asn1js.ObjectIdentifier({ value });
const extension = (extnID: string, critical: boolean, value: asn1js.AsnType | ArrayBuffer) =>
  new pkijs.Extension({ extnID, critical, extnValue: value instanceof ArrayBuffer ? value : value.toBER(false) });

async function issue(
  subject: string,
  serial: number,
  notBefore: Date,
  notAfter: Date,
  issuer: { certificate: pkijs.Certificate; privateKey: CryptoKey } | undefined,
): Promise<{ certificate: pkijs.Certificate; privateKey: CryptoKey }> {
  const keys = await webcrypto.subtle.generateKey(ALGORITHM, true, ['sign', 'verify']);
  const certificate = new pkijs.Certificate();
  certificate.version = 2;
  certificate.serialNumber = new asn1js.Integer({ value: serial });
  name(certificate.subject, subject);
  if (issuer) certificate.issuer = issuer.certificate.subject;
  else name(certificate.issuer, subject);
  certificate.notBefore.value = notBefore;
  certificate.notAfter.value = notAfter;
  const bits = (b: number, unused: number) =>
    new asn1js.BitString({ valueHex: new Uint8Array([b]).buffer, unusedBits: unused });
  certificate.extensions = issuer
    ? [
        extension(OID.basicConstraints, true, new pkijs.BasicConstraints({ cA: false }).toSchema().toBER(false)),
        extension(OID.keyUsage, true, bits(0x40, 6)),
        extension(
          OID.certificatePolicies,
          false,
          new asn1js.Sequence({ value: [new asn1js.Sequence({ value: [oid(OID.qcpNQscd)] })] }),
        ),
        extension(
          OID.qcStatements,
          false,
          new asn1js.Sequence({
            value: [
              new asn1js.Sequence({ value: [oid(OID.qcCompliance)] }),
              new asn1js.Sequence({
                value: [oid(OID.qcType), new asn1js.Sequence({ value: [oid(OID.qcTypeEsign)] })],
              }),
            ],
          }),
        ),
      ]
    : [
        extension(
          OID.basicConstraints,
          true,
          new pkijs.BasicConstraints({ cA: true, pathLenConstraint: 0 }).toSchema().toBER(false),
        ),
        extension(OID.keyUsage, true, bits(0x06, 1)),
      ];
  await certificate.subjectPublicKeyInfo.importKey(keys.publicKey);
  await certificate.sign(issuer?.privateKey ?? keys.privateKey, 'SHA-256');
  return { certificate, privateKey: keys.privateKey };
}

/** A CA and a signer certificate for `signerName`, valid from `notBefore` to `notAfter` (default: a year from now). */
export async function createDemoSigner(
  signerName: string,
  notBefore = new Date(Date.now() - 3_600_000),
  notAfter = new Date(Date.now() + 365 * 86_400_000),
): Promise<DemoSigner> {
  const ca = await issue('Autorité de démonstration (non qualifiée)', 1, notBefore, notAfter, undefined);
  const signer = await issue(signerName, 2, notBefore, notAfter, ca);
  return { certificate: signer.certificate, caCertificate: ca.certificate, privateKey: signer.privateKey };
}

/** The detached CMS SignedData (CAdES baseline B attributes) over `data`. */
export async function cadesDetached(signer: DemoSigner, data: Uint8Array, signingTime: Date): Promise<Buffer> {
  const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest();
  const certDer = new Uint8Array(signer.certificate.toSchema().toBER(false));
  const attribute = (type: string, value: asn1js.AsnType) => new pkijs.Attribute({ type, values: [value] });
  const signedData = new pkijs.SignedData({
    version: 1,
    encapContentInfo: new pkijs.EncapsulatedContentInfo({ eContentType: OID.data }),
    signerInfos: [
      new pkijs.SignerInfo({
        version: 1,
        sid: new pkijs.IssuerAndSerialNumber({
          issuer: signer.certificate.issuer,
          serialNumber: signer.certificate.serialNumber,
        }),
        signedAttrs: new pkijs.SignedAndUnsignedAttributes({
          type: 0,
          attributes: [
            attribute(OID.contentType, oid(OID.data)),
            attribute(OID.signingTime, new asn1js.UTCTime({ valueDate: signingTime })),
            attribute(OID.messageDigest, new asn1js.OctetString({ valueHex: sha256(data) })),
            attribute(
              OID.signingCertificateV2,
              new asn1js.Sequence({
                value: [
                  new asn1js.Sequence({
                    value: [new asn1js.Sequence({ value: [new asn1js.OctetString({ valueHex: sha256(certDer) })] })],
                  }),
                ],
              }),
            ),
          ],
        }),
      }),
    ],
    certificates: [signer.certificate, signer.caCertificate],
  });
  await signedData.sign(signer.privateKey, 0, 'SHA-256');
  const info = new pkijs.ContentInfo({ contentType: OID.signedData, content: signedData.toSchema(true) });
  return Buffer.from(info.toSchema().toBER(false));
}

class DemoCmsSigner extends Signer {
  constructor(private readonly signer: DemoSigner) {
    super();
  }
  override async sign(pdfBuffer: Buffer, signingTime?: Date): Promise<Buffer> {
    return cadesDetached(this.signer, new Uint8Array(pdfBuffer), signingTime ?? new Date());
  }
}

/** Adds a signature placeholder to an unsigned PDF and signs it (PAdES, one full save then the signature). */
export async function signPdf(pdf: Uint8Array, signer: DemoSigner, reason: string): Promise<Buffer> {
  const doc = await PDFDocument.load(pdf);
  pdflibAddPlaceholder({
    pdfDoc: doc,
    reason,
    contactInfo: '',
    name: 'Signataire de démonstration',
    location: 'France',
    subFilter: SUBFILTER_ETSI_CADES_DETACHED,
    signatureLength: 8192,
  });
  const prepared = Buffer.from(await doc.save({ useObjectStreams: false }));
  return new SignPdf().sign(prepared, new DemoCmsSigner(signer));
}

/** A one-page contract PDF to sign: « Acte d'engagement » with the given lines. */
export async function contractPdf(lines: string[]): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const page = doc.addPage([595, 842]);
  const font = await doc.embedFont('Helvetica');
  lines.forEach((line, i) => page.drawText(line, { x: 50, y: 780 - i * 20, size: 12, font }));
  return doc.save({ useObjectStreams: false });
}
