// Signs one Bordereau element (its text alone, not the whole PES: memory is bounded by the largest bordereau)
// with an enveloped XAdES-BES signature in the Hélios profile, SHA-256 / RSA-SHA256, appended as its last child.
import { createHash, X509Certificate } from 'node:crypto';
import { SignedXml } from 'xml-crypto';
import {
  DS_NS,
  ENVELOPED,
  EXC_C14N,
  HELIOS_POLICY_DESCRIPTION,
  HELIOS_POLICY_OID,
  HELIOS_POLICY_URI,
  ORDONNATEUR_ROLE,
  RSA_SHA256,
  SHA256,
  SIGNED_PROPERTIES_TYPE,
  XADES_NS,
  signatureIdOf,
  signedPropertiesIdOf,
} from './xades-profile.ts';

export interface SigningIdentity {
  /** PKCS#8 private key, PEM. */
  privateKeyPem: string;
  /** The signer's certificate, PEM. */
  certificatePem: string;
}

export interface SignOptions {
  signingTime: Date;
  /** The claimed role; Hélios requires Ordonnateur, other values exist only to test the refusal. */
  role?: string;
  /** The policy identifier; same remark. */
  policyOid?: string;
  city?: string;
}

export class BordereauSigningError extends Error {}

const escapeXml = (text: string): string =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** The bordereau's Id, required: the signature's reference points at it. */
export function bordereauIdOf(bordereauXml: string): string {
  const open = /^\s*<Bordereau\b([^>]*)>/.exec(bordereauXml);
  const id = open ? /\sId\s*=\s*["']([^"']+)["']/.exec(open[1] ?? '') : null;
  if (!id?.[1]) throw new BordereauSigningError("Le bordereau n'a pas d'attribut Id : il ne peut pas être signé.");
  return id[1];
}

function qualifyingProperties(bordereauId: string, certificate: X509Certificate, options: SignOptions): string {
  const certDigest = createHash('sha256').update(certificate.raw).digest('base64');
  const policyHash = createHash('sha256').update(HELIOS_POLICY_URI).digest('base64');
  const serial = BigInt(`0x${certificate.serialNumber}`).toString(10);
  const issuer = certificate.issuer.split('\n').reverse().join(', ');
  const ds = `xmlns:ds="${DS_NS}"`;
  return (
    `<xad:QualifyingProperties xmlns:xad="${XADES_NS}" ${ds} Target="#${signatureIdOf(bordereauId)}">` +
    `<xad:SignedProperties Id="${signedPropertiesIdOf(bordereauId)}"><xad:SignedSignatureProperties>` +
    `<xad:SigningTime>${options.signingTime.toISOString()}</xad:SigningTime>` +
    `<xad:SigningCertificate><xad:Cert><xad:CertDigest><ds:DigestMethod Algorithm="${SHA256}"/>` +
    `<ds:DigestValue>${certDigest}</ds:DigestValue></xad:CertDigest><xad:IssuerSerial>` +
    `<ds:X509IssuerName>${escapeXml(issuer)}</ds:X509IssuerName><ds:X509SerialNumber>${serial}</ds:X509SerialNumber>` +
    `</xad:IssuerSerial></xad:Cert></xad:SigningCertificate>` +
    `<xad:SignaturePolicyIdentifier><xad:SignaturePolicyId><xad:SigPolicyId>` +
    `<xad:Identifier>${escapeXml(options.policyOid ?? HELIOS_POLICY_OID)}</xad:Identifier>` +
    `<xad:Description>${HELIOS_POLICY_DESCRIPTION}</xad:Description></xad:SigPolicyId>` +
    `<xad:SigPolicyHash><ds:DigestMethod Algorithm="${SHA256}"/><ds:DigestValue>${policyHash}</ds:DigestValue>` +
    `</xad:SigPolicyHash><xad:SigPolicyQualifiers><xad:SigPolicyQualifier><xad:SPURI>${HELIOS_POLICY_URI}</xad:SPURI>` +
    `</xad:SigPolicyQualifier></xad:SigPolicyQualifiers></xad:SignaturePolicyId></xad:SignaturePolicyIdentifier>` +
    `<xad:SignatureProductionPlace><xad:City>${escapeXml(options.city ?? '')}</xad:City>` +
    `<xad:CountryName>France</xad:CountryName></xad:SignatureProductionPlace>` +
    `<xad:SignerRole><xad:ClaimedRoles><xad:ClaimedRole>${escapeXml(options.role ?? ORDONNATEUR_ROLE)}</xad:ClaimedRole>` +
    `</xad:ClaimedRoles></xad:SignerRole></xad:SignedSignatureProperties></xad:SignedProperties>` +
    `</xad:QualifyingProperties>`
  );
}

/** The bordereau with its signature appended as the last child. */
export function signBordereau(bordereauXml: string, identity: SigningIdentity, options: SignOptions): string {
  const bordereauId = bordereauIdOf(bordereauXml);
  if (/<(?:\w+:)?Signature[\s>]/.test(bordereauXml))
    throw new BordereauSigningError(`Le bordereau ${bordereauId} est déjà signé.`);
  const certificate = new X509Certificate(identity.certificatePem);
  const base64Cert = certificate.raw.toString('base64');
  const signer = new SignedXml({
    privateKey: identity.privateKeyPem,
    publicCert: identity.certificatePem,
    signatureAlgorithm: RSA_SHA256,
    canonicalizationAlgorithm: EXC_C14N,
    getKeyInfoContent: () => `<ds:X509Data><ds:X509Certificate>${base64Cert}</ds:X509Certificate></ds:X509Data>`,
    objects: [{ content: qualifyingProperties(bordereauId, certificate, options) }],
  });
  signer.addReference({
    xpath: `/*[@Id='${bordereauId}']`,
    transforms: [ENVELOPED, EXC_C14N],
    digestAlgorithm: SHA256,
  });
  signer.addReference({
    xpath: `//*[local-name(.)='SignedProperties' and @Id='${signedPropertiesIdOf(bordereauId)}']`,
    transforms: [EXC_C14N],
    digestAlgorithm: SHA256,
    type: SIGNED_PROPERTIES_TYPE,
  });
  signer.computeSignature(bordereauXml, {
    prefix: 'ds',
    attrs: { Id: signatureIdOf(bordereauId) },
    location: { reference: '/*', action: 'append' },
  });
  return signer.getSignedXml();
}
