// What every treasury transport offers (FTP, FTPS, SFTP), apart from how each one opens its session.
import type { Readable, Writable } from 'node:stream';
import type { TreasuryEndpoint } from '../settings.ts';

export interface Routing {
  pDest: string;
  pAppli: string;
  /** PES#{CodCol}#{IdPost}#{CodBud}, as S²LOW writes it. */
  pMsg: string;
}

export interface RemoteFile {
  name: string;
  size: number;
  isFile: boolean;
}

export interface TreasuryConnection {
  list(folder: string): Promise<RemoteFile[]>;
  /** Uploads `body` to `path`, after the routing the endpoint understands. */
  upload(body: Readable, path: string, routing: Routing): Promise<void>;
  download(path: string, into: Writable): Promise<void>;
  remove(path: string): Promise<void>;
  close(): Promise<void>;
}

export type TreasuryTransportKind = 'ftp' | 'ftps' | 'sftp';

/** The transport of an endpoint: said by its settings, or by its URL (sftp:// is SFTP, the rest the gateway). */
export const transportOf = (endpoint: TreasuryEndpoint): TreasuryTransportKind =>
  endpoint.transport ?? (endpoint.url.startsWith('sftp:') ? 'sftp' : 'ftp');
