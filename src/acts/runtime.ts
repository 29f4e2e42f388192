// The transport of the acts module, built once at start: the ministry's HTTPS endpoint and the answers mailbox
// (real ones from the settings, or the demo ministry's), and the names the archives carry.
import type { Readable } from 'node:stream';
import type { ActsSettings } from './settings.ts';

export interface MinistryUpload {
  archiveName: string;
  size: number;
  open(): Promise<Readable>;
}

export interface MinistryClient {
  /** Posts one archive; resolves on the ministry's 200, throws otherwise (see transmission/ministry-client.ts). */
  upload(archive: MinistryUpload): Promise<void>;
}

export interface MailboxMessage {
  /** The mailbox's own handle of the message (IMAP UID, Maildir file name). */
  handle: string;
  raw: Buffer;
}

export interface Mailbox {
  /** The messages not handled yet, oldest first. */
  unread(): Promise<MailboxMessage[]>;
  /** Marks the message handled (seen), whatever the outcome: it is kept in the hub either way. */
  markHandled(handle: string): Promise<void>;
  close(): Promise<void>;
}

export interface ActsRuntime {
  settings: Pick<ActsSettings, 'trigram' | 'application' | 'pollSeconds'>;
  returnAddress: string;
  ministry: MinistryClient;
  /** Opens the answers mailbox for one reading. */
  openMailbox(): Promise<Mailbox>;
}
