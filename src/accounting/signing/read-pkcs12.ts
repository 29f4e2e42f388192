// A PKCS#12 file (.p12, .pfx) as certificate authorities deliver signing identities, opened with its passphrase
// (pkijs, already used by the tender room): the private key and the certificate that matches it, as PEM, for the
// same checks as an upload in PEM.
import { createPrivateKey, X509Certificate, type KeyObject } from 'node:crypto';
import * as pkijs from 'pkijs';
import { AppError } from '../../platform/errors.ts';
import type { UploadedIdentity } from './read-identity.ts';

const KEY_BAG = '1.2.840.113549.1.12.10.1.1';
const SHROUDED_KEY_BAG = '1.2.840.113549.1.12.10.1.2';
const CERT_BAG = '1.2.840.113549.1.12.10.1.3';

const unreadable = () =>
  new AppError(
    'SIGNING_PKCS12_UNREADABLE',
    'Le fichier PKCS#12 n’est pas lisible avec cette phrase secrète : vérifiez la phrase et le fichier (.p12, .pfx).',
    422,
  );

const pem = (label: string, der: ArrayBuffer) =>
  `-----BEGIN ${label}-----\n${(
    Buffer.from(der)
      .toString('base64')
      .match(/.{1,64}/g) ?? []
  ).join('\n')}\n-----END ${label}-----\n`;

async function bagsOf(bytes: Buffer, password: ArrayBuffer): Promise<pkijs.SafeBag[]> {
  const pfx = pkijs.PFX.fromBER(new Uint8Array(bytes).buffer);
  await pfx.parseInternalValues({ password, checkIntegrity: true });
  const authenticated = pfx.parsedValue?.authenticatedSafe;
  if (!authenticated) throw new Error('no authenticated safe');
  await authenticated.parseInternalValues({ safeContents: authenticated.safeContents.map(() => ({ password })) });
  const contents = (authenticated.parsedValue?.safeContents ?? []) as { value: pkijs.SafeContents }[];
  return contents.flatMap((content) => content.value.safeBags);
}

export async function identityFromPkcs12(bytes: Buffer, passphrase: string): Promise<UploadedIdentity> {
  const password = new Uint8Array(Buffer.from(passphrase, 'utf8')).buffer;
  let keys: KeyObject[] = [];
  let certificates: X509Certificate[] = [];
  try {
    for (const bag of await bagsOf(bytes, password)) {
      if (bag.bagId === SHROUDED_KEY_BAG) {
        const shrouded = bag.bagValue as pkijs.PKCS8ShroudedKeyBag;
        // Public in pkijs' own examples, protected in its typings.
        await (
          shrouded as unknown as { parseInternalValues(p: { password: ArrayBuffer }): Promise<void> }
        ).parseInternalValues({ password });
        if (shrouded.parsedValue) keys.push(keyOf(shrouded.parsedValue));
      } else if (bag.bagId === KEY_BAG) keys.push(keyOf(bag.bagValue as pkijs.PrivateKeyInfo));
      else if (bag.bagId === CERT_BAG) {
        const certificate = (bag.bagValue as pkijs.CertBag).parsedValue;
        if (certificate instanceof pkijs.Certificate)
          certificates.push(new X509Certificate(Buffer.from(certificate.toSchema().toBER(false))));
      }
    }
  } catch {
    throw unreadable();
  }
  keys = keys.slice(0, 1);
  certificates = certificates.filter((c) => keys[0] !== undefined && c.checkPrivateKey(keys[0]));
  const [key] = keys;
  const [certificate] = certificates;
  if (!key || !certificate)
    throw new AppError(
      'SIGNING_PKCS12_INCOMPLETE',
      'Le fichier PKCS#12 ne contient pas une clé privée et le certificat qui lui correspond.',
      422,
    );
  return {
    certificatePem: certificate.toString(),
    privateKeyPem: key.export({ type: 'pkcs8', format: 'pem' }).toString(),
  };
}

function keyOf(info: pkijs.PrivateKeyInfo): KeyObject {
  return createPrivateKey({ key: pem('PRIVATE KEY', info.toSchema().toBER(false)), format: 'pem' });
}
