import type { Readable } from 'node:stream';
import type { FileKind } from './kinds.ts';

export type FileBackendName = 'disk' | 's3';

/** One stored file: a row of `stored_files`. Its `id` is the key a module keeps. */
export interface StoredFile {
  id: string;
  kind: FileKind;
  /** Lowercase hex SHA-256 of the bytes, computed while they streamed in. */
  sha256: string;
  size: number;
  mediaType: string;
  fileName: string;
  backend: FileBackendName;
  owningStructureId: string | null;
  createdAt: Date;
}

export interface PutOptions {
  kind: FileKind;
  mediaType: string;
  fileName: string;
  /** The structure the file belongs to, when there is one (the verb checks who may read it). */
  owningStructureId?: string | null;
}

export interface OpenedFile {
  file: StoredFile;
  /** The bytes; the caller reads it to the end or destroys it. */
  stream: Readable;
}

export interface FileStore {
  readonly backend: FileBackendName;
  /**
   * Streams `source` into the store, SHA-256 and size computed on the way, and records it. Throws FILE_TOO_LARGE
   * (413) as soon as the kind's cap is passed and UPLOAD_INTERRUPTED when the source fails; then nothing is kept.
   */
  put(source: Readable | AsyncIterable<Uint8Array>, options: PutOptions): Promise<StoredFile>;
  /** The file and its bytes, or null when no file has this id. */
  get(id: string): Promise<OpenedFile | null>;
  /** The file's record without its bytes, or null. */
  head(id: string): Promise<StoredFile | null>;
  /**
   * Removes a file nothing refers to yet: an upload whose verb then failed. Bytes shared with another file stay.
   * Modules refer to kept files by a foreign key on `stored_files.id`, which refuses their deletion.
   * Returns false when no file had this id.
   */
  delete(id: string): Promise<boolean>;
}

/** Where the bytes live. A written object is invisible until `commit`, and `discard` leaves nothing. */
export interface ObjectBackend {
  readonly name: FileBackendName;
  /** Streams the bytes into a temporary object; on failure the partial object is removed before this rejects. */
  write(source: Readable, mediaType: string): Promise<PendingObject>;
  /** Opens a committed object; null when it is absent. */
  read(objectKey: string): Promise<Readable | null>;
  remove(objectKey: string): Promise<void>;
}

export interface PendingObject {
  /** Makes the bytes durable and visible; returns the key to read them with. */
  commit(sha256: string): Promise<string>;
  /** Drops the bytes, when the same content is already stored; does nothing once committed. */
  discard(): Promise<void>;
}
