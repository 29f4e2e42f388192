// Test-only signing identities: an RSA key and its self-signed certificate, valid from now for `days`.
import type { SigningIdentity } from '../../src/accounting/signature/sign-bordereau.ts';
import { selfSignedCertificate } from '../helpers/self-signed-certificate.ts';

export const makeTestIdentity = (subject = '/CN=Ordonnateur de test/O=Commune de test', days = 30): SigningIdentity =>
  selfSignedCertificate(subject, { days });
