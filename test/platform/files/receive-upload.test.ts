// The upload helper behind a real HTTP server (hono on @hono/node-server, loopback), fed by real HTTP clients.
import { mkdtempSync, rmSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { serve, type ServerType } from '@hono/node-server';
import { count } from 'drizzle-orm';
import { Hono } from 'hono';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { storedFiles } from '../../../db/schema/files.ts';
import { handleError } from '../../../src/platform/error-handler.ts';
import { AppError } from '../../../src/platform/errors.ts';
import { createFileStore, diskBackend, FILE_KINDS, receiveUpload } from '../../../src/platform/files/index.ts';
import type { FileKind, FileStore } from '../../../src/platform/files/index.ts';
import type { AppEnv } from '../../../src/platform/http.ts';
import { generatedBytes, sha256Of } from '../../helpers/generated-bytes.ts';
import { multipartBody, postStream } from '../../helpers/multipart.ts';
import { useTestDatabase } from '../../helpers/use-database.ts';

const MiB = 1024 * 1024;
const database = useTestDatabase();
const root = mkdtempSync(join(tmpdir(), 'hub-upload-'));
const backend = diskBackend(root);
let store: FileStore;
let server: ServerType;
let base: string;
/** What the route saw, answered or not (a client that went away gets no answer). */
let outcomes: unknown[] = [];

beforeAll(async () => {
  store = createFileStore({ db: database.handle.db, backend });
  const app = new Hono<AppEnv>();
  app.post('/televersement/:kind', async (c) => {
    try {
      const received = await receiveUpload(c.req.raw, { store, kind: c.req.param('kind') as FileKind });
      outcomes.push(received);
      return c.json(received, 201);
    } catch (error) {
      outcomes.push(error);
      throw error;
    }
  });
  app.onError(handleError);
  server = await new Promise<ServerType>((resolve) => {
    const s = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s));
  });
  const address = server.address();
  base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
});
afterAll(async () => {
  await new Promise((resolve) => server?.close(resolve));
  rmSync(root, { recursive: true, force: true });
});
beforeEach(() => {
  outcomes = [];
});

const files = async () => (await readdir(root, { recursive: true, withFileTypes: true })).filter((e) => e.isFile());
const rows = async () => (await database.handle.db.select({ n: count() }).from(storedFiles))[0]!.n;

async function nothingStored(before: number) {
  expect(await rows()).toBe(before);
  expect((await readdir(backend.tmpDir)).length).toBe(0);
}

async function serverOutcome(): Promise<unknown> {
  for (let i = 0; i < 400 && outcomes.length === 0; i++) await new Promise((r) => setTimeout(r, 25));
  expect(outcomes).toHaveLength(1);
  return outcomes[0];
}

describe('receiveUpload', () => {
  it('stores the file of a browser form with its French name, media type and the text fields', async () => {
    const content = Buffer.alloc(3 * MiB + 17, 'hub');
    const form = new FormData();
    form.append('objet', 'Délibération du conseil');
    form.append('fichier', new Blob([content], { type: 'application/pdf' }), 'Délibération n°12 – annexe.pdf');
    const answer = await fetch(`${base}/televersement/act`, { method: 'POST', body: form });
    expect(answer.status).toBe(201);
    const body = (await answer.json()) as { file: { id: string; sha256: string }; fields: Record<string, string> };
    expect(body.fields).toEqual({ objet: 'Délibération du conseil' });
    expect(body.file).toMatchObject({
      kind: 'act',
      size: 3 * MiB + 17,
      mediaType: 'application/pdf',
      fileName: 'Délibération n°12 – annexe.pdf',
    });
    const stored = await store.get(body.file.id);
    expect(await sha256Of(stored!.stream)).toEqual({ sha256: body.file.sha256, size: 3 * MiB + 17 });
  });

  it('streams a large chunked body straight into the store', async () => {
    const source = generatedBytes(64 * MiB, { seed: 'chunked upload' });
    const form = multipartBody([
      { name: 'fichier', fileName: 'pli.zip', mediaType: 'application/zip', content: source.stream },
      { name: 'lot', value: '2' },
    ]);
    const answer = await postStream(`${base}/televersement/bid`, form.stream, { 'content-type': form.contentType });
    expect(answer.status).toBe(201);
    expect(JSON.parse(answer.body)).toMatchObject({
      file: { sha256: source.sha256(), size: 64 * MiB, fileName: 'pli.zip' },
      fields: { lot: '2' },
    });
  });

  it('stops a body midway once past the cap of the kind with 413 FILE_TOO_LARGE, and keeps nothing', async () => {
    const before = await rows();
    const cap = FILE_KINDS.attachment.maxBytes;
    const source = generatedBytes(6 * cap, { seed: 'past the cap' });
    const form = multipartBody([
      { name: 'fichier', fileName: 'scan.pdf', mediaType: 'application/pdf', content: source.stream },
    ]);
    const answer = await postStream(`${base}/televersement/attachment`, form.stream, {
      'content-type': form.contentType,
    });
    expect(answer).toMatchObject({ status: 413, outcome: 'answered' });
    expect(JSON.parse(answer.body)).toMatchObject({
      code: 'FILE_TOO_LARGE',
      message:
        'Le fichier « scan.pdf » dépasse 20 Mio, la taille maximale pour une pièce jointe : l’envoi a été ' +
        'interrompu et rien n’a été enregistré.',
    });
    // The sender learnt it midway: it stopped sending long before the end of its body.
    expect(source.produced()).toBeLessThan(6 * cap);
    await nothingStored(before);
  });

  it('refuses at once a body whose declared length is past the cap, before reading it', async () => {
    const before = await rows();
    const source = generatedBytes(200 * MiB, { seed: 'declared' });
    const form = multipartBody([
      { name: 'fichier', fileName: 'gros.pdf', mediaType: 'application/pdf', content: source.stream },
    ]);
    const answer = await postStream(`${base}/televersement/act`, form.stream, {
      'content-type': form.contentType,
      'content-length': String(200 * MiB + 300),
    });
    expect(answer.status).toBe(413);
    expect(JSON.parse(answer.body)).toMatchObject({ code: 'FILE_TOO_LARGE' });
    expect(JSON.parse(answer.body).message).toContain('150 Mio, la taille maximale pour un acte');
    // Far less than the body was sent: the server answered from the headers.
    expect(source.produced()).toBeLessThan(100 * MiB);
    await nothingStored(before);
  });

  it('keeps nothing when the client goes away mid-body', async () => {
    const before = await rows();
    let release!: () => void;
    const cut = new Promise<void>((resolve) => (release = resolve));
    const source = generatedBytes(64 * MiB, { seed: 'client gone', pauseAt: { offset: 8 * MiB, until: cut } });
    const form = multipartBody([
      { name: 'fichier', fileName: 'dce.zip', mediaType: 'application/zip', content: source.stream },
    ]);
    const sent = postStream(`${base}/televersement/tender_document`, form.stream, {
      'content-type': form.contentType,
    });
    // Once 8 MiB are on their way, the client's connection is cut (the source fails, the request is destroyed).
    await new Promise((r) => setTimeout(r, 300));
    form.stream.destroy(new Error('client gone'));
    release();
    expect((await sent).outcome).toBe('connection-closed');
    const outcome = await serverOutcome();
    expect(outcome).toBeInstanceOf(AppError);
    expect(outcome).toMatchObject({ code: 'UPLOAD_INTERRUPTED', status: 400 });
    expect((outcome as AppError).message).toContain('« dce.zip »');
    await nothingStored(before);
  });

  it('keeps nothing from a form cut short without its closing boundary', async () => {
    const before = await rows();
    const form = multipartBody(
      [
        {
          name: 'fichier',
          fileName: 'acte.pdf',
          mediaType: 'application/pdf',
          content: generatedBytes(2 * MiB).stream,
        },
      ],
      { unfinished: true },
    );
    const answer = await postStream(`${base}/televersement/act`, form.stream, { 'content-type': form.contentType });
    expect(answer.status).toBe(400);
    expect(JSON.parse(answer.body)).toMatchObject({ code: 'UPLOAD_INTERRUPTED' });
    await nothingStored(before);
  });

  it('keeps nothing when a second file follows the first', async () => {
    const before = await rows();
    const form = multipartBody([
      { name: 'fichier', fileName: 'un.pdf', mediaType: 'application/pdf', content: generatedBytes(MiB).stream },
      { name: 'fichier', fileName: 'deux.pdf', mediaType: 'application/pdf', content: generatedBytes(MiB).stream },
    ]);
    const answer = await postStream(`${base}/televersement/act`, form.stream, { 'content-type': form.contentType });
    expect(answer.status).toBe(400);
    expect(JSON.parse(answer.body)).toMatchObject({
      code: 'INVALID_MULTIPART',
      message: 'Formulaire d’envoi invalide : un seul fichier est accepté par envoi. Rien n’a été enregistré.',
    });
    await nothingStored(before);
  });

  it('answers 415 to a body that is not a multipart form', async () => {
    const answer = await fetch(`${base}/televersement/act`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ fichier: 'acte.pdf' }),
    });
    expect(answer.status).toBe(415);
    expect(await answer.json()).toMatchObject({
      code: 'UNSUPPORTED_MEDIA_TYPE',
      message:
        'Le corps de la requête doit être un formulaire multipart/form-data portant le fichier dans le champ ' +
        '« fichier » (reçu : application/json).',
    });
  });

  it('answers 400 to a form without the file, or with the file in another field', async () => {
    const noFile = new FormData();
    noFile.append('objet', 'sans fichier');
    const first = await fetch(`${base}/televersement/act`, { method: 'POST', body: noFile });
    expect(first.status).toBe(400);
    expect(await first.json()).toMatchObject({
      code: 'FILE_MISSING',
      message: 'Aucun fichier reçu dans le champ « fichier » du formulaire.',
    });

    const elsewhere = new FormData();
    elsewhere.append('document', new Blob(['%PDF']), 'acte.pdf');
    const second = await fetch(`${base}/televersement/act`, { method: 'POST', body: elsewhere });
    expect(second.status).toBe(400);
    expect(await second.json()).toMatchObject({ code: 'INVALID_MULTIPART' });

    const noBoundary = await fetch(`${base}/televersement/act`, {
      method: 'POST',
      headers: { 'content-type': 'multipart/form-data; charset=utf-8' },
      body: Readable.toWeb(Readable.from([Buffer.from('x')])) as ReadableStream,
      duplex: 'half',
    } as RequestInit);
    expect(noBoundary.status).toBe(400);
    expect(await noBoundary.json()).toMatchObject({ code: 'INVALID_MULTIPART' });
    expect((await files()).filter((f) => f.name.endsWith('.part'))).toEqual([]);
  });
});
