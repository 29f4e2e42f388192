// Resumable bid uploads (tus 1.0.0) over a real socket, on the real Postgres and Temporal: an upload whose socket is
// destroyed in the middle of a PATCH, resumed from the offset HEAD gives, makes one bid with the right SHA-256 and
// size, opened to the exact bytes; the same resumed on another hub (whose hash state must be rebuilt from the
// store) too; a segment altered in the store is detected at opening; a wrong offset is a 409; another company
// can neither HEAD nor PATCH the upload; an upload whose last byte arrives after the deadline makes a late bid;
// two finalisations give one deposit; an expired upload is refused; tus-js-client uploads through the protocol.
import { createHash, randomBytes } from 'node:crypto';
import { request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { serve, type ServerType } from '@hono/node-server';
import { eq, inArray } from 'drizzle-orm';
import * as tus from 'tus-js-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { storedFiles } from '../../db/schema/files.ts';
import {
  tenderConsultations,
  tenderDepositFiles,
  tenderDeposits,
  tenderUploadSegments,
  tenderUploadSessions,
} from '../../db/schema/tenders.ts';
import { createApp } from '../../src/app.ts';
import { openBids } from '../../src/tenders/opening/open-bids.ts';
import { personActing, partyBySiren } from '../helpers/invoices.ts';
import { useTestDatabase } from '../helpers/use-database.ts';
import { DEMO_SUPPLIER_KERLANN_INFORMATIQUE } from '../../src/directory/index.ts';
import { bearerFor, eventually, publishTestConsultation, useTenderHarness } from './harness.ts';

const t = useTestDatabase();
const h = useTenderHarness(t);
const MiB = 1024 * 1024;
const servers: ServerType[] = [];

async function listen(app: { fetch: (r: Request) => Response | Promise<Response> }): Promise<string> {
  const server = await new Promise<ServerType>((resolve) => {
    const s = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s));
  });
  servers.push(server);
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}
afterAll(async () => {
  for (const s of servers) await new Promise((r) => s.close(r));
});

const b64 = (text: string) => Buffer.from(text).toString('base64');
const sha = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');
const TUS = { 'tus-resumable': '1.0.0' };

async function create(base: string, token: string, consultationId: string, part: string, name: string, size: number) {
  const res = await fetch(`${base}/api/tenders/consultations/${consultationId}/lots/1/uploads`, {
    method: 'POST',
    headers: {
      ...TUS,
      authorization: token,
      'upload-length': String(size),
      'upload-metadata': `part ${b64(part)},filename ${b64(name)},filetype ${b64('application/pdf')}`,
    },
  });
  expect(res.status).toBe(201);
  expect(res.headers.get('tus-resumable')).toBe('1.0.0');
  expect(res.headers.get('upload-expires')).toBeTruthy();
  return new URL(res.headers.get('location')!, base).toString();
}

const head = (url: string, token: string) => fetch(url, { method: 'HEAD', headers: { ...TUS, authorization: token } });

async function offsetOf(url: string, token: string): Promise<number> {
  const res = await head(url, token);
  expect(res.status).toBe(200);
  expect(res.headers.get('cache-control')).toBe('no-store');
  return Number(res.headers.get('upload-offset'));
}

/** A PATCH over its own socket; answers even when the hub refuses before reading the whole body. */
function patch(url: string, token: string, offset: number, bytes: Buffer) {
  return new Promise<{ status: number; headers: Headers; json: () => Promise<unknown> }>((resolve, reject) => {
    // A socket of its own: one the hub closed after an early refusal is never reused.
    const req = httpRequest(url, {
      agent: false,
      method: 'PATCH',
      headers: {
        ...TUS,
        authorization: token,
        'content-type': 'application/offset+octet-stream',
        'upload-offset': String(offset),
        'content-length': String(bytes.length),
      },
    });
    let answered = false;
    req.on('error', (e) => {
      if (!answered) reject(e);
    });
    req.on('response', (res) => {
      answered = true;
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const headers = new Headers();
        for (const [k, v] of Object.entries(res.headers)) if (typeof v === 'string') headers.set(k, v);
        const text = Buffer.concat(chunks).toString('utf8');
        resolve({ status: res.statusCode!, headers, json: async () => JSON.parse(text) as unknown });
      });
    });
    req.end(bytes);
  });
}

/** A PATCH whose socket is destroyed once the hub has stored `storedAtLeast` bytes of the `sent` first ones. */
async function cutPatch(url: string, token: string, bytes: Buffer, sent: number, storedAtLeast: number) {
  const req = httpRequest(url, {
    method: 'PATCH',
    headers: {
      ...TUS,
      authorization: token,
      'content-type': 'application/offset+octet-stream',
      'upload-offset': '0',
      'content-length': String(bytes.length),
    },
  });
  req.on('error', () => undefined);
  req.write(bytes.subarray(0, sent));
  await eventually(async () => ((await offsetOf(url, token)) >= storedAtLeast ? true : undefined), 30_000);
  req.destroy();
  // The hub notices the broken body and stops at the last stored segment.
  await new Promise((r) => setTimeout(r, 300));
}

async function finalise(base: string, token: string, consultationId: string, uploads: string[]) {
  const res = await fetch(`${base}/api/tenders/consultations/${consultationId}/lots/1/uploads/deposit`, {
    method: 'POST',
    headers: { authorization: token, 'content-type': 'application/json' },
    body: JSON.stringify({ uploads: uploads.map((u) => u.split('/').pop()) }),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> & { depositId: string } };
}

let kerlannId: string;
beforeAll(async () => {
  kerlannId = (await partyBySiren(t.handle.db, 'supplier', DEMO_SUPPLIER_KERLANN_INFORMATIQUE.siren)).id;
});

describe('resumable bid uploads', () => {
  it('resumes a cut upload to one sealed bid, refuses wrong offsets and strangers, keeps a late end late, detects tampering', async () => {
    const { rennes, armor, breizh } = h.parties;
    const armorToken = await bearerFor(h, 'supplier', armor.id);
    const breizhToken = await bearerFor(h, 'supplier', breizh.id);
    const kerlannToken = await bearerFor(h, 'supplier', kerlannId);
    const agentToken = await bearerFor(h, 'agent', rennes.id);
    const base = await listen(h.app);
    // Another hub on the same database and store: its own in-memory upload state, as after a restart.
    const otherBase = await listen(createApp({ ...h.deps }));
    const deadline = new Date(Date.now() + 25_000);
    const id = await publishTestConsultation(h, deadline, 'Fournitures reprises');

    // Armor: 3.5 MiB offer, the socket destroyed after 2.5 MiB sent; resumed from HEAD's offset.
    const offer = randomBytes(3 * MiB + MiB / 2);
    const offerUrl = await create(base, armorToken, id, 'offre', 'offre-armor.pdf', offer.length);
    await cutPatch(offerUrl, armorToken, offer, 2 * MiB + MiB / 2, 2 * MiB);
    const stored = await offsetOf(offerUrl, armorToken);
    expect(stored).toBe(2 * MiB);

    // A wrong offset is refused with 409 and the stored offset.
    const wrong = await patch(offerUrl, armorToken, 0, offer.subarray(0, 10));
    expect(wrong.status).toBe(409);
    expect(wrong.headers.get('tus-resumable')).toBe('1.0.0');
    expect(await wrong.json()).toMatchObject({ code: 'UPLOAD_OFFSET_MISMATCH', details: { offset: 2 * MiB } });
    // Another company sees nothing of it.
    const strangerHead = await head(offerUrl, breizhToken);
    expect(strangerHead.status).toBe(404);
    const strangerPatch = await patch(offerUrl, breizhToken, stored, offer.subarray(stored));
    expect(strangerPatch.status).toBe(404);
    expect(await strangerPatch.json()).toMatchObject({ code: 'UPLOAD_NOT_FOUND' });
    // Without the protocol's header: 412.
    const noTus = await fetch(offerUrl, { method: 'HEAD', headers: { authorization: armorToken } });
    expect(noTus.status).toBe(412);

    const resumed = await patch(offerUrl, armorToken, stored, offer.subarray(stored));
    expect(resumed.status).toBe(204);
    expect(Number(resumed.headers.get('upload-offset'))).toBe(offer.length);

    // A candidature cut, then resumed on the other hub: its hash rebuilt from the stored prefix.
    const dc1 = randomBytes(2 * MiB + 123);
    const dc1Url = await create(base, armorToken, id, 'candidature', 'dc1.pdf', dc1.length);
    await cutPatch(dc1Url, armorToken, dc1, MiB + 500, MiB);
    const dc1Stored = await offsetOf(`${otherBase}${new URL(dc1Url).pathname}`, armorToken);
    expect(dc1Stored).toBe(MiB);
    const dc1Rest = await patch(`${otherBase}${new URL(dc1Url).pathname}`, armorToken, dc1Stored, dc1.subarray(MiB));
    expect(dc1Rest.status).toBe(204);

    // Finalised twice: one deposit.
    const firstTime = await finalise(base, armorToken, id, [offerUrl, dc1Url]);
    expect(firstTime.status).toBe(201);
    const secondTime = await finalise(base, armorToken, id, [dc1Url, offerUrl]);
    expect(secondTime.status).toBe(200);
    expect(secondTime.body.depositId).toBe(firstTime.body.depositId);
    const armorDeposit = firstTime.body.depositId;
    expect(firstTime.body).toMatchObject({ late: false });
    const receipt = firstTime.body['receipt'] as { documents: { nom: string; taille: number; sha256: string }[] };
    expect(receipt.documents).toEqual([
      expect.objectContaining({ nom: 'dc1.pdf', taille: dc1.length, sha256: sha(dc1) }),
      expect.objectContaining({ nom: 'offre-armor.pdf', taille: offer.length, sha256: sha(offer) }),
    ]);
    const deposits = await t.handle.db.select().from(tenderDeposits).where(eq(tenderDeposits.companyId, armor.id));
    expect(deposits.filter((d) => d.consultationId === id)).toHaveLength(1);
    const sessions = await t.handle.db
      .select()
      .from(tenderUploadSessions)
      .where(eq(tenderUploadSessions.depositId, armorDeposit));
    expect(sessions.map((s) => [s.part, s.resumed, s.sealedDataKey]).sort()).toEqual([
      ['candidature', true, null],
      ['offre', false, null],
    ]);
    // Assembled: no segment left, and no clear byte in the store.
    const left = await t.handle.db
      .select()
      .from(tenderUploadSegments)
      .where(
        inArray(
          tenderUploadSegments.sessionId,
          sessions.map((s) => s.id),
        ),
      );
    expect(left).toHaveLength(0);
    const [offerStored] = await t.handle.db
      .select({ sha256: storedFiles.sha256 })
      .from(tenderDepositFiles)
      .innerJoin(storedFiles, eq(storedFiles.id, tenderDepositFiles.storedFileId))
      .where(eq(tenderDepositFiles.depositId, armorDeposit))
      .orderBy(tenderDepositFiles.part);
    const onDisk = await readFile(join(h.filesRoot, 'objects', offerStored!.sha256.slice(0, 2), offerStored!.sha256));
    expect(onDisk.includes(dc1.subarray(0, 64))).toBe(false);

    // Breizh: a one-PATCH upload, its stored ciphertext to be altered before opening.
    const breizhOffer = randomBytes(MiB + 10);
    const breizhUrl = await create(base, breizhToken, id, 'offre', 'offre-breizh.pdf', breizhOffer.length);
    expect((await patch(breizhUrl, breizhToken, 0, breizhOffer)).status).toBe(204);
    const breizhDeposit = (await finalise(base, breizhToken, id, [breizhUrl])).body.depositId;
    // Not complete yet: finalising is refused.
    const kerlannOffer = randomBytes(2 * MiB);
    const kerlannUrl = await create(base, kerlannToken, id, 'offre', 'offre-kerlann.pdf', kerlannOffer.length);
    await cutPatch(kerlannUrl, kerlannToken, kerlannOffer, MiB + 10, MiB);
    const early = await finalise(base, kerlannToken, id, [kerlannUrl]);
    expect(early).toMatchObject({ status: 409, body: { code: 'UPLOAD_INCOMPLETE' } });

    // Kerlann's upload started before the deadline and ends after it: kept, late.
    const wait = deadline.getTime() + 500 - Date.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    expect((await patch(kerlannUrl, kerlannToken, MiB, kerlannOffer.subarray(MiB))).status).toBe(204);
    const late = await finalise(base, kerlannToken, id, [kerlannUrl]);
    expect(late.status).toBe(201);
    expect(late.body).toMatchObject({ late: true });
    expect(new Date(late.body['uploadStartedAt'] as string).getTime()).toBeLessThan(deadline.getTime());
    expect(new Date(late.body['receivedAt'] as string).getTime()).toBeGreaterThan(deadline.getTime());

    await eventually(async () => {
      const [row] = await t.handle.db.select().from(tenderConsultations).where(eq(tenderConsultations.id, id));
      return row?.status === 'closed' && row.keyReleasedAt ? row : undefined;
    });
    // One byte of Breizh's stored ciphertext altered, inside its second segment.
    const [breizhStored] = await t.handle.db
      .select({ sha256: storedFiles.sha256 })
      .from(tenderDepositFiles)
      .innerJoin(storedFiles, eq(storedFiles.id, tenderDepositFiles.storedFileId))
      .where(eq(tenderDepositFiles.depositId, breizhDeposit));
    const path = join(h.filesRoot, 'objects', breizhStored!.sha256.slice(0, 2), breizhStored!.sha256);
    const bytes = await readFile(path);
    bytes[bytes.length - 20] = bytes[bytes.length - 20]! ^ 0xff;
    await writeFile(path, bytes);

    const report = await openBids({
      ctx: { deps: h.deps, actor: personActing('agent', rennes.id) },
      input: { consultationId: id },
    });
    const byId = new Map(report.deposits.map((d) => [d.depositId, d]));
    expect(byId.get(armorDeposit)).toMatchObject({ status: 'ouvert', integrity: 'intact' });
    expect(byId.get(breizhDeposit)).toMatchObject({ status: 'ouvert', integrity: 'altere' });
    expect(byId.get(breizhDeposit)?.files[0]?.problem).toMatch(/GCM/);
    expect(byId.get(late.body.depositId)).toMatchObject({ status: 'hors_delai' });

    // The agent reads both of Armor's files back, byte for byte.
    for (const [file, expected] of [
      [byId.get(armorDeposit)!.files.find((f) => f.part === 'offre')!, offer],
      [byId.get(armorDeposit)!.files.find((f) => f.part === 'candidature')!, dc1],
    ] as const) {
      const read = await fetch(
        `${base}/api/tenders/consultations/${id}/deposits/${armorDeposit}/files/${file.fileId}`,
        {
          headers: { authorization: agentToken },
        },
      );
      expect(read.status).toBe(200);
      expect(sha(Buffer.from(await read.arrayBuffer()))).toBe(sha(expected));
    }
  }, 180_000);

  it('uploads with tus-js-client in chunks, and refuses an expired upload', async () => {
    const { armor } = h.parties;
    const token = await bearerFor(h, 'supplier', armor.id);
    const base = await listen(h.app);
    const id = await publishTestConsultation(h, new Date(Date.now() + 60 * 60_000), 'Fournitures par tus');
    const file = randomBytes(2 * MiB + 777);
    const url = await new Promise<string>((resolve, reject) => {
      const upload = new tus.Upload(file, {
        endpoint: `${base}/api/tenders/consultations/${id}/lots/1/uploads`,
        headers: { authorization: token },
        metadata: { part: 'offre', filename: 'offre-tus.pdf', filetype: 'application/pdf' },
        // Chunks not aligned on segments: the hub stores the short ends as their own segments.
        chunkSize: MiB + MiB / 3,
        retryDelays: [0, 200],
        onError: reject,
        onSuccess: () => resolve(upload.url!),
      });
      upload.start();
    });
    const deposited = await finalise(base, token, id, [url]);
    expect(deposited.status).toBe(201);
    expect(deposited.body['receipt']).toMatchObject({
      documents: [{ nom: 'offre-tus.pdf', taille: file.length, sha256: sha(file) }],
    });
    const options = await fetch(`${base}/api/tenders/uploads`, { method: 'OPTIONS' });
    expect(options.headers.get('tus-version')).toBe('1.0.0');
    expect(options.headers.get('tus-extension')).toContain('creation');

    // An upload left unfinished past its expiry: 410 on HEAD and PATCH, for the hub whose clock is a day later.
    const stale = await create(base, token, id, 'offre', 'abandon.pdf', 10);
    await t.handle.db
      .update(tenderUploadSessions)
      .set({ expiresAt: new Date(Date.now() - 1_000) })
      .where(eq(tenderUploadSessions.id, new URL(stale).pathname.split('/').pop()!));
    const later = base;
    const path = new URL(stale).pathname;
    expect((await head(`${later}${path}`, token)).status).toBe(410);
    const expired = await patch(`${later}${path}`, token, 0, Buffer.alloc(10));
    expect(expired.status).toBe(410);
    expect(await expired.json()).toMatchObject({ code: 'UPLOAD_EXPIRED' });
  }, 120_000);
});
