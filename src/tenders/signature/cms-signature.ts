// The CMS SignedData of one PDF signature (RFC 5652, detached), parsed with pkijs: the signer's certificate, the
// messageDigest attribute against the digest of the signed byte ranges, the signature over the DER of the signed
// attributes (checked with node's crypto, from the certificate's public key), the ESS signing certificate
// attribute (RFC 5035, required by PAdES baseline), the claimed signing time.
import { createHash, createPublicKey, verify } from 'node:crypto';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import type { DigestName } from './pdf-signatures.ts';

const OID = {
  signedData: '1.2.840.113549.1.7.2',
  contentType: '1.2.840.113549.1.9.3',
  messageDigest: '1.2.840.113549.1.9.4',
  signingTime: '1.2.840.113549.1.9.5',
  signingCertificate: '1.2.840.113549.1.9.16.2.12',
  signingCertificateV2: '1.2.840.113549.1.9.16.2.47',
  signatureTimeStamp: '1.2.840.113549.1.9.16.2.14',
  rsaEncryption: '1.2.840.113549.1.1.1',
  rsaPss: '1.2.840.113549.1.1.10',
};

const DIGEST_OIDS: Record<string, DigestName> = {
  '1.3.14.3.2.26': 'sha1',
  '2.16.840.1.101.3.4.2.1': 'sha256',
  '2.16.840.1.101.3.4.2.2': 'sha384',
  '2.16.840.1.101.3.4.2.3': 'sha512',
};

/** Signature algorithms of SignerInfo (RFC 5754, RFC 5758): RSA PKCS#1 v1.5 and ECDSA with the SHA-2 family. */
const SIGNATURE_OIDS: Record<string, { digest?: DigestName }> = {
  [OID.rsaEncryption]: {},
  '1.2.840.113549.1.1.5': { digest: 'sha1' },
  '1.2.840.113549.1.1.11': { digest: 'sha256' },
  '1.2.840.113549.1.1.12': { digest: 'sha384' },
  '1.2.840.113549.1.1.13': { digest: 'sha512' },
  '1.2.840.10045.2.1': {},
  '1.2.840.10045.4.3.2': { digest: 'sha256' },
  '1.2.840.10045.4.3.3': { digest: 'sha384' },
  '1.2.840.10045.4.3.4': { digest: 'sha512' },
};

export interface CmsCheck {
  /** A French reason when the CMS could not be read at all. */
  unreadable?: string;
  digestAlgorithm?: DigestName;
  signer?: pkijs.Certificate;
  /** The other certificates the CMS carries (intermediates). */
  certificates: pkijs.Certificate[];
  /** messageDigest equals the digest of the signed ranges. */
  digestMatches: boolean;
  /** The signature over the signed attributes verifies with the signer's public key. */
  signatureValid: boolean;
  signatureProblem?: string;
  /** `v2` (RFC 5035), `v1` (SHA-1, RFC 2634), or absent; and whether it names the signer's certificate. */
  signingCertificateAttribute: 'v2' | 'v1' | null;
  signingCertificateMatches: boolean;
  signingTime?: Date;
  hasSignatureTimeStamp: boolean;
}

const attributeOf = (info: pkijs.SignerInfo, type: string) =>
  info.signedAttrs?.attributes.find((a) => a.type === type)?.values[0];

function sameSigner(info: pkijs.SignerInfo, cert: pkijs.Certificate): boolean {
  if (info.sid instanceof pkijs.IssuerAndSerialNumber)
    return cert.issuer.isEqual(info.sid.issuer) && cert.serialNumber.isEqual(info.sid.serialNumber);
  // [0] SubjectKeyIdentifier
  const ski = cert.extensions?.find((e) => e.extnID === '2.5.29.14');
  if (!ski || !(info.sid instanceof asn1js.Constructed || info.sid instanceof asn1js.Primitive)) return false;
  const inner = asn1js.fromBER(ski.extnValue.valueBlock.valueHexView).result as asn1js.OctetString;
  const wanted = Buffer.from((info.sid as asn1js.Primitive).valueBlock.valueHexView);
  return Buffer.from(inner.valueBlock.valueHexView).equals(wanted);
}

/** The ESSCertID(v2) hashes the attribute names, with their algorithm (v2 defaults to SHA-256). */
function essCertHashes(value: asn1js.AsnType, v2: boolean): { digest: DigestName; hash: Buffer }[] {
  if (!(value instanceof asn1js.Sequence)) return [];
  const certs = value.valueBlock.value[0];
  if (!(certs instanceof asn1js.Sequence)) return [];
  return certs.valueBlock.value.flatMap((id) => {
    if (!(id instanceof asn1js.Sequence)) return [];
    const items = id.valueBlock.value;
    let digest: DigestName = v2 ? 'sha256' : 'sha1';
    let index = 0;
    if (v2 && items[0] instanceof asn1js.Sequence) {
      const algorithm = new pkijs.AlgorithmIdentifier({ schema: items[0] });
      const named = DIGEST_OIDS[algorithm.algorithmId];
      if (!named) return [];
      digest = named;
      index = 1;
    }
    const hash = items[index];
    return hash instanceof asn1js.OctetString ? [{ digest, hash: Buffer.from(hash.valueBlock.valueHexView) }] : [];
  });
}

function timeOf(value: asn1js.AsnType | undefined): Date | undefined {
  if (value instanceof asn1js.UTCTime || value instanceof asn1js.GeneralizedTime) return value.toDate();
  return undefined;
}

export function checkCms(der: Buffer, digests: Record<DigestName, Buffer>): CmsCheck {
  const result: CmsCheck = {
    certificates: [],
    digestMatches: false,
    signatureValid: false,
    signingCertificateAttribute: null,
    signingCertificateMatches: false,
    hasSignatureTimeStamp: false,
  };
  let signed: pkijs.SignedData;
  try {
    const asn = asn1js.fromBER(new Uint8Array(der));
    if (asn.offset === -1) return { ...result, unreadable: 'la signature n’est pas une structure ASN.1 lisible' };
    const info = new pkijs.ContentInfo({ schema: asn.result });
    if (info.contentType !== OID.signedData)
      return { ...result, unreadable: 'la signature n’est pas un CMS SignedData' };
    signed = new pkijs.SignedData({ schema: info.content });
  } catch (error) {
    return { ...result, unreadable: `la signature n’est pas un CMS lisible (${(error as Error).message})` };
  }
  const signerInfo = signed.signerInfos[0];
  if (!signerInfo) return { ...result, unreadable: 'le CMS ne contient aucun signataire' };
  const certificates = (signed.certificates ?? []).filter(
    (c): c is pkijs.Certificate => c instanceof pkijs.Certificate,
  );
  const signer = certificates.find((c) => sameSigner(signerInfo, c));
  result.certificates = certificates.filter((c) => c !== signer);
  if (!signer) return { ...result, unreadable: 'le certificat du signataire n’est pas joint à la signature' };
  result.signer = signer;
  const digest = DIGEST_OIDS[signerInfo.digestAlgorithm.algorithmId];
  if (!digest)
    return {
      ...result,
      unreadable: `algorithme d’empreinte non pris en charge (${signerInfo.digestAlgorithm.algorithmId})`,
    };
  result.digestAlgorithm = digest;
  result.hasSignatureTimeStamp = !!signerInfo.unsignedAttrs?.attributes.some((a) => a.type === OID.signatureTimeStamp);
  if (!signerInfo.signedAttrs) {
    // PAdES requires signed attributes (the signature then covers the messageDigest, not the bytes themselves).
    result.signatureProblem = 'la signature n’a pas d’attributs signés (exigés par PAdES)';
    return result;
  }
  const messageDigest = attributeOf(signerInfo, OID.messageDigest);
  result.digestMatches =
    messageDigest instanceof asn1js.OctetString &&
    Buffer.from(messageDigest.valueBlock.valueHexView).equals(digests[digest]);
  result.signingTime = timeOf(attributeOf(signerInfo, OID.signingTime));

  const certDer = Buffer.from(signer.toSchema().toBER(false));
  const v2 = attributeOf(signerInfo, OID.signingCertificateV2);
  const v1 = attributeOf(signerInfo, OID.signingCertificate);
  const ess = v2 ?? v1;
  if (ess) {
    result.signingCertificateAttribute = v2 ? 'v2' : 'v1';
    result.signingCertificateMatches = essCertHashes(ess, !!v2).some((h) =>
      createHash(h.digest).update(certDer).digest().equals(h.hash),
    );
  }

  // RFC 5652 §5.4: the signature is over the DER of the signed attributes with an EXPLICIT SET OF tag.
  const signedAttrs = Buffer.from(signerInfo.signedAttrs.encodedValue);
  signedAttrs[0] = 0x31;
  const algorithm = signerInfo.signatureAlgorithm.algorithmId;
  const known = SIGNATURE_OIDS[algorithm];
  if (!known && algorithm !== OID.rsaPss) {
    result.signatureProblem = `algorithme de signature non pris en charge (${algorithm})`;
    return result;
  }
  try {
    const key = createPublicKey({
      key: Buffer.from(signer.subjectPublicKeyInfo.toSchema().toBER(false)),
      format: 'der',
      type: 'spki',
    });
    const signature = Buffer.from(signerInfo.signature.valueBlock.valueHexView);
    const options =
      algorithm === OID.rsaPss
        ? { key, padding: 6 /* RSA_PKCS1_PSS_PADDING */, saltLength: -2 /* recovered from the signature */ }
        : key;
    result.signatureValid = verify(known?.digest ?? digest, signedAttrs, options, signature);
  } catch (error) {
    result.signatureProblem = `la signature n’a pas pu être vérifiée (${(error as Error).message})`;
  }
  return result;
}
