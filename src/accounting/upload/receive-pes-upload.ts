// One PES file from a multipart form (field `file` of the JSON API, `enveloppe` of the S²LOW import), streamed to
// the file store as it is parsed. The 128 MiB cap of a PES Aller stops the upload one byte past it, before the kind's
// wider cap of the store; on any failure nothing stays stored.
import { Readable, Transform } from 'node:stream';
import type { ReadableStream as NodeReadableStream } from 'node:stream/web';
import busboy from 'busboy';
import { AppError } from '../../platform/errors.ts';
import type { FileStore, StoredFile } from '../../platform/files/index.ts';

export interface ReceivedPes {
  file: StoredFile;
  fields: Record<string, string>;
}

const LIMITS = { fields: 10, fieldSize: 16 * 1024, files: 1, parts: 12, headerPairs: 50 };
const MiB = 1024 * 1024;

export const pesTooLarge = (maxBytes: number): AppError =>
  new AppError(
    'FILE_TOO_LARGE',
    `Le fichier dépasse ${maxBytes / MiB} Mio, la taille maximale d’un flux PES : l’envoi a été interrompu et rien n’a été enregistré.`,
    413,
    { maxBytes },
  );

const invalidForm = (problem: string) =>
  new AppError('INVALID_MULTIPART', `Formulaire d’envoi invalide : ${problem}. Rien n’a été enregistré.`, 400);

const missingFile = (field: string) =>
  new AppError('FILE_MISSING', `Aucun fichier PES reçu dans le champ « ${field} » du formulaire.`, 400);

export async function receivePesUpload(
  request: Request,
  store: FileStore,
  options: { field: string; maxBytes: number },
): Promise<ReceivedPes> {
  const { field, maxBytes } = options;
  const contentType = request.headers.get('content-type') ?? '';
  if (!/^multipart\/form-data\s*;/i.test(contentType))
    throw new AppError(
      'UNSUPPORTED_MEDIA_TYPE',
      `Le corps de la requête doit être un formulaire multipart/form-data portant le fichier PES dans le champ « ${field} ».`,
      415,
    );
  const declared = Number(request.headers.get('content-length') ?? NaN);
  if (Number.isFinite(declared) && declared > maxBytes + MiB) throw pesTooLarge(maxBytes);
  if (!request.body) throw missingFile(field);

  let parser: busboy.Busboy;
  try {
    parser = busboy({ headers: { 'content-type': contentType }, defParamCharset: 'utf8', limits: LIMITS });
  } catch (error) {
    throw invalidForm((error as Error).message);
  }
  const body = Readable.fromWeb(request.body as NodeReadableStream<Uint8Array>);
  const fields: Record<string, string> = {};
  let put: Promise<StoredFile> | undefined;
  let total = 0;

  const parsed = new Promise<void>((resolve, reject) => {
    parser.on('file', (name, stream, info) => {
      if (name !== field) {
        stream.resume();
        return reject(invalidForm(`le fichier est attendu dans le champ « ${field} », pas dans « ${name} »`));
      }
      const meter = new Transform({
        transform(chunk: Buffer, _enc, done) {
          total += chunk.length;
          if (total > maxBytes) return done(pesTooLarge(maxBytes));
          done(null, chunk);
        },
      });
      stream.on('error', (e) => meter.destroy(e));
      put = store.put(stream.pipe(meter), {
        kind: 'accounting_flow',
        mediaType: info.mimeType || 'application/xml',
        fileName: info.filename ?? '',
      });
      put.catch((error: unknown) => {
        stream.resume();
        reject(total > maxBytes ? pesTooLarge(maxBytes) : error);
      });
    });
    parser.on('field', (name, value, info) => {
      if (info.valueTruncated) return reject(invalidForm(`le champ « ${name} » est trop long`));
      fields[name] = value;
    });
    parser.on('filesLimit', () => reject(invalidForm('un seul fichier PES par envoi')));
    parser.on('fieldsLimit', () => reject(invalidForm(`au plus ${LIMITS.fields} champs`)));
    parser.on('partsLimit', () => reject(invalidForm(`au plus ${LIMITS.parts} parties`)));
    parser.on('error', (error: Error) => reject(total > maxBytes ? pesTooLarge(maxBytes) : invalidForm(error.message)));
    parser.on('close', () => resolve());
    body.on('error', (error) => reject(error instanceof AppError ? error : invalidForm('envoi interrompu')));
    body.pipe(parser);
  });

  try {
    await parsed;
    if (!put) throw missingFile(field);
    return { file: await put, fields };
  } catch (error) {
    body.unpipe(parser);
    body.destroy();
    parser.destroy();
    const stored = await put?.catch(() => undefined);
    if (stored) await store.delete(stored.id);
    throw error;
  }
}
