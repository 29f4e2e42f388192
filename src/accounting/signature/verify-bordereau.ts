// Verifies the enveloped XAdES signature of one Bordereau element as Hélios does: the signature value and every
// reference digest (xml-crypto), a reference to the bordereau itself and one to the SignedProperties, the signing
// certificate (digest in SigningCertificate, validity at SigningTime), the Hélios policy and the role Ordonnateur.
// Only the bordereau's text is parsed, never the whole PES.
import { createHash, X509Certificate } from 'node:crypto';
import { DOMParser, type Element } from '@xmldom/xmldom';
import { SignedXml } from 'xml-crypto';
import type { AckErrorCode } from '../domain/check-issue.ts';
import { DS_NS, HELIOS_POLICY_OID, ORDONNATEUR_ROLE, SIGNED_PROPERTIES_TYPE, XADES_NS } from './xades-profile.ts';

export type SignatureVerdict =
  { ok: true; signingTime: Date; signer: string } | { ok: false; code: AckErrorCode; message: string };

const refuse = (code: AckErrorCode, message: string): SignatureVerdict => ({ ok: false, code, message });

const childElements = (parent: Element, ns: string, local: string): Element[] =>
  Array.from(parent.childNodes).filter(
    (node): node is Element =>
      node.nodeType === 1 && (node as Element).localName === local && (node as Element).namespaceURI === ns,
  );

const firstText = (root: Element, ns: string, local: string): string | undefined => {
  const found = root.getElementsByTagNameNS(ns, local)[0];
  return found?.textContent?.trim() ?? undefined;
};

const uriTarget = (uri: string | undefined): string => (uri?.startsWith('#') ? uri.slice(1) : (uri ?? ''));

export function verifyBordereauSignature(bordereauXml: string): SignatureVerdict {
  let bordereau: Element | null;
  try {
    const parsed = new DOMParser().parseFromString(bordereauXml, 'text/xml');
    bordereau = parsed.documentElement;
  } catch (error) {
    return refuse(
      'ERREUR_SIGNATURE_BORDEREAU_ILLISIBLE',
      `La signature ne peut pas être lue : ${(error as Error).message}.`,
    );
  }
  if (!bordereau || bordereau.localName !== 'Bordereau')
    return refuse('ERREUR_SIGNATURE_BORDEREAU_ILLISIBLE', 'Le bordereau signé ne peut pas être lu.');
  const id = bordereau.getAttribute('Id');
  const [signature, ...others] = childElements(bordereau, DS_NS, 'Signature');
  if (!signature) return refuse('ERREUR_SIGNATURE_BORDEREAU_INCOMPLETE', 'Le bordereau n’est pas signé.');
  if (others.length > 0)
    return refuse('ERREUR_SIGNATURE_BORDEREAU_INVALIDE', 'Le bordereau porte plusieurs signatures.');
  if (!id)
    return refuse(
      'ERREUR_SIGNATURE_BORDEREAU_INCOMPLETE',
      'Le bordereau signé n’a pas d’attribut Id : sa signature ne peut pas le désigner.',
    );

  const base64Cert = firstText(signature, DS_NS, 'X509Certificate');
  if (!base64Cert)
    return refuse(
      'ERREUR_SIGNATURE_BORDEREAU_INCOMPLETE',
      'La signature ne contient pas le certificat du signataire (KeyInfo/X509Certificate).',
    );
  let certificate: X509Certificate;
  try {
    certificate = new X509Certificate(Buffer.from(base64Cert.replace(/\s+/g, ''), 'base64'));
  } catch {
    return refuse('ERREUR_CERTIFICAT', 'Le certificat du signataire est illisible.');
  }

  const verifier = new SignedXml({ publicCert: certificate.toString() });
  let valid: boolean;
  try {
    verifier.loadSignature(signature);
    valid = verifier.checkSignature(bordereauXml);
  } catch (error) {
    return refuse(
      'ERREUR_SIGNATURE_BORDEREAU_INVALIDE',
      `La signature du bordereau est invalide : ${(error as Error).message}.`,
    );
  }
  if (!valid)
    return refuse(
      'ERREUR_SIGNATURE_BORDEREAU_INVALIDE',
      'La signature du bordereau est invalide : son contenu a été modifié après la signature, ou la valeur de signature ne correspond pas au certificat.',
    );

  const references = verifier.getReferences();
  if (
    !references.some(
      (reference) =>
        uriTarget(reference.uri) === id &&
        reference.transforms.includes('http://www.w3.org/2000/09/xmldsig#enveloped-signature'),
    )
  )
    return refuse(
      'ERREUR_SIGNATURE_BORDEREAU_INCOMPLETE',
      `La signature ne porte pas sur le bordereau lui-même (référence « #${id} » enveloppée absente).`,
    );
  // xml-crypto does not keep a reference's Type: read it from the SignedInfo, the digests were checked above.
  const signedInfo = childElements(signature, DS_NS, 'SignedInfo')[0];
  const typed = signedInfo
    ? childElements(signedInfo, DS_NS, 'Reference').find((r) => r.getAttribute('Type') === SIGNED_PROPERTIES_TYPE)
    : undefined;
  const propertiesUri = uriTarget(typed?.getAttribute('URI') ?? undefined);
  const propertiesReference = references.find((reference) => uriTarget(reference.uri) === propertiesUri);
  const properties = signature.getElementsByTagNameNS(XADES_NS, 'SignedProperties')[0];
  if (!propertiesReference || !properties || properties.getAttribute('Id') !== propertiesUri)
    return refuse(
      'ERREUR_SIGNATURE_BORDEREAU_INCOMPLETE',
      'La signature n’est pas une signature XAdES : les propriétés signées (SignedProperties) manquent ou ne sont pas signées.',
    );

  const signingTimeText = firstText(properties, XADES_NS, 'SigningTime');
  const signingTime = signingTimeText ? new Date(signingTimeText) : undefined;
  if (!signingTime || Number.isNaN(signingTime.getTime()))
    return refuse(
      'ERREUR_SIGNATURE_BORDEREAU_INCOMPLETE',
      'La date de signature (SigningTime) manque ou est illisible.',
    );
  const certDigest = firstText(properties, XADES_NS, 'CertDigest') ?? '';
  const digestMethod =
    properties
      .getElementsByTagNameNS(XADES_NS, 'CertDigest')[0]
      ?.getElementsByTagNameNS(DS_NS, 'DigestMethod')[0]
      ?.getAttribute('Algorithm') ?? '';
  const hash = digestMethod.endsWith('sha256') ? 'sha256' : digestMethod.endsWith('sha1') ? 'sha1' : undefined;
  if (!hash || createHash(hash).update(certificate.raw).digest('base64') !== certDigest)
    return refuse(
      'ERREUR_CERTIFICAT',
      'Le certificat joint à la signature n’est pas celui désigné par les propriétés signées (SigningCertificate).',
    );
  if (signingTime < new Date(certificate.validFrom) || signingTime > new Date(certificate.validTo))
    return refuse(
      'ERREUR_CERTIFICAT',
      `Le certificat du signataire n’était pas valide à la date de signature (${signingTime.toISOString()}) : il l’est du ${new Date(certificate.validFrom).toISOString()} au ${new Date(certificate.validTo).toISOString()}.`,
    );

  const policy = firstText(properties, XADES_NS, 'Identifier');
  if (policy !== HELIOS_POLICY_OID)
    return refuse(
      'ERREUR_SIGNATURE_BORDEREAU_INVALIDE',
      `La politique de signature « ${policy ?? 'absente'} » n’est pas celle d’Hélios (${HELIOS_POLICY_OID}).`,
    );
  const roles = Array.from(properties.getElementsByTagNameNS(XADES_NS, 'ClaimedRole')).map((role) =>
    role.textContent?.trim(),
  );
  if (!roles.includes(ORDONNATEUR_ROLE))
    return refuse(
      'ERREUR_SIGNATURE_BORDEREAU_INVALIDE',
      `Le rôle déclaré du signataire (${roles.join(', ') || 'aucun'}) n’est pas « Ordonnateur ».`,
    );
  return { ok: true, signingTime, signer: certificate.subject.replace(/\n/g, ', ') };
}
