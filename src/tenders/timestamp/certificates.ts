// The hub's own time-stamping authority: a root certificate and a time-stamping certificate it signs, both ECDSA
// P-256, written with pkijs. The signing certificate carries the critical extended key usage `timeStamping` that
// RFC 3161 §2.3 (and `openssl ts -verify`) require.
import { webcrypto } from 'node:crypto';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';

const OID = {
  commonName: '2.5.4.3',
  organization: '2.5.4.10',
  country: '2.5.4.6',
  basicConstraints: '2.5.29.19',
  keyUsage: '2.5.29.15',
  extKeyUsage: '2.5.29.37',
  timeStamping: '1.3.6.1.5.5.7.3.8',
};

type CryptoKey = webcrypto.CryptoKey;

const ALGORITHM = { name: 'ECDSA', namedCurve: 'P-256' } as const;

export interface IssuedCertificate {
  certificate: pkijs.Certificate;
  privateKey: CryptoKey;
}

function name(target: pkijs.RelativeDistinguishedNames, commonName: string): void {
  target.typesAndValues.push(
    new pkijs.AttributeTypeAndValue({ type: OID.country, value: new asn1js.PrintableString({ value: 'FR' }) }),
    new pkijs.AttributeTypeAndValue({
      type: OID.organization,
      value: new asn1js.Utf8String({ value: 'Hub régional d’administration numérique' }),
    }),
    new pkijs.AttributeTypeAndValue({ type: OID.commonName, value: new asn1js.Utf8String({ value: commonName }) }),
  );
}

/** Key usage bits, most significant first: digitalSignature 0x80, nonRepudiation 0x40, keyCertSign 0x04, cRLSign 0x02. */
function keyUsage(bits: number, unusedBits: number): pkijs.Extension {
  const value = new asn1js.BitString({ valueHex: new Uint8Array([bits]).buffer, unusedBits });
  return new pkijs.Extension({ extnID: OID.keyUsage, critical: true, extnValue: value.toBER(false) });
}

async function issue(options: {
  subject: string;
  serial: number;
  notBefore: Date;
  years: number;
  issuer?: IssuedCertificate;
  authority: boolean;
}): Promise<IssuedCertificate> {
  const keys = await webcrypto.subtle.generateKey(ALGORITHM, true, ['sign', 'verify']);
  const certificate = new pkijs.Certificate();
  certificate.version = 2;
  certificate.serialNumber = new asn1js.Integer({ value: options.serial });
  name(certificate.subject, options.subject);
  if (options.issuer) certificate.issuer = options.issuer.certificate.subject;
  else name(certificate.issuer, options.subject);
  certificate.notBefore.value = options.notBefore;
  const notAfter = new Date(options.notBefore);
  notAfter.setUTCFullYear(notAfter.getUTCFullYear() + options.years);
  certificate.notAfter.value = notAfter;
  certificate.extensions = options.authority
    ? [
        new pkijs.Extension({
          extnID: OID.basicConstraints,
          critical: true,
          extnValue: new pkijs.BasicConstraints({ cA: true, pathLenConstraint: 0 }).toSchema().toBER(false),
        }),
        keyUsage(0x06, 1),
      ]
    : [
        new pkijs.Extension({
          extnID: OID.basicConstraints,
          critical: true,
          extnValue: new pkijs.BasicConstraints({ cA: false }).toSchema().toBER(false),
        }),
        keyUsage(0xc0, 6),
        new pkijs.Extension({
          extnID: OID.extKeyUsage,
          critical: true,
          extnValue: new pkijs.ExtKeyUsage({ keyPurposes: [OID.timeStamping] }).toSchema().toBER(false),
        }),
      ];
  await certificate.subjectPublicKeyInfo.importKey(keys.publicKey);
  await certificate.sign(options.issuer?.privateKey ?? keys.privateKey, 'SHA-256');
  return { certificate, privateKey: keys.privateKey };
}

export interface NewAuthority {
  root: pkijs.Certificate;
  signer: IssuedCertificate;
}

/** A fresh root (20 years) and time-stamping certificate (10 years); the root's key is thrown away once used. */
export async function createAuthority(now: Date): Promise<NewAuthority> {
  const root = await issue({
    subject: 'Hub - autorité racine d’horodatage',
    serial: 1,
    notBefore: now,
    years: 20,
    authority: true,
  });
  const signer = await issue({
    subject: 'Hub - autorité d’horodatage (RFC 3161)',
    serial: 2,
    notBefore: now,
    years: 10,
    issuer: root,
    authority: false,
  });
  return { root: root.certificate, signer };
}

export function certificatePem(certificate: pkijs.Certificate): string {
  const base64 = Buffer.from(certificate.toSchema().toBER(false)).toString('base64');
  return `-----BEGIN CERTIFICATE-----\n${base64.replace(/(.{64})/g, '$1\n').trimEnd()}\n-----END CERTIFICATE-----\n`;
}

export function certificateFromPem(pem: string): pkijs.Certificate {
  const der = Buffer.from(pem.replace(/-----[^-]+-----|\s/g, ''), 'base64');
  return pkijs.Certificate.fromBER(new Uint8Array(der));
}

export async function exportPrivateKey(key: CryptoKey): Promise<Buffer> {
  return Buffer.from(await webcrypto.subtle.exportKey('pkcs8', key));
}

export async function importPrivateKey(pkcs8: Buffer): Promise<CryptoKey> {
  return webcrypto.subtle.importKey('pkcs8', pkcs8, ALGORITHM, false, ['sign']);
}
