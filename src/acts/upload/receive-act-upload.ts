// A multipart form carrying an act: text fields (`metadata` for the JSON API, S²LOW's fields for its API) and
// several files (the main document, the annexes, detached signatures), each streamed to the file store as it is
// parsed. The 150 MiB cap counts all the files together and stops the upload one byte past it; on any failure
// nothing stays stored.
import { Readable, Transform } from 'node:stream';
import type { ReadableStream as NodeReadableStream } from 'node:stream/web';
import busboy from 'busboy';
import { AppError } from '../../platform/errors.ts';
import type { FileStore, StoredFile } from '../../platform/files/index.ts';
import { MAX_ACT_BYTES } from '../domain/rules.ts';

export interface ReceivedPart {
  field: string;
  file: StoredFile;
  /** First bytes, to recognise the format (PDF, JPEG, PNG, XML). */
  head: Uint8Array;
}

export interface ReceivedActUpload {
  fields: Record<string, string[]>;
  files: ReceivedPart[];
}

const LIMITS = { fields: 60, fieldSize: 64 * 1024, files: 200, parts: 260, headerPairs: 50 };

export const actTooLarge = (): AppError =>
  new AppError(
    'FILE_TOO_LARGE',
    "L'acte et ses annexes dépassent 150 Mio au total, la taille maximale d'une transmission : l'envoi a été interrompu et rien n'a été enregistré.",
    413,
    { field: 'document', maxBytes: MAX_ACT_BYTES },
  );

const invalidForm = (problem: string) =>
  new AppError('INVALID_MULTIPART', `Formulaire d'envoi invalide : ${problem}. Rien n'a été enregistré.`, 400);

export async function receiveActUpload(
  request: Request,
  store: FileStore,
  options: {
    fileFields: readonly string[];
    owningStructureId?: string | null;
    maxBytes?: number;
    /** `latin1` keeps a text field's bytes as they came (S²LOW clients send ISO-8859-1 or UTF-8). */
    fieldCharset?: 'utf8' | 'latin1';
  },
): Promise<ReceivedActUpload> {
  const maxBytes = options.maxBytes ?? MAX_ACT_BYTES;
  const contentType = request.headers.get('content-type') ?? '';
  if (!/^multipart\/form-data\s*;/i.test(contentType))
    throw new AppError(
      'UNSUPPORTED_MEDIA_TYPE',
      'Le corps de la requête doit être un formulaire multipart/form-data (champ « metadata », fichiers « document » et « annexes »).',
      415,
    );
  const declared = Number(request.headers.get('content-length') ?? NaN);
  if (Number.isFinite(declared) && declared > maxBytes + 1024 * 1024) throw actTooLarge();
  if (!request.body) throw invalidForm('corps vide');

  const parser = busboy({
    headers: { 'content-type': contentType },
    defParamCharset: 'utf8',
    defCharset: options.fieldCharset ?? 'utf8',
    limits: LIMITS,
  });
  const body = Readable.fromWeb(request.body as NodeReadableStream<Uint8Array>);
  const fields: Record<string, string[]> = {};
  const puts: Promise<ReceivedPart>[] = [];
  let total = 0;

  const parsed = new Promise<void>((resolve, reject) => {
    parser.on('file', (name, stream, info) => {
      const field = name.replace(/\[\]$/, '');
      if (!options.fileFields.includes(field)) {
        stream.resume();
        return reject(invalidForm(`champ de fichier inattendu « ${name} »`));
      }
      // A file input left empty in a browser's form sends a part without a name nor bytes: no file.
      if (!info.filename) {
        stream.once('data', () => reject(invalidForm(`fichier sans nom dans le champ « ${name} »`)));
        stream.resume();
        return;
      }
      let head = new Uint8Array(0);
      const meter = new Transform({
        transform(chunk: Buffer, _enc, done) {
          total += chunk.length;
          if (head.length < 16) head = Uint8Array.from([...head, ...chunk.subarray(0, 16 - head.length)]);
          if (total > maxBytes) return done(actTooLarge());
          done(null, chunk);
        },
      });
      stream.on('error', (e) => meter.destroy(e));
      const put = store
        .put(stream.pipe(meter), {
          kind: 'act',
          mediaType: info.mimeType || 'application/octet-stream',
          fileName: info.filename ?? '',
          owningStructureId: options.owningStructureId,
        })
        .then((file) => ({ field, file, head }));
      put.catch((error: unknown) => {
        stream.resume();
        reject(total > maxBytes ? actTooLarge() : error);
      });
      puts.push(put);
    });
    parser.on('field', (name, value, info) => {
      if (info.valueTruncated) return reject(invalidForm(`le champ « ${name} » est trop long`));
      (fields[name.replace(/\[\]$/, '')] ??= []).push(value);
    });
    parser.on('filesLimit', () => reject(invalidForm(`au plus ${LIMITS.files} fichiers par acte`)));
    parser.on('fieldsLimit', () => reject(invalidForm(`au plus ${LIMITS.fields} champs`)));
    parser.on('error', (error: Error) => reject(invalidForm(error.message)));
    parser.on('close', () => resolve());
    body.on('error', () => reject(invalidForm('envoi interrompu')));
    body.pipe(parser);
  });

  try {
    await parsed;
    const files = await Promise.all(puts);
    return { fields, files };
  } catch (error) {
    body.unpipe(parser);
    body.destroy();
    parser.destroy();
    const settled = await Promise.allSettled(puts);
    for (const s of settled) if (s.status === 'fulfilled') await store.delete(s.value.file.id);
    throw error;
  }
}

/** Deletes the files of an upload whose verb refused it. */
export async function discardUpload(store: FileStore, upload: ReceivedActUpload): Promise<void> {
  for (const part of upload.files) await store.delete(part.file.id).catch(() => false);
}
