// Verifies the signatures of a signed contract (PDF, PAdES) already in the file store, as art. 5 of the arrêté of
// 22 March 2019 asks (SIG-05): the signed document's integrity, the signer, the certificate's validity at the
// signing time and its category (qualified as declared by the certificate; the chain to a trusted list only when
// anchors are configured). The report is in French; the decision refuses a broken, missing or out-of-validity
// signature and accepts the rest with warnings.
import type { FileStore } from '../../platform/files/index.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { formatDateTime } from '../../web/format.ts';
import { certificateFacts } from './certificate-facts.ts';
import { checkChain, type ChainCheck } from './chain.ts';
import { checkCms } from './cms-signature.ts';
import {
  dictionaryName,
  dictionaryString,
  findByteRanges,
  MAX_SIGNATURES,
  pdfDate,
  rangeProblem,
  readSignedRanges,
} from './pdf-signatures.ts';

export const SUPPORTED_SUBFILTERS = ['ETSI.CAdES.detached', 'adbe.pkcs7.detached'] as const;

export type RefusalReason = 'NO_SIGNATURE' | 'INTEGRITY' | 'CERTIFICATE_NOT_VALID_AT_SIGNING_TIME';

export interface SignatureEntry {
  numero: number;
  format: string;
  signataire: string | null;
  emetteur: string | null;
  numeroDeSerie: string | null;
  dateDeSignature: string | null;
  sourceDeLaDate: string;
  integrite: 'OK' | 'KO';
  detailIntegrite: string;
  validiteDuCertificat: { du: string; au: string } | null;
  certificatValideALaDateDeSignature: boolean;
  usageDeCle: string;
  qualifieDeclare: boolean;
  detailQualification: string;
  politiques: string[];
  attributCertificatSignataire: string;
  horodatage: string;
  couverture: { documentEntier: boolean; detail: string };
  chaineDeConfiance: ChainCheck;
}

export interface SignatureReport {
  verifieLe: string;
  fichier: { nom: string; taille: number; sha256: string };
  decision: 'accepte' | 'refuse';
  motifDuRefus: { raison: RefusalReason; message: string } | null;
  avertissements: string[];
  signatures: SignatureEntry[];
  limites: string;
}

export const VERIFICATION_LIMITS =
  'Vérifié : intégrité de chaque signature (plages signées, empreinte, signature du signataire), attribut ' +
  'certificat du signataire, validité du certificat à la date de signature, usage de la clé, déclaration ' +
  '« qualifié » portée par le certificat (QcCompliance, QcType esign, politiques). Non vérifié : la révocation ' +
  '(ni OCSP ni CRL) et, sans autorités configurées, la chaîne de confiance jusqu’aux listes de confiance de l’UE ' +
  '(le hub n’a pas d’accès au réseau) : « qualifié » est alors déclaré par le certificat, non prouvé.';

export interface VerifyOptions {
  now: Date;
  /** PEM bundle of trusted CAs; none: the chain is not verified. */
  trustAnchorsPem?: string | undefined;
}

async function openStream(files: FileStore, fileId: string) {
  const opened = await files.get(fileId);
  if (!opened) throw notFound('Fichier');
  return opened;
}

/** The report of a stored PDF, or CONTRACT_NOT_PDF (422) when the file is no PDF. */
export async function verifyContractPdf(
  files: FileStore,
  fileId: string,
  options: VerifyOptions,
): Promise<SignatureReport> {
  const first = await openStream(files, fileId);
  const scan = await findByteRanges(first.stream);
  if (!scan.isPdf)
    throw new AppError(
      'CONTRACT_NOT_PDF',
      `Le fichier « ${first.file.fileName || 'sans nom'} » n’est pas un PDF : le marché signé doit être un PDF ` +
        'signé électroniquement (PAdES).',
      422,
      { field: 'contrat' },
    );
  const warnings: string[] = [];
  if (scan.found.length > MAX_SIGNATURES)
    warnings.push(`Plus de ${MAX_SIGNATURES} signatures : seules les ${MAX_SIGNATURES} premières sont vérifiées.`);
  const candidates = scan.found.slice(0, MAX_SIGNATURES);
  const readable = candidates.flatMap((f) => {
    if (!f.byteRange) {
      warnings.push(`Un champ /ByteRange illisible (octet ${f.offset}) est ignoré.`);
      return [];
    }
    const problem = rangeProblem(f.byteRange, scan.size);
    if (problem) {
      warnings.push(`Une signature (octet ${f.offset}) est ignorée : ${problem}.`);
      return [];
    }
    return [f.byteRange];
  });
  const second = readable.length > 0 ? await openStream(files, fileId) : undefined;
  const ranges = second ? await readSignedRanges(second.stream, readable) : [];

  const signatures: SignatureEntry[] = [];
  for (const r of ranges) {
    const subFilter = dictionaryName(r.dictionary, 'SubFilter');
    const type = dictionaryName(r.dictionary, 'Type');
    if (type && type !== 'Sig') {
      warnings.push(
        `Un objet /${type} (${subFilter ?? 'sans SubFilter'}) n’est pas une signature du document ; il n’est pas vérifié.`,
      );
      continue;
    }
    if (!subFilter || !(SUPPORTED_SUBFILTERS as readonly string[]).includes(subFilter)) {
      warnings.push(
        `Une signature au format /SubFilter /${subFilter ?? '?'} n’est pas prise en charge (PAdES attendu).`,
      );
      continue;
    }
    signatures.push(await entryOf(signatures.length + 1, subFilter, r, scan.size, options));
  }

  let refusal: SignatureReport['motifDuRefus'] = null;
  if (signatures.length === 0)
    refusal = {
      raison: 'NO_SIGNATURE',
      message:
        'Le PDF ne porte aucune signature électronique lisible (PAdES : /SubFilter /ETSI.CAdES.detached ou ' +
        'adbe.pkcs7.detached) : un marché signé est attendu.',
    };
  else if (signatures.some((s) => s.integrite === 'KO'))
    refusal = {
      raison: 'INTEGRITY',
      message: `Intégrité KO : ${signatures
        .filter((s) => s.integrite === 'KO')
        .map((s) => `signature ${s.numero} — ${s.detailIntegrite}`)
        .join(' ; ')}. Le document a été modifié après sa signature ou la signature est altérée.`,
    };
  else if (signatures.some((s) => !s.certificatValideALaDateDeSignature))
    refusal = {
      raison: 'CERTIFICATE_NOT_VALID_AT_SIGNING_TIME',
      message: signatures
        .filter((s) => !s.certificatValideALaDateDeSignature)
        .map(
          (s) =>
            `Le certificat de ${s.signataire} (valide du ${formatDateTime(s.validiteDuCertificat!.du)} au ` +
            `${formatDateTime(s.validiteDuCertificat!.au)}) n’était pas valide à la date de signature ` +
            `(${formatDateTime(s.dateDeSignature!)}).`,
        )
        .join(' '),
    };
  for (const s of signatures) warnings.push(...entryWarnings(s));
  return {
    verifieLe: options.now.toISOString(),
    fichier: { nom: first.file.fileName, taille: scan.size, sha256: first.file.sha256 },
    decision: refusal ? 'refuse' : 'accepte',
    motifDuRefus: refusal,
    avertissements: warnings,
    signatures,
    limites: VERIFICATION_LIMITS,
  };
}

async function entryOf(
  numero: number,
  subFilter: string,
  r: Awaited<ReturnType<typeof readSignedRanges>>[number],
  size: number,
  options: VerifyOptions,
): Promise<SignatureEntry> {
  const [a, , c, d] = r.byteRange;
  const whole = a === 0 && c + d === size;
  const couverture = {
    documentEntier: whole,
    detail: whole
      ? 'La signature couvre le document entier (hors emplacement de la signature).'
      : a !== 0
        ? `La signature ne couvre pas les ${a} premiers octets du fichier.`
        : `La signature ne couvre pas les ${size - (c + d)} derniers octets : le document a reçu une mise à jour ` +
          'incrémentale après cette signature (ajout ou modification postérieure).',
  };
  const format =
    subFilter === 'ETSI.CAdES.detached' ? 'PAdES (ETSI.CAdES.detached)' : 'PDF PKCS#7 (adbe.pkcs7.detached)';
  const base = {
    numero,
    format,
    couverture,
    politiques: [] as string[],
  };
  const pdfTime = pdfDate(dictionaryString(r.dictionary, 'M'));
  if (!r.cms) {
    return {
      ...base,
      ...unknownSigner(options),
      integrite: 'KO',
      detailIntegrite: 'les plages signées (/ByteRange) n’encadrent pas exactement la valeur /Contents',
    };
  }
  const cms = checkCms(r.cms, r.digests);
  if (cms.unreadable || !cms.signer)
    return { ...base, ...unknownSigner(options), integrite: 'KO', detailIntegrite: cms.unreadable ?? 'illisible' };
  const facts = certificateFacts(cms.signer);
  const signedAt = cms.signingTime ?? pdfTime ?? options.now;
  const source = cms.signingTime
    ? 'attribut signé signingTime (déclaré par le signataire)'
    : pdfTime
      ? 'champ /M du PDF (déclaré par le signataire)'
      : 'aucune date déclarée : date de la vérification';
  const integrityProblems = [
    !cms.digestMatches ? 'l’empreinte des octets signés ne correspond pas à l’attribut messageDigest' : '',
    !cms.signatureValid ? (cms.signatureProblem ?? 'la signature ne se vérifie pas avec la clé du certificat') : '',
  ].filter(Boolean);
  const qualifiedNotes = [
    facts.qcCompliance ? 'QcCompliance (esi4-qcStatement-1)' : '',
    facts.qcTypes.length ? `QcType ${facts.qcTypes.join(', ')}` : '',
    facts.qcSscd ? 'QcSSCD (clé sur dispositif qualifié)' : '',
    ...facts.qualifiedPolicies,
  ].filter(Boolean);
  const qualified = facts.qcCompliance && (facts.qcTypes.length === 0 || facts.qcTypes.includes('esign'));
  const ku = facts.keyUsage;
  return {
    ...base,
    signataire: facts.subject,
    emetteur: facts.issuer,
    numeroDeSerie: facts.serialNumber,
    dateDeSignature: signedAt.toISOString(),
    sourceDeLaDate: source,
    integrite: integrityProblems.length === 0 ? 'OK' : 'KO',
    detailIntegrite:
      integrityProblems.length === 0
        ? `empreinte ${cms.digestAlgorithm?.toUpperCase()} des octets signés et signature du signataire vérifiées`
        : integrityProblems.join(' ; '),
    validiteDuCertificat: { du: facts.notBefore.toISOString(), au: facts.notAfter.toISOString() },
    certificatValideALaDateDeSignature:
      facts.notBefore.getTime() <= signedAt.getTime() && signedAt.getTime() <= facts.notAfter.getTime(),
    usageDeCle: !ku
      ? 'non précisé'
      : [ku.nonRepudiation ? 'nonRepudiation' : '', ku.digitalSignature ? 'digitalSignature' : '']
          .filter(Boolean)
          .join(', ') || 'ni nonRepudiation ni digitalSignature',
    qualifieDeclare: qualified,
    detailQualification: qualified
      ? `Qualifié : déclaré par le certificat (${qualifiedNotes.join(', ')}).`
      : `Le certificat ne se déclare pas qualifié pour la signature${qualifiedNotes.length ? ` (${qualifiedNotes.join(', ')})` : ''}.`,
    politiques: facts.policies,
    attributCertificatSignataire:
      cms.signingCertificateAttribute === 'v2'
        ? cms.signingCertificateMatches
          ? 'signingCertificateV2 présent, désigne le certificat du signataire'
          : 'signingCertificateV2 présent mais ne désigne pas le certificat joint'
        : cms.signingCertificateAttribute === 'v1'
          ? `signingCertificate (SHA-1) présent${cms.signingCertificateMatches ? '' : ', ne désigne pas le certificat joint'}`
          : 'absent',
    horodatage: cms.hasSignatureTimeStamp
      ? 'jeton d’horodatage de la signature présent (non vérifié)'
      : 'aucun jeton d’horodatage : la date de signature est celle déclarée par le signataire',
    chaineDeConfiance: await checkChain(cms.signer, cms.certificates, options.trustAnchorsPem, signedAt),
  };
}

function unknownSigner(options: VerifyOptions) {
  return {
    signataire: null,
    emetteur: null,
    numeroDeSerie: null,
    dateDeSignature: null,
    sourceDeLaDate: 'signature illisible',
    validiteDuCertificat: null,
    certificatValideALaDateDeSignature: false,
    usageDeCle: 'inconnu',
    qualifieDeclare: false,
    detailQualification: 'signature illisible',
    attributCertificatSignataire: 'inconnu',
    horodatage: 'inconnu',
    chaineDeConfiance: {
      status: 'non_verifiee' as const,
      detail: `Signature illisible, vérifiée le ${formatDateTime(options.now)}.`,
    },
  };
}

function entryWarnings(s: SignatureEntry): string[] {
  if (s.integrite === 'KO') return [];
  const who = `Signature ${s.numero} (${s.signataire})`;
  return [
    !s.couverture.documentEntier ? `${who} : ${s.couverture.detail}` : '',
    !s.format.startsWith('PAdES') ? `${who} : format ${s.format}, et non PAdES (/SubFilter /ETSI.CAdES.detached).` : '',
    !s.attributCertificatSignataire.startsWith('signingCertificateV2 présent, désigne')
      ? `${who} : attribut signingCertificateV2 ${s.attributCertificatSignataire === 'absent' ? 'absent' : `— ${s.attributCertificatSignataire}`} (exigé par PAdES baseline).`
      : '',
    s.usageDeCle === 'ni nonRepudiation ni digitalSignature'
      ? `${who} : l’usage de la clé du certificat n’autorise pas la signature.`
      : '',
    !s.qualifieDeclare
      ? `${who} : ${s.detailQualification} Une signature avancée sur certificat qualifié est exigée (SIG-01).`
      : '',
    s.chaineDeConfiance.status !== 'verifiee' ? `${who} : ${s.chaineDeConfiance.detail}` : '',
  ].filter(Boolean);
}
