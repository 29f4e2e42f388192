// Reliability of the transmission to the treasury on the real chain (Postgres, Temporal, the fake DGFiP gateway over
// FTP): a worker killed between the upload and its record sends the file once; a gateway down or too slow is
// retried, then the flow is put in ERREUR with the alarm, nothing lost; the same acknowledgement fetched twice makes
// one event; a gzip bomb in a PJ is refused in French and nothing is sent. (Encoding, well-formedness, DTD,
// 129 MiB and duplicate NomFic: flows-api.test.ts and transmission.test.ts.)
import type { ChildProcess } from 'node:child_process';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { buffer } from 'node:stream/consumers';
import { createGzip } from 'node:zlib';
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { pesFlows, pesReturns } from '../../db/schema/accounting.ts';
import { auditEvents } from '../../db/schema/audit.ts';
import { depositPes } from '../../src/accounting/deposit/deposit-pes.ts';
import { pesAllerText, type PesAllerSpec } from '../../src/accounting/domain/build-pes.ts';
import { listStuckFlows } from '../../src/accounting/queries/flow-pages.ts';
import { pollTreasuryReturns } from '../../src/accounting/returns/poll-returns.ts';
import type { AccountingDeps } from '../../src/accounting/settings.ts';
import { skipUnlessCi } from '../helpers/required-under-ci.ts';
import { spawnWorker } from '../helpers/spawn-worker.ts';
import { urlForDatabase } from '../helpers/test-database.ts';
import { useTestDatabase } from '../helpers/use-database.ts';
import { eventually, personFor, startWorker, uniqueQueue, type RunningWorker } from '../invoices/lifecycle-fixtures.ts';
import { pollUntil, startHarness, storeBytes, type Harness } from './accounting-harness.ts';
import { mandateSpec } from './api-harness.ts';

const t = useTestDatabase();
const source = inject('testDatabase');
const MiB = 1024 * 1024;
let h: Harness;
/** What the gateway does once a file is on its disk, before it answers the sender. */
let onStored: (name: string) => void = () => undefined;
let child: ChildProcess | undefined;
let replacement: RunningWorker | undefined;

beforeAll(async () => {
  h = await startHarness(t.handle, {
    fake: { onStored: (name) => onStored(name) },
    accounting: { uploadAttempts: 2 },
  });
}, 120_000);
afterAll(async () => {
  child?.kill('SIGKILL');
  await replacement?.stop();
  await h?.stop();
});

const ended = ['ACQUITTE', 'INFORMATION_DISPONIBLE', 'REFUSE', 'ERREUR'] as const;
let serial = 0;
function spec(tag: string): PesAllerSpec {
  serial += 1;
  return mandateSpec(h, `REL-${tag}-${Date.now()}`, `REL-${serial}`, String(500 + serial), String(9500 + serial));
}

async function deposit(text: string, deps: AccountingDeps = h.deps) {
  const file = await storeBytes(deps, Buffer.from(text, 'latin1'));
  return depositPes({ ctx: { deps, actor: h.parties.accountant.actor }, input: { fileId: file.id, channel: 'api' } });
}

const flowRow = async (id: string) => (await t.handle.db.select().from(pesFlows).where(eq(pesFlows.id, id)))[0]!;
const waitEnded = (id: string) =>
  eventually(
    async () => {
      const row = await flowRow(id);
      return (ended as readonly string[]).includes(row.status) ? row : undefined;
    },
    120_000,
    `flow ${id} ended`,
  );

async function auditOf(flowId: string, action: string) {
  return t.handle.db
    .select()
    .from(auditEvents)
    .where(and(eq(auditEvents.subjectId, flowId), eq(auditEvents.action, action)));
}

/** The flow, its original and the file to send are all still there, and readable. */
async function expectNothingLost(flowId: string) {
  const flow = await flowRow(flowId);
  for (const id of [flow.originalFileId, flow.sentFileId!]) {
    const opened = await h.deps.files!.get(id);
    expect((await buffer(opened!.stream)).toString('latin1')).toContain(`<NomFic V="${flow.nomFic}"/>`);
  }
}

describe('transmission to the treasury, when things go wrong', () => {
  it.skipIf(skipUnlessCi(source.mode !== 'postgres', 'base de test PostgreSQL'))(
    'a worker killed between the upload and its record: the retry finds the file on the server, sent once',
    async () => {
      const [{ name }] = (await t.handle.db.execute(sql`select current_database() as name`)) as unknown as [
        { name: string },
      ];
      const taskQueue = uniqueQueue('pes-kill');
      const deps = { ...h.deps, taskQueue };
      child = await spawnWorker({
        dbUrl: urlForDatabase((source as { adminUrl: string }).adminUrl, name),
        taskQueue,
        filesDir: h.filesDir,
        accounting: h.deps.accounting,
      });
      // The file is whole on the gateway's disk and the sender not yet told: it dies there, before recording.
      const killed = new Promise<string>((resolve) => {
        onStored = (stored) => {
          if (!stored.startsWith('PESALR2_') || !child || child.killed) return;
          child.kill('SIGKILL');
          resolve(stored);
        };
      });
      const result = await deposit(pesAllerText(spec('KILL')), deps);
      expect(result.accepted).toBe(true);
      const wireName = await killed;
      onStored = () => undefined;
      const atKill = await flowRow(result.flowId);
      expect(atKill).toMatchObject({ status: 'ATTENTE', wireName, transmittedAt: null });

      replacement = await startWorker(deps, taskQueue);
      const flow = await pollUntil(deps, result.flowId, [...ended], 150_000);
      expect(flow.status).toBe('ACQUITTE');
      expect(h.fake.stores.get(wireName)).toBe(1);
      expect(h.fake.received.filter((r) => r.name === wireName)).toHaveLength(1);
      const transmits = await auditOf(result.flowId, 'accounting.transmit');
      expect(transmits.map((a) => a.after)).toEqual([{ wireName, uploaded: false }]);
    },
    240_000,
  );

  it('the gateway down: retried, then ERREUR with the alarm and a French message; nothing lost', async () => {
    await h.fake.down();
    try {
      const result = await deposit(pesAllerText(spec('DOWN')));
      expect(result.accepted).toBe(true);
      const flow = await waitEnded(result.flowId);
      expect(flow.status).toBe('ERREUR');
      expect(flow.alarmRaisedAt).not.toBeNull();
      expect(flow.transmittedAt).toBeNull();
      expect(flow.issues).toEqual([
        expect.objectContaining({
          code: 'ERREUR_AUTRE',
          message: expect.stringMatching(/^Transmission impossible au Trésor : .*ECONNREFUSED/),
        }),
      ]);
      expect(h.fake.stores.get(flow.wireName!)).toBeUndefined();
      await expectNothingLost(result.flowId);
      const operator = await personFor(t.handle.db, 'operator', h.parties.accountant.party, 'operator');
      const stuck = await listStuckFlows(h.deps, operator.actor);
      expect(stuck.find((s) => s.id === result.flowId)).toMatchObject({ reason: 'ERROR', alarm: true });
    } finally {
      await h.fake.up();
    }
  }, 120_000);

  it('the gateway too slow: each attempt times out and is retried, then ERREUR with the alarm; nothing lost', async () => {
    const treasury = h.deps.accounting!.treasury!;
    const timeoutMs = treasury.timeoutMs;
    // The worker reads the settings at each attempt: a short timeout, a gateway slower than it.
    treasury.timeoutMs = 1_000;
    h.fake.setSlow(3_000);
    try {
      const result = await deposit(pesAllerText(spec('SLOW')));
      const flow = await waitEnded(result.flowId);
      expect(flow.status).toBe('ERREUR');
      expect(flow.alarmRaisedAt).not.toBeNull();
      expect((flow.issues as { message: string }[])[0]?.message).toMatch(/^Transmission impossible au Trésor : /);
      // Both attempts reached the gateway, neither was taken as sent.
      await eventually(async () => (h.fake.stores.get(flow.wireName!) === 2 ? true : undefined), 10_000, '2 STOR');
      expect(h.fake.received.filter((r) => r.name === flow.wireName)).toHaveLength(0);
      expect(await auditOf(result.flowId, 'accounting.transmit')).toHaveLength(0);
      await expectNothingLost(result.flowId);
    } finally {
      h.fake.setSlow(0);
      treasury.timeoutMs = timeoutMs;
    }
  }, 120_000);

  it('the same acknowledgement fetched twice, under its name or another, makes one event', async () => {
    const result = await deposit(pesAllerText(spec('ACK2')));
    const wireName = (
      await eventually(
        async () => {
          const row = await flowRow(result.flowId);
          return row.status === 'TRANSMIS' ? row : undefined;
        },
        60_000,
        'sent',
      )
    ).wireName!;
    const ackName = `ACQUIT_${wireName}`;
    const ack = await eventually(
      async () =>
        (await readdir(h.fake.sortieDir)).includes(ackName) ? readFile(join(h.fake.sortieDir, ackName)) : undefined,
      30_000,
      'the acquit written',
    );
    expect((await pollUntil(h.deps, result.flowId, [...ended])).status).toBe('ACQUITTE');
    const acknowledgedAt = (await flowRow(result.flowId)).acknowledgedAt;

    // The gateway serves it again (a poll that died before removing it), and once more under a new name.
    await writeFile(join(h.fake.sortieDir, ackName), ack);
    await pollTreasuryReturns(h.deps);
    await writeFile(join(h.fake.sortieDir, `AGAIN_${ackName}`), ack);
    await pollTreasuryReturns(h.deps);

    expect(await t.handle.db.select().from(pesReturns).where(eq(pesReturns.remoteName, ackName))).toHaveLength(1);
    expect(await auditOf(result.flowId, 'accounting.acknowledge')).toHaveLength(1);
    expect(await flowRow(result.flowId)).toMatchObject({ status: 'ACQUITTE', acknowledgedAt });
    expect(await readdir(h.fake.sortieDir)).not.toContain(ackName);
  }, 120_000);

  it('a gzip bomb in a PJ: refused with ERREUR_PJ and its place, in French, and nothing sent', async () => {
    // 100 MiB of zeros, compressed by a stream (about 100 KiB): past the 64 MiB budget of a PJ.
    const zeros = Buffer.alloc(MiB);
    const bomb = await buffer(
      Readable.from(
        (function* () {
          for (let i = 0; i < 100; i++) yield zeros;
        })(),
      ).pipe(createGzip()),
    );
    expect(bomb.length).toBeLessThan(MiB);
    const bombed = spec('BOMB');
    bombed.bordereaux[0]!.pieces[0]!.pjRefs = ['PJBOMBE'];
    bombed.pjs = [
      {
        idUnique: 'PJBOMBE',
        nomPJ: 'facture.pdf',
        mimeType: 'application/pdf',
        description: 'Facture',
        base64: bomb.toString('base64'),
      },
    ];
    const received = h.fake.received.length;
    const result = await deposit(pesAllerText(bombed));
    expect(result.accepted).toBe(false);
    expect(result.refusal?.code).toBe('PES_NON_CONFORME');
    const flow = await flowRow(result.flowId);
    expect(flow.status).toBe('NON_CONFORME');
    expect(flow.issues).toEqual([
      expect.objectContaining({
        code: 'ERREUR_PJ',
        message: expect.stringContaining('PJ PJBOMBE : « Fichier » dépasse 64 Mio une fois décompressé'),
      }),
    ]);
    expect(h.fake.received.length).toBe(received);
  }, 60_000);
});
