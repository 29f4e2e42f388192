// A deposit's multipart body, streamed: every file part (fields `candidature` and `offre`, several of each) is
// encrypted as it arrives and stored as ciphertext; nothing in clear touches the disk or stays in memory. The clear
// bytes also stream to the antivirus on the way (the only moment they exist before opening); its verdict settles
// after the upload's end, so scanning never makes a bid late. On any failure the files already stored are removed
// and the error thrown.
import { Readable } from 'node:stream';
import type { ReadableStream as NodeReadableStream } from 'node:stream/web';
import busboy from 'busboy';
import { scanningTee, type Antivirus, type ScanVerdict } from '../../platform/antivirus/index.ts';
import { AppError } from '../../platform/errors.ts';
import type { FileStore } from '../../platform/files/index.ts';
import { isBidPart, type BidPart } from '../domain/index.ts';
import { sealingTransform, type SealedFileKeys } from '../sealing/bid-cipher.ts';

export interface ReceivedSealedFile extends SealedFileKeys {
  part: BidPart;
  fileName: string;
  mediaType: string;
  storedFileId: string;
  /** The antivirus verdict on the clear bytes; never rejects. */
  scan: Promise<ScanVerdict>;
}

const MAX_FILES = 50;

export async function receiveSealedFiles(
  request: Request,
  options: { store: FileStore; publicKeyPem: string; owningStructureId: string; antivirus: Antivirus },
): Promise<ReceivedSealedFile[]> {
  const contentType = request.headers.get('content-type') ?? '';
  if (!/^multipart\/form-data\s*;/i.test(contentType) || !request.body)
    throw new AppError(
      'UNSUPPORTED_MEDIA_TYPE',
      'Le pli s’envoie en formulaire multipart/form-data, les fichiers dans les champs « candidature » et « offre ».',
      415,
    );
  const parser = busboy({
    headers: { 'content-type': contentType },
    defParamCharset: 'utf8',
    limits: { files: MAX_FILES, fields: 10 },
  });
  const body = Readable.fromWeb(request.body as NodeReadableStream<Uint8Array>);
  const stored: Promise<ReceivedSealedFile>[] = [];

  const parsed = new Promise<void>((resolve, reject) => {
    const fail = (error: AppError) => reject(error);
    parser.on('file', (field, stream, info) => {
      if (!isBidPart(field)) {
        stream.resume();
        return fail(
          new AppError(
            'INVALID_MULTIPART',
            `Champ de fichier inconnu « ${field} » : « candidature » ou « offre ».`,
            400,
          ),
        );
      }
      const sealing = sealingTransform(options.publicKeyPem);
      const scanning = scanningTee(options.antivirus);
      stream.on('error', (e) => scanning.stream.destroy(e));
      scanning.stream.on('error', (e) => sealing.stream.destroy(e));
      const put = options.store
        .put(stream.pipe(scanning.stream).pipe(sealing.stream), {
          kind: 'bid',
          mediaType: 'application/octet-stream',
          fileName: info.filename ?? field,
          owningStructureId: options.owningStructureId,
        })
        .then((file) => ({
          ...sealing.keys(),
          part: field,
          fileName: info.filename || field,
          mediaType: info.mimeType || 'application/octet-stream',
          storedFileId: file.id,
          scan: scanning.verdict,
        }));
      put.catch(fail);
      stored.push(put);
    });
    parser.on('filesLimit', () =>
      fail(new AppError('INVALID_MULTIPART', `Un pli compte au plus ${MAX_FILES} fichiers.`, 400)),
    );
    parser.on('error', (error: Error) =>
      fail(
        /^Unexpected end of/.test(error.message)
          ? new AppError(
              'UPLOAD_INTERRUPTED',
              'L’envoi du pli a été interrompu : rien n’a été déposé, recommencez.',
              400,
            )
          : new AppError('INVALID_MULTIPART', `Formulaire d’envoi invalide : ${error.message}.`, 400),
      ),
    );
    parser.on('close', () => resolve());
    body.on('error', () =>
      fail(
        new AppError('UPLOAD_INTERRUPTED', 'L’envoi du pli a été interrompu : rien n’a été déposé, recommencez.', 400),
      ),
    );
    body.pipe(parser);
  });

  try {
    await parsed;
    const files = await Promise.all(stored);
    if (files.length === 0)
      throw new AppError('FILE_MISSING', 'Aucun fichier reçu : joignez la candidature et/ou l’offre.', 400);
    return files;
  } catch (error) {
    body.unpipe(parser);
    body.destroy();
    parser.destroy();
    const settled = await Promise.allSettled(stored);
    for (const s of settled) if (s.status === 'fulfilled') await options.store.delete(s.value.storedFileId);
    throw error;
  }
}
