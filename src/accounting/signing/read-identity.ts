// Reads a signing identity as the ordonnateur uploads it (certificate and private key, PEM): the key must be an RSA
// key matching the certificate, and the certificate valid now. What is kept in clear identifies the certificate
// (subject, issuer, serial, fingerprint, validity); the key itself is only ever sealed.
import { createPrivateKey, X509Certificate, type KeyObject } from 'node:crypto';
import { AppError } from '../../platform/errors.ts';
import type { SigningIdentity } from '../signature/sign-bordereau.ts';

export interface SigningIdentityFacts {
  subject: string;
  issuer: string;
  serialNumber: string;
  fingerprintSha256: string;
  validFrom: Date;
  validTo: Date;
}

export interface UploadedIdentity {
  certificatePem: string;
  privateKeyPem: string;
  /** When the private key is encrypted. */
  passphrase?: string;
}

const refused = (code: string, message: string) => new AppError(code, message, 422);
/** "CN=A\nO=B" as one line, as the pages show it. */
const oneLine = (name: string) => name.split('\n').join(', ');

function certificateOf(pem: string): X509Certificate {
  // A chain may follow: the first certificate is the signer's.
  const first = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/.exec(pem)?.[0];
  try {
    if (!first) throw new Error('no PEM block');
    return new X509Certificate(first);
  } catch {
    throw refused(
      'SIGNING_CERTIFICATE_UNREADABLE',
      'Le certificat n’est pas lisible : déposez le certificat X.509 de l’ordonnateur au format PEM (« -----BEGIN CERTIFICATE----- »).',
    );
  }
}

function keyOf(pem: string, passphrase: string | undefined): KeyObject {
  try {
    return createPrivateKey({ key: pem, format: 'pem', ...(passphrase ? { passphrase } : {}) });
  } catch {
    throw refused(
      'SIGNING_KEY_UNREADABLE',
      passphrase
        ? 'La clé privée n’est pas lisible avec cette phrase secrète : vérifiez la phrase et le fichier (PEM).'
        : 'La clé privée n’est pas lisible : déposez-la au format PEM, avec sa phrase secrète si elle est chiffrée.',
    );
  }
}

export function factsOf(certificate: X509Certificate): SigningIdentityFacts {
  return {
    subject: oneLine(certificate.subject),
    issuer: oneLine(certificate.issuer),
    serialNumber: certificate.serialNumber,
    fingerprintSha256: certificate.fingerprint256,
    validFrom: new Date(certificate.validFrom),
    validTo: new Date(certificate.validTo),
  };
}

/** Refused with a precise French error when it cannot sign for Hélios now; normalised (PKCS#8 key) otherwise. */
export function readSigningIdentity(
  uploaded: UploadedIdentity,
  now: Date,
): { identity: SigningIdentity; facts: SigningIdentityFacts } {
  const certificate = certificateOf(uploaded.certificatePem);
  const key = keyOf(uploaded.privateKeyPem, uploaded.passphrase);
  if (key.asymmetricKeyType !== 'rsa')
    throw refused(
      'SIGNING_KEY_NOT_RSA',
      `La clé privée est de type ${key.asymmetricKeyType ?? 'inconnu'} : Hélios attend une signature RSA-SHA256, donc une clé RSA.`,
    );
  if (!certificate.checkPrivateKey(key))
    throw refused(
      'SIGNING_KEY_MISMATCH',
      'La clé privée ne correspond pas au certificat : déposez la clé du certificat de l’ordonnateur.',
    );
  const facts = factsOf(certificate);
  if (now < facts.validFrom || now > facts.validTo)
    throw refused(
      'SIGNING_CERTIFICATE_NOT_VALID',
      `Le certificat n’est pas valide aujourd’hui (valide du ${facts.validFrom.toISOString().slice(0, 10)} au ${facts.validTo.toISOString().slice(0, 10)}).`,
    );
  return {
    identity: {
      certificatePem: certificate.toString(),
      privateKeyPem: key.export({ type: 'pkcs8', format: 'pem' }).toString(),
    },
    facts,
  };
}
