// SFTP sessions with PassTrans (ssh2-sftp-client). SFTP has no SITE command: the routing travels with the PassTrans
// account itself (see the module README), so an upload is only the file. The server's host key is pinned by its
// SHA-256 fingerprint when the settings give one: a gateway that changed key is refused.
import { createHash } from 'node:crypto';
import SftpClient from 'ssh2-sftp-client';
import type { TreasuryEndpoint } from '../settings.ts';
import type { TreasuryConnection } from './connection-types.ts';

export async function openSftpConnection(endpoint: TreasuryEndpoint): Promise<TreasuryConnection> {
  const url = new URL(endpoint.url);
  // Its default listeners print every connection end; the failures reach us through the promises anyway.
  const client = new SftpClient('treasury', { end: () => undefined, close: () => undefined, error: () => undefined });
  const pinned = endpoint.hostKeySha256;
  await client.connect({
    host: url.hostname,
    port: url.port ? Number(url.port) : 22,
    username: decodeURIComponent(url.username),
    ...(endpoint.privateKeyPem
      ? { privateKey: endpoint.privateKeyPem }
      : { password: decodeURIComponent(url.password) }),
    readyTimeout: endpoint.timeoutMs,
    ...(pinned
      ? {
          hostVerifier: (key: Buffer) =>
            createHash('sha256').update(key).digest('base64').replace(/=+$/, '') === pinned,
        }
      : {}),
  });
  return {
    list: async (folder) =>
      (await client.list(folder)).map((f) => ({ name: f.name, size: f.size, isFile: f.type === '-' })),
    upload: async (body, path) => {
      await client.put(body, path);
    },
    download: async (path, into) => {
      await client.get(path, into);
    },
    remove: async (path) => {
      await client.delete(path);
    },
    close: async () => {
      await client.end();
    },
  };
}
