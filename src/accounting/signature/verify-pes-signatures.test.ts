import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { makeTestIdentity } from '../../../test/accounting/test-identity.ts';
import { checkPesStream } from '../check/check-pes-file.ts';
import { pesAllerText, type PesAllerSpec } from '../domain/build-pes.ts';
import { signBordereau } from './sign-bordereau.ts';
import { verifyPesSignatures } from './verify-pes-signatures.ts';

const SIRET = '21350238800019';
const identity = makeTestIdentity('/CN=Ordonnateur de test/O=Commune de Rennes');

const spec: PesAllerSpec = {
  nomFic: 'MANDATS-2026-0002',
  dteStr: '2026-12-01',
  idPost: '035000',
  idColl: SIRET,
  codCol: '123',
  codBud: '01',
  libelleColBud: 'COMMUNE DE RENNES',
  dematerialised: true,
  bordereaux: [
    {
      idBord: '12',
      exer: '2026',
      dteBordEm: '2026-12-01',
      pieces: [
        {
          idPce: '456',
          obj: 'Fournitures de bureau été',
          lines: [
            {
              idLigne: '1',
              nature: '6064',
              mtHT: '1000.00',
              mtTVA: '200.00',
              modRegl: '03',
              iban: 'FR7630006000011234567890189',
              tiers: { idTiers: '81234567600014', natIdTiers: '01', nom: 'ARMOR BUREAUTIQUE' },
            },
          ],
        },
      ],
    },
  ],
};

/** Test-only splice: the bordereau's text is cut out with a pattern, signed alone and put back. */
function signedPes(role?: string): string {
  const text = pesAllerText(spec);
  const bordereau = /<Bordereau [\s\S]*?<\/Bordereau>/.exec(text)?.[0] ?? '';
  expect(bordereau).not.toBe('');
  return text.replace(bordereau, signBordereau(bordereau, identity, { signingTime: new Date(), city: 'Rennes', role }));
}
const stream = (text: string, chunk = 50) => {
  const bytes = Buffer.from(text, 'latin1');
  return Readable.from(
    (function* () {
      for (let i = 0; i < bytes.length; i += chunk) yield bytes.subarray(i, i + chunk);
    })(),
  );
};

describe('signatures of the bordereaux of a PES Aller, streamed', () => {
  it('accepts a PES whose bordereau the hub signed, in the checker and in the signature verifier', async () => {
    const text = signedPes();
    expect(await verifyPesSignatures(stream(text))).toEqual([]);
    const checked = await checkPesStream(stream(text), {
      sirets: [SIRET],
      pjBudgetBytes: 1 << 20,
      totalPjBudgetBytes: 1 << 22,
    });
    expect(checked.issues).toEqual([]);
    expect(checked.summary.bordereaux[0]).toMatchObject({ idBord: '12', signed: true });
  });

  it('refuses an amount changed after signing, naming the bordereau', async () => {
    const text = signedPes();
    const tampered = text.replace('<MtHT V="1000.00"/>', '<MtHT V="1900.00"/>');
    expect(tampered).not.toBe(text);
    const issues = await verifyPesSignatures(stream(tampered));
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ code: 'ERREUR_SIGNATURE_BORDEREAU_INVALIDE', place: { bordereau: '12' } });
    expect(issues[0]?.message).toMatch(/^Bordereau 12 : « ds:Signature » est refusée : /);
  });

  it('refuses a bordereau signed with another role', async () => {
    const issues = await verifyPesSignatures(stream(signedPes('Comptable')));
    expect(issues[0]).toMatchObject({ code: 'ERREUR_SIGNATURE_BORDEREAU_INVALIDE', place: { bordereau: '12' } });
  });
});
