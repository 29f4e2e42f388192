// An RFC 3161 TimeStampResp over some bytes, signed by the hub's time-stamping certificate: TSTInfo in a CMS
// SignedData with the signed attributes contentType, messageDigest and ESS signingCertificateV2 (RFC 5035), which
// verifiers such as `openssl ts -verify` require.
import { createHash, randomBytes, type webcrypto } from 'node:crypto';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';

const OID = {
  sha256: '2.16.840.1.101.3.4.2.1',
  tstInfo: '1.2.840.113549.1.9.16.1.4',
  signedData: '1.2.840.113549.1.7.2',
  contentType: '1.2.840.113549.1.9.3',
  messageDigest: '1.2.840.113549.1.9.4',
  signingCertificateV2: '1.2.840.113549.1.9.16.2.47',
};

/**
 * The policy under which the hub time-stamps: an OID of the UUID arc (ITU-T X.667, 2.25), ours by construction;
 * a qualified authority would give its own.
 */
export const HUB_TSA_POLICY = '2.25.139637976727346851925484133963180540212';

export interface Signer {
  certificate: pkijs.Certificate;
  privateKey: webcrypto.CryptoKey;
}

const sha256 = (bytes: Uint8Array | ArrayBuffer): Buffer =>
  createHash('sha256')
    .update(bytes instanceof ArrayBuffer ? new Uint8Array(bytes) : bytes)
    .digest();

/** The DER TimeStampResp (status granted) for `data`, time-stamped at `genTime` (to the millisecond). */
export async function timeStampResponse(signer: Signer, data: Uint8Array, genTime: Date): Promise<Buffer> {
  const serial = randomBytes(16);
  serial[0] = (serial[0] as number) & 0x7f; // a positive INTEGER
  const tstInfo = new pkijs.TSTInfo({
    version: 1,
    policy: HUB_TSA_POLICY,
    messageImprint: new pkijs.MessageImprint({
      hashAlgorithm: new pkijs.AlgorithmIdentifier({ algorithmId: OID.sha256 }),
      hashedMessage: new asn1js.OctetString({ valueHex: sha256(data) }),
    }),
    serialNumber: new asn1js.Integer({ valueHex: serial }),
    genTime,
    accuracy: new pkijs.Accuracy({ millis: 1 }),
  });
  const tstDer = tstInfo.toSchema().toBER(false);

  const certDer = signer.certificate.toSchema().toBER(false);
  // SigningCertificateV2 ::= SEQUENCE { certs SEQUENCE OF ESSCertIDv2 }; ESSCertIDv2 with the default SHA-256.
  const signingCertificateV2 = new asn1js.Sequence({
    value: [
      new asn1js.Sequence({
        value: [new asn1js.Sequence({ value: [new asn1js.OctetString({ valueHex: sha256(certDer) })] })],
      }),
    ],
  });
  const attribute = (type: string, value: asn1js.AsnType) => new pkijs.Attribute({ type, values: [value] });

  const signedData = new pkijs.SignedData({
    version: 3,
    encapContentInfo: new pkijs.EncapsulatedContentInfo({
      eContentType: OID.tstInfo,
      eContent: new asn1js.OctetString({ valueHex: tstDer }),
    }),
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
            attribute(OID.contentType, new asn1js.ObjectIdentifier({ value: OID.tstInfo })),
            attribute(OID.messageDigest, new asn1js.OctetString({ valueHex: sha256(tstDer) })),
            attribute(OID.signingCertificateV2, signingCertificateV2),
          ],
        }),
      }),
    ],
    certificates: [signer.certificate],
  });
  await signedData.sign(signer.privateKey, 0, 'SHA-256');

  const response = new pkijs.TimeStampResp({
    status: new pkijs.PKIStatusInfo({ status: pkijs.PKIStatus.granted }),
    timeStampToken: new pkijs.ContentInfo({ contentType: OID.signedData, content: signedData.toSchema(true) }),
  });
  return Buffer.from(response.toSchema().toBER(false));
}
