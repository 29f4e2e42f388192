// One session with a treasury endpoint, whatever carries it: the DGFiP gateway over FTP (or FTP over TLS), or
// PassTrans over FTPS or SFTP. The transfers of treasury-transfer.ts are written once against this.
import type { TreasuryEndpoint } from '../settings.ts';
import { openFtpConnection } from './ftp-connection.ts';
import { openSftpConnection } from './sftp-connection.ts';
import { transportOf, type TreasuryConnection } from './connection-types.ts';

export { transportOf, type RemoteFile, type Routing, type TreasuryConnection } from './connection-types.ts';

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
