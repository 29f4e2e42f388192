// One session with a treasury endpoint, whatever carries it: the DGFiP gateway over FTP (or FTP over TLS), or
// PassTrans over FTPS or SFTP. The transfers of treasury-transfer.ts are written once against this.
import type { Readable, Writable } from 'node:stream';
import type { TreasuryEndpoint } from '../settings.ts';
import { openFtpConnection } from './ftp-connection.ts';
import { openSftpConnection } from './sftp-connection.ts';

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

export async function withTreasury<T>(
  endpoint: TreasuryEndpoint,
  run: (connection: TreasuryConnection) => Promise<T>,
): Promise<T> {
  const connection =
    transportOf(endpoint) === 'sftp' ? await openSftpConnection(endpoint) : await openFtpConnection(endpoint);
  try {
    return await run(connection);
  } finally {
    await connection.close();
  }
}

export const remotePath = (folder: string, name: string): string =>
  `${folder.endsWith('/') ? folder : `${folder}/`}${name}`;
