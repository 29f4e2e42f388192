import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pesFlows, pesInvoiceLinks, pesReturns } from '../../db/schema/accounting.ts';
import { depositPes } from '../../src/accounting/deposit/deposit-pes.ts';
import { pesAllerText } from '../../src/accounting/domain/build-pes.ts';
import { invoicePjId } from '../../src/accounting/domain/invoice-pj.ts';
import { pollTreasuryReturns } from '../../src/accounting/returns/poll-returns.ts';
import { parisDate } from '../../src/platform/calendar/index.ts';
import { useTestDatabase } from '../helpers/use-database.ts';
import { insertDepositedInvoice, invoiceRow, startLifecycle, waitForStatus } from '../invoices/lifecycle-fixtures.ts';
import { pollUntil, startHarness, storeBytes, type Harness } from './accounting-harness.ts';
import { demoSpec } from './pes-fixtures.ts';

const t = useTestDatabase();
let h: Harness;
const ACCOUNT = { idPost: '056000', codCol: '123', codBud: '01' };

beforeAll(async () => {
  h = await startHarness(t.handle);
  // Hélios knows the commune's budget; the fake is started before the parties are known, so it learns them now.
  (h.fake as unknown as { options: { accounts: unknown[] } }).options.accounts = [
    { ...ACCOUNT, idColl: h.parties.accountant.party.siret },
  ];
}, 120_000);
afterAll(async () => h?.stop());

async function depositedInvoice() {
  const invoice = await insertDepositedInvoice(t.handle.db, {
    supplier: h.parties.supplier.party,
    buyer: h.parties.accountant.party,
  });
  await startLifecycle(h.client, h.deps.taskQueue!, invoice, {
    dayMs: 86_400_000,
    delayDays: 30,
    reminderDaysBefore: [],
  });
  await waitForStatus(t.handle.db, invoice.invoiceId, 'MISE_A_DISPOSITION');
  return invoice;
}

function specFor(nomFic: string, invoiceNumber: string, idBord: string, idPce: string) {
  const base = demoSpec({ nomFic, idColl: h.parties.accountant.party.siret, idPost: ACCOUNT.idPost });
  const bordereau = base.bordereaux[0]!;
  bordereau.idBord = idBord;
  const piece = bordereau.pieces[0]!;
  piece.idPce = idPce;
  piece.pjRefs = [];
  piece.lines[0]!.facture = invoiceNumber;
  piece.lines[0]!.tiers = { idTiers: h.parties.supplier.party.siret, natIdTiers: '01', nom: 'FOURNISSEUR' };
  piece.lines.push({
    idLigne: '2',
    nature: '6068',
    mtHT: '50.00',
    facture: 'INCONNUE-1',
    modRegl: '02',
    tiers: { idTiers: '81234567600014', natIdTiers: '01', nom: 'AUTRE' },
  });
  base.pjs = [];
  return base;
}

async function deposit(text: string) {
  const file = await storeBytes(h.deps, Buffer.from(text, 'latin1'));
  return depositPes({
    ctx: { deps: h.deps, actor: h.parties.accountant.actor },
    input: { fileId: file.id, channel: 'api' },
  });
}

describe('a PES from deposit to the treasury and back', () => {
  const today = parisDate(new Date());

  it('links the invoice, embeds its original, sends it with routing, is acknowledged and mandates the invoice; a PES_Retour puts it in payment', async () => {
    const invoice = await depositedInvoice();
    const result = await deposit(pesAllerText(specFor(`T-OK-${Date.now()}`, invoice.number, '31', '7001')));
    expect(result).toMatchObject({ accepted: true, status: 'POSTE' });

    const flow = await pollUntil(h.deps, result.flowId, ['ACQUITTE', 'INFORMATION_DISPONIBLE', 'REFUSE', 'ERREUR']);
    expect(flow.status).toBe('ACQUITTE');
    expect(flow.wireName).toMatch(new RegExp(`^PESALR2_${h.parties.accountant.party.siret}_\\d{6}_\\d{3}\\.xml$`));
    expect(flow.unmatched).toEqual([expect.objectContaining({ idLigne: '2', facture: 'INCONNUE-1' })]);

    // The file sent carries the invoice's original as a PJ, referenced from its line.
    const sent = await h.deps.files!.get(flow.sentFileId!);
    const chunks: Buffer[] = [];
    for await (const c of sent!.stream) chunks.push(c as Buffer);
    const text = Buffer.concat(chunks).toString('latin1');
    const pjId = invoicePjId(invoice.invoiceId);
    expect(text).toContain(`<PJRef><Support V="01"/><IdUnique V="${pjId}"/></PJRef></InfoLignePce>`);
    expect(text).toMatch(
      new RegExp(
        `<PES_PJ><EnTetePES_PJ><IdVer V="1"/></EnTetePES_PJ><PJ><Contenu><Fichier MIMEType="application/xml">[A-Za-z0-9+/=]+</Fichier></Contenu><IdUnique V="${pjId}"/>`,
      ),
    );
    expect(h.fake.received.at(-1)?.routing).toEqual({
      pDest: 'VHPCE11',
      pAppli: 'GHELPES2',
      pMsg: `PES#123#${ACCOUNT.idPost}#01`,
    });

    const mandated = await waitForStatus(t.handle.db, invoice.invoiceId, 'MANDATEE');
    expect(mandated.mandateNumber).toBe('7001');

    await h.fake.emitRetour(
      { idPost: ACCOUNT.idPost, idColl: h.parties.accountant.party.siret, codColl: '123', codBud: '01' },
      [{ exer: '2026', idBord: '31', idPce: '7001', paidOn: today }],
    );
    await pollTreasuryReturns(h.deps);
    const paid = await waitForStatus(t.handle.db, invoice.invoiceId, 'MISE_EN_PAIEMENT');
    expect(paid.paidOn).toBe(today);
    expect(h.fake.retourAcks).toHaveLength(1);
    const [link] = await t.handle.db
      .select()
      .from(pesInvoiceLinks)
      .where(eq(pesInvoiceLinks.invoiceId, invoice.invoiceId));
    expect(link).toMatchObject({ embedded: true, pjIdUnique: pjId, paidOn: today });
    const retours = await t.handle.db.select().from(pesReturns).where(eq(pesReturns.kind, 'RETOUR'));
    expect(retours[0]?.acknowledgedAt).not.toBeNull();
  }, 180_000);

  it('shows the errors of an acquit at their bordereau, and a refusal (PES_NonAcquit)', async () => {
    const invoice = await depositedInvoice();
    // Same bordereau and piece as an integrated one: Hélios accepts the file and reports the duplicates.
    const dup = await deposit(pesAllerText(specFor(`T-DUP-${Date.now()}`, invoice.number, '31', '7001')));
    const info = await pollUntil(h.deps, dup.flowId, ['ACQUITTE', 'INFORMATION_DISPONIBLE', 'REFUSE', 'ERREUR']);
    expect(info.status).toBe('INFORMATION_DISPONIBLE');
    expect(info.issues).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          code: 'ERREUR_DOUBLON_BORDEREAU',
          place: expect.objectContaining({ bordereau: '31' }),
        }),
      ]),
    );
    expect((await invoiceRow(t.handle.db, invoice.invoiceId)).status).toBe('MISE_A_DISPOSITION');

    const unknownBudget = specFor(`T-KO-${Date.now()}`, invoice.number, '32', '7002');
    unknownBudget.codBud = '99';
    const ko = await deposit(pesAllerText(unknownBudget));
    const refused = await pollUntil(h.deps, ko.flowId, ['ACQUITTE', 'INFORMATION_DISPONIBLE', 'REFUSE', 'ERREUR']);
    expect(refused.status).toBe('REFUSE');
    expect((refused.issues as { code: string; message: string }[])[0]).toMatchObject({
      code: 'ERREUR_CODE_COLLECTIVITE_BUDGET',
    });
  }, 180_000);

  it('refuses a duplicate NomFic, a file that is not ISO-8859-1 and a DTD, and sends nothing', async () => {
    const before = h.fake.received.length;
    const nomFic = `T-NOMFIC-${Date.now()}`;
    const first = await deposit(pesAllerText(specFor(nomFic, 'X-1', '41', '7101')));
    expect(first.accepted).toBe(true);
    const second = await deposit(pesAllerText(specFor(nomFic, 'X-1', '42', '7102')));
    expect(second).toMatchObject({ accepted: false, refusal: { code: 'PES_DUPLICATE_NOMFIC', status: 409 } });
    const utf8 = await deposit(
      pesAllerText(specFor(`T-UTF8-${Date.now()}`, 'X-2', '43', '7103')).replace('ISO-8859-1', 'UTF-8'),
    );
    expect(utf8.refusal?.code).toBe('PES_NOT_ISO_8859_1');
    const dtd = await deposit(
      pesAllerText(specFor(`T-DTD-${Date.now()}`, 'X-3', '44', '7104')).replace('?>\n', '?>\n<!DOCTYPE x>\n'),
    );
    expect(dtd.refusal?.code).toBe('PES_DTD_FORBIDDEN');
    const rows = await t.handle.db.select().from(pesFlows).where(eq(pesFlows.id, dtd.flowId));
    expect(rows[0]?.status).toBe('NON_CONFORME');
    await pollUntil(h.deps, first.flowId, ['ACQUITTE', 'INFORMATION_DISPONIBLE', 'REFUSE', 'ERREUR']);
    expect(h.fake.received.length).toBe(before + 1);
  }, 180_000);
});
