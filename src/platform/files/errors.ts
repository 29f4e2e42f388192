// The French answers of the file store and of the upload helper. Each says whether anything was kept.
import { AppError } from '../errors.ts';
import { FILE_KINDS, formatSize, type FileKind } from './kinds.ts';

const named = (fileName: string | undefined) => (fileName ? `Le fichier « ${fileName} »` : 'Le fichier');

export const fileTooLarge = (kind: FileKind, fileName: string | undefined): AppError => {
  const rule = FILE_KINDS[kind];
  return new AppError(
    'FILE_TOO_LARGE',
    `${named(fileName)} dépasse ${formatSize(rule.maxBytes)}, la taille maximale pour ${rule.label} : ` +
      `l’envoi a été interrompu et rien n’a été enregistré.`,
    413,
    { kind, maxBytes: rule.maxBytes },
  );
};

export const uploadInterrupted = (fileName: string | undefined): AppError =>
  new AppError(
    'UPLOAD_INTERRUPTED',
    `L’envoi ${fileName ? `du fichier « ${fileName} » ` : ''}a été interrompu avant la fin (connexion coupée ou ` +
      `formulaire incomplet) : rien n’a été enregistré. Renvoyez le fichier.`,
    400,
  );

export const storageUnavailable = (): AppError =>
  new AppError(
    'FILE_STORAGE_UNAVAILABLE',
    'Le stockage des fichiers est momentanément indisponible : rien n’a été enregistré. Réessayez dans quelques instants.',
    503,
  );

export const invalidFileMetadata = (field: 'mediaType' | 'fileName' | 'kind', problem: string): AppError =>
  new AppError('INVALID_FILE', `${FIELD_NAMES[field]} ${problem}`, 400, { field });

const FIELD_NAMES = {
  mediaType: 'Le type du fichier',
  fileName: 'Le nom du fichier',
  kind: 'La nature du fichier',
} as const;
