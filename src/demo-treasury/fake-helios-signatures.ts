// The fake treasury's check of bordereau signatures, as Hélios does it and apart from the hub's verifier: xmlsec1
// (libxmlsec1, another implementation of XML-DSig) verifies each bordereau's enveloped signature in the received
// file — signature value, both references — then the certificate is checked at the signing time (against the
// trusted authorities when given) and the claimed role and policy read. Debian package `xmlsec1`.
import { execFile } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { XMLParser } from 'fast-xml-parser';

const run = promisify(execFile);
const XADES_132 = 'http://uri.etsi.org/01903/v1.3.2#';
const HELIOS_POLICY = 'urn:oid:1.2.250.1.131.1.5.18.21.1.4';

export interface SignatureFault {
  code: 'ERREUR_SIGNATURE_BORDEREAU_INVALIDE' | 'ERREUR_SIGNATURE_BORDEREAU_INCOMPLETE' | 'ERREUR_CERTIFICAT';
  label: string;
  idBord: string;
}

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '',
  removeNSPrefix: true,
  isArray: (name) => name === 'Bordereau',
});

type Node = Record<string, unknown>;
const at = (node: unknown, ...path: string[]): unknown =>
  path.reduce<unknown>((n, key) => (n && typeof n === 'object' ? (n as Node)[key] : undefined), node);
const textOf = (node: unknown): string | undefined =>
  typeof node === 'string' ? node : typeof node === 'object' && node ? ((node as Node)['#text'] as string) : undefined;

interface SignedBordereau {
  /** 1-based position among the file's bordereaux, for the XPath given to xmlsec1. */
  position: number;
  idBord: string;
  signature: Node;
}

function signedBordereaux(text: string): SignedBordereau[] {
  const root = (parser.parse(text) as Node).PES_Aller as Node | undefined;
  const all = [
    ...((at(root, 'PES_DepenseAller', 'Bordereau') as Node[] | undefined) ?? []),
    ...((at(root, 'PES_RecetteAller', 'Bordereau') as Node[] | undefined) ?? []),
  ];
  return all.flatMap((bord, index) => {
    const signature = bord.Signature as Node | undefined;
    const idBord = (at(bord, 'BlocBordereau', 'IdBord', 'V') as string | undefined) ?? '';
    return signature ? [{ position: index + 1, idBord, signature }] : [];
  });
}

async function xmlsecVerifies(path: string, position: number, trustedPem: string | undefined, dir: string) {
  const trust = trustedPem ? ['--trusted-pem', join(dir, 'trusted.pem')] : ['--insecure'];
  const xpath =
    `(/*/*[local-name()='PES_DepenseAller' or local-name()='PES_RecetteAller']/*[local-name()='Bordereau'])` +
    `[${position}]/*[local-name()='Signature']`;
  try {
    await run('xmlsec1', [
      '--verify',
      '--id-attr:Id',
      'Bordereau',
      '--id-attr:Id',
      `${XADES_132}:SignedProperties`,
      ...trust,
      '--node-xpath',
      xpath,
      path,
    ]);
    return true;
  } catch (error) {
    // Without the tool nothing was verified: saying "invalid" would be a false verdict.
    if ((error as NodeJS.ErrnoException).code === 'ENOENT')
      throw new Error(
        'xmlsec1 est introuvable (paquet Debian xmlsec1) : la trésorerie de démonstration ne peut pas vérifier les signatures.',
        { cause: error },
      );
    return false;
  }
}

/** The first broken signature of the file at `path`, or none; `verified` receives each bordereau found sound. */
export async function firstBrokenSignature(
  path: string,
  text: string,
  options: { trustedPem?: string; verified: (idBord: string) => void },
): Promise<SignatureFault | undefined> {
  const signed = signedBordereaux(text);
  if (signed.length === 0) return undefined;
  const dir = await mkdtemp(join(tmpdir(), 'fake-helios-sig-'));
  try {
    if (options.trustedPem) await writeFile(join(dir, 'trusted.pem'), options.trustedPem);
    for (const { position, idBord, signature } of signed) {
      const fault = (code: SignatureFault['code'], label: string): SignatureFault => ({
        code,
        label: `${label} (bordereau ${idBord})`,
        idBord,
      });
      if (!(await xmlsecVerifies(path, position, options.trustedPem, dir)))
        return fault('ERREUR_SIGNATURE_BORDEREAU_INVALIDE', 'La signature du bordereau est invalide');
      const properties = at(
        signature,
        'Object',
        'QualifyingProperties',
        'SignedProperties',
        'SignedSignatureProperties',
      );
      const signingTime = textOf(at(properties, 'SigningTime'));
      const base64 = textOf(at(signature, 'KeyInfo', 'X509Data', 'X509Certificate'));
      if (!signingTime || !base64)
        return fault('ERREUR_SIGNATURE_BORDEREAU_INCOMPLETE', 'Date de signature ou certificat absent');
      const certificate = new X509Certificate(Buffer.from(base64.replace(/\s+/g, ''), 'base64'));
      const when = new Date(signingTime);
      if (!(when >= new Date(certificate.validFrom) && when <= new Date(certificate.validTo)))
        return fault('ERREUR_CERTIFICAT', 'Le certificat n’était pas valide à la date de signature');
      const policy = textOf(
        at(properties, 'SignaturePolicyIdentifier', 'SignaturePolicyId', 'SigPolicyId', 'Identifier'),
      );
      const role = textOf(at(properties, 'SignerRole', 'ClaimedRoles', 'ClaimedRole'));
      if (policy !== HELIOS_POLICY || role !== 'Ordonnateur')
        return fault('ERREUR_SIGNATURE_BORDEREAU_INVALIDE', `Politique ${policy} ou rôle ${role} non admis`);
      options.verified(idBord);
    }
    return undefined;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
