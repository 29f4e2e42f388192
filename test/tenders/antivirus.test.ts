// AV-01 on the real Postgres, Temporal and Debian's clamd with the EICAR signature: a clean document is published
// and an infected one refused; a bid's EICAR file is quarantined at receipt and the company told in its receipt;
// with clamd down a deposit is still received (its scan deferred) while opening is refused in French and audited;
// once clamd is back, opening scans every file again, quarantines the EICAR file clamd could not see at receipt,
// and reports both to the buyer; a quarantined file cannot be read.
import { Readable } from 'node:stream';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents } from '../../db/schema/audit.ts';
import { emailOutbox } from '../../db/schema/invoices.ts';
import { tenderAntivirusVerdicts, tenderConsultations, tenderDepositFiles } from '../../db/schema/tenders.ts';
import type { Antivirus } from '../../src/platform/antivirus/index.ts';
import { requireTools, runOnPdf } from '../../formats/pdf/testing/tools.ts';
import { getReceiptPdf } from '../../src/tenders/deposits/receipts.ts';
import { addDocument } from '../../src/tenders/documents/add-document.ts';
import { openBids } from '../../src/tenders/opening/open-bids.ts';
import { readBidFile } from '../../src/tenders/opening/read-bid-file.ts';
import { clamdMissing, EICAR, EICAR_SIGNATURE, startClamd, type RunningClamd } from '../helpers/clamd.ts';
import { personActing } from '../helpers/invoices.ts';
import { skipUnlessCi } from '../helpers/required-under-ci.ts';
import { useTestDatabase } from '../helpers/use-database.ts';
import { bytesOf, depositFiles, eventually, publishTestConsultation, refusal, useTenderHarness } from './harness.ts';

const missing = skipUnlessCi(clamdMissing(), 'clamd');
const t = useTestDatabase();
let clamd: RunningClamd | undefined;
// The hub's antivirus setting stays the same; what answers behind it changes (clamd stopped, another started).
let current: Antivirus | undefined;
const antivirus: Antivirus = {
  configured: true,
  describe: () => current!.describe(),
  session: () => current!.session(),
  check: () => current!.check(),
};

beforeAll(async () => {
  if (missing) return;
  requireTools(['pdftotext'], 'poppler-utils');
  clamd = await startClamd({ timeoutMs: 5_000 });
  current = clamd.antivirus;
}, 120_000);
afterAll(async () => {
  await clamd?.stop();
});
// After clamd's hooks: started once clamd runs, stopped before it.
const h = useTenderHarness(t, { antivirus, skip: missing });

const verdictsOf = (consultationId: string) =>
  t.handle.db.select().from(tenderAntivirusVerdicts).where(eq(tenderAntivirusVerdicts.consultationId, consultationId));

/** A "PDF" with the EICAR bytes in its middle. */
const infectedPdf = () => Readable.from([Buffer.from('%PDF-1.7\n'), EICAR, Buffer.from('\n%%EOF\n')]);

describe.skipIf(missing)('antivirus scan of the tender room (clamd)', () => {
  it('quarantines infected files at receipt and at opening, tells the company and the buyer, defers when clamd is down', async () => {
    const { rennes, armor, breizh } = h.parties;
    const agent = personActing('agent', rennes.id);
    const deadline = new Date(Date.now() + 20_000);
    const id = await publishTestConsultation(h, deadline, 'Fournitures de bureau (antivirus)');

    // Documents of the consultation: a clean one is added, an infected one refused (its verdict kept all the same).
    const store = h.deps.files!;
    const put = (content: Readable, fileName: string) =>
      store.put(content, {
        kind: 'tender_document',
        mediaType: 'application/pdf',
        fileName,
        owningStructureId: rennes.id,
      });
    const rules = await put(Readable.from([Buffer.from('%PDF-1.7 Règlement de la consultation')]), 'rc.pdf');
    const added = await addDocument({
      ctx: { deps: h.deps, actor: agent },
      input: { consultationId: id, fileId: rules.id, name: 'Règlement de la consultation', significant: false },
    });
    expect(added.version).toBe(1);
    const bad = await put(infectedPdf(), 'cctp.pdf');
    const refused = await refusal(
      addDocument({
        ctx: { deps: h.deps, actor: agent },
        input: { consultationId: id, fileId: bad.id, name: 'CCTP', significant: false },
      }),
    );
    expect(refused.code).toBe('FILE_INFECTED');
    expect(refused.message).toMatch(
      /^Le document « CCTP » est infecté : .*Eicar.* : il est refusé et n’est pas publié\.$/,
    );

    // Armor's offer hides EICAR: received, quarantined, and the receipt says so in French.
    const armorBid = await depositFiles(h, armor.id, id, [
      { name: 'candidature', fileName: 'dc1.pdf', mediaType: 'application/pdf', content: bytesOf('DC1 Armor') },
      { name: 'offre', fileName: 'offre.pdf', mediaType: 'application/pdf', content: infectedPdf() },
    ]);
    expect(armorBid.late).toBe(false);
    expect(armorBid.receipt.documents.map((d) => [d.nom, d.antivirus.resultat])).toEqual([
      ['dc1.pdf', 'sain'],
      ['offre.pdf', 'infecte'],
    ]);
    expect(armorBid.receipt.avertissements).toHaveLength(1);
    expect(armorBid.receipt.avertissements[0]).toMatch(
      /^Le fichier « offre\.pdf » est signalé par l’antivirus \(infecté : Eicar-Test-Signature.*\) : il est mis en quarantaine, reste scellé et ne sera pas ouvert\./,
    );
    const armorFiles = await t.handle.db
      .select()
      .from(tenderDepositFiles)
      .where(eq(tenderDepositFiles.depositId, armorBid.depositId));
    const armorOffer = armorFiles.find((f) => f.part === 'offre')!;
    expect(armorOffer.scanVerdict).toBe('infected');
    expect(armorFiles.find((f) => f.part === 'candidature')!.scanVerdict).toBe('clean');
    // So do an e-mail to the person who deposited and the PDF receipt.
    const [mail] = await t.handle.db
      .select()
      .from(emailOutbox)
      .where(eq(emailOutbox.eventKey, `tender-quarantine:${armorBid.depositId}`));
    expect(mail!.toAddress).toMatch(/^supplier-.*@test\.hub\.bzh$/);
    expect(mail!.subject).toMatch(/\] Fichier infecté mis en quarantaine dans votre pli$/);
    expect(mail!.body).toContain(armorBid.receipt.avertissements[0]);
    const pdf = await getReceiptPdf(h.deps, personActing('supplier', armor.id), armorBid.depositId);
    const pdfText = runOnPdf('pdftotext', [], pdf, ['-']).stdout.replace(/\s+/g, ' ');
    // (pdftotext may drop a hyphen where the line wraps.)
    expect(pdfText).toMatch(/dc1\.pdf .* antivirus : sain .*offre\.pdf .* antivirus : infecté : Eicar-Test-?Signature/);
    expect(pdfText).toContain('est mis en quarantaine, reste scellé et ne sera pas ouvert');
    const quarantinedRows = await t.handle.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, 'tender.file_quarantined'), eq(auditEvents.subjectId, armorBid.depositId)));
    expect(quarantinedRows.map((r) => (r.after as { fileId: string; stage: string }).stage)).toEqual(['receipt']);

    // clamd goes down: Breizh's deposit is received all the same, its scan deferred to the opening.
    await clamd!.stop();
    const breizhBid = await depositFiles(h, breizh.id, id, [
      { name: 'offre', fileName: 'offre-breizh.pdf', mediaType: 'application/pdf', content: bytesOf('Offre Breizh') },
      { name: 'offre', fileName: 'annexe-breizh.pdf', mediaType: 'application/pdf', content: infectedPdf() },
    ]);
    expect(breizhBid.late).toBe(false);
    expect(breizhBid.receipt.avertissements).toEqual([]);
    for (const d of breizhBid.receipt.documents) {
      expect(d.antivirus.resultat).toBe('analyse_differee');
      expect(d.antivirus.detail).toMatch(
        /^analyse impossible : antivirus injoignable .* ; le fichier sera analysé avant l’ouverture$/,
      );
    }

    // The window closes by the workflow's timer; opening without clamd is refused in French, audited, nothing opened.
    await eventually(async () => {
      const [row] = await t.handle.db.select().from(tenderConsultations).where(eq(tenderConsultations.id, id));
      return row?.status === 'closed' && row.keyReleasedAt ? row : undefined;
    });
    const down = await refusal(openBids({ ctx: { deps: h.deps, actor: agent }, input: { consultationId: id } }));
    expect(down.code).toBe('ANTIVIRUS_UNAVAILABLE');
    expect(down.status).toBe(503);
    expect(down.message).toMatch(/^L’antivirus est injoignable \(clamd, .*\) : aucun fichier n’a été ouvert/);
    const [stillClosed] = await t.handle.db.select().from(tenderConsultations).where(eq(tenderConsultations.id, id));
    expect(stillClosed).toMatchObject({ status: 'closed', openedAt: null });
    const refusedRows = await t.handle.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, 'tender.open_refused'), eq(auditEvents.subjectId, id)));
    expect(refusedRows.map((r) => (r.after as { reason: string }).reason)).toEqual(['antivirus_unavailable']);

    // clamd is back (another one): opening scans again and reports every file's verdict to the buyer.
    clamd = await startClamd({ timeoutMs: 5_000 });
    current = clamd.antivirus;
    const report = await openBids({ ctx: { deps: h.deps, actor: agent }, input: { consultationId: id } });
    const byId = new Map(report.deposits.map((d) => [d.depositId, d]));
    const armorReport = byId.get(armorBid.depositId)!;
    expect(armorReport).toMatchObject({ status: 'ouvert', integrity: 'intact' });
    expect(armorReport.files.map((f) => [f.fileName, f.intact, f.quarantined])).toEqual([
      ['dc1.pdf', true, false],
      ['offre.pdf', null, true],
    ]);
    expect(armorReport.files[1]!.problem).toMatch(/^fichier infecté mis en quarantaine : il n’est pas ouvert/);
    const breizhReport = byId.get(breizhBid.depositId)!;
    expect(breizhReport).toMatchObject({ status: 'ouvert', integrity: 'intact' });
    expect(
      Object.fromEntries(breizhReport.files.map((f) => [f.fileName, [f.intact, f.quarantined, f.antivirus]])),
    ).toEqual({
      'offre-breizh.pdf': [true, false, 'sain'],
      'annexe-breizh.pdf': [null, true, expect.stringContaining(`infecté : ${EICAR_SIGNATURE}`)],
    });

    // Every verdict is kept: documents, receipt, the failed ones, and the opening's.
    const verdicts = await verdictsOf(id);
    const summary = verdicts.map((v) => `${v.stage} ${v.fileName} ${v.result}`).sort();
    expect(summary).toEqual(
      [
        'document Règlement de la consultation clean',
        'document CCTP infected',
        'receipt dc1.pdf clean',
        'receipt offre.pdf infected',
        'receipt offre-breizh.pdf failed',
        'receipt annexe-breizh.pdf failed',
        'opening dc1.pdf clean',
        'opening offre-breizh.pdf clean',
        'opening annexe-breizh.pdf infected',
      ].sort(),
    );
    for (const v of verdicts.filter((v) => v.result !== 'failed')) expect(v.engine).toMatch(/^ClamAV \d/);
    expect(verdicts.find((v) => v.stage === 'opening' && v.result === 'infected')!.signature).toContain(
      EICAR_SIGNATURE,
    );

    // The quarantined files stay sealed: reading one is refused and audited; a clean one reads.
    const annexe = breizhReport.files.find((f) => f.quarantined)!;
    const read = await refusal(
      readBidFile({
        ctx: { deps: h.deps, actor: agent },
        input: { consultationId: id, depositId: breizhBid.depositId, fileId: annexe.fileId },
      }),
    );
    expect(read.code).toBe('FILE_QUARANTINED');
    expect(read.message).toBe(
      'Le fichier « annexe-breizh.pdf » est infecté : il est en quarantaine, scellé, et ne peut pas être lu.',
    );
    const clean = await readBidFile({
      ctx: { deps: h.deps, actor: agent },
      input: { consultationId: id, depositId: armorBid.depositId, fileId: armorReport.files[0]!.fileId },
    });
    const chunks: Buffer[] = [];
    for await (const chunk of clean.stream) chunks.push(chunk as Buffer);
    expect(Buffer.concat(chunks).toString()).toBe('DC1 Armor');
    const readRefusals = await t.handle.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, 'tender.open_refused'), eq(auditEvents.subjectId, breizhBid.depositId)));
    expect(readRefusals.map((r) => (r.after as { reason: string }).reason)).toEqual(['quarantined']);
  }, 180_000);
});
