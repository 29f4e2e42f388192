// The sealed-bid guarantees on the real Postgres and Temporal: a bid whose upload ends 1 s after the deadline is
// kept and late; opening is refused before the deadline through every route, and each attempt is audited; the
// workflow's timer closes the window; a tampered stored file is detected at opening by its GCM tag; the receipt's
// RFC 3161 token verifies with the openssl binary.
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { and, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { auditEvents } from '../../db/schema/audit.ts';
import { storedFiles } from '../../db/schema/files.ts';
import { tenderConsultations, tenderDepositFiles, tenderDeposits } from '../../db/schema/tenders.ts';
import { getReceipt, timeStampChain } from '../../src/tenders/deposits/receipts.ts';
import { openBids } from '../../src/tenders/opening/open-bids.ts';
import { personActing } from '../helpers/invoices.ts';
import { useTestDatabase } from '../helpers/use-database.ts';
import {
  bearerFor,
  bytesOf,
  depositFiles,
  eventually,
  publishTestConsultation,
  refusal,
  useTenderHarness,
} from './harness.ts';

const run = promisify(execFile);
const t = useTestDatabase();
const h = useTenderHarness(t);

describe('a test consultation from publication to opening', () => {
  it('keeps a bid ending 1 s late, refuses and audits early opening, closes by timer, detects tampering, and time-stamps receipts', async () => {
    const { rennes, armor, breizh } = h.parties;
    const agent = personActing('agent', rennes.id);
    // Tokens first: issuing them runs scrypt at its production cost, slow on a loaded machine.
    const agentToken = await bearerFor(h, 'agent', rennes.id);
    const operatorToken = await bearerFor(h, 'operator', rennes.id);
    const deadline = new Date(Date.now() + 15_000);
    const id = await publishTestConsultation(h, deadline, 'Fournitures de bureau');
    const supplier = (structureId: string) => personActing('supplier', structureId);
    const deposit = (company: string, parts: Parameters<typeof depositFiles>[3]) => depositFiles(h, company, id, parts);

    // Armor deposits twice before the deadline: the second replaces the first, both kept.
    const first = await deposit(armor.id, [
      { name: 'offre', fileName: 'offre-v1.pdf', mediaType: 'application/pdf', content: bytesOf('offre v1') },
    ]);
    const armorBid = await deposit(armor.id, [
      { name: 'candidature', fileName: 'dc1.pdf', mediaType: 'application/pdf', content: bytesOf('DC1 Armor') },
      { name: 'offre', fileName: 'offre.pdf', mediaType: 'application/pdf', content: bytesOf('Offre Armor 41 000 €') },
    ]);
    expect(armorBid.late).toBe(false);
    // Breizh Travaux Publics deposits in time; its stored ciphertext will be altered on disk.
    const tampered = await deposit(breizh.id, [
      {
        name: 'offre',
        fileName: 'offre-breizh.pdf',
        mediaType: 'application/pdf',
        content: bytesOf('Offre Breizh 39 000 €'),
      },
    ]);
    expect(tampered.late).toBe(false);

    // Every reading route refuses before the deadline, and says so in the audit log.
    const early = await refusal(openBids({ ctx: { deps: h.deps, actor: agent }, input: { consultationId: id } }));
    expect(early.code).toBe('OPENING_BEFORE_DEADLINE');
    const openByApi = await h.app.request(`/api/tenders/consultations/${id}/opening`, {
      method: 'POST',
      headers: { authorization: agentToken },
    });
    expect(openByApi.status).toBe(409);
    const [file] = await t.handle.db
      .select()
      .from(tenderDepositFiles)
      .where(eq(tenderDepositFiles.depositId, armorBid.depositId));
    const readByApi = await h.app.request(
      `/api/tenders/consultations/${id}/deposits/${armorBid.depositId}/files/${file!.id}`,
      { headers: { authorization: agentToken } },
    );
    expect(readByApi.status).toBe(409);
    const openByOperator = await h.app.request(`/api/tenders/consultations/${id}/opening`, {
      method: 'POST',
      headers: { authorization: operatorToken },
    });
    expect(openByOperator.status).toBe(404);
    const refusedRows = await t.handle.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, 'tender.open_refused'), eq(auditEvents.subjectId, id)));
    expect(refusedRows.map((r) => (r.after as { reason: string }).reason).sort()).toEqual([
      'before_deadline',
      'before_deadline',
      'before_deadline',
      'not_buyer_agent',
    ]);
    // The stored bytes are ciphertext: the offer's words are nowhere in the file store.
    const [storedOffer] = await t.handle.db.select().from(storedFiles).where(eq(storedFiles.id, file!.storedFileId));
    const onDisk = await readFile(join(h.filesRoot, 'objects', storedOffer!.sha256.slice(0, 2), storedOffer!.sha256));
    expect(onDisk.includes(Buffer.from('Armor'))).toBe(false);

    // Kerlann's upload starts before the deadline and ends 1 s after it: kept, late.
    async function* slowUntilLate(): AsyncGenerator<Uint8Array> {
      yield Buffer.from('Offre Kerlann, première partie ');
      const wait = deadline.getTime() + 1_000 - Date.now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      yield Buffer.from('et fin');
    }
    const late = await deposit(kerlannId(), [
      { name: 'offre', fileName: 'offre-kerlann.pdf', mediaType: 'application/pdf', content: slowUntilLate() },
    ]);
    expect(late.late).toBe(true);
    expect(new Date(late.uploadStartedAt).getTime()).toBeLessThan(deadline.getTime());
    expect(new Date(late.receivedAt).getTime()).toBeGreaterThanOrEqual(deadline.getTime() + 1_000);
    expect(late.receipt.horsDelai).toBe(true);

    // The workflow's timer closes the window and releases the key.
    await eventually(async () => {
      const [row] = await t.handle.db.select().from(tenderConsultations).where(eq(tenderConsultations.id, id));
      return row?.status === 'closed' && row.keyReleasedAt ? row : undefined;
    });

    // Alter one byte of Breizh's stored ciphertext.
    const [breizhFile] = await t.handle.db
      .select({ sha256: storedFiles.sha256 })
      .from(tenderDepositFiles)
      .innerJoin(storedFiles, eq(storedFiles.id, tenderDepositFiles.storedFileId))
      .where(eq(tenderDepositFiles.depositId, tampered.depositId));
    const path = join(h.filesRoot, 'objects', breizhFile!.sha256.slice(0, 2), breizhFile!.sha256);
    const bytes = await readFile(path);
    bytes[3] = (bytes[3] as number) ^ 0xff;
    await writeFile(path, bytes);

    const report = await openBids({ ctx: { deps: h.deps, actor: agent }, input: { consultationId: id } });
    const byId = new Map(report.deposits.map((d) => [d.depositId, d]));
    expect(byId.get(armorBid.depositId)).toMatchObject({ status: 'ouvert', integrity: 'intact' });
    expect(byId.get(armorBid.depositId)?.files.map((f) => f.part)).toEqual(['candidature', 'offre']);
    expect(byId.get(first.depositId)).toMatchObject({ status: 'remplace', integrity: null });
    expect(byId.get(late.depositId)).toMatchObject({ status: 'hors_delai', integrity: null, files: [] });
    expect(byId.get(tampered.depositId)).toMatchObject({ status: 'ouvert', integrity: 'altere' });
    expect(byId.get(tampered.depositId)?.files[0]?.problem).toMatch(/GCM/);
    const tamperRows = await t.handle.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, 'tender.open_file_tampered'), eq(auditEvents.subjectId, tampered.depositId)));
    expect(tamperRows).toHaveLength(1);
    const [lateRow] = await t.handle.db.select().from(tenderDeposits).where(eq(tenderDeposits.id, late.depositId));
    expect(lateRow).toMatchObject({ late: true, openedAt: null });

    // After opening, the agent reads the plaintext of Armor's offer.
    const offerFile = byId.get(armorBid.depositId)!.files.find((f) => f.part === 'offre')!;
    const read = await h.app.request(
      `/api/tenders/consultations/${id}/deposits/${armorBid.depositId}/files/${offerFile.fileId}`,
      { headers: { authorization: agentToken } },
    );
    expect(read.status).toBe(200);
    expect(await read.text()).toBe('Offre Armor 41 000 €');

    // The late bid's receipt verifies offline with openssl, over its exact JSON bytes.
    const receipt = await getReceipt(h.deps, supplier(kerlannId()), late.depositId);
    const dir = await mkdtemp(join(tmpdir(), 'receipt-'));
    await writeFile(join(dir, 'ack.json'), receipt.json);
    await writeFile(join(dir, 'token.tsr'), receipt.token);
    await writeFile(join(dir, 'chain.pem'), await timeStampChain(h.deps));
    const verified = await run('openssl', [
      'ts',
      '-verify',
      '-data',
      join(dir, 'ack.json'),
      '-in',
      join(dir, 'token.tsr'),
      '-CAfile',
      join(dir, 'chain.pem'),
    ]);
    expect(verified.stdout).toContain('Verification: OK');
    expect(JSON.parse(receipt.json.toString('utf8'))).toMatchObject({
      horsDelai: true,
      documents: [{ nom: 'offre-kerlann.pdf' }],
    });
  }, 120_000);
});

let kerlann: string | undefined;
function kerlannId(): string {
  if (!kerlann) throw new Error('Kerlann not loaded');
  return kerlann;
}
beforeAll(async () => {
  const { partyBySiren } = await import('../helpers/invoices.ts');
  const { DEMO_SUPPLIER_KERLANN_INFORMATIQUE } = await import('../../src/directory/index.ts');
  kerlann = (await partyBySiren(t.handle.db, 'supplier', DEMO_SUPPLIER_KERLANN_INFORMATIQUE.siren)).id;
});
