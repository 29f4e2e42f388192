// A multipart/form-data request body streamed into the file store: the file part goes to `store.put` as it is
// parsed (busboy), so the cap of the kind stops the upload as soon as it is passed and nothing is held in memory.
// Whatever fails (too large, client gone, malformed form), nothing stays stored.
import { Readable } from 'node:stream';
import type { ReadableStream as NodeReadableStream } from 'node:stream/web';
import busboy from 'busboy';
import { AppError } from '../errors.ts';
import { fileTooLarge, uploadInterrupted } from './errors.ts';
import { FILE_KINDS, formatSize, type FileKind } from './kinds.ts';
import type { FileStore, StoredFile } from './types.ts';

export interface ReceiveUploadOptions {
  store: FileStore;
  kind: FileKind;
  /** The form field that carries the file; `fichier` unless said otherwise. */
  fieldName?: string;
  owningStructureId?: string | null;
}

export interface ReceivedUpload {
  file: StoredFile;
  /** The form's text fields, by name (before or after the file part). */
  fields: Record<string, string>;
}

const FIELD_LIMITS = { fields: 20, fieldSize: 16 * 1024, parts: 22, headerPairs: 50 };
/** Room for the form's other parts and headers when a declared Content-Length is checked against the cap. */
const FORM_OVERHEAD = 1024 * 1024;

/**
 * Reads one file (and a few text fields) from a multipart/form-data request and stores it. Throws an AppError:
 * UNSUPPORTED_MEDIA_TYPE (415), FILE_TOO_LARGE (413, before reading when Content-Length already says so),
 * UPLOAD_INTERRUPTED (400), INVALID_MULTIPART or FILE_MISSING (400).
 */
export async function receiveUpload(request: Request, options: ReceiveUploadOptions): Promise<ReceivedUpload> {
  const { store, kind } = options;
  const fieldName = options.fieldName ?? 'fichier';
  const contentType = request.headers.get('content-type') ?? '';
  if (!/^multipart\/form-data\s*;/i.test(contentType)) throw notMultipart(contentType, fieldName);
  const declared = Number(request.headers.get('content-length') ?? NaN);
  if (Number.isFinite(declared) && declared > FILE_KINDS[kind].maxBytes + FORM_OVERHEAD) {
    throw fileTooLarge(kind, undefined);
  }
  if (!request.body) throw missingFile(fieldName);

  let parser: busboy.Busboy;
  try {
    // Browsers send file names as raw UTF-8 in the part header; busboy would read them as Latin-1 otherwise.
    parser = busboy({
      headers: { 'content-type': contentType },
      defParamCharset: 'utf8',
      limits: { ...FIELD_LIMITS, files: 1 },
    });
  } catch (error) {
    throw invalidMultipart((error as Error).message);
  }
  const body = Readable.fromWeb(request.body as NodeReadableStream<Uint8Array>);
  const fields: Record<string, string> = {};
  let put: Promise<StoredFile> | undefined;
  let fileName: string | undefined;

  const parsed = new Promise<void>((resolve, reject) => {
    const fail = (error: AppError) => reject(error);
    parser.on('file', (name, stream, info) => {
      if (name !== fieldName) {
        stream.resume();
        return fail(invalidMultipart(`le fichier est attendu dans le champ « ${fieldName} », pas dans « ${name} »`));
      }
      fileName = info.filename;
      put = store.put(stream, {
        kind,
        mediaType: info.mimeType || 'application/octet-stream',
        fileName: info.filename ?? '',
        owningStructureId: options.owningStructureId,
      });
      put.catch(fail);
    });
    parser.on('field', (name, value, info) => {
      if (info.valueTruncated) {
        return fail(invalidMultipart(`le champ « ${name} » dépasse ${formatSize(FIELD_LIMITS.fieldSize)}`));
      }
      fields[name] = value;
    });
    parser.on('filesLimit', () => fail(invalidMultipart('un seul fichier est accepté par envoi')));
    parser.on('fieldsLimit', () => fail(invalidMultipart(`au plus ${FIELD_LIMITS.fields} champs sont acceptés`)));
    parser.on('partsLimit', () => fail(invalidMultipart(`au plus ${FIELD_LIMITS.parts} parties sont acceptées`)));
    parser.on('error', (error: Error) =>
      fail(/^Unexpected end of/.test(error.message) ? uploadInterrupted(fileName) : invalidMultipart(error.message)),
    );
    parser.on('close', () => resolve());
    // The client went away mid-body (the server errors the body stream, or aborts the request).
    body.on('error', () => fail(uploadInterrupted(fileName)));
    request.signal?.addEventListener('abort', () => fail(uploadInterrupted(fileName)), { once: true });
    body.pipe(parser);
  });

  try {
    await parsed;
    if (!put) throw missingFile(fieldName);
    return { file: await put, fields };
  } catch (error) {
    // Stop reading the request (its server closes the connection after the answer), and make sure the file part
    // ends: an unfinished part fails its put, which removes the partial; a finished one is deleted here.
    body.unpipe(parser);
    body.destroy();
    parser.destroy();
    const stored = await put?.catch(() => undefined);
    if (stored) await store.delete(stored.id);
    throw error;
  }
}

const notMultipart = (contentType: string, fieldName: string): AppError =>
  new AppError(
    'UNSUPPORTED_MEDIA_TYPE',
    `Le corps de la requête doit être un formulaire multipart/form-data portant le fichier dans le champ ` +
      `« ${fieldName} » (reçu : ${contentType.split(';')[0]?.trim() || 'aucun type'}).`,
    415,
  );

const invalidMultipart = (problem: string): AppError =>
  new AppError('INVALID_MULTIPART', `Formulaire d’envoi invalide : ${problem}. Rien n’a été enregistré.`, 400);

const missingFile = (fieldName: string): AppError =>
  new AppError('FILE_MISSING', `Aucun fichier reçu dans le champ « ${fieldName} » du formulaire.`, 400);
