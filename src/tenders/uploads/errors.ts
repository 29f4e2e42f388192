// The refusals of the resumable upload, in French, with the codes a client (or the page's script) acts on.
import { AppError } from '../../platform/errors.ts';

export const uploadNotFound = (): AppError =>
  new AppError(
    'UPLOAD_NOT_FOUND',
    'Envoi introuvable : cet envoi n’existe pas, a été supprimé, ou appartient à une autre entreprise.',
    404,
  );

export const uploadExpired = (expiresAt: Date): AppError =>
  new AppError(
    'UPLOAD_EXPIRED',
    `Cet envoi a expiré le ${expiresAt.toISOString()} sans être déposé : recommencez l’envoi du fichier.`,
    410,
  );

/** The offset the client sent is not where the stored bytes end: it asks (HEAD) and resumes from there. */
export const offsetMismatch = (sent: number, stored: number): AppError =>
  new AppError(
    'UPLOAD_OFFSET_MISMATCH',
    `Reprise à la mauvaise position : ${sent} octets annoncés (Upload-Offset), ${stored} octets sont enregistrés. ` +
      'Demandez la position (HEAD) puis reprenez.',
    409,
    { offset: stored },
  );

export const uploadAlreadyDeposited = (): AppError =>
  new AppError('UPLOAD_ALREADY_DEPOSITED', 'Ce fichier fait déjà partie d’un pli déposé : il ne change plus.', 409);

export const uploadIncomplete = (fileName: string, stored: number, length: number): AppError =>
  new AppError(
    'UPLOAD_INCOMPLETE',
    `Le fichier « ${fileName} » n’est pas entièrement envoyé (${stored} octets sur ${length}) : terminez son envoi.`,
    409,
  );

export const lengthExceeded = (length: number): AppError =>
  new AppError(
    'UPLOAD_LENGTH_EXCEEDED',
    `Le corps envoyé dépasse la taille annoncée du fichier (Upload-Length : ${length} octets).`,
    400,
  );

export const tusVersionRequired = (): AppError =>
  new AppError(
    'TUS_VERSION_UNSUPPORTED',
    'Protocole d’envoi non pris en charge : l’en-tête « Tus-Resumable: 1.0.0 » est requis.',
    412,
  );

export const invalidUploadHeader = (header: string, problem: string): AppError =>
  new AppError('INVALID_UPLOAD_HEADER', `En-tête « ${header} » invalide : ${problem}.`, 400, { header });

export const uploadConflict = (): AppError =>
  new AppError(
    'UPLOAD_CONFLICT',
    'Cet envoi a été repris par une autre connexion : demandez la position (HEAD) puis reprenez.',
    409,
  );
