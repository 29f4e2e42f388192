// The Hélios XAdES profile (docs/research/acts-and-helios.md B.8): one enveloped signature per Bordereau,
// Id `{BordId}_SIG_1`, SignedProperties `{BordId}_SIG_1_SP`, the DGFiP policy and the claimed role Ordonnateur.
export const DS_NS = 'http://www.w3.org/2000/09/xmldsig#';
export const XADES_NS = 'http://uri.etsi.org/01903/v1.3.2#';
export const SIGNED_PROPERTIES_TYPE = 'http://uri.etsi.org/01903#SignedProperties';
export const EXC_C14N = 'http://www.w3.org/2001/10/xml-exc-c14n#';
export const ENVELOPED = 'http://www.w3.org/2000/09/xmldsig#enveloped-signature';
export const RSA_SHA256 = 'http://www.w3.org/2001/04/xmldsig-more#rsa-sha256';
export const SHA256 = 'http://www.w3.org/2001/04/xmlenc#sha256';

export const HELIOS_POLICY_OID = 'urn:oid:1.2.250.1.131.1.5.18.21.1.4';
export const HELIOS_POLICY_DESCRIPTION = 'Politique de signature Helios de la DGFiP';
export const HELIOS_POLICY_URI = 'https://portail.dgfip.finances.gouv.fr/documents/PS_Helios_DGFiP.pdf';
/**
 * SigPolicyHash written by the hub: the published PDF could not be fetched to hash it (?), so the hub writes the
 * SHA-256 of the policy URI and the verifier only requires a hash to be present.
 */
export const ORDONNATEUR_ROLE = 'Ordonnateur';

export const signatureIdOf = (bordereauId: string): string => `${bordereauId}_SIG_1`;
export const signedPropertiesIdOf = (bordereauId: string): string => `${bordereauId}_SIG_1_SP`;
