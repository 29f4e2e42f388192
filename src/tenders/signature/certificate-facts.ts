// What a signer's certificate says of itself: names, validity, key usage, policies, and the eIDAS qualified
// statements (ETSI EN 319 412-5: QcCompliance, QcSSCD, QcType). These are the certificate's own claims: only a
// chain to a trusted list's qualified authority makes them proven, which `chain.ts` checks when anchors are given.
import { createHash } from 'node:crypto';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';

const OID = {
  commonName: '2.5.4.3',
  organization: '2.5.4.10',
  organizationIdentifier: '2.5.4.97',
  country: '2.5.4.6',
  keyUsage: '2.5.29.15',
  certificatePolicies: '2.5.29.32',
  qcStatements: '1.3.6.1.5.5.7.1.3',
  qcCompliance: '0.4.0.1862.1.1',
  qcSscd: '0.4.0.1862.1.4',
  qcType: '0.4.0.1862.1.6',
  qcTypeEsign: '0.4.0.1862.1.6.1',
  qcTypeEseal: '0.4.0.1862.1.6.2',
  qcTypeWeb: '0.4.0.1862.1.6.3',
};

/** ETSI EN 319 411-2 policies of qualified certificates. */
const QUALIFIED_POLICIES: Record<string, string> = {
  '0.4.0.194112.1.0': 'QCP-n (personne physique, qualifié)',
  '0.4.0.194112.1.1': 'QCP-l (personne morale, qualifié)',
  '0.4.0.194112.1.2': 'QCP-n-qscd (personne physique, qualifié, dispositif qualifié)',
  '0.4.0.194112.1.3': 'QCP-l-qscd (personne morale, qualifié, dispositif qualifié)',
};

export interface CertificateFacts {
  subject: string;
  issuer: string;
  serialNumber: string;
  notBefore: Date;
  notAfter: Date;
  sha256: string;
  keyUsage: { digitalSignature: boolean; nonRepudiation: boolean } | null;
  policies: string[];
  qualifiedPolicies: string[];
  qcCompliance: boolean;
  qcSscd: boolean;
  /** `esign`, `eseal`, `web`, or the OID. */
  qcTypes: string[];
}

function nameOf(rdn: pkijs.RelativeDistinguishedNames): string {
  const pick = (type: string) =>
    rdn.typesAndValues
      .filter((t) => t.type === type)
      .map((t) => String(t.value.valueBlock.value))
      .join(', ');
  const parts = [pick(OID.commonName), pick(OID.organization), pick(OID.organizationIdentifier), pick(OID.country)];
  return parts.filter(Boolean).join(', ') || '(sans nom)';
}

function extensionValue(certificate: pkijs.Certificate, oid: string): asn1js.AsnType | undefined {
  const ext = certificate.extensions?.find((e) => e.extnID === oid);
  if (!ext) return undefined;
  const parsed = asn1js.fromBER(ext.extnValue.valueBlock.valueHexView);
  return parsed.offset === -1 ? undefined : parsed.result;
}

function keyUsageOf(certificate: pkijs.Certificate): CertificateFacts['keyUsage'] {
  const value = extensionValue(certificate, OID.keyUsage);
  if (!(value instanceof asn1js.BitString)) return null;
  const first = value.valueBlock.valueHexView[0] ?? 0;
  return { digitalSignature: (first & 0x80) !== 0, nonRepudiation: (first & 0x40) !== 0 };
}

function policiesOf(certificate: pkijs.Certificate): string[] {
  const value = extensionValue(certificate, OID.certificatePolicies);
  if (!(value instanceof asn1js.Sequence)) return [];
  return value.valueBlock.value
    .map((info) => (info instanceof asn1js.Sequence ? info.valueBlock.value[0] : undefined))
    .filter((id): id is asn1js.ObjectIdentifier => id instanceof asn1js.ObjectIdentifier)
    .map((id) => id.valueBlock.toString());
}

function qcStatementsOf(certificate: pkijs.Certificate): { id: string; info: asn1js.AsnType | undefined }[] {
  const value = extensionValue(certificate, OID.qcStatements);
  if (!(value instanceof asn1js.Sequence)) return [];
  return value.valueBlock.value.flatMap((statement) => {
    if (!(statement instanceof asn1js.Sequence)) return [];
    const [id, info] = statement.valueBlock.value;
    return id instanceof asn1js.ObjectIdentifier ? [{ id: id.valueBlock.toString(), info }] : [];
  });
}

const QC_TYPE_NAMES: Record<string, string> = {
  [OID.qcTypeEsign]: 'esign',
  [OID.qcTypeEseal]: 'eseal',
  [OID.qcTypeWeb]: 'web',
};

export function certificateFacts(certificate: pkijs.Certificate): CertificateFacts {
  const statements = qcStatementsOf(certificate);
  const qcType = statements.find((s) => s.id === OID.qcType)?.info;
  const qcTypes =
    qcType instanceof asn1js.Sequence
      ? qcType.valueBlock.value
          .filter((v): v is asn1js.ObjectIdentifier => v instanceof asn1js.ObjectIdentifier)
          .map((v) => QC_TYPE_NAMES[v.valueBlock.toString()] ?? v.valueBlock.toString())
      : [];
  const policies = policiesOf(certificate);
  const der = certificate.toSchema().toBER(false);
  return {
    subject: nameOf(certificate.subject),
    issuer: nameOf(certificate.issuer),
    serialNumber: Buffer.from(certificate.serialNumber.valueBlock.valueHexView).toString('hex'),
    notBefore: certificate.notBefore.value,
    notAfter: certificate.notAfter.value,
    sha256: createHash('sha256').update(new Uint8Array(der)).digest('hex'),
    keyUsage: keyUsageOf(certificate),
    policies,
    qualifiedPolicies: policies.filter((p) => p in QUALIFIED_POLICIES).map((p) => QUALIFIED_POLICIES[p]!),
    qcCompliance: statements.some((s) => s.id === OID.qcCompliance),
    qcSscd: statements.some((s) => s.id === OID.qcSscd),
    qcTypes,
  };
}
