import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTestIdentity } from '../../../test/accounting/test-identity.ts';
import { signBordereau } from './sign-bordereau.ts';
import { verifyBordereauSignature } from './verify-bordereau.ts';

// A test-only certificate made for each run; xmlsec1 reads it from `dir`.
const identity = makeTestIdentity('/CN=Ordonnatrice de test/O=Commune de Rennes');
let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'pes-sign-'));
  writeFileSync(join(dir, 'cert.pem'), identity.certificatePem);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const bordereau =
  '<Bordereau Id="BORD2026000012"><BlocBordereau><Exer V="2026"/><IdBord V="12"/><MtBordHT V="1000.00"/>' +
  '<LibelleBord V="Fournitures ’été’ &amp; écoles"/></BlocBordereau><Piece><BlocPiece><InfoPce><IdPce V="1"/>' +
  '</InfoPce></BlocPiece></Piece></Bordereau>';

describe('XAdES signature of a bordereau', () => {
  it('signs as the last child of the bordereau and verifies on the re-parsed Latin-1 bytes', () => {
    const signed = signBordereau(bordereau, identity, { signingTime: new Date(), city: 'Rennes' });
    expect(signed).toMatch(/<\/Piece><ds:Signature Id="BORD2026000012_SIG_1"[^>]*>.*<\/ds:Signature><\/Bordereau>$/s);
    expect(signed).toContain('<ds:Reference URI="#BORD2026000012">');
    expect(signed).toContain('URI="#BORD2026000012_SIG_1_SP" Type="http://uri.etsi.org/01903#SignedProperties"');
    const bytes = Buffer.from(signed.replace(/’/g, '&#8217;'), 'latin1');
    const verdict = verifyBordereauSignature(bytes.toString('latin1'));
    expect(verdict).toMatchObject({ ok: true });
  });

  it('refuses an amount changed after signing with ERREUR_SIGNATURE_BORDEREAU_INVALIDE', () => {
    const signed = signBordereau(bordereau, identity, { signingTime: new Date() });
    const tampered = signed.replace('<MtBordHT V="1000.00"/>', '<MtBordHT V="9000.00"/>');
    expect(tampered).not.toBe(signed);
    expect(verifyBordereauSignature(tampered)).toMatchObject({
      ok: false,
      code: 'ERREUR_SIGNATURE_BORDEREAU_INVALIDE',
    });
  });

  it('refuses a signing date after the certificate expired with ERREUR_CERTIFICAT', () => {
    const later = new Date(Date.now() + 60 * 24 * 3600 * 1000);
    const signed = signBordereau(bordereau, identity, { signingTime: later });
    const verdict = verifyBordereauSignature(signed);
    expect(verdict).toMatchObject({ ok: false, code: 'ERREUR_CERTIFICAT' });
    if (!verdict.ok) expect(verdict.message).toContain('n’était pas valide à la date de signature');
  });

  it('refuses a role other than Ordonnateur and a policy other than Hélios', () => {
    const wrongRole = signBordereau(bordereau, identity, { signingTime: new Date(), role: 'Comptable' });
    const roleVerdict = verifyBordereauSignature(wrongRole);
    expect(roleVerdict).toMatchObject({ ok: false, code: 'ERREUR_SIGNATURE_BORDEREAU_INVALIDE' });
    if (!roleVerdict.ok) expect(roleVerdict.message).toContain('Comptable');
    const wrongPolicy = signBordereau(bordereau, identity, { signingTime: new Date(), policyOid: 'urn:oid:1.2.3' });
    const policyVerdict = verifyBordereauSignature(wrongPolicy);
    expect(policyVerdict).toMatchObject({ ok: false, code: 'ERREUR_SIGNATURE_BORDEREAU_INVALIDE' });
    if (!policyVerdict.ok) expect(policyVerdict.message).toContain('urn:oid:1.2.3');
  });

  it('refuses a role changed after signing (the signed properties are covered)', () => {
    const signed = signBordereau(bordereau, identity, { signingTime: new Date(), role: 'Comptable' });
    const forged = signed.replace('>Comptable<', '>Ordonnateur<');
    expect(verifyBordereauSignature(forged)).toMatchObject({ ok: false, code: 'ERREUR_SIGNATURE_BORDEREAU_INVALIDE' });
  });

  it('calls an unsigned bordereau incomplete and refuses signing it twice', () => {
    expect(verifyBordereauSignature(bordereau)).toMatchObject({
      ok: false,
      code: 'ERREUR_SIGNATURE_BORDEREAU_INCOMPLETE',
    });
    const signed = signBordereau(bordereau, identity, { signingTime: new Date() });
    expect(() => signBordereau(signed, identity, { signingTime: new Date() })).toThrow('déjà signé');
  });

  // Independent check with xmlsec1 (Debian package xmlsec1): the signature value and both references.
  it('is verified by xmlsec1, which refuses the tampered copy', () => {
    const signed = signBordereau(bordereau, identity, { signingTime: new Date() });
    const xmlsec = (xml: string): boolean => {
      const path = join(dir, 'signed.xml');
      writeFileSync(path, xml);
      try {
        execFileSync(
          'xmlsec1',
          [
            '--verify',
            '--id-attr:Id',
            'Bordereau',
            '--id-attr:Id',
            'http://uri.etsi.org/01903/v1.3.2#:SignedProperties',
            '--trusted-pem',
            join(dir, 'cert.pem'),
            path,
          ],
          { stdio: 'pipe' },
        );
        return true;
      } catch {
        return false;
      }
    };
    expect(xmlsec(signed)).toBe(true);
    expect(xmlsec(signed.replace('<MtBordHT V="1000.00"/>', '<MtBordHT V="1000.01"/>'))).toBe(false);
  });
});
