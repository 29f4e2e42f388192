// The chain of trust of a signer's certificate, when the hub is given anchors: a PEM bundle of certification
// authorities (TENDERS_TRUST_ANCHORS, a file path), e.g. the qualified CAs taken from the EU trusted lists by the
// operator. The hub has no network of its own to fetch the lists or to ask OCSP/CRL: revocation is not checked.
import { readFileSync } from 'node:fs';
import * as pkijs from 'pkijs';

export interface ChainCheck {
  /** `verifiee`: a path to an anchor was found; `echec`: none; `non_verifiee`: no anchors configured. */
  status: 'verifiee' | 'echec' | 'non_verifiee';
  detail: string;
}

export function certificatesFromPem(pem: string): pkijs.Certificate[] {
  const blocks = pem.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) ?? [];
  return blocks.map((block) => {
    const der = Buffer.from(block.replace(/-----[^-]+-----|\s/g, ''), 'base64');
    return pkijs.Certificate.fromBER(new Uint8Array(der));
  });
}

/** The anchors of TENDERS_TRUST_ANCHORS (read at each verification: the operator may refresh the file). */
export function trustAnchorsFromEnvironment(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const path = env['TENDERS_TRUST_ANCHORS'];
  return path ? readFileSync(path, 'utf8') : undefined;
}

export async function checkChain(
  signer: pkijs.Certificate,
  intermediates: pkijs.Certificate[],
  anchorsPem: string | undefined,
  at: Date,
): Promise<ChainCheck> {
  if (!anchorsPem)
    return {
      status: 'non_verifiee',
      detail:
        'Chaîne de confiance non vérifiée : aucune autorité de confiance n’est configurée (TENDERS_TRUST_ANCHORS) ' +
        'et les listes de confiance de l’UE ne sont pas consultées (pas d’accès au réseau).',
    };
  const trustedCerts = certificatesFromPem(anchorsPem);
  const engine = new pkijs.CertificateChainValidationEngine({
    trustedCerts,
    certs: [...intermediates, signer],
    checkDate: at,
  });
  const verdict = await engine.verify();
  return verdict.result
    ? {
        status: 'verifiee',
        detail: `Chaîne de confiance vérifiée jusqu’à une des ${trustedCerts.length} autorité(s) configurée(s) (révocation non vérifiée).`,
      }
    : {
        status: 'echec',
        detail: `Chaîne de confiance non établie vers les autorités configurées : ${verdict.resultMessage}.`,
      };
}
