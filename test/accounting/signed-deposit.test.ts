import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pesFlows } from '../../db/schema/accounting.ts';
import { depositPes } from '../../src/accounting/deposit/deposit-pes.ts';
import { pesAllerText } from '../../src/accounting/domain/build-pes.ts';
import { signBordereau } from '../../src/accounting/signature/sign-bordereau.ts';
import { useTestDatabase } from '../helpers/use-database.ts';
import { pollUntil, startHarness, storeBytes, type Harness } from './accounting-harness.ts';
import { demoSpec } from './pes-fixtures.ts';
import { makeTestIdentity } from './test-identity.ts';

const t = useTestDatabase();
let h: Harness;
const identity = makeTestIdentity('/CN=Ordonnateur de test');
const ACCOUNT = { idPost: '056000', codCol: '123', codBud: '01' };

beforeAll(async () => {
  h = await startHarness(t.handle);
  (h.fake as unknown as { options: { accounts: unknown[] } }).options.accounts = [
    { ...ACCOUNT, idColl: h.parties.accountant.party.siret },
  ];
}, 120_000);
afterAll(async () => h?.stop());

function signedText(nomFic: string, idBord: string, idPce: string): string {
  const spec = demoSpec({ nomFic, idColl: h.parties.accountant.party.siret, idPost: ACCOUNT.idPost });
  spec.dematerialised = true;
  spec.bordereaux[0]!.idBord = idBord;
  spec.bordereaux[0]!.pieces[0]!.idPce = idPce;
  const text = pesAllerText(spec);
  const bordereau = /<Bordereau [\s\S]*?<\/Bordereau>/.exec(text)?.[0] ?? '';
  return text.replace(bordereau, signBordereau(bordereau, identity, { signingTime: new Date(), city: 'Rennes' }));
}

async function deposit(text: string) {
  const file = await storeBytes(h.deps, Buffer.from(text, 'latin1'));
  return depositPes({
    ctx: { deps: h.deps, actor: h.parties.accountant.actor },
    input: { fileId: file.id, channel: 'api' },
  });
}

describe('a signed PES at deposit', () => {
  it('refuses a bordereau whose amount changed after signing, with the Hélios code, and sends nothing', async () => {
    const before = h.fake.received.length;
    const text = signedText(`T-SIG-KO-${Date.now()}`, '61', '7601');
    const amount = /<MtHT V="([0-9.]+)"\/>/.exec(text)?.[0] ?? '';
    expect(amount).not.toBe('');
    const result = await deposit(
      text
        .replace(amount, amount.replace(/V="([0-9]+)/, 'V="9$1'))
        .replace(/<MtBordHT V="([0-9]+)/, '<MtBordHT V="9$1'),
    );
    expect(result).toMatchObject({ accepted: false, refusal: { code: 'PES_NON_CONFORME' } });
    expect(result.refusal?.message).toContain('« ds:Signature » est refusée');
    const rows = await t.handle.db.select().from(pesFlows).where(eq(pesFlows.id, result.flowId));
    expect(rows[0]?.status).toBe('NON_CONFORME');
    expect(JSON.stringify(rows[0])).toContain('ERREUR_SIGNATURE_BORDEREAU_INVALIDE');
    expect(h.fake.received.length).toBe(before);
  }, 180_000);

  it('sends a correctly signed PES and it is acknowledged', async () => {
    const result = await deposit(signedText(`T-SIG-OK-${Date.now()}`, '62', '7602'));
    expect(result.refusal).toBeUndefined();
    const row = await pollUntil(h.deps, result.flowId, ['ACQUITTE', 'INFORMATION_DISPONIBLE', 'REFUSE', 'ERREUR']);
    expect(row.status).toBe('ACQUITTE');
  }, 180_000);
});
