// Large files (acts, accounting flows, tender documents, bids, attachments): streamed, hashed and capped on the
// way in, kept on disk or in S3, recorded in `stored_files`. See README.md.
export { FILE_KIND_NAMES, FILE_KINDS, formatSize, isFileKind, type FileKind, type FileKindRule } from './kinds.ts';
export type { FileBackendName, FileStore, ObjectBackend, OpenedFile, PutOptions, StoredFile } from './types.ts';
export { createFileStore, type FileStoreDeps } from './file-store.ts';
export { diskBackend, type DiskBackend } from './disk-backend.ts';
export { s3Backend, type S3Backend, type S3Settings } from './s3-backend.ts';
export { fileStoreFromConfig } from './from-config.ts';
export { receiveUpload, type ReceivedUpload, type ReceiveUploadOptions } from './receive-upload.ts';
